"""Resolve quote speaker mentions to the named person (or organisation) they refer to.

No coreference model is involved; the rules are the ones a reader of news
applies:

* a name resolves to the fullest earlier form of that name ("Peskov" ->
  "Dmitry Peskov", "Mr. Wilkinson" -> "Andrew Wilkinson", "Okonkwo-Hart" ->
  "Samuel Okonkwo-Hart"), without titles or a nationality ("Irishman");
* a personal pronoun resolves to the nearest earlier person named outside
  quotation marks, preferring a subject and a person already quoted, and
  respecting gender when an honorific or an earlier pronoun gave it away; a
  speaker named like a person counts as one even when NER missed the name or
  called it an organisation ("Ernesto Ruiz Calvo, president of ..., said");
* a role noun ("the spokesperson") resolves to the person it was first
  attached to ("spokesperson Dmitry Peskov") or to a name in apposition ("The
  local Member of Parliament, Janet Oduya"), another definite description to
  a person named earlier in its paragraph, "it" and "the company" to the
  nearest organisation, other noun phrases to themselves ("the Kenya Red Cross");
* a floating quote inherits the speaker of the quote it continues.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from core.model import QuoteKind
from core.nlp.quote_rules import FoundQuote
from core.nlp.quote_speakers import DOCUMENT_NOUNS, find_speaker

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
                   "i": None, "we": None, "they": None, "you": None}
ORG_PRONOUNS = {"it", "they", "we"}
GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m",
            "she": "f", "her": "f", "hers": "f", "herself": "f"}
ORG_NOUNS = {"company", "department", "utility", "group", "agency", "firm", "government", "ministry",
             "organization", "organisation", "union", "association", "police", "office", "party",
             "board", "council", "commission", "court", "service", "authority", "club", "team",
             "network", "bank", "corporation", "committee", "campaign", "foundation", "institute",
             "university", "school", "city", "province", "state", "administration", "station"}
# Writings that speak for whoever put them out ("the statement said", "the study found")
WRITINGS = DOCUMENT_NOUNS | {"study", "survey", "poll", "analysis", "review", "research", "paper"}
# "the company" is the business last named even when its name lacks the word ("Kestrel
# Analytics"); "the government" or "the council" is not whichever organisation came last
BUSINESS_NOUNS = {"company", "firm", "utility", "corporation", "bank"}
NON_PERSON_NOUNS = {"study", "report", "survey", "poll", "data", "number", "figure", "analysis", "review",
                    "research", "document", "website", "site", "release", "statement", "tweet", "letter",
                    "email", "post", "message", "filing", "memo", "note", "paper", "article", "story", "video"}
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "lady", "queen", "sister"}
TITLES = MALE_TITLES | FEMALE_TITLES | {
    "dr", "dr.", "prof", "prof.", "justice", "judge", "president", "senator", "sen.", "rep.", "gov.",
    "governor", "minister", "premier", "mayor", "councillor", "councilor", "coach", "officer", "chief",
    "director", "secretary", "chancellor", "ambassador", "general", "gen.", "lt.", "sgt.", "capt.",
    "captain", "detective", "constable", "inspector", "commissioner", "spokesperson", "spokesman",
    "spokeswoman", "leader", "chairman", "chairwoman", "ceo", "mp", "mpp", "mla", "reverend", "rev.",
    "pope", "cardinal", "bishop", "rabbi", "imam", "attorney", "economist", "professor",
}
ORG_LABELS = {"ORG", "NORP", "GPE"}
SUBJECTS = {"nsubj", "nsubjpass"}
# Nationality nouns the small NER model takes into a name: "Irishman Conor Mulcahy"
DEMONYMS = {
    "irishman", "irishwoman", "englishman", "englishwoman", "frenchman", "frenchwoman", "dutchman",
    "dutchwoman", "welshman", "welshwoman", "scotsman", "scotswoman", "briton", "spaniard", "swede",
    "dane", "scot", "american", "canadian", "australian", "german", "italian", "brazilian",
    "mexican", "russian", "ukrainian", "argentine", "argentinian", "nigerian", "kenyan", "indian",
}


def _clean_name(span: Span) -> str:
    """Entity text without leading titles and a trailing possessive."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in TITLES:
        start += 1
    if span.end - start >= 3 and span.doc[start].lower_ in DEMONYMS:
        start += 1
    name = span.doc[start:span.end].text
    return re.sub(r"\s*['’]s?$", "", name).strip()


class SpeakerResolver:
    """Name registry, gender evidence and role nouns of one document, built once,
    then used to resolve each quote's speaker mention in text order."""

    def __init__(self, doc: Doc, in_quote_chars: list[tuple[int, int]]):
        self.doc = doc
        # spaCy rebuilds doc.text and doc.ents on every access: read them once
        self.text = doc.text
        self.ents = tuple(doc.ents)
        self._quoted = in_quote_chars
        self.persons: list[tuple[Span, str]] = []  # PERSON entities outside quotes, with clean name
        self.gender: dict[str, str] = {}
        self.orgs: list[Span] = [e for e in self.ents if e.label_ in ORG_LABELS]
        for ent in self.ents:
            if ent.label_ == "PERSON" and not self._inside_quote(ent.start_char):
                name = _clean_name(ent)
                if name and name[0].isupper():  # the small model tags the odd common noun
                    self.persons.append((ent, name))
        self._add_names_mislabelled_as_orgs()
        self._token_ends = {t.idx + len(t.text) for t in doc}
        self.mentions = self._person_mentions()
        self._learn_gender_from_titles()
        self._learn_gender_from_pronouns()
        self._person_names = {m[3] for m in self.mentions}
        self.role_of: dict[str, str] = self._roles()
        self._speakers: set[str] = set()
        self._speaker_of_cue: dict[int, str] = {}  # cue start -> resolved speaker, of the quotes resolved so far
        self._last_speaker: str | None = None

    def _inside_quote(self, char: int) -> bool:
        return any(s < char < e for s, e in self._quoted)

    # -- names ---------------------------------------------------------------
    def canonical(self, name: str, before: int | None = None) -> str:
        """The fullest form of ``name`` among the people named in the document."""
        words = name.split()
        if not words:
            return name
        last = words[-1].lower()
        best = name
        candidates = [n for e, n in self.persons if before is None or e.start_char < before] or \
            [n for _, n in self.persons]
        for cand in candidates:
            cw = cand.lower().split()
            if len(cw) > len(best.split()) and (cw[-1] == last or (len(words) == 1 and last in cw)):
                if len(words) == 1 or " ".join(cw[-len(words):]) == name.lower():
                    best = cand
        return best

    def _add_names_mislabelled_as_orgs(self) -> None:
        """ "Nadia Rahimi" tagged ORG, later "Rahimi" tagged PERSON: the full form is a person."""
        single = {n for _, n in self.persons if " " not in n}
        for ent in self.ents:
            words = ent.text.split()
            if ent.label_ in ORG_LABELS and 2 <= len(words) <= 3 and words[-1] in single \
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in ent):
                self.persons.append((ent, ent.text))
        self.persons.sort(key=lambda p: p[0].start)

    def _person_mentions(self) -> list[tuple[int, int, Token, str]]:
        """(first token, end token, root, full name) of every person mention outside quotes.

        The small NER model tags a name at its first full mention but often
        misses later bare surnames ("Lonechild said ..."), so proper nouns that
        equal the surname of a known person count as mentions too.
        """
        mentions = [(e.start, e.end, e.root, self.canonical(n, before=e.end_char)) for e, n in self.persons]
        surnames = {}
        for _, n in self.persons:
            words = n.split()
            if len(words) > 1:
                surnames.setdefault(words[-1], n)
        covered = {i for e, _ in self.persons for i in range(e.start, e.end)}
        for tok in self.doc:
            if tok.pos_ != "PROPN" or tok.i in covered or self._inside_quote(tok.idx):
                continue
            for surname, name in surnames.items():
                # a hyphenated surname ("Okonkwo-Hart") is three tokens
                end = tok.idx + len(surname)
                if self.text.startswith(surname, tok.idx) and end in self._token_ends:
                    last = self.doc.char_span(tok.idx, end)
                    mentions.append((tok.i, last.end, last.root, self.canonical(name)))
                    break
        mentions.sort(key=lambda m: m[0])
        return mentions

    def _learn_gender_from_titles(self) -> None:
        for ent, name in self.persons:
            prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
            if prev in MALE_TITLES:
                self.gender[self.canonical(name)] = "m"
            elif prev in FEMALE_TITLES:
                self.gender[self.canonical(name)] = "f"

    def _learn_gender_from_pronouns(self) -> None:
        """Vote a person's gender from the he/she pronouns that follow a mention of them.

        A third-person pronoun within a short window after a person mention,
        with no other person named in between, usually refers to that person.
        """
        votes: dict[str, list[int]] = {}
        doc = self.doc
        ents = iter(self.mentions)
        nxt = next(ents, None)
        last: tuple[str, int] | None = None
        for tok in doc:
            while nxt is not None and nxt[0] <= tok.i:
                last = (nxt[3], nxt[1])
                nxt = next(ents, None)
            g = GENDERED.get(tok.lower_)
            if g and last and tok.i - last[1] <= 25 and not self._inside_quote(tok.idx):
                v = votes.setdefault(last[0], [0, 0])
                v[0 if g == "m" else 1] += 1
        for name, (m, f) in votes.items():
            if name not in self.gender and m != f:
                self.gender[name] = "m" if m > f else "f"

    def _roles(self) -> dict[str, str]:
        """Role nouns attached to a person: 'spokesperson Dmitry Peskov', 'Peskov, the spokesman'."""
        roles: dict[str, str] = {}
        for ent, name in self.persons:
            full = self.canonical(name)
            for tok in ent.root.children:
                if tok.dep_ in ("compound", "appos") and tok.pos_ in ("NOUN", "PROPN") \
                        and not tok.ent_type_:
                    roles.setdefault(tok.lemma_.lower(), full)
            if ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN":
                roles.setdefault(ent.root.head.lemma_.lower(), full)
            for i in range(max(0, ent.start - 3), ent.start):
                t = self.doc[i]
                if t.pos_ in ("NOUN", "PROPN") and not t.ent_type_ and ent.start <= t.head.i < ent.end:
                    roles.setdefault(t.lemma_.lower(), full)
        return roles

    # -- mentions ------------------------------------------------------------
    def _name_set_off_after(self, span: tuple[int, int]) -> Span | None:
        """ "the moderator, veteran broadcaster Rafael Ocampo, ...": a name set off by
        commas right after the mention, which the parser may not hang on it."""
        doc = self.doc
        mention = doc.char_span(span[0], span[1], alignment_mode="expand")
        if mention is None or mention.end >= len(doc) or doc[mention.end].text != ",":
            return None
        comma = doc[mention.end]
        for ent in self.ents:
            if ent.label_ == "PERSON" and comma.i < ent.start <= comma.i + 3 and ent.end < len(doc) \
                    and doc[ent.end].text == "," and all(t.pos_ in ("NOUN", "PROPN", "ADJ")
                                                        for t in doc[comma.i + 1:ent.start]):
                return ent
        return None

    def resolve_mention(self, head: Token, span: tuple[int, int]) -> str | None:
        """The name the mention ``span`` (headed by ``head``) refers to; None if unknown."""
        doc = self.doc
        ents = [e for e in self.ents if e.start_char < span[1] and span[0] < e.end_char]
        # a named person anywhere in the mention wins ("Oilers head coach Ken Hitchcock")
        for ent in ents:
            if ent.label_ == "PERSON" and ent.start <= head.i < ent.end:
                return self.canonical(_clean_name(ent), before=span[0])
        for child in head.children:  # "The council's head of libraries, Anil Varadarajan, told ..."
            if child.dep_ == "appos" and child.ent_type_ == "PERSON":  # also "Member of Parliament, ..."
                ent = next(e for e in self.ents if e.start <= child.i < e.end)
                return self.canonical(_clean_name(ent), before=ent.end_char)
        named = self._name_set_off_after(span)
        if named is not None:
            return self.canonical(_clean_name(named), before=named.end_char)
        name = None
        if head.pos_ == "PROPN":
            # the run of proper nouns ending at the head: "Toronto retiree Doug Purdy" -> "Doug Purdy"
            first = head.i
            while first > 0 and doc[first - 1].idx >= span[0] and doc[first - 1].lower_ not in TITLES and (
                    doc[first - 1].pos_ == "PROPN" or not doc[first - 1].whitespace_):  # "SNC-Lavalin"
                first -= 1
            name = doc[first:head.i + 1].text
            if name.isupper() and len(name) >= 2:  # "IRCC" -> "Immigration, Refugees and Citizenship Canada"
                expanded = self.expand_acronym(name, before=span[0])
                if expanded:
                    return expanded
            full = self.canonical(name, before=span[0])
            if full != name:  # a known person's surname, even if NER called it an ORG
                return full
        for ent in ents:
            if ent.label_ in ORG_LABELS and ent.start <= head.i < ent.end:
                return self.canonical_org(ent.text, before=span[0])
        lower = head.lower_
        if name:
            return name
        if lower in PERSON_PRONOUNS and head.pos_ == "PRON":
            person = self.antecedent(head, PERSON_PRONOUNS[lower])
            if person is None and lower in ORG_PRONOUNS:
                return self.nearest_org(head)
            return person
        if lower in ORG_PRONOUNS:
            return self.nearest_org(head)
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN":
            poss = [c for c in head.children if c.dep_ == "poss"]
            if lemma in DOCUMENT_NOUNS and poss:  # "her statement" speaks for her
                p = poss[0]
                return self.resolve_mention(p, (p.idx, p.idx + len(p.text)))
            author = self._author(head) if lemma in WRITINGS else None
            if author is not None:  # "The statement also said" after "X said in a statement"
                return author
            det = [c for c in head.children if c.dep_ == "det"]
            if det and det[0].lower_ in ("the", "this", "that"):
                if lemma in self.role_of:
                    return self.role_of[lemma]
                if lemma in ORG_NOUNS:  # "the company" -> the nearest organisation called "... Company"
                    named = self.nearest_org(head, containing=lemma)
                    if named is None and lemma in BUSINESS_NOUNS:  # else the last one named at all
                        named = self.nearest_org(head)
                    return named or self.text[span[0]:span[1]]
                if not poss and head.tag_ == "NN" and lemma not in NON_PERSON_NOUNS:  # "the 26-year-old right wing"
                    return self.antecedent(head, None, same_paragraph=True) or self.text[span[0]:span[1]]
        return self.text[span[0]:span[1]]

    def _author(self, writing: Token) -> str | None:
        """Who put out the writing a mention like "the statement" or "the study" names: the
        author of the last earlier writing of that kind ("X said in a statement", "a report
        by X", "X's report", "the Civic Action study") in the paragraphs just before."""
        lemma = writing.lemma_.lower()
        for tok in reversed(self.doc[max(0, writing.i - 300):writing.i]):
            if tok.lemma_.lower() != lemma or tok.pos_ != "NOUN":
                continue
            author = None
            for child in tok.children:
                if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_ in ("ORG", "PERSON")):
                    author = child
                elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                    author = next((g for g in child.children if g.dep_ == "pobj"), None) or author
            verb = tok.head.head
            if author is None and tok.dep_ == "pobj" and tok.head.lower_ == "in" and verb.pos_ == "VERB":
                if verb.idx in self._speaker_of_cue:  # "X said in a statement that ...", a quote of X's
                    return self._speaker_of_cue[verb.idx]
                author = find_speaker(verb)  # "Philip Cross wrote in a recent report"
            if author is None or author.pos_ == "PRON":
                return None  # the last such writing names no author: do not guess further back
            return self.resolve_mention(author, (author.left_edge.idx, author.idx + len(author.text)))
        return None

    def expand_acronym(self, acronym: str, before: int) -> str | None:
        """An earlier organisation whose capitalised words spell the acronym."""
        letters = acronym.replace(".", "").lower()
        for e in self.orgs:
            if e.start_char >= before:
                break
            initials = "".join(w[0] for w in re.findall(r"[A-Z][\w’']*", e.text)).lower()
            if initials == letters and len(e) > 1:
                return e.text
        return None

    def canonical_org(self, name: str, before: int) -> str:
        """The longest earlier organisation name starting with ``name`` ("Samsung" -> "Samsung Electronics Co.")."""
        best = name
        for e in self.orgs:
            if e.start_char >= before:
                break
            if len(e.text) > len(best) and e.text.lower().startswith(name.lower() + " "):
                best = e.text
        return best

    # Antecedent scoring (tuned on ggt_dev, see the report): points lost per 10
    # tokens of distance; points for a subject mention, for the last quote's
    # speaker or any earlier one; points lost when the gender is not known.
    W_DISTANCE, W_SUBJECT, W_LAST_SPEAKER, W_SPEAKER, W_UNKNOWN_GENDER = 1.0, 6, 4, 4, 3

    def antecedent(self, pron: Token, gender: str | None, same_paragraph: bool = False) -> str | None:
        """Nearest compatible earlier person: recency, subjects and quoted people preferred."""
        best = None
        best_score = -1e9
        paragraph_start = self.text.rfind("\n", 0, pron.idx) if same_paragraph else -1
        for start, end, root, full in self.mentions:
            if start >= pron.i:
                break
            if self.doc[start].idx < paragraph_start:
                continue
            g = self.gender.get(full)
            if gender and g and g != gender:
                continue
            score = -self.W_DISTANCE * (pron.i - end) / 10
            if root.dep_ in SUBJECTS or (root.dep_ == "appos" and root.head.dep_ in SUBJECTS):
                score += self.W_SUBJECT  # also "The council's head of libraries, Anil Varadarajan, told" 
            if self._last_speaker and full.split()[-1] == self._last_speaker.split()[-1]:
                score += self.W_LAST_SPEAKER
            elif full in self._speakers:
                score += self.W_SPEAKER
            if gender and not g:
                score -= self.W_UNKNOWN_GENDER
            if score > best_score:
                best, best_score = full, score
        return best

    def nearest_org(self, tok: Token, containing: str | None = None) -> str | None:
        """The last organisation named before ``tok`` (whose name contains ``containing``)."""
        prev = [e for e in self.orgs if e.end <= tok.i and e.label_ == "ORG"
                and (containing is None or containing in e.text.lower())]
        return prev[-1].text if prev else None

    # -- all quotes ----------------------------------------------------------
    def resolve(self, quotes: list[FoundQuote]) -> None:
        """Fill ``resolved`` on every quote, in text order."""
        previous: str | None = None
        for q in quotes:
            if q.speaker_head is not None and q.speaker is not None:
                q.resolved = self.resolve_mention(self.doc[q.speaker_head], q.speaker)
                self._add_speaker_mention(q)
                if q.cue is not None and q.resolved:
                    self._speaker_of_cue[q.cue[0]] = q.resolved
            elif q.kind == QuoteKind.FLOATING or (q.speaker is None and q.cue is None):
                q.resolved = previous  # the speaker of the quote it continues
            if q.resolved:
                self._speakers.add(q.resolved)
                self._last_speaker = q.resolved
                previous = q.resolved


    def _add_speaker_mention(self, q: FoundQuote) -> None:
        """A speaker named by a name that NER missed or mislabelled ("Ernesto Ruiz
        Calvo" as an organisation) is a person mention for the pronouns after it."""
        head = self.doc[q.speaker_head]
        if head.pos_ != "PROPN":
            return  # a pronoun or role noun ("the spokesperson") names no one new
        if q.resolved not in self._person_names:
            if not self._untagged_full_name(head, q.resolved):
                return
            self._person_names.add(q.resolved)
        span = self.doc.char_span(q.speaker[0], q.speaker[1], alignment_mode="expand")
        if span is None or any(m[0] == span.start for m in self.mentions):
            return
        bisect.insort(self.mentions, (span.start, span.end, self.doc[q.speaker_head], q.resolved),
                      key=lambda m: m[0])

    def _untagged_full_name(self, head: Token, name: str | None) -> bool:
        """A speaker the NER missed or took for an organisation, named like a person:
        "Ernesto Ruiz Calvo, president of the growers' federation, said"."""
        words = (name or "").split()
        if head.pos_ != "PROPN" or not 2 <= len(words) <= 4 \
                or not all(w[:1].isupper() and w[1:2].islower() for w in words):
            return False
        with_title = any(c.dep_ == "appos" and c.lower_ in TITLES for c in head.children)
        return not head.ent_type_ or with_title


def resolve_speakers(doc: Doc, quotes: list[FoundQuote], quoted_chars: list[tuple[int, int]]) -> None:
    """Set ``resolved`` on each quote (in place). ``quoted_chars``: ranges inside quotation marks."""
    SpeakerResolver(doc, quoted_chars).resolve(quotes)
