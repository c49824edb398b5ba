"""Cue finding on the dependency parse: cue verbs and phrases with their content and speaker.

A cue is a verb from the lexicon with a content clause (ccomp: "said that
..."), an addressee plus infinitive ("urged European nations to ..."), an
object for verbs like "reiterate", the object of a preposition for verbs like
"warn against" (in noun_phrase_reports.py), a parenthetical use ("A, he said, B", in
parenthetical_cues.py), or a phrase: "according to X", "as stated by X", or a
speech noun ("Trump's claim that ...", in attribution_phrases.py).  The result
is token ranges (Cue, in cue.py); the speaker comes from quote_speakers.py, the
shapes of clauses from clause_shapes.py, and what counts as a quote is decided
in quote_rules.py.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from core.nlp.attribution_phrases import (
    according_to, attribution_phrase_at, noun_cue, particle_noun_cue, published_in, source_end,
)
from core.nlp.clause_shapes import (
    FINITE_TAGS,
    beyond_full_stop,
    complete_clause,
    head_range,
    interrupts_its_head,
    over_dash_aside,
    sentence_side,
    subjectless_after,
    subordinated,
    verb_tagged_noun,
    without_contrast,
)
from core.nlp.cue import Cue
from core.nlp.hearsay import hearsay_cues
from core.nlp.noun_phrase_reports import (
    ASKING_VERBS, naming_report, no_noun_phrase_report, phrase_end, preposition_report, told_story,
)
from core.nlp.parenthetical_cues import ParentheticalCues
from core.nlp.put_questions import unnamed_question
from core.nlp.quote_lexicon import CueLexicon
from core.nlp.quote_speakers import SUBJECT_DEPS, is_source, speaker_outside_quotes


def phrase_cue(lexicon: CueLexicon, verb: Token) -> bool:
    """ "as she put it", "made clear that": the verb reports with the word after it."""
    doc = verb.doc
    return verb.i + 1 < len(doc) and lexicon.is_phrase_cue(verb.lemma_, doc[verb.i + 1].text)


# --------------------------------------------------------------------------- #
# Parse-based cues
# --------------------------------------------------------------------------- #

class CueFinder(ParentheticalCues):
    """Finds the cues of one doc; ``in_quote[i]`` >= 0 marks tokens inside quotation marks,
    which are never cues (a quoted "I said" belongs to the quotation)."""

    def __init__(self, doc: Doc, lexicon: CueLexicon, in_quote: list[int]):
        self.doc = doc
        self.lex = lexicon
        self.in_quote = in_quote
        self.verbs = lexicon.all_verbs | lexicon.naming_verbs

    def cues(self) -> list[Cue]:
        """Every cue verb or phrase with content, in text order."""
        found = []
        for tok in self.doc:
            if self.in_quote[tok.i] >= 0:
                continue
            cue = None
            if attribution_phrase_at(self.doc, self.lex, tok.i):
                found += according_to(tok)
            elif hearsay := hearsay_cues(tok, self.lex):
                found += hearsay  # "reportedly", "it was announced that ...": no source given
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.particle_verbs and (
                    phrase := particle_noun_cue(tok, self.lex, self.in_quote)):
                cue = phrase  # "its calls for Silicon Valley to ...", as the verb "call for"
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.speech_nouns and (
                    phrase := noun_cue(tok, self.lex, self.in_quote)) is not None:
                cue = phrase
            elif (tok.lemma_.lower() in self.verbs or phrase_cue(self.lex, tok)) and (
                    tok.pos_ == "VERB" or verb_tagged_noun(tok)):
                if halves := self._split_subject(tok):
                    found += halves
                    continue
                question = unnamed_question(tok)
                cue = self._verb_cue(tok) if question is None else self._question_cue(tok, *question)
                if cue is None:
                    found += self._parenthetical(tok)
                elif cue.last < tok.i:
                    interrupted = interrupts_its_head(tok)
                    right = self._continuation(tok, cue, need_verb=not interrupted)
                    if right is not None:
                        found.append(right)
                    if interrupted:
                        # "This campaign, he says, is different": both halves are quotes,
                        # however short
                        cue.short_ok = True
                        if right is not None:
                            right.short_ok = True
                else:
                    left = self._left_half(tok, cue)
                    if left is not None:
                        found.append(left)
                    if tok.dep_ == "relcl" and cue.first > tok.i and self.doc[cue.first].pos_ in ("VERB", "AUX"):
                        cue.short_ok = True  # "six deaths that Lohmar said are unrelated"
            if cue is not None:
                found.append(cue)
        return found

    def _not_reported(self, verb: Token, clause: Token) -> bool:
        """A clause the parser calls a complement that is none: "said before he died"
        tells when, and in "We have been here before: X declared war" the writer
        speaks before the colon."""
        doc = self.doc
        if any(m.dep_ == "mark" and m.lower_ in ("before", "after", "until", "once") for m in clause.children):
            return True
        end = clause.right_edge.i
        return clause.i < verb.i and any(t.text in (":", ";") for t in doc[end:min(end + 2, verb.i)])

    def _content_range(self, verb: Token) -> tuple[int, int] | None:
        """Inclusive token range of what the verb reports, or None."""
        lemma = verb.lemma_.lower()
        children = list(verb.children)
        deps = {c.dep_: c for c in children}
        lex = self.lex
        phrase = phrase_cue(self.lex, verb)
        speech = lemma in lex.speech_verbs or phrase
        named = naming_report(lex, verb)
        if named is not None:
            return named
        if lemma in lex.particle_verbs:
            parts = lex.particle_verbs[lemma]
            # "called for Trump to drop out": the parser makes "for ... to" a clause of its own
            for c in children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in parts and m.i == verb.i + 1
                                             for m in c.children):
                    return verb.i + 2, c.right_edge.i
            # a preposition after the object is not the verb's ("called elections for May")
            prt = [c for c in children if c.lower_ in parts and c.i > verb.i and (c.dep_ == "prt" or (
                c.dep_ == "prep" and all(t.pos_ in ("ADV", "PART") for t in self.doc[verb.i + 1:c.i])))]
            if not prt and "ccomp" not in deps:
                return None
            if prt:  # (the parser may call "on" of "called on police to ..." a particle)
                pobj = [c for c in prt[0].children if c.dep_ in ("pobj", "pcomp")]
                xcomp = deps.get("xcomp")
                if pobj and xcomp is not None and xcomp.i > pobj[0].i:
                    return pobj[0].left_edge.i, xcomp.right_edge.i
                if pobj:
                    return pobj[0].left_edge.i, phrase_end(verb, pobj[0].right_edge.i)
        if speech:
            # Several ccomps happen with datelines ("OTTAWA — X says ..."): take the
            # first one after the verb, else the longest before it ("..., X said").
            # A ccomp that is itself a cue is a coordinated report ("..., and a third said ...").
            clauses = [c for c in children if c.dep_ == "ccomp" and not subjectless_after(verb, c)
                       and not beyond_full_stop(verb, c)
                       and not (phrase and c.i == verb.i + 1)  # "clear" of "made clear"
                       and not self._not_reported(verb, c)]
            if not clauses:
                # "said after the convention he would not ...": the parser takes the
                # clause for an adverbial one, but it has a subject and no conjunction
                clauses = [c for c in children if c.dep_ == "advcl" and c.i > verb.i and not subordinated(c)
                           and c.tag_ in FINITE_TAGS | {"VB"} and any(s.dep_ in SUBJECT_DEPS for s in c.children)]
            if not clauses and lemma in ASKING_VERBS:
                # "asked Sanders if he would endorse her": the parser takes the question
                # for a condition
                clauses = [c for c in children if c.dep_ == "advcl" and c.i > verb.i and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "whether") and m.i == c.left_edge.i for m in c.children)]
            # (but one right after the verb is what it reports: "he said she should call ...")
            own = [c for c in clauses if c.lemma_.lower() not in self.verbs or c.left_edge.i == verb.i + 1] or clauses
            after = [c for c in own if c.i > verb.i]
            if after:
                first, last = self._clause_range(verb, after[0])
                # "made clear the rules apply": the parser may hang "clear" in the clause
                return (verb.i + 2 if phrase and first == verb.i + 1 else first), last
            if own:
                return self._clause_range(verb, max(own, key=lambda c: c.right_edge.i - c.left_edge.i))
            x = deps.get("xcomp")
            # "said having X back was a boost"; a finite xcomp is a clause mislabelled
            # ("which she said represented all her emails")
            if x is not None and x.i > verb.i and (x.tag_ == "VBG" or x.tag_ in FINITE_TAGS - {"MD"}):
                return x.left_edge.i, x.right_edge.i
            # "continues to insist, most recently in an interview, that he ...": after an
            # aside the parser may make the that-clause the head of the cue's clause
            top = verb
            while top.dep_ == "xcomp" and top.head.i < top.i:
                top = top.head
            that = next((m for m in top.head.children if m.dep_ == "mark" and m.lower_ == "that"
                         and m.i > verb.i), None) if top.head.i > verb.i else None
            if that is not None and verb.doc[that.i - 1].text == "," and top.dep_ in ("ccomp", "advcl"):
                return that.i, top.head.right_edge.i
            # "told a meeting of leaders that few people understood ...", "yelling to
            # the officers that ...", "remind the audience he was ...": the parser
            # makes the reported clause a relative clause of the addressee
            for addressee in self._addressees(verb):
                for c in addressee.children:
                    if c.dep_ == "relcl" and complete_clause(c):
                        return c.left_edge.i, c.right_edge.i
            # "said for the first time that some emails ...": hung on a phrase of time
            for prep in (c for c in children if c.dep_ == "prep" and c.i > verb.i):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    for c in pobj.children:
                        if c.dep_ in ("relcl", "acl") and any(
                                m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                            return c.left_edge.i, c.right_edge.i
        if lemma in lex.speech_verbs and lemma not in lex.object_control_verbs and verb.dep_ not in ("acl", "amod"):
            # 'reported "2,521 shooting incidents"', 'proclaimed a goal of "Peace Through
            # Strength"': an object holding a quotation is the source's words (the
            # object of "told" is the listener, or a story; `a sign reading "..."` is
            # no one's)
            obj = deps.get("dobj")
            if obj is not None and obj.i > verb.i and any(
                    self.in_quote[i] >= 0 for i in range(obj.left_edge.i, obj.right_edge.i + 1)):
                return obj.left_edge.i, obj.right_edge.i
        if lemma in lex.object_control_verbs and "xcomp" in deps:
            x = deps["xcomp"]
            obj = deps.get("dobj")
            if obj is not None and obj.i < x.i:
                return obj.left_edge.i, x.right_edge.i
            if x.i > verb.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in x.children):
                return x.left_edge.i, x.right_edge.i
        if no_noun_phrase_report(lex, verb):
            return None
        if (lemma in lex.object_content_verbs or told_story(verb)) and "dobj" in deps:
            obj = deps["dobj"]
            words = obj.right_edge.i - obj.left_edge.i + 1  # "said yes" says nothing, unless topics count
            if obj.pos_ != "PRON" and words >= min(2, lex.min_report_words) and obj.i > verb.i:
                return obj.left_edge.i, phrase_end(verb, obj.right_edge.i)
        if speech:
            # Mis-parsed "McNeely said disease can complicate ...": the cue verb hangs
            # from the reported verb to its right and has no subject of its own.
            if verb.dep_ in ("advmod", "amod", "dep", "nsubj", "compound", "aux", "npadvmod") \
                    and verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX") and verb.i > 0 \
                    and verb.doc[verb.i - 1].pos_ in ("PROPN", "PRON"):
                return verb.i + 1, verb.head.right_edge.i
            # "The economy is strong, he said": the reported clause is the head (but not
            # in "... broadcast as the president announced ...": a subordinate clause of time)
            if verb.dep_ in ("parataxis", "conj", "advcl") and verb.head.i < verb.i and \
                    any(c.dep_ in SUBJECT_DEPS for c in children) and not subordinated(verb) and not (
                        verb.dep_ == "conj" and any(c.dep_ == "cc" and verb.head.i < c.i < verb.i
                                                    for c in verb.head.children)):
                return head_range(verb)
            # "Climate change, he often says, is the greatest threat": the part before
            # the attribution here, the part after it in _continuation (two quotes, as
            # annotators split them)
            if interrupts_its_head(verb):
                return verb.head.left_edge.i, verb.left_edge.i - 1
            # "Last week, the mayor said, the ferry sank": the parser gives the opening
            # phrase of time to the attribution; the report is what follows it
            comma = verb.right_edge.i + (verb.doc[verb.right_edge.i].text != ",")
            subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
            if (verb.dep_ in ("parataxis", "ccomp") or verb.dep_ == "advcl" and not subordinated(verb)) \
                    and verb.head.i > comma and verb.left_edge.i == verb.sent.start \
                    and verb.doc[comma].text == "," and subject is not None and not any(
                        t.pos_ in ("VERB", "AUX") for t in verb.doc[verb.left_edge.i:subject.left_edge.i]):
                return comma + 1, verb.head.right_edge.i
            # "..., as stated by X" / "as X said": the rest of the sentence is reported
            # (set off by a comma: "... social media as the president announced ..." is temporal)
            mark = next((c for c in children if c.dep_ == "mark" and c.lower_ == "as"), None)
            if verb.dep_ == "advcl" and mark is not None:
                doc, sent = verb.doc, verb.sent
                first, last = verb.left_edge.i, verb.right_edge.i
                # a conjunction may come first: "..., and as Comey noted, ...", "But as X said, ..."
                lead = first - 1 if first > sent.start and doc[first - 1].dep_ == "cc" else first
                comma_before = lead > sent.start and doc[lead - 1].text == ","
                comma_after = lead == sent.start and (
                    doc[last].text == "," or (last + 1 < len(doc) and doc[last + 1].text == ","))
                if comma_before or comma_after:
                    return sentence_side(sent, first, last)
            # "As stated by Dr. X, a professor ..., the debate ...": the parser may make the
            # opening attribution the root and hang the report on the source's name
            agent = next((c for c in children if c.dep_ == "agent"), None)
            pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if mark is not None and verb.dep_ == "ROOT" and pobj is not None:
                doc, sent = verb.doc, verb.sent  # Token.sent searches the doc: only here
                if all(t.is_punct or t.dep_ == "cc" for t in doc[sent.start:mark.i]):
                    first = source_end(pobj) + 1
                    if first < sent.end and doc[first].text == ",":
                        first += 1
                    if doc[first - 1].text == "," and first < sent.end - 2:
                        return first, sent.end - 1
        return preposition_report(lex, verb)

    def _addressees(self, verb: Token) -> list[Token]:
        """Who the verb speaks to, after it: the object of "told her", "warned them"
        (verbs whose object is a listener), or the object of "said to" / "yelled to"."""
        found = []
        for c in verb.children:
            if c.i < verb.i:
                continue
            if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP" and verb.lemma_.lower() in self.lex.object_control_verbs:
                found.append(c)
            elif c.dep_ in ("prep", "dative") and c.lower_ == "to":
                found += [g for g in c.children if g.dep_ == "pobj"]
        # "a meeting of harbour workers": the listeners may sit in an "of" phrase
        for tok in list(found):
            found += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
        return found

    def _clause_range(self, verb: Token, clause: Token) -> tuple[int, int]:
        doc = self.doc
        first, last = clause.left_edge.i, clause.right_edge.i
        if first <= verb.i <= last:
            # the clause spans the verb ("what they said was ..."): keep the side of
            # the clause's head, minus the verb's own other dependents on that side
            others = [c for c in verb.children if c.i != clause.i]
            if clause.i < verb.i:
                left = [c.left_edge.i for c in others if c.i < verb.i]
                last = min(left + [verb.i]) - 1
            else:
                right = [c.right_edge.i for c in others if verb.i < c.i < clause.left_edge.i]
                first = max(right + [verb.i]) + 1
        elif clause.i > verb.i:
            # the parser often hangs the rest of the report on the cue verb: a
            # subordinate clause ("said it did not include them, because ..."), a
            # relative clause it could not place ("said he wants to attack four
            # provisions in the tax code that address ..."), an apposition ("said
            # they would release two recordings, one captured by ...")
            for c in verb.children:
                if c.i <= last or c.dep_ in ("punct", "cc"):
                    continue
                if c.dep_ == "conj" and c.lemma_.lower() not in self.verbs and any(
                        s.dep_ in SUBJECT_DEPS for s in c.children) and all(
                        t.is_punct or t.dep_ == "cc" for t in doc[last + 1:c.left_edge.i]) \
                        and not any(attribution_phrase_at(doc, self.lex, i) for i in range(first, last)):
                    # "said that A, and B": a second clause with its own subject (but in
                    # "told her that A, according to X, but B" B is the narrator's)
                    last = c.right_edge.i
                elif c.dep_ in ("ccomp", "npadvmod", "appos", "dep") or (
                        c.dep_ == "advcl" and any(m.dep_ == "mark" for m in c.children)):
                    last = c.right_edge.i
                else:
                    break
        return first, last

    def _verb_cue(self, verb: Token) -> Cue | None:
        doc = verb.doc
        if verb.i >= 2 and doc[verb.i - 1].lower_ == "without" and doc[verb.i - 2].lemma_ == "go":
            return None  # "it goes without saying that ...": the writer's idiom
        if verb.lower_ == "mention" and verb.i >= 2 and doc[verb.i - 2].lower_ == "not" and doc[verb.i - 1].lower_ == "to":
            return None  # "..., not to mention X": the writer's idiom too
        if any(c.dep_ == "auxpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children):
            return None  # "he was told that ...": the subject is the addressee
        if verb.head.lemma_ == "let" and verb.head.i < verb.i and any(
                t.lower_ in ("'s", "’s", "us") for t in doc[verb.head.i + 1:verb.i]):
            return None  # "Let's say you think ...": a supposition ("Let me say" is speech)
        rng = self._content_range(verb)
        if rng is None:
            return None
        rng = without_contrast(doc, over_dash_aside(verb, rng))
        speaker = published_in(verb) or speaker_outside_quotes(verb, self.in_quote)
        if speaker is None and verb.i > 0 and doc[verb.i - 1].pos_ in ("PROPN", "PRON") \
                and doc[verb.i - 1].dep_ not in SUBJECT_DEPS and self.in_quote[verb.i - 1] < 0:
            speaker = doc[verb.i - 1]  # mis-parsed subject right before the verb
        if speaker is None:
            speaker = self._sentence_initial_person(verb)
        if speaker is not None and not is_source(speaker, self.lex):
            return None
        cue_first = verb
        # "as stated by X": the cue covers the marker and the preposition
        mark = [c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"]
        agent = [c for c in verb.children if c.dep_ == "agent"]
        if mark and agent and mark[0].i < verb.i:
            cue_first = mark[0]
            cue = (mark[0].idx, agent[0].idx + len(agent[0].text))
        else:
            cue = (cue_first.idx, verb.idx + len(verb.text))
        # the verb's particle belongs to the cue ("called for", "pointed out"), and so
        # does the preposition that introduces what it reports ("warned against")
        after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        lemma = verb.lemma_.lower()
        if after is not None and (after.dep_ == "prt" and after.head.i == verb.i or
                                  after.lower_ in self.lex.particle_verbs.get(lemma, ()) or
                                  (after.lower_ in self.lex.preposition_verbs.get(lemma, ()) and rng[0] == after.i + 1)
                                  or phrase_cue(self.lex, verb)):
            cue = (cue[0], after.idx + len(after.text))
        return Cue(cue, rng[0], rng[1], speaker, verb.i)

    def _question_cue(self, verb: Token, first: int, last: int, asker: Token | None) -> Cue:
        """The cue of a question put by someone the clause does not name ("Asked
        about X, ..."): no speaker, unless a "by" phrase names the asker after all."""
        doc = self.doc
        end = verb.idx + len(verb.text)
        if first == verb.i + 2 and doc[verb.i + 1].lower_ == "about":
            end = doc[verb.i + 1].idx + len(doc[verb.i + 1].text)
        return Cue((verb.idx, end), first, last, asker, verb.i, unsourced=asker is None)

    def _sentence_initial_person(self, verb: Token) -> Token | None:
        """The person named first in the verb's sentence, when the parse lost the
        subject ("Minister Declan Abara, speaking in ..., said ...")."""
        for ent in verb.sent.ents:
            if ent.start >= verb.i:
                break
            if ent.label_ == "PERSON" and ent.root.dep_ not in ("pobj", "poss") \
                    and not any(self.in_quote[t.i] >= 0 for t in ent):
                return ent[-1]
        return None
