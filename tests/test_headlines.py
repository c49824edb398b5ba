"""Attributions in a title-case headline, read by word shape (core/nlp/headlines.py)."""
import pytest

from core.nlp.quote_finder import quotes_from_doc
from tests.quote_articles import quote_parts, shared_pipeline

BODY = "\n\nThe harbour board met on Monday night."


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline()


def found(nlp, text):
    return quote_parts(text, quotes_from_doc(nlp(text)))


@pytest.mark.parametrize("headline,quote,speaker,cue", [
    ("Harbour Master Urges Council To Reopen The East Pier.", "Council To Reopen The East Pier",
     "Harbour Master", "Urges"),
    ("Dockers Union Calls On Mayor Reyes To Resign Over Ferry Timetable.",
     "Mayor Reyes To Resign Over Ferry Timetable", "Dockers Union", "Calls On"),
    # a label before the subject, an adverb after it, a second headline after a dash
    ("Wow: Councillor Ortiz Just Said Something Odd About The Ferry \u2013 You Will Not Believe It.",
     "Something Odd About The Ferry", "Councillor Ortiz", "Said"),
    # an opening phrase before the subject
    ("After The Storm, Mayor Reyes Promised A New Sea Wall For Eastquay.", "A New Sea Wall For Eastquay",
     "Mayor Reyes", "Promised"),
])
def test_a_title_case_headline_attributes_what_follows_its_verb(nlp, headline, quote, speaker, cue):
    assert found(nlp, headline + BODY)[0] == (quote, speaker, cue)


@pytest.mark.parametrize("headline", [
    "After The Storm, These 2 States Brace For More Rain.",  # a plural noun, not "state"
    "Ferry Chief Tells Dockers Union.",  # whom it was told to, not what
    "If The Mayor Says It, Eastquay Believes It.",  # a condition, not a report
])
def test_headlines_that_report_nothing(nlp, headline):
    assert found(nlp, headline + BODY) == []


def test_only_the_first_line_is_read_as_a_headline(nlp):
    text = "The harbour board met on Monday night.\n\nHarbour Master Urges Council To Reopen The East Pier."
    assert not any(cue == "Urges" and quote == "Council To Reopen The East Pier"
                   for quote, _, cue in found(nlp, text))
