"""Rules that find quotes, speakers and cues on a parsed spaCy Doc.

Two sources of evidence are combined:

1. the dependency parse: cue verbs and phrases with their content and
   speaker (see quote_cues.py);
2. quotation marks paired on the raw text (see quote_marks.py).

A parse-found content that is (almost) all inside quotation marks is a
direct quote, one that only contains a quoted fragment is mixed, the rest is
indirect.  Quoted segments that no cue verb governs get their cue from a small
window after or before them (`"...," she said` / `She said: "..."`), and a
quote without any cue that follows an attributed one becomes floating.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from core.model import QuoteKind
from core.nlp.clause_shapes import FINITE_TAGS, subordinated
from core.nlp.cue import Cue
from core.nlp.found_quotes import FoundQuote, drop_nested, link_floating
from core.nlp.headlines import headline_cue
from core.nlp.put_questions import QUESTION_OPENERS
from core.nlp.quote_cues import ASKING_VERBS, CueFinder, phrase_cue
from core.nlp.quote_lexicon import CueLexicon
from core.nlp.quote_marks import QuotedSegment, find_quoted_segments, looks_like_speech
from core.nlp.quote_speakers import (
    SENTENCE_END,
    find_speaker,
    is_break,
    is_quote_mark,
    speaker_outside_quotes,
    speaker_span,
    trim,
)


# --------------------------------------------------------------------------- #
# Assembling quotes
# --------------------------------------------------------------------------- #

def _quote_index(doc: Doc, segments: list[QuotedSegment]) -> list[int]:
    """For every token, the index of the quoted segment containing it, or -1."""
    idx = [-1] * len(doc)
    si = 0
    for tok in doc:
        while si < len(segments) and segments[si].end <= tok.idx:
            si += 1
        if si < len(segments) and segments[si].start <= tok.idx < segments[si].end:
            idx[tok.i] = si
    return idx


def _chars_outside(text: str, start: int, end: int, segs: list[QuotedSegment]) -> int:
    """Count letters/digits of [start, end) that are not inside any of ``segs``."""
    n = 0
    pos = start
    for s in sorted(segs, key=lambda s: s.start):
        n += sum(ch.isalnum() for ch in text[pos:max(pos, s.start)])
        pos = max(pos, s.end)
    n += sum(ch.isalnum() for ch in text[pos:end])
    return n


def _window_cue(doc: Doc, lexicon: CueLexicon, in_quote: list[int], seg_first: int, seg_last: int):
    """Find a cue verb right after or before a quoted segment (token range inclusive)."""
    verbs = lexicon.speech_verbs | lexicon.quotation_verbs
    # after: `"...," she said` / `"...," said Rowland` / `"...," Smith wrote in a note`
    # (a parenthesis does not count: `"...," Rep. Elijah E. Cummings (D-Md.) said`)
    # nor does an apposition set off by commas: `"...," Mr. Daniloff, now 81 and
    # retired in Cambridge, Mass., said by telephone`
    i, n, depth = seg_last + 1, 0, 0
    while i < len(doc) and n < 7 and in_quote[i] < 0 and not is_break(doc[i]):
        tok = doc[i]
        depth += (tok.text == "(") - (tok.text == ")")
        if tok.text == "," and n >= 1 and (verb := _after_apposition(doc, verbs, in_quote, i)) is not None:
            return verb
        if tok.pos_ == "VERB" and (tok.lemma_.lower() in verbs or phrase_cue(lexicon, tok) or
                                   (n <= 3 and any(c.dep_ == "nsubj" and _is_personal(c) for c in tok.children))):
            return tok
        i += 1
        n += depth == 0 and tok.text != ")"
    # before: `Peskov remarked, "..."` / `She told reporters: "..."`, also across the
    # paragraph break after a colon (`He said:` on a line of its own)
    i, n = seg_first - 1, 0
    while i >= 0 and n < 12 and in_quote[i] < 0:
        tok = doc[i]
        if is_break(tok):
            if i == 0 or doc[i - 1].text != ":":
                break
        elif tok.pos_ == "VERB" and (tok.lemma_.lower() in verbs or phrase_cue(lexicon, tok)):
            return tok
        i -= 1
        n += 1
    return None


def _after_apposition(doc: Doc, verbs: frozenset[str], in_quote: list[int], comma: int) -> Token | None:
    """The speech verb right after an apposition that opens at ``comma``, if any."""
    for i in range(comma + 1, min(len(doc) - 1, comma + 16)):
        nxt = doc[i + 1]
        # the tokenizer may split the period off "Vt." before a comma
        if in_quote[i] >= 0 or (is_break(doc[i]) and nxt.text != ","):
            return None
        if doc[i].text == "," and nxt.pos_ == "VERB" and nxt.lemma_.lower() in verbs:
            return nxt
    return None


def _named_before_apposition(doc: Doc, seg_last: int, verb: Token) -> Token | None:
    """ `"...," Mr. Abara, now 81 and retired, said`: the name before the apposition
    is the speaker, whatever the parser made of the apposition."""
    if verb.i <= seg_last:
        return None
    comma = next((i for i in range(seg_last + 2, verb.i - 1) if doc[i].text == ","), None)
    if comma is None or not all(t.pos_ == "PROPN" for t in doc[seg_last + 1:comma] if not t.is_punct):
        return None
    return doc[comma - 1] if doc[comma - 1].pos_ == "PROPN" else None


def _cue_chars(doc: Doc, lexicon: CueLexicon, verb: Token) -> tuple[int, int]:
    """Character span of a cue verb, with the word that makes it one ("put it")."""
    last = doc[verb.i + 1] if phrase_cue(lexicon, verb) else verb
    return verb.idx, last.idx + len(last.text)


def _naming_cue(doc: Doc, lexicon: CueLexicon, seg_first: int) -> Token | None:
    """A naming verb with a source shortly before a quotation ("X called it ..."),
    not a passive label ("a campaign called ...") or a nickname."""
    # an aside between commas does not count: `a venue his aides describe, only
    # half in jest, as "the biggest stage ..."`
    i, n, aside = seg_first - 1, 0, False
    while i >= max(0, seg_first - 15) and n < 5:
        tok = doc[i]
        i -= 1
        if is_break(tok):
            return None
        if tok.text == ",":
            aside = not aside
            continue
        n += not aside
        if tok.pos_ == "VERB" and tok.lemma_.lower() in lexicon.naming_verbs:
            if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
                return None
            spk = find_speaker(tok)
            return tok if spk is not None and _is_source(spk) else None
    return None


def _is_source(tok: Token) -> bool:
    """A name, a personal pronoun or an organisation word."""
    return _is_personal(tok) or tok.ent_type_ in ("ORG", "NORP") or tok.pos_ == "NOUN"


def _is_personal(tok: Token) -> bool:
    """A name or a personal pronoun: the only subjects trusted with an unknown verb."""
    return tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" or tok.lower_ in {"he", "she", "i", "we", "they"}


def _token_range(doc: Doc, seg: QuotedSegment) -> tuple[int, int] | None:
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end - 1


def find_quotes(doc: Doc, lexicon: CueLexicon, max_floating_gap: int = 1,
                extra: list[FoundQuote] | None = None) -> list[FoundQuote]:
    """All quotes of a parsed doc, in text order (speakers not yet resolved).

    ``max_floating_gap``: a cue-less quote continues the previous quote's
    speaker if at most this many paragraph breaks separate them.  ``extra``:
    quotes found by other means (signatures), merged before overlaps are settled.
    """
    assembler = _Assembler(doc, lexicon)
    cues = CueFinder(doc, lexicon, assembler.in_quote).cues()
    headline = headline_cue(doc, lexicon)
    if headline is not None and not any(c.cue[0] < doc[headline.last].idx for c in cues):
        cues.insert(0, headline)  # (only where the parse found nothing in the headline)
    _cut_participles(doc, cues)
    for cue in cues:
        assembler.add_cue(cue)
    for si in range(len(assembler.segments)):
        assembler.add_segment(si)
    quotes = assembler.quotes + list(assembler.seg_quote.values()) + list(extra or ())
    return link_floating(assembler.text, drop_nested(quotes), max_floating_gap)


class _Assembler:
    """Turns cues and quoted segments into quotes, keeping track of which
    segments are already direct quotes or absorbed into a mixed one."""

    def __init__(self, doc: Doc, lexicon: CueLexicon):
        self.doc = doc
        self.text = doc.text
        self.lexicon = lexicon
        self.segments = find_quoted_segments(self.text)
        self.in_quote = _quote_index(doc, self.segments)
        self.speech = _with_interrupted_openers(
            self.text, self.segments, [looks_like_speech(s.inner(self.text)) for s in self.segments])
        # the window around a quotation looks through nicknames and scare quotes:
        # `"...!" Scott's niece, state Del. Marcia "Cia" Price, shouted`
        short = {i for i, seg in enumerate(self.segments)
                 if not self.speech[i] and len(seg.inner(self.text).split()) <= 3}
        self.window_index = [-1 if q in short else q for q in self.in_quote]
        self.seg_quote: dict[int, FoundQuote] = {}  # segment index -> its direct quote
        self.absorbed: set[int] = set()  # segments inside a mixed quote
        self.quotes: list[FoundQuote] = []  # indirect and mixed quotes

    def add_cue(self, cue: Cue) -> None:
        """A parse cue: direct if its content is a quotation, else mixed or indirect."""
        doc, text, in_quote = self.doc, self.text, self.in_quote
        first, last = trim(doc, *_same_paragraph(doc, cue))
        first = _after_dateline(doc, first, last)
        if last < first:
            return
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        touched = sorted({in_quote[i] for i in range(first, last + 1) if in_quote[i] >= 0})
        segs = [self.segments[s] for s in touched]
        spk = cue.speaker
        speaker = cue.speaker_chars or (speaker_span(spk) if spk is not None else None)
        head = spk.i if spk is not None else None
        if spk is None and cue.verb >= 0 and doc[cue.verb].dep_ in ("acl", "amod"):
            return  # `a campaign called "Clean Quays"`: a name, nobody speaks
        if segs and _chars_outside(text, start, end, segs) <= 3:
            # the content is the quotation itself: direct quote(s) with this cue
            for s in touched:
                if s not in self.seg_quote and s not in self.absorbed:
                    seg = self.segments[s]
                    self.seg_quote[s] = FoundQuote(seg.start, seg.end, QuoteKind.DIRECT, speaker, cue.cue, head)
            return
        if not cue.unsourced and (spk is None or speaker[0] <= start and end <= speaker[1]):
            return  # reported speech needs a source, other than itself (a headline run into the text)
        if _in_teaser(text, cue.cue[0]) or _shouted(doc, first):
            return  # "READ MORE: ..." / "WATCH: ..." headline teasers
        if not cue.short_ok and sum(not doc[i].is_punct for i in range(first, last + 1)) < self.lexicon.min_report_words:
            return
        if cue.unsourced:  # no source in the text ("Asked whether ...", "reportedly"): no speaker
            if not segs:
                self.quotes.append(FoundQuote(start, end, QuoteKind.INDIRECT, None, cue.cue, None))
            return
        reports_after = cue.verb >= 0 and first > cue.verb
        if reports_after and _embedded_question(doc[cue.verb], doc[first], spk is not None):
            return  # "would not say which MLAs ...", "asked if ...": a question, not a report
        if reports_after and _after_quotation(doc, in_quote, self.speech, cue, spk,
                                              self.absorbed | set(self.seg_quote)):
            return  # `"...," he said, eyes welling up`: the verb already attributes the quotation
        kind = QuoteKind.INDIRECT
        if segs:
            start, end = min(start, segs[0].start), max(end, segs[-1].end)
            self.absorbed.update(touched)
            for s in touched:
                self.seg_quote.pop(s, None)
            kind = QuoteKind.MIXED
        # no quote of its own inside another report: speech nobody made ("never said",
        # "would urge", "to admit"), or a noun phrase ("before he announced his bid")
        verb = doc[cue.verb] if cue.verb >= 0 else None
        only_alone = verb is not None and any(
            c.dep_ == "neg" or c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children) \
            or doc[first:last + 1].root.pos_ in ("NOUN", "PROPN", "PRON", "NUM")
        self.quotes.append(FoundQuote(start, end, kind, speaker, cue.cue, head, only_alone=only_alone))

    def _continues_report(self, si: int) -> bool:
        """ `claims that fraud is "a big problem" but "nobody talks about it."`: a
        quotation joined by a conjunction to a report that ends right before it
        is more of that report (which becomes mixed)."""
        seg = self.segments[si]
        for q in self.quotes:
            if q.end <= seg.start and _JOINING.fullmatch(self.text, q.end, seg.start):
                q.end, q.kind = seg.end, QuoteKind.MIXED
                self.absorbed.add(si)
                return True
        return False

    def add_segment(self, si: int) -> None:
        """A quotation no parse cue claimed: cue from a window, else floating."""
        if si in self.absorbed or si in self.seg_quote:
            return
        doc, seg = self.doc, self.segments[si]
        rng = _token_range(doc, seg)
        if rng is None:
            return
        if self._continues_report(si):
            return
        # Someone is said to have used the words: `called the allegation "false"`,
        # `described the offer as "fair, generous and final."`
        naming = _naming_cue(doc, self.lexicon, rng[0])
        if naming is not None:
            spk = find_speaker(naming)
            self.seg_quote[si] = FoundQuote(seg.start, seg.end, QuoteKind.DIRECT, speaker_span(spk), (
                naming.idx, naming.idx + len(naming.text)), spk.i)
            return
        verb = _window_cue(doc, self.lexicon, self.window_index, *rng)
        if not self.speech[si] and not _said_right_there(doc, self.text, seg, rng, verb):
            return  # a short quotation nobody is said to have used: a title, a scare quote
        if verb is None:
            if _opens_sentence(doc, rng[0]):
                self.seg_quote[si] = FoundQuote(seg.start, seg.end, QuoteKind.FLOATING)
            return
        spk = speaker_outside_quotes(verb, self.in_quote)
        named = _named_before_apposition(doc, rng[1], verb)
        if named is not None and (spk is None or spk.i > named.i):
            spk = named
        if spk is None and verb.dep_ == "acl":
            return  # `placards reading "People Before Robots"`: a sign, not a speaker
        start, kind = seg.start, QuoteKind.DIRECT
        before = doc[rng[0] - 1] if rng[0] > 0 else None
        if verb.i < rng[0] - 1 and before is not None and not (before.is_punct or before.is_space):
            # `says no matter what ... "his word ..."`: the quotation continues a
            # reported clause that starts after the cue, so the whole is mixed
            first, _ = trim(doc, verb.i + 1, rng[0])
            start, kind = doc[first].idx, QuoteKind.MIXED
            self.absorbed.add(si)
        self.seg_quote[si] = FoundQuote(start, seg.end, kind,
                                        speaker_span(spk) if spk is not None else None,
                                        _cue_chars(doc, self.lexicon, verb),
                                        spk.i if spk is not None else None)


_JOINING = re.compile(r"[\s,]*(?:but|and|or)\s*", re.IGNORECASE)


QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "query"}
# Links to other stories ("READ MORE: X says ..."), not reports; section labels such
# as "EARNINGS:" or "ANALYSIS:" do introduce real reports and are not listed.
_TEASER = re.compile(r"(?:READ MORE|WATCH|LISTEN|RELATED|VIDEO|PHOTOS|MORE)\s*[:|]")


_ATTRIBUTION_BETWEEN = re.compile(r"\s*[^\s.!?\"\u201c\u201d]+(?:\s+[^\s.!?\"\u201c\u201d]+){1,7}\s*,\s*")


def _with_interrupted_openers(text: str, segments: list[QuotedSegment], speech: list[bool]) -> list[bool]:
    """ `"Hopefully," the president said, "this museum ..."`: a short quotation that
    opens a sentence and ends in a comma is speech when an attribution joins it to a
    quotation that is (`Her song is "Harbour Lights," he said, "..."` names a title)."""
    out = list(speech)
    for i in range(len(segments) - 1):
        seg, nxt = segments[i], segments[i + 1]
        before = text[:seg.start].rstrip(" \t")
        opens = not before or before[-1] in ".!?:\n\"\u201d'"
        if not out[i] and opens and speech[i + 1] and seg.inner(text).rstrip().endswith(",") \
                and _ATTRIBUTION_BETWEEN.fullmatch(text, seg.end, nxt.start):
            out[i] = True
    return out


def _embedded_question(verb: Token, first: Token, sourced: bool = False) -> bool:
    """ "asked if ...", "did not say which ...", "wonders how ...": no statement is reported.
    ("said if elected he would ..." is a conditional report and stays.)"""
    if first.lower_ not in QUESTION_OPENERS:
        return False
    negated = any(c.dep_ == "neg" for c in verb.children)
    own_asker = any(c.dep_ == "nsubj" for c in verb.children)
    asker = own_asker or (  # "He shook hands and asked workers if"
        verb.dep_ == "conj" and any(c.dep_ == "nsubj" for c in verb.head.children))
    named = any(c.dep_ == "agent" for c in verb.children)  # "when asked by a reporter if ..."
    finite = verb.tag_ in FINITE_TAGS and asker and (own_asker or not subordinated(verb))
    # "Mitchell raised the issue, asking Sanders why ...": a participle's asker is its speaker
    participle = verb.tag_ == "VBG" and sourced
    if verb.lemma_.lower() in ASKING_VERBS and not negated and (named or finite or participle):
        # "Lawmakers asked whether ...", "when reporters asked if ...": a question someone
        # put is their words ("when asked if ...", or "one wonders how ...", is not)
        return False
    return negated or first.lower_ == "whether" or verb.lemma_.lower() in QUESTION_VERBS


def _said_right_there(doc: Doc, text: str, seg: QuotedSegment, rng: tuple[int, int], verb: Token | None) -> bool:
    """ `"Absolutely," he said.`, `Priebus said, "Probably."`: a quotation of a word or
    two with its attribution right next to it, making a sentence of its own, is
    speech, not a scare quote."""
    inner = seg.inner(text).rstrip()
    if verb is None or not inner:
        return False
    if verb.i > rng[1]:
        between = doc[rng[1] + 1:verb.i]
        return inner.endswith(",") and _opens_sentence(doc, rng[0]) and len(between) <= 3 and all(
            t.pos_ in ("PROPN", "PRON", "DET", "NOUN") for t in between)
    after = doc[rng[1] + 1] if rng[1] + 1 < len(doc) else None
    return inner[-1] in ".!?" and doc[rng[0] - 1].text in (",", ":") and verb.i >= rng[0] - 2 and (
        after is None or is_break(after) or after.is_sent_start)


def _opens_sentence(doc: Doc, first: int) -> bool:
    """Whether the quotation starting at token ``first`` opens a sentence: a floating
    quote continues a speaker, while `went on about "how the system is rigged"`
    quotes words inside the writer's own sentence."""
    i = first - 1
    while i >= 0 and doc[i].is_space:
        if "\n" in doc[i].text:
            return True  # the quotation opens a line
        i -= 1
    if i < 0:
        return True
    prev = doc[i]
    return prev.text in SENTENCE_END or prev.text in (":", "…") or is_quote_mark(prev)


_DASHES = {"—", "–", "―", "-", "--"}


def _after_dateline(doc: Doc, first: int, last: int) -> int:
    """Skip a dateline that opens the content ("OTTAWA — ...", "WASHINGTON (AP) — ...")."""
    if not (doc[first].text.isupper() and len(doc[first].text) > 2):
        return first
    for i in range(first + 1, min(first + 12, last)):
        if doc[i].text in _DASHES:
            return trim(doc, i + 1, last)[0]
        if not (doc[i].text.isupper() or doc[i].is_punct or doc[i].like_num or doc[i].text[:1].isupper()):
            break
    return first


def _shouted(doc: Doc, first: int) -> bool:
    """Content that opens in capitals, as headlines and teasers do ("WATCH: ...",
    "TRUMP SAYS ..."), but not an acronym ("HLN's coverage would ...")."""
    words = [t for t in doc[first:first + 2] if not t.is_space]
    if len(words) == 2 and words[0].text.isupper() and len(words[0].text) > 2 and words[1].text == ":":
        return True
    # two words in capitals, hyphenated or not ("KNOW-WHAT — The head of ...")
    alpha = [t for t in doc[first:first + 4] if t.is_alpha][:2]
    return len(alpha) == 2 and len(alpha[0].text) > 2 and all(t.text.isupper() for t in alpha)


def _in_teaser(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a paragraph that opens like "READ MORE:" or "WATCH:"."""
    start = text.rfind("\n", 0, pos) + 1
    while start < pos and text[start] in " .":
        start += 1
    return bool(_TEASER.match(text, start))


def _after_quotation(doc: Doc, in_quote: list[int], speech: list[bool], cue: Cue, spk: Token | None,
                     claimed: set[int]) -> bool:
    """A speech-like quotation that no other cue claimed closes right before the cue
    (or its subject).  A claimed one is part of an earlier report: in `insisted that
    he has "expanded the party," claiming that ...` the participle reports anew."""
    # the speaker counts only as the verb's own subject: in `"...," he said, adding
    # that ...` the participle reports something new
    own = spk is not None and spk.head.i == cue.verb
    left = min(cue.verb, spk.i) if own else cue.verb
    for i in range(left - 1, max(-1, left - 4), -1):
        if in_quote[i] >= 0:
            # `"... round." She reiterated ...`: a quotation that ends its own sentence
            # does not share the next sentence's cue
            ends_sentence = i > 0 and doc[i - 1].text in SENTENCE_END
            return speech[in_quote[i]] and not ends_sentence and in_quote[i] not in claimed
        if not doc[i].is_punct:
            return False
    return False


def _same_paragraph(doc: Doc, cue: Cue) -> tuple[int, int]:
    """Clip a content range at paragraph breaks: the parser happily runs over
    headline lists, but a report never leaves the cue's paragraph."""
    anchor = cue.verb if cue.verb >= 0 else cue.first
    first, last = cue.first, cue.last
    for i in range(anchor - 1, first - 1, -1):
        if "\n" in doc[i].text:
            if i > last:  # the whole content lies in another paragraph
                return first, first - 1
            first = i + 1
            break
    for i in range(anchor + 1, last + 1):
        if "\n" in doc[i].text:
            if i < first:
                return first, first - 1
            last = i - 1
            break
    return first, last


def _cut_participles(doc: Doc, cues: list[Cue]) -> None:
    """ "A said that X, adding that Y": X ends where the participle's own report starts."""
    for inner in cues:
        if inner.verb < 0:
            continue
        v = doc[inner.verb]
        if not (v.tag_ == "VBG" or v.dep_ == "conj") or inner.first <= inner.verb:
            continue
        if v.head.pos_ == "ADP":
            continue  # "pilloried for acknowledging that ...": part of the outer report
        for outer in cues:
            if outer is not inner and outer.first < inner.verb <= outer.last:
                outer.last = inner.verb - 1
