"""Cues that are phrases rather than verbs: "according to X" and speech nouns.

"According to X" makes X the source and the rest of the sentence (or both sides
of it, set off by commas) the report; a speech noun ("Trump's claim that ...")
reports its clause as its owner's.  Used by quote_cues.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core.nlp.clause_shapes import sentence_side
from core.nlp.cue import Cue
from core.nlp.quote_lexicon import CueLexicon
from core.nlp.quote_speakers import is_break, is_source


def attribution_phrase_at(doc: Doc, lexicon: CueLexicon, i: int) -> bool:
    """Whether an "according to" phrase starts at token ``i``."""
    return i + 1 < len(doc) and (doc[i].lower_, doc[i + 1].lower_) in lexicon.attribution_prepositions


def source_end(pobj: Token) -> int:
    """Last token of the source in a sentence that opens with an attribution.

    "According to host Ana Ruiz, the move reeks of fear" may be parsed with the
    report as an apposition of the name; a real apposition is closed by a comma
    ("Ana Ruiz, a pilot, ...")."""
    doc = pobj.doc
    for c in doc[pobj.i + 1:pobj.right_edge.i + 1]:
        if c.dep_ != "appos" or doc[c.left_edge.i - 1].text != ",":
            continue
        after = c.right_edge.i + 1
        if after < len(doc) and doc[after].text == ",":
            continue
        return c.left_edge.i - 1
    return pobj.right_edge.i


def according_to(tok: Token) -> list[Cue]:
    """ "according to X" starting at ``tok``: X is the source, the rest of the
    sentence the report.

    In the middle of a sentence, set off by commas, the phrase reports both
    sides, as two quotes ("Since November, according to X, the police have ...")."""
    doc = tok.doc
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    cue = (tok.idx, to.idx + len(to.text))
    end = sent.end if pobj is None else pobj.i
    stop = next((t.i for t in doc[to.i + 1:end] if is_break(t)), None)
    if stop is not None or pobj is None:
        # "..., according to the F.A.A.\n\nMost people who own ...": the parser ran
        # on into the next sentence, or left the source at the end of its paragraph
        # unattached; the source is the last noun before the full stop
        pobj = next((t for t in reversed(doc[to.i + 1:end if stop is None else stop])
                     if t.pos_ in ("NOUN", "PROPN")), None)
        if pobj is None:
            return []
        first = _clause_start(sent, tok.i)
        return [Cue(cue, first, tok.i - 1, pobj)] if first < tok.i - 1 else []
    first = _clause_start(sent, tok.i)
    opens = all(t.is_punct or t.dep_ == "cc" for t in doc[first:tok.i])
    if not opens and doc[tok.i - 1].text == ",":
        closing = pobj.right_edge.i + 1
        if closing < sent.end - 2 and doc[closing].text == "," and any(
                t.pos_ in ("VERB", "AUX") for t in doc[closing + 1:sent.end]):
            return [Cue(cue, first, tok.i - 2, pobj, short_ok=True),
                    Cue(cue, closing + 1, sent.end - 1, pobj)]
        if tok.i - 2 > first:
            # "X, according to a poll last week - virtually the same as ...": what
            # follows the source is the writer's comment
            return [Cue(cue, first, tok.i - 2, pobj)]
    end = source_end(pobj) if opens else pobj.right_edge.i
    first, last = sentence_side(doc[first:sent.end], tok.i, max(end, to.i))
    return [Cue(cue, first, last, pobj)]


def published_in(verb: Token) -> Token | None:
    """ "As reported in the Times, ...", "As stated in Davis' commentary, ...": a
    subjectless "as" cue names the writing it appeared in, which is the source."""
    deps = {c.dep_: c for c in verb.children}
    if verb.tag_ != "VBN" or deps.keys() & {"nsubj", "nsubjpass", "agent"} \
            or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
        return None
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "in" and c.i == verb.i + 1), None)
    return next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None


def _clause_start(sent: Span, i: int) -> int:
    """Where the sentence of token ``i`` starts, after any full stop or paragraph
    break the parser ran over ('... is toast.\n\nClinton leads ..., according to')."""
    doc = sent.doc
    return next((t.i + 1 for t in reversed(doc[sent.start:i]) if is_break(t)), sent.start)


# Verbs that make a speech noun their subject's words: "made the suggestion that ...",
# "gave assurances that ...", "issued a statement that ..."
_LIGHT_VERBS = frozenset({"deliver", "give", "issue", "make", "offer", "reiterate", "release", "renew",
                          "repeat", "send"})


def noun_cue(noun: Token, lexicon: CueLexicon, in_quote: list[int]) -> Cue | None:
    """ "Trump's claim that ...", "her acknowledgment that ...": a speech noun with
    a that-clause, whose owner is the source; a promise or a pledge also with a
    to-infinitive ("his promises to cut taxes").  The owner may also be the
    subject of a light verb ("he made the suggestion that ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:  # "warnings from his attorney that ...", "a statement by the ministry that ..."
        owner = next((g for p in noun.rights if p.dep_ == "prep" and p.lower_ in ("from", "by")
                      for g in p.children if g.dep_ == "pobj"), None)
    if owner is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _LIGHT_VERBS:
        owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    opener = ("that", "to") if noun.lemma_.lower() in lexicon.object_control_verbs else ("that",)
    clause = next((c for c in noun.children if c.dep_ == "acl" and c.i > noun.i and any(
        m.dep_ in ("mark", "aux") and m.lower_ in opener and m.i < c.i for m in c.children)), None)
    if clause is None:
        # "budget hawks' warnings that they would skyrocket": the parser may take "that"
        # for a relative pronoun, but a clause with a subject of its own is the content
        clause = next((c for c in noun.children if c.dep_ in ("acl", "relcl") and c.left_edge.i == noun.i + 1
                       and noun.doc[noun.i + 1].lower_ == "that" and any(
                           s.dep_ in ("nsubj", "nsubjpass") and s.lower_ != "that" for s in c.children)), None)
    if owner is None or clause is None or in_quote[owner.i] >= 0 or not is_source(owner, lexicon):
        return None
    return Cue((noun.idx, noun.idx + len(noun.text)), clause.left_edge.i, clause.right_edge.i, owner, noun.i)


def particle_noun_cue(noun: Token, lexicon: CueLexicon, in_quote: list[int]) -> Cue | None:
    """ "renewed its calls for Silicon Valley to roll back encryption", "prompted calls
    for probes": the noun of a particle verb with "for" reports what the verb "call
    for" would; its owner, if any, is the source.  (Not with other particles: "a
    social call on the attorney general" is a visit.)"""
    doc = noun.doc
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if after is None or after.lower_ != "for" or "for" not in lexicon.particle_verbs.get(noun.lemma_.lower(), ()) \
            or in_quote[noun.i] >= 0:
        return None
    if after.dep_ == "mark":  # "calls for probes to determine ...": the parser makes it a clause
        first, last = after.i + 1, after.head.right_edge.i
    else:
        pobj = next((g for g in after.children if g.dep_ in ("pobj", "pcomp")), None)
        if after.head != noun or pobj is None or pobj.pos_ == "PRON":
            return None
        first, last = pobj.left_edge.i, after.right_edge.i
        # "calls for Silicon Valley to roll back ...": the infinitive may hang elsewhere
        to = doc[last + 1] if last + 1 < len(doc) else None
        if to is not None and to.lower_ == "to" and to.dep_ == "aux" and to.head.left_edge.i == to.i:
            last = to.head.right_edge.i
    if last < first:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return Cue((noun.idx, after.idx + len(after.text)), first, last, owner, noun.i, unsourced=owner is None)
