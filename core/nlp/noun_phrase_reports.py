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
    # Naming needs something named ("called him a coward"); without it the parser's
    # predicate is whom the verb phoned or summoned ("called a donor", "called a meeting"),
    # unless a quotation follows: the parser may lose the object of "called both the mayor
    # and her deputy \"reckless\""
    named = any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    for c in verb.children:
        if c.dep_ == "oprd" and c.i > verb.i and (named or any(t.is_quote for t in c.subtree)):
            return c.left_edge.i, c.right_edge.i
        if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i:  # "described her as ..."
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj.left_edge.i, pobj.right_edge.i
    return None


# What may follow a noun-phrase report and still belong to it: the small parser
# hangs "in the race for the nomination" or "as examples of ..." on the verb
_PHRASE_DEPS = frozenset({"prep", "oprd", "xcomp", "advcl", "ccomp"})


def phrase_end(verb: Token, last: int) -> int:
    """Last token of a noun-phrase report whose object ends at ``last``.

    "revealed a yawning gulf in the way the candidates approach the issue": the
    parser may give the phrases that complete the object to the verb; they belong
    to the report as long as they follow it without a break (a comma ends it:
    "..., adding that ...") and do not tell when it was said ("on Monday").  So
    does a second noun phrase joined to the first ("stressed fairness, and a need
    to raise wages"), which the parser may also hang on the verb.
    """
    doc = verb.doc
    for c in verb.rights:
        if c.i <= last or c.dep_ in ("cc", "punct"):
            continue
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i > last + 1 \
                and all(t.is_punct or t.dep_ == "cc" for t in doc[last + 1:c.left_edge.i]) \
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
            last = c.right_edge.i
            continue
        if c.dep_ not in _PHRASE_DEPS or c.left_edge.i != last + 1 or _when(c):
            break
        last = c.right_edge.i
    return last


# Occasions of speaking: "in her speech to the council" tells where it was said
_OCCASIONS = frozenset({"address", "briefing", "conference", "debate", "hearing", "interview", "letter",
                        "meeting", "post", "rally", "remark", "speech", "statement", "tweet"})


def _when(phrase: Token) -> bool:
    """ "on Monday", "in March", "in her speech": when or where it was said."""
    return phrase.dep_ == "prep" and any(
        g.ent_type_ in ("DATE", "TIME") or (phrase.lower_ in ("at", "during", "in") and g.lemma_.lower() in _OCCASIONS)
        for g in phrase.children)


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
                return pobj.left_edge.i, phrase_end(verb, pobj.right_edge.i)
    return None


# What one tells that is no listener: "told a different tale", "tells the story of how ..."
_STORIES = frozenset({"anecdote", "joke", "lie", "story", "tale"})


def told_story(verb: Token) -> bool:
    """Whether "tell" has a story as its object, which is what was said (not one
    still to be told: "the old crews will tell stories about ...")."""
    return verb.lemma_.lower() == "tell" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _STORIES for c in verb.children) and not any(
        c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)
