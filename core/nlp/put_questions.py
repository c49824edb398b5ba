"""Questions put by someone the text does not name: "Asked whether she would run, ...".

News reports the questions reporters put to the people they quote, mostly
without naming the reporter: "Asked if he was ever bullied, the candidate said
no", "said when asked about the delay".  The question is reported speech, but
not the words of the one who answers it, so it is a quote without a speaker
mention (the attribution corpora annotate it so).  Used by CueFinder in
quote_cues.py.
"""
from __future__ import annotations

from spacy.tokens import Token

from core.nlp.noun_phrase_reports import ASKING_VERBS, phrase_end

# Words that open an embedded question ("asked whether ...", "asked what ...")
QUESTION_OPENERS = frozenset({"if", "whether", "what", "which", "who", "whom", "whose", "when", "where",
                              "why", "how"})


def unnamed_question(verb: Token) -> tuple[int, int, Token | None] | None:
    """Inclusive token range of the question an unnamed asker put, and the asker
    when a phrase after the topic names them after all ("Asked about the analysis
    by the moderator, ..."); None when the verb puts no such question.

    "Asked whether ...", "when asked about ...", "she was asked what ...": a
    participle of "ask" with no subject of its own and no "by X".  So is a
    request put ("Sanders was asked to name a decision ..."), but not one still
    to come ("hotels will be asked to cut consumption") or standing ("anyone with
    information is asked to call the police"), nor one inside a report
    (`he said they are asked to work longer`: the report's words).
    """
    # (the tagger may take an opening "Asked what ..., he says" for a past tense)
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.dep_ == "advcl")
    if verb.lemma_.lower() not in ASKING_VERBS or not participle \
            or any(c.dep_ in ("agent", "nsubj") for c in verb.children):
        return None
    doc = verb.doc
    for c in verb.rights:
        if c.dep_ in ("ccomp", "advcl") and doc[c.left_edge.i].lower_ in QUESTION_OPENERS:
            return c.left_edge.i, c.right_edge.i, None
    # (put: "was asked", "has been asked"; "anyone with information is asked to call" is an appeal)
    passive = any(c.dep_ == "auxpass" and c.tag_ in ("VBD", "VBN") for c in verb.children)
    if passive and not any(c.tag_ == "MD" for c in verb.children) \
            and not any(a.dep_ == "ccomp" for a in [verb, *verb.ancestors]):
        x = next((c for c in verb.rights if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
        if x is not None:
            return x.left_edge.i, x.right_edge.i, None
    # "when asked in May if he would ...": the parser may hang the question on the
    # clause the participle modifies, right after the participle's phrase
    after = verb.right_edge.i + 1
    if after < len(doc) and doc[after].lower_ in ("if", "whether") and doc[after].dep_ == "mark" \
            and doc[after].head.left_edge.i == after:
        return after, doc[after].head.right_edge.i, None
    # ("asked at a briefing about the plan": or hang "about" on the briefing, but
    # not "asked to comment on a story about the plan", a request)
    for c in (t for t in verb.subtree if t.i > verb.i):
        if c.dep_ == "prep" and c.lower_ == "about" and (
                c.head == verb or c.head.dep_ == "pobj" and c.head.head.head == verb):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or pobj.pos_ == "PRON":
                return None
            by = next((b for b in pobj.rights if b.dep_ == "prep" and b.lower_ == "by"), None)
            asker = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
            if asker is not None:
                return pobj.left_edge.i, by.i - 1, asker
            return pobj.left_edge.i, phrase_end(verb, pobj.right_edge.i), None
    return None
