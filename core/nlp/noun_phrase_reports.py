"""Reports that are a noun phrase rather than a clause.

"called the stop the single clearest reference point", "warned against
complacency", "complained about the noise": what was said is the object of a
naming verb or of the preposition after a speech verb.  Used by CueFinder in
quote_cues.py; the verbs and prepositions come from the cue lexicon.
"""
from __future__ import annotations

from spacy.tokens import Token

from core.nlp.quote_lexicon import CueLexicon

# Verbs whose clause may be a question someone put ("asked if ...")
ASKING_VERBS = frozenset({"ask", "inquire"})


def naming_report(lexicon: CueLexicon, verb: Token) -> tuple[int, int] | None:
    """Inclusive token range of what a naming verb calls something, or None.

    A name given is no report: "a program called Club Moo", "what he calls red tape".
    """
    if verb.lemma_.lower() not in lexicon.naming_verbs or verb.dep_ in ("acl", "amod") \
            or any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "oprd" and c.i > verb.i:
            return c.left_edge.i, c.right_edge.i
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i:  # "described her as ..."
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.left_edge.i, pobj.right_edge.i
    return None


def no_noun_phrase_report(lexicon: CueLexicon, verb: Token) -> bool:
    """Whether the verb's object or preposition says nothing of anyone's.

    "urged residents to respond to the plan": the verb is inside what an
    object-control verb reports.  "Asked about the plan, she said ...": the
    question is an unnamed reporter's, not the words of the one who answers.
    """
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lexicon.object_control_verbs:
        return True
    return verb.lemma_.lower() in ASKING_VERBS and verb.tag_ == "VBN" \
        and not any(c.dep_ == "agent" for c in verb.children)


def preposition_report(lexicon: CueLexicon, verb: Token) -> tuple[int, int] | None:
    """ "warned against complacency", "complained about the noise": with no clause,
    the object of the verb's preposition is what it reports (not a pronoun:
    "complained about it" says nothing)."""
    preps = lexicon.preposition_verbs.get(verb.lemma_.lower(), ())
    for c in verb.children:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in preps:
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.pos_ != "PRON" and not (  # "on Friday" is when, not what
                    c.lower_ in ("on", "for") and pobj.ent_type_ in ("DATE", "TIME")):
                return pobj.left_edge.i, pobj.right_edge.i
    return None
