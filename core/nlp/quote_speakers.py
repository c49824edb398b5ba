"""Speaker mentions on the dependency parse, and the token helpers cue finding shares.

The speaker of a cue verb is its subject, inherited through participles and
coordinations, resolved through relative pronouns, and never a word inside
quotation marks; the mention runs over the subject's left modifiers (and a
common noun's restricting phrase).  Which name a mention refers to is decided
later, in speaker_resolution.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from core.nlp.quote_lexicon import CueLexicon

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
SENTENCE_END = {".", "!", "?"}
# Writings that speak for their author ("her statement", "a letter saying ...")
DOCUMENT_NOUNS = {"statement", "tweet", "letter", "email", "e-mail", "post", "release", "message",
                  "account", "website", "note", "memo", "filing", "report", "article", "ad",
                  "advertisement", "editorial", "column"}
PERSONAL_PRONOUNS = {"i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them"}


# --------------------------------------------------------------------------- #
# Token helpers
# --------------------------------------------------------------------------- #

def is_break(tok: Token) -> bool:
    """Sentence-final punctuation or a paragraph break."""
    return tok.text in SENTENCE_END or "\n" in tok.text


def trim(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token range, and a dangling
    conjunction at its end (a leading "but" belongs to the report)."""
    while first <= last and (doc[first].is_punct or doc[first].is_space) and not is_quote_mark(doc[first]):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc") \
            and not is_quote_mark(doc[last]):
        last -= 1
    return first, last


def is_quote_mark(tok: Token) -> bool:
    """A double quotation mark token (curly, straight or typewriter '')."""
    return tok.text in {'"', "“", "”", "«", "»", "„", "''"}


def speaker_span(tok: Token) -> tuple[int, int]:
    """Character range of the mention headed by ``tok``: its left modifiers up to the head.

    Appositions and relative clauses to the right are left out ("Rowland,
    co-owner of ..." -> "Rowland"); a common noun keeps its restricting
    prepositional phrase or conjunct ("some in the Muslim community").
    """
    doc = tok.doc
    first = tok.left_edge.i
    # a left subtree that crosses a comma is an apposition or a parenthetical
    for i in range(tok.i - 1, first - 1, -1):
        if doc[i].text in {",", "(", ")", "/", "—", "–", ":", ";"} or doc[i].is_space or is_quote_mark(doc[i]):
            first = i + 1
            break
    first, _ = trim(doc, first, tok.i)
    last = tok.i
    # the parser may split a hyphenated name into two subjects: "Okafor-Hale said"
    while first >= 2 and _hyphen_joins(doc[first - 2], doc[first - 1]):
        first -= 2
    while last + 2 < len(doc) and _hyphen_joins(doc[last], doc[last + 1]):
        last += 2
    if tok.pos_ in ("NOUN", "PRON", "DET", "NUM", "ADJ") and tok.lower_ not in PERSONAL_PRONOUNS:
        # a common noun keeps what restricts it: "some in the Muslim community",
        # "lawyers and experts", "all those involved" (but no relative clause or apposition)
        for child in tok.rights:
            if child.dep_ == "acl" and any(c.dep_ == "ccomp" for c in child.children):
                break  # "a letter saying that ...": what the writing says is no part of it
            if child.dep_ in ("prep", "cc", "conj", "acl", "amod") and not any(
                    t.text in {",", "(", "—", "–"} for t in doc[last + 1:child.i]):
                # up to a comma inside it: "numbers from Statistics Canada, the rate ..."
                comma = next((t.i for t in doc[child.i + 1:child.right_edge.i + 1] if t.text == ","), None)
                if comma is not None:
                    last = comma - 1
                    break
                last = child.right_edge.i
            else:
                break
        _, last = trim(doc, tok.i, last)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _hyphen_joins(word: Token, hyphen: Token) -> bool:
    """``word`` and the word after ``hyphen`` are one hyphenated proper name."""
    nxt = hyphen.nbor(1) if hyphen.i + 1 < len(hyphen.doc) else None
    return hyphen.text in {"-", "\u2010"} and not word.whitespace_ and not hyphen.whitespace_ \
        and nxt is not None and word.pos_ == nxt.pos_ == "PROPN"


def speaker_outside_quotes(verb: Token, in_quote: list[int]) -> Token | None:
    """``find_speaker``, except that a cue outside quotation marks does not take a
    subject from inside them (`"... We will achieve justice," Chief Jordan said`:
    the parse may hang "We" on "said"). Then the name right before the verb, else
    the last person named shortly before it in its paragraph (the parse was broken
    there: `Doug Purdy, who lost 16 lbs. "and two belt loops" ..., says`)."""
    speaker = find_speaker(verb)
    if speaker is None or in_quote[speaker.i] < 0 or in_quote[verb.i] >= 0:
        return speaker
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and before.pos_ == "PROPN" and in_quote[before.i] < 0:
        return before
    people = [e for e in doc.ents if e.label_ == "PERSON" and verb.i - 30 <= e.start and e.end <= verb.i
              and in_quote[e.root.i] < 0 and not paragraph_between(e.root, verb)]
    return people[-1].root if people else None


def paragraph_between(a: Token, b: Token) -> bool:
    """Whether a line break separates two tokens."""
    first, last = sorted((a.i, b.i))
    return any("\n" in tok.text for tok in a.doc[first:last])


def find_speaker(verb: Token, depth: int = 0) -> Token | None:
    """The subject of a cue verb; inherited from the governing verb for
    participles and coordinations ("..., adding that ..."), resolved through
    relative pronouns ("Smith, who said ...")."""
    # "which she said represented ...": the relative pronoun belongs to the report
    # when the verb has a subject of its own
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.pos_ != "AUX"]
    own = [c for c in subjects if c.lower_ not in RELATIVE_PRONOUNS]
    # nearest first: in "PORT ALDEN — Port Alden police announced ..." the parser
    # makes the dateline a second subject
    for child in sorted(own or subjects, key=lambda c: abs(verb.i - c.i)):
        if paragraph_between(child, verb):
            continue  # "12:15 p.m.\n\nTrump says ...": the parse ran over a dateline
        if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return verb.head
        if child.dep_ == "nsubjpass":
            break  # "he was told": the subject is the addressee, look for an agent
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            for gc in child.children:
                if gc.dep_ == "pobj":
                    return gc
    for child in verb.lefts:
        # "Minister Declan Abara, speaking in ..., said": the small parser sometimes
        # labels a subject left of the verb as an object or modifier
        if child.dep_ in ("dobj", "npadvmod", "dep", "nmod") and child.pos_ in ("PROPN", "PRON"):
            return child
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return find_speaker(verb.head.head, depth + 1)  # "pitched himself by telling them that ..."
    if depth < 2 and verb.dep_ == "acl" and verb.head.dep_ == "dobj" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        # "never missed an opportunity to remind the audience ...", "took pains to say ..."
        return find_speaker(verb.head.head, depth + 1)
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lemma_.lower() in DOCUMENT_NOUNS:
        # "the campaign released a statement saying that ...": the writing speaks for
        # whoever put it out, else for itself
        writing = verb.head
        author = find_speaker(writing.head, depth + 1) if writing.dep_ == "dobj" and depth < 2 else None
        return author or writing
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.head.pos_ == "PROPN" \
            and verb.doc[verb.i - 1].text == "," and verb.head.i < verb.i:
        return verb.head  # "Mitt Romney, the 2012 nominee, tweeted: ...": taken for a participle
    if depth < 2 and verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
        head = verb.head
        if verb.dep_ == "xcomp" and head.dep_ == "acomp":
            head = head.head  # "voters are more likely to say ..."
        if verb.dep_ == "xcomp":
            # "he is poised to argue ...": the passive subject governs the infinitive
            passive = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive
        if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.head.i < head.i:
            # "She said the walkout would continue and urged ...": the parser puts the
            # second report inside the first one; its speaker is the first one's
            head = head.head
        return find_speaker(head, depth + 1)
    return None


def is_source(tok: Token, lexicon: CueLexicon) -> bool:
    """Sources are people, organisations and their writings, not the weather."""
    if tok.pos_ in ("PROPN", "PRON"):
        # "The New York Post reports": the last word of a longer name is no common noun
        named = tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.lefts)
        return named or tok.lower_ not in lexicon.inanimate_subjects
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return tok.lemma_.lower() not in lexicon.inanimate_subjects and tok.lower_ not in lexicon.inanimate_subjects
