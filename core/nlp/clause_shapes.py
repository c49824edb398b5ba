"""Shapes of clauses in the small parser's output that cue finding reads.

Pure functions of spaCy tokens: which clause a verb subordinates, which part of
a sentence an attribution leaves for the report, whether a clause the parser
called relative is a complete one.  Used by quote_cues.py and parenthetical_cues.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from core.nlp.quote_speakers import SUBJECT_DEPS, is_break

FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


def subordinated(verb: Token) -> bool:
    """An adverbial clause opened by a conjunction or a wh-adverb ("as ...", "after ...",
    "when ..."), which tells when or why rather than who said the main clause."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in verb.children
    )


def verb_tagged_noun(tok: Token) -> bool:
    """ "But Trump claims that ...": the small tagger takes the verb for a plural
    noun, yet the parse gives it a subject (or a name it calls a compound) and a
    content clause."""
    deps = {c.dep_ for c in tok.children}
    named = any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == tok.i - 1 for c in tok.children)
    return tok.tag_ == "NNS" and (bool(deps & SUBJECT_DEPS) or named) and "ccomp" in deps


def complete_clause(clause: Token, need_subject: bool = True) -> bool:
    """A clause with nothing missing, so not a relative clause after all: its own
    subject is no relative pronoun, and it opens with "that" as a conjunction or its
    verb has its object or complement ("the audience he was the only one")."""
    deps = {c.dep_: c for c in clause.children}
    subject = deps.get("nsubj") or deps.get("nsubjpass")
    if need_subject and (subject is None or subject.tag_ in ("WDT", "WP", "WP$") or subject.lower_ == "that"):
        return False
    if need_subject and "mark" in deps and deps["mark"].lower_ == "that":
        return True
    if set(deps) & {"dobj", "attr", "acomp", "oprd", "auxpass"}:
        return True
    return "xcomp" in deps and complete_clause(deps["xcomp"], need_subject=False)


def sentence_side(sent: Span, first: int, last: int) -> tuple[int, int]:
    """The longer part of ``sent`` before or after the token range [first, last]."""
    before = (sent.start, first - 1)
    after = (last + 1, sent.end - 1)
    return before if before[1] - before[0] >= after[1] - after[0] else after


def interrupts_its_head(verb: Token) -> bool:
    """ "X, he said, Y" where X and Y are one clause: a parenthetical attribution
    with its own subject, set off by commas, inside the clause it reports."""
    doc, head = verb.doc, verb.head
    first, last = verb.left_edge.i, verb.right_edge.i
    # the parse may give the commas to the verb or leave them outside
    comma_before = doc[first].text == "," or (first > 0 and doc[first - 1].text == ",")
    comma_after = doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ",")
    return (
        verb.dep_ == "parataxis" and head.right_edge.i > last and head.left_edge.i < first
        and any(c.dep_ in SUBJECT_DEPS for c in verb.children) and comma_before and comma_after
    )


def head_range(verb: Token) -> tuple[int, int] | None:
    """The clause the cue verb hangs from, minus the cue's own subtree."""
    head = verb.head
    if verb.i > head.i:
        first, last = head.left_edge.i, verb.left_edge.i - 1
    else:
        first, last = verb.right_edge.i + 1, head.right_edge.i
    return (first, last) if last >= first else None


def subjectless_after(verb: Token, clause: Token) -> bool:
    """ "Everything Trump says is a lie": a finite verb right after the cue, with no
    subject, means the cue sits inside the subject ("which she said represented
    ..." is a relative clause and keeps its report)."""
    return verb.dep_ != "relcl" and clause.i == verb.i + 1 and clause.tag_ in FINITE_TAGS and not any(
        c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in clause.children)


def beyond_full_stop(verb: Token, clause: Token) -> bool:
    """ "..., Mr. Van Voorhis said.\n\nC2I plans to ...": the parser may hang the
    next sentence on the cue verb; a clause after a full stop is not reported.
    Nor is one after the verb's own infinitive ("promising to lift regulations
    ― probably not what Graham had in mind"): the infinitive is the report."""
    doc = verb.doc
    return clause.i > verb.i and (any(is_break(t) for t in doc[verb.i + 1:clause.left_edge.i]) or any(
        c.dep_ == "xcomp" and verb.i < c.i < clause.left_edge.i and doc[c.i - 1].lower_ == "to"
        for c in verb.children))


def over_dash_aside(verb: Token, rng: tuple[int, int]) -> tuple[int, int]:
    """ "pledged to ban all Muslims — 1.6 billion people — from entering": the
    parser hangs an aside between dashes, and what follows it, on the cue verb;
    both belong to the report."""
    doc = verb.doc
    first, last = rng
    dash = last + 1
    if dash >= len(doc) or doc[dash].text not in ("—", "--", "–") or doc[dash].head.i != verb.i:
        return rng
    right = [c for c in verb.children if c.i > dash and c.dep_ not in ("punct", "cc", "conj")]
    if not right:
        return rng
    last = max(c.right_edge.i for c in right)
    while last > first and doc[last].is_punct:
        last -= 1
    return first, last


def without_contrast(doc: Doc, rng: tuple[int, int]) -> tuple[int, int]:
    """A report minus a contrast set off at its end ("said 4 in 10 prefer an
    outsider, while about 4 in 10 want experience"): the parser hangs the writer's
    comparison on the reported clause."""
    first, last = rng
    for t in doc[first + 2:last]:
        if t.lower_ in ("while", "whereas") and t.dep_ == "mark" and doc[t.i - 1].text == "," \
                and t.head.right_edge.i >= last and any(c.dep_ in SUBJECT_DEPS for c in t.head.children):
            return first, t.i - 2
    return rng
