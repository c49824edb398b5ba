"""Attributions in an article's title-case headline.

"Bernie Sanders Promises Action On Immigration In First 100 Days", "Trump Calls
On Obama To Resign": with every word capitalised, the small parser takes the
verb for part of a name and finds no report.  A headline is short and its
grammar is fixed (a subject, a verb in the present or past, what was said), so
it is read by word shape instead of by parse.  Used by find_quotes in
quote_rules.py when the parse found no cue in the headline.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from core.nlp.cue import Cue
from core.nlp.quote_lexicon import CueLexicon

# Capitalised words that end a headline's subject without being verbs of speech
_NOT_SUBJECT = frozenset({"after", "against", "as", "before", "how", "if", "once", "when", "while", "why"})
# Plural nouns that look like a verb in a headline ("These 2 States", "Media Reports")
_LOOKALIKES = frozenset({"reports", "states"})
# Where what was said ends: a second headline after a dash, a semicolon or a colon
_STOPS = frozenset({";", ":", "–", "—", "-", "|", "…"})
# Adverbs between a headline's subject and its verb ("Al Sharpton Just Said ...")
_ADVERBS = frozenset({"again", "also", "finally", "just", "now"})
_MAX_WORDS = 30  # a longer first line is a paragraph, not a headline
_IRREGULAR = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "writes": "write"}


def title_case(words: list[Token]) -> bool:
    """Whether most words of a line are capitalised, as in "Trump Calls On Obama To Resign"."""
    alpha = [t for t in words if t.is_alpha]
    return len(alpha) >= 4 and sum(t.text[0].isupper() for t in alpha) >= 0.6 * len(alpha)


def _lemma(word: str, verbs: frozenset[str]) -> str | None:
    """The cue lemma of an inflected verb form ("Urges", "Promised"), or None."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _LOOKALIKES:
        return None
    if w.endswith(("ies", "ied")):
        stems = (w[:-3] + "y",)  # "Denies", "Replied"
    elif w.endswith(("es", "ed")):
        stems = (w[:-1], w[:-2])  # "Urges", "Pushes", "Promised", "Called"
    else:
        stems = (w[:-1],) if w.endswith("s") else ()
    return next((stem for stem in stems if stem in verbs), None)


def headline_cue(doc: Doc, lexicon: CueLexicon) -> Cue | None:
    """The attribution in the doc's first line when it is a title-case headline."""
    verbs = lexicon.all_verbs
    end = next((t.i for t in doc if "\n" in t.text), len(doc))
    line = list(doc[:end])
    if len(line) > _MAX_WORDS or not title_case(line):
        return None
    start = 0
    for t in line:
        if t.text in _STOPS or t.text == ",":
            # "Wow: Al Sharpton Just Said ...", "After Obama's Speech, Trump Said ...":
            # the subject starts after a label or an opening phrase
            start = t.i + 1
            continue
        lemma = _lemma(t.text, verbs) if t.i > start and t.text[:1].isupper() else None
        if lemma is None:
            continue
        subject = [s for s in line[start:t.i] if s.is_alpha]
        if not subject or any(s.lower_ in _NOT_SUBJECT for s in subject) or not subject[-1].text[:1].isupper():
            return None
        first = t.i + 1
        cue_end = t
        if first < end and doc[first].lower_ in lexicon.particle_verbs.get(lemma, ()):
            cue_end, first = doc[first], first + 1  # "Calls On"
        last = next((s.i for s in line[first:] if s.text in _STOPS), end) - 1
        while last >= first and doc[last].is_punct and doc[last].text not in ("'", "’", '"', "”"):
            last -= 1
        # (two words after the verb are whom it was told to: "Howard Dean Tells Democratic Convention")
        if sum(s.is_alpha or s.like_num for s in doc[first:last + 1]) < 3 or doc[first].is_punct:
            return None
        speaker = next((s for s in reversed(subject) if s.lower_ not in _ADVERBS), None)
        if speaker is None:
            return None
        mention = (subject[0].idx, speaker.idx + len(speaker.text))
        return Cue((t.idx, cue_end.idx + len(cue_end.text)), first, last, speaker, t.i, speaker_chars=mention)
    return None
