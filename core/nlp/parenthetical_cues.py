"""Attributions set off by commas inside what they report: "A, he said, B".

Annotators count the two sides as two quotes, however short ("This campaign,
he says, is different").  The small parser reads such sentences in many ways,
so these cues come partly from the parse and partly from the surface.  A mixin
of CueFinder (quote_cues.py), which provides ``doc``, ``lex`` (the cue
lexicon), ``in_quote`` (segment index per token, -1 outside quotation marks)
and ``verbs`` (every lemma that can be a cue).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from core.nlp.clause_shapes import FINITE_TAGS
from core.nlp.cue import Cue
from core.nlp.quote_lexicon import CueLexicon
from core.nlp.quote_speakers import SUBJECT_DEPS, is_break, is_quote_mark, is_source

# Conjunctions of an adverbial clause that tell when something was said, not what
TEMPORAL_MARKS = {"as", "while", "when", "whenever", "after", "before", "once"}


class ParentheticalCues:
    """The two sides of a parenthetical attribution (mixed into CueFinder)."""

    doc: Doc
    lex: CueLexicon
    in_quote: list[int]
    verbs: frozenset[str]

    def _left_half(self, verb: Token, cue: Cue) -> Cue | None:
        """ "Trump is so reckless, the vice president said, that ...": a reported
        clause before a parenthetical cue that reports another one after it."""
        doc = self.doc
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < verb.i), None)
        if subject is None or cue.first <= verb.i or subject.left_edge.i < 2:
            return None
        comma = subject.left_edge.i - 1
        left = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i in (comma - 1, comma)), None)
        if left is None and verb.dep_ == "parataxis" and verb.head.i < comma:
            left = verb.head  # the parser may hang the attribution on the first clause
        # a clause of its own ("It makes a difference"), not an opening phrase the
        # parser took for one ("In a statement released after ...", "Sitting down with ...")
        if doc[comma].text != "," or left is None or self.in_quote[left.i] >= 0 \
                or left.tag_ not in FINITE_TAGS or any(c.dep_ == "mark" for c in left.children):
            return None
        own = next((c for c in left.children if c.dep_ in SUBJECT_DEPS and c.i < left.i), None)
        if own is None or own.left_edge.i != left.left_edge.i or own.tag_ == "VBG" or left.left_edge.i >= comma:
            return None  # the clause opens with its subject (not "Writing for a panel ...")
        return Cue(cue.cue, left.left_edge.i, comma - 1, cue.speaker, verb.i, short_ok=True)

    def _parenthetical(self, verb: Token) -> list[Cue]:
        """ "Though X, he said, Y": an attribution set off by commas whose parse the
        small model lost.  Read from the surface: both sides of ", <name> said," in
        its sentence are reported, or the sentence before a closing ", she said."."""
        doc, sent = self.doc, verb.sent
        if verb.lemma_.lower() not in self.lex.speech_verbs:
            return []
        # "These employees, Stumpf explained earlier in the hearing, were ...": a phrase
        # of time or place may come between the verb and its closing comma
        after = next((i for i in range(verb.i + 1, min(sent.end, verb.i + 9)) if doc[i].text == ","), None)
        closing = after is None and verb.tag_ in FINITE_TAGS and all(
            t.is_punct or t.is_space for t in doc[verb.i + 1:sent.end])
        if closing:
            after = verb.i + 1  # "..., she said." closes the sentence: only a left side
        if after is None or any(t.pos_ in ("VERB", "AUX") or self.in_quote[t.i] >= 0
                                for t in doc[verb.i + 1:after]) \
                or (after > verb.i + 1 and doc[verb.i + 1].pos_ not in ("ADV", "ADP")):
            return []  # not an object: "suggested a permissive approach, allowing ..."
        comma = next((i for i in range(verb.i - 1, max(sent.start, verb.i - 6) - 1, -1)
                      if doc[i].text == ","), None)
        if comma is None or comma == verb.i - 1:
            return []
        subject = doc[comma + 1:verb.i]
        if any(t.pos_ in ("VERB", "AUX") or self.in_quote[t.i] >= 0 for t in subject):
            return []
        head = subject.root
        if head.pos_ not in ("PROPN", "PRON", "NOUN") or head.tag_ in ("WP", "WDT") or not is_source(head, self.lex):
            return []  # "..., who writes about food on his blog, ..." is no attribution
        if closing and (head.dep_ not in SUBJECT_DEPS or head.head.i != verb.i):
            return []  # "..., a word Trump then repeated.": no source before the verb
        cue = (verb.idx, verb.idx + len(verb.text))

        def clause(first: int, last: int) -> bool:
            # a clause with a finite verb ("replacing her would be ..."), not a
            # participle telling what the speaker did ("raising her voice")
            part = doc[first:last + 1]
            return len(part) >= 3 and any(t.tag_ in FINITE_TAGS for t in part) \
                and doc[first].lower_ not in ("according", "as")

        left, right = (sent.start, comma - 1), (sent.end, sent.end - 1) if closing else (after + 1, sent.end - 1)
        found = []
        if clause(*left):
            found.append(Cue(cue, *left, head, verb.i))
        elif clause(*right) and doc[right[0]].tag_ in FINITE_TAGS and not any(
                t.pos_ in ("VERB", "AUX") for t in doc[left[0]:left[1] + 1]):
            # "These employees, he explained, were well paid": the subject stands
            # before the attribution, its verb after it: two halves, however short
            found.append(Cue(cue, *left, head, verb.i, short_ok=True))
        if clause(*right):
            found.append(Cue(cue, *right, head, verb.i))
        return found

    def _continuation(self, verb: Token, cue: Cue, need_verb: bool = True) -> Cue | None:
        """ "A, he said, but B" / "A, he said, until B": a parenthetical cue reports the
        rest of the sentence too, unless a participle tells what the speaker did.
        Without ``need_verb`` the rest may be verbless ("It was, he said, one of ...")."""
        doc = self.doc
        first = verb.right_edge.i + 1
        # "A, he said, because B": the parser may hang B on the cue verb itself (but
        # "..., she said, as she left" tells when she said it)
        reason = next((c for c in verb.rights if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ not in TEMPORAL_MARKS for m in c.children)), None)
        if reason is not None and doc[reason.left_edge.i - 1].text == ",":
            first = reason.left_edge.i
        # "A, the agency said in a report, and B paid ...": the parser may join B's
        # clause to the cue verb; one with a subject of its own is more of the report
        joined = next((c for c in verb.rights if c.dep_ == "conj" and c.lemma_.lower() not in self.verbs
                       and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                       and doc[c.left_edge.i - 1].dep_ == "cc" and doc[c.left_edge.i - 2].text == ","), None)
        if joined is not None and reason is None:
            first = joined.left_edge.i
        elif first < len(doc) and doc[first].text == ",":
            first += 1
        elif doc[first - 1].text != ",":
            return None
        # the parser may run the sentence on into the next one ('A, he said, B.
        # "C," he said.'): the report ends at the first full stop
        last = next((t.i for t in doc[first:verb.sent.end] if is_break(t) and self.in_quote[t.i] < 0),
                    verb.sent.end - 1)
        if first >= last or self.in_quote[first] >= 0:
            return None
        lead = doc[first]
        # a participle tacked on ("..., raising her voice") or another attribution
        if (lead.tag_ in ("VBG", "VBN") and lead.dep_ not in ("csubj", "nsubj")) or lead.lower_ in ("according", "as"):
            return None
        if need_verb and sum(t.pos_ in ("VERB", "AUX") for t in doc[first:last + 1]) == 0:
            return None
        rest = doc[first:last + 1]
        if len(rest) <= 6 and any(t.lemma_.lower() in self.verbs and any(
                c.dep_ in SUBJECT_DEPS and first <= c.i for c in t.children) for t in rest):
            return None  # "X indicated as much, the paper said": another attribution
        return Cue(cue.cue, first, last, cue.speaker, cue.verb)

    def _split_subject(self, verb: Token) -> list[Cue]:
        """ "The contrast with Trump, said Doyle, would be clear": an attribution set
        off by commas between a subject and its verb.  The parser takes the subject
        for the source's, so the source and both halves are read from the surface:
        a verbless phrase opening the sentence, ", <source> said," or ", said
        <source>,", then a finite verb that phrase is the subject of."""
        doc, sent = self.doc, verb.sent
        lemma = verb.lemma_.lower()
        if lemma not in self.lex.speech_verbs or lemma in self.lex.naming_verbs or verb.tag_ not in FINITE_TAGS:
            return []  # (", called the Legacy Fund," names the phrase before it)
        start = sent.start + (doc[sent.start].dep_ == "cc")  # "But the plan, he said, ..."
        opening = next((i for i in range(start, verb.i) if doc[i].text == ","), None)
        if opening is None or doc[start].pos_ not in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON") \
                or any(t.tag_ in FINITE_TAGS or t.tag_ in ("WDT", "WP") or self.in_quote[t.i] >= 0
                       for t in doc[start:verb.i]):
            return []
        # the comma that closes the attribution: the first one followed by a finite
        # verb, with no verb and no relative pronoun on the way ("said Paul Bauman, a
        # geophysicist at ..., is")
        closing = None
        for i in range(verb.i + 1, min(sent.end - 1, verb.i + 16)):
            tok = doc[i]
            if tok.tag_ in FINITE_TAGS or tok.tag_ in ("WDT", "WP") or self.in_quote[i] >= 0 or is_break(tok):
                return []
            if tok.text == ",":
                nxt = doc[i + 1]
                if (nxt.pos_ == "ADV" or is_quote_mark(nxt)) and i + 2 < sent.end:
                    nxt = doc[i + 2]  # ", he said, also had ...", ', he said, "hides ..."'
                if nxt.tag_ in FINITE_TAGS:
                    closing = i
                    break
        if closing is None:
            return []
        before, after = doc[opening + 1:verb.i], doc[verb.i + 1:closing]
        if len(before) and len(after) and (
                len(after) > 6 or doc[verb.i + 1].pos_ not in ("ADV", "ADP")
                or any(t.text == "," or t.lower_ == "that" for t in after)):
            return []  # "X, head of Y, said in an interview that ...": not this shape
        # "the mayor said" / "said Doyle and others" / "said Kofman, an expert on ...,"
        source = before if len(before) else doc[verb.i + 1:next((t.i for t in after if t.text == ","), closing)]
        if not len(source):
            return []
        head = source.root
        if head.pos_ not in ("PROPN", "PRON", "NOUN") or not is_source(head, self.lex):
            return []
        last = next((t.i for t in doc[closing + 1:sent.end] if is_break(t) and self.in_quote[t.i] < 0),
                    sent.end) - 1
        cue = (verb.idx, verb.idx + len(verb.text))
        left = Cue(cue, sent.start, opening - 1, head, verb.i, short_ok=True)  # (a leading "But" too)
        if self.in_quote[closing + 1] >= 0:
            return [left]  # the quotation after it is a quote of its own
        return [left, Cue(cue, closing + 1, last, head, verb.i, short_ok=True)]
