"""A new line starts a new sentence for the parser (core/nlp/line_breaks.py)."""
from __future__ import annotations

import pytest
import spacy

from core.nlp.line_breaks import LINE_BREAKS_NAME, mark_line_starts
from core.nlp.quote_finder import quotes_from_doc
from tests.quote_articles import shared_pipeline


def test_the_first_word_of_each_line_starts_a_sentence():
    doc = spacy.blank("en").make_doc("Harbour strike ends\n\n10:15 a.m.\nThe union said the dockers would\nreturn.")
    mark_line_starts(doc)
    starts = [tok.text for tok in doc if tok.is_sent_start and tok.i > 0]
    # "return" begins a line wrapped in the middle of a sentence
    assert starts == ["10:15", "The"]


@pytest.mark.slow
def test_the_parser_keeps_a_live_blog_entry_apart_from_the_next_one():
    nlp = shared_pipeline()
    assert nlp.pipe_names.index(LINE_BREAKS_NAME) == nlp.pipe_names.index("parser") - 1
    text = ("The mayor thanked the crews. She recalled the generosity of the fishing families during the "
            "storm.\n\n___.\n\n1:50 p.m.\n\nHarbour master Dana Whitlock once said: \u201cThe pier will outlast us all.\u201d")
    found = [(text[q.start:q.end], text[q.cue[0]:q.cue[1]]) for q in quotes_from_doc(nlp(text))]
    # without the break the parser joins "storm." to the timestamp and loses the report
    assert ("the generosity of the fishing families during the storm", "recalled") in found
    assert ("\u201cThe pier will outlast us all.\u201d", "said") in found
