"""Reports whose source the text does not give: "reportedly", "it was announced that".

"The club is reportedly spending $1.5 million on ads", "he allegedly brandished a
pistol", "it was revealed in March that she had used ...": the writer passes on
what someone said without saying who.  Each is a quote with its cue and no
speaker mention (the attribution corpora annotate them so), for the analyst to
attribute if the article names the source elsewhere.  Used by CueFinder in
quote_cues.py.
"""
from __future__ import annotations

from spacy.tokens import Token

from core.nlp.cue import Cue
from core.nlp.quote_lexicon import CueLexicon

# Adverbs that mark a clause as something someone else said
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})


def hearsay_cues(tok: Token, lexicon: CueLexicon) -> list[Cue]:
    """The cues of a report with no source that starts at ``tok`` (none, one, or two
    for the two sides of an adverb inside the clause)."""
    if tok.pos_ == "ADV":
        ranges = hearsay_adverb(tok)
    elif tok.pos_ == "VERB":
        ranges = [rng] if (rng := impersonal_report(tok, lexicon)) else []
    else:
        return []
    short = len(ranges) > 1
    return [Cue((tok.idx, tok.idx + len(tok.text)), *rng, None, tok.i, short_ok=short, unsourced=True)
            for rng in ranges]


def hearsay_adverb(adverb: Token) -> list[tuple[int, int]]:
    """Inclusive token ranges of the clause an adverb marks as hearsay.

    An adverb inside the clause splits it in two, however short the first side,
    as an attribution inside what it reports does ("The FBI is | reportedly |
    making arrangements ...": the corpora annotate the two sides)."""
    if adverb.lower_ not in HEARSAY_ADVERBS or adverb.dep_ != "advmod":
        return []
    doc, head = adverb.doc, adverb.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if head.i == adverb.i or subject is None or subject.tag_ in ("WDT", "WP") or subject.lower_ == "that":
        return []  # a clause with a subject of its own ("who allegedly ..." is a description,
        # "the gun he allegedly used to ..." is hearsay)
    first, last = head.left_edge.i, head.right_edge.i
    # "Reportedly, he ...", "And it allegedly ...": the clause starts after them
    while first < last and (doc[first].is_punct or doc[first].dep_ == "cc" or first == adverb.i):
        first += 1
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if last - first < 2:
        return []
    if first < adverb.i < last and head.dep_ != "ccomp":
        # (in "Police said the man allegedly stole ..." the clause is the police's report)
        return [(first, adverb.i - 1), (adverb.i + 1, last)]
    return [(first, last)]


def impersonal_report(verb: Token, lexicon: CueLexicon) -> tuple[int, int] | None:
    """ "it was announced that ...", "it has been reported that ...": a passive
    speech verb with an empty "it" for subject and no "by X"; the that-clause."""
    if verb.lemma_.lower() not in lexicon.speech_verbs or verb.tag_ != "VBN":
        return None
    deps = {c.dep_: c for c in verb.children}
    subject = deps.get("nsubjpass")
    if subject is None or subject.lower_ != "it" or "agent" in deps or "auxpass" not in deps:
        return None
    clause = next((c for c in verb.rights if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    return clause.left_edge.i, clause.right_edge.i
