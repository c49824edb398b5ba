"""The detector of blocks that are not the article (core/boundaries.py), on articles we wrote."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.boundaries import checked_ranges, detect_excluded_ranges
from core.errors import InputFormatError

SAMPLES = Path(__file__).parent.parent / "resources" / "samples"
SHARED_SAMPLE = Path(__file__).parent.parent.parent / "shared" / "samples" / "kremlin-peskov-article.txt"

HEADLINE = "Ferry operator cancels winter sailings to Inishcarra"
BODY = (
    "The ferry operator serving Inishcarra said on Monday that it would cancel all winter sailings, "
    "leaving the island's 600 residents with a single weekly supply boat.\n\n"
    "\"We cannot run a service that loses money every day,\" said the operator's director, Brigid Moran.\n"
)
RELATED = (
    "Related stories\n"
    "Island school to close after 140 years\n"
    "Storm damages pier at Carrow Point\n"
    "Fishermen protest new quota rules"
)


def block(text: str, first_line: str, last_line: str) -> tuple[int, int]:
    """The offsets a block from the start of ``first_line`` to the end of ``last_line`` should have."""
    start = text.index(first_line)
    return start, text.index(last_line, start) + len(last_line)


def test_a_related_stories_block_at_the_end_is_excluded_without_its_final_newline():
    text = f"{HEADLINE}\n\n{BODY}\n{RELATED}\n"
    start, end = block(text, "Related stories", "Fishermen protest new quota rules")
    assert detect_excluded_ranges(text) == [(start, end, "related stories")]
    assert text[end] == "\n"


def test_a_block_at_the_start_is_excluded_and_the_headline_kept():
    text = f"You may also like\nTram line reopens after repairs\nMayor opens new library\n\n{HEADLINE}\n\n{BODY}"
    start, end = block(text, "You may also like", "Mayor opens new library")
    assert detect_excluded_ranges(text) == [(start, end, "related stories")]


def test_a_block_in_the_middle_ends_at_the_next_paragraph():
    first, second = BODY.split("\n\n")
    text = f"{HEADLINE}\n\n{first}\n\nRead more:\nIsland school to close after 140 years\n\n{second}"
    start, end = block(text, "Read more:", "Island school to close after 140 years")
    assert detect_excluded_ranges(text) == [(start, end, "related stories")]


def test_prompts_are_excluded_each_with_its_reason():
    text = (
        f"{HEADLINE}\n\nWe use cookies to improve your experience. Accept all cookies\n\n{BODY}\n"
        "Sign up for our morning newsletter and get the news in your inbox.\n"
        "Share this article"
    )
    cookie = block(text, "We use cookies", "Accept all cookies")
    newsletter = block(text, "Sign up for", "in your inbox.")
    share = block(text, "Share this article", "Share this article")
    assert detect_excluded_ranges(text) == [
        (*cookie, "cookie prompt"),
        (*newsletter, "newsletter prompt"),
        (*share, "share prompt"),
    ]


def test_an_unmarked_run_of_headlines_at_the_end_is_a_headline_list():
    text = (
        f"{HEADLINE}\n\n{BODY}\n"
        "Island school to close after 140 years\nStorm damages pier at Carrow Point\nFishermen protest new quota rules"
    )
    start, end = block(text, "Island school", "quota rules")
    assert detect_excluded_ranges(text) == [(start, end, "headline list")]


@pytest.mark.parametrize(
    "ending",
    [
        # A list after a sentence ending in a colon is the article's.
        "The council listed three repairs:\nA new slipway\nLighting on the pier\nA heated waiting room\n",
        # Bulleted and numbered items, and items that are sentences.
        "What the islanders asked for\n- A new slipway\n- Lighting on the pier\n- A heated waiting room\n",
        "The plan\n1. Repair the pier\n2. Buy a second boat\n3. Hire two crew\n",
        "The islanders asked for three things.\nA new slipway is needed.\nThe pier needs lights.\nThe boat is old.\n",
        # A closing quote line.
        "\"We will not be forgotten out here.\"\n",
        "“Ní neart go cur le chéile,” she said. “There is no strength without unity.”\n",
        # A subheading that happens to start like a "More from ..." marker.
        "More on the deal\n\nThe deal was signed on Friday.\n",
        # A dateline and a short sign-off.
        "INISHCARRA, Jan. 4 —\nReporting by Brigid Moran\n",
    ],
)
def test_articles_that_must_stay_whole(ending):
    text = f"{HEADLINE}\n\nINISHCARRA, Ireland, Jan. 4, 2026 — {BODY}\n{ending}"
    assert detect_excluded_ranges(text) == []


def test_the_headline_at_the_top_of_an_article_is_kept():
    assert detect_excluded_ranges(f"{HEADLINE}\n\n{BODY}") == []
    assert detect_excluded_ranges("") == []


def test_the_samples_exactly_one_has_a_related_stories_block_at_its_end():
    found = {path.name: detect_excluded_ranges(path.read_text(encoding="utf-8")) for path in sorted(SAMPLES.glob("*.txt"))}
    assert [name for name, ranges in found.items() if ranges] == ["06-election-debate.txt"]
    text = (SAMPLES / "06-election-debate.txt").read_text(encoding="utf-8")
    [(start, end, reason)] = found["06-election-debate.txt"]
    assert text[start:].startswith("Related stories\n") and text[end:] == "\n" and reason == "related stories"


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="the shared scraped sample is not here")
def test_the_scraped_sample_loses_its_you_may_also_like_block_and_nothing_else():
    text = SHARED_SAMPLE.read_text(encoding="utf-8")
    [(start, end, reason)] = detect_excluded_ranges(text)
    assert text[start:].startswith("You may also like\n")
    assert text[end:].strip() == "" and reason == "related stories"
    assert text[start - 1] == "\n"


def test_ranges_from_a_file_are_checked():
    text = "Some text here."
    assert checked_ranges([[5, 9, "analyst"], [0, 4, "headline list"]], text, "f") == (
        (0, 4, "headline list"),
        (5, 9, "analyst"),
    )
    for bad in ([[0, 99, "x"]], [[3, 3, "x"]], [[0, 5, "x"], [4, 8, "y"]], [[0, 5]], "0-5", [[True, 5, "x"]]):
        with pytest.raises(InputFormatError):
            checked_ranges(bad, text, "f")
