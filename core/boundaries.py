"""Where the article ends: finding the scraped blocks that are not the article.

Scraped pages keep "You may also like" lists, newsletter and cookie prompts and
lists of unrelated headlines. ``detect_excluded_ranges`` finds them with line
heuristics (pure Python, no spaCy, linear in the text) so that import can store
them as excluded ranges, which pre-annotation, export and statistics skip.

A block is whole lines: from the start of its first line to the end of its last
line, without the final newline. It is either
- a marker line ("Related stories", "Read more", a sign-up prompt...) and the
  headline-like lines after it, up to the next normal paragraph; or
- a run of at least three headline-like lines at the very start or very end of
  the text, with no marker (and not introduced by a sentence ending in a colon:
  that is a list belonging to the article).
"""
from __future__ import annotations

import re
from itertools import pairwise

# A run of unmarked headline-like lines at the start or end must be this long:
# one or two short lines are a headline, a byline, a sign-off.
MIN_UNMARKED_RUN = 3
# Headlines are short; a longer line is a paragraph even without a final period.
MAX_HEADLINE_CHARS = 160
MAX_HEADLINE_WORDS = 25
# Prompts are short too; a long paragraph mentioning cookies is article text.
MAX_PROMPT_CHARS = 200

_QUOTES = "\"'“”‘’«»"

# Whole-line markers (an optional colon or ellipsis may follow), with the reason stored.
_MARKERS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason)
    for pattern, reason in (
        (r"(you|we think you) (may|might|will|would) (also )?(like|enjoy)", "related stories"),
        (r"related( stories| articles| news| content| coverage| links| reading)?", "related stories"),
        (r"(more )?(stories|articles) (you may like|for you|like this)", "related stories"),
        (r"(read|see) (more|also)( on this( topic| story)?| stories)?", "related stories"),
        (r"also (read|see|on [\w .'-]{1,40})", "related stories"),
        # "More from The Star", but not a subheading such as "More on the deal".
        (r"more (stories |news )?from [\w .&'’-]{1,60}", "related stories"),
        (r"more (on|in) this (story|topic|subject|section|series)", "related stories"),
        (r"more (stories|news|headlines|top stories)", "related stories"),
        (r"recommended( for you| stories| reading| articles| videos)?", "related stories"),
        (r"(editor'?s'? picks|top stories|latest (news|stories|headlines)|what to read next)", "headline list"),
        (r"(most (read|popular|viewed|shared)|trending( now| stories| news)?|popular (now|stories))", "headline list"),
        (r"share (this|the) (article|story|page)( on [\w ]{1,30})?", "share prompt"),
        (r"(follow|like) us on [\w ,&.]{1,60}", "share prompt"),
    )
)
# "Related: A headline", "Read more: A headline": a marker and a headline on one line.
_INLINE_MARKER = re.compile(r"(related|read more|read also|also read|see also|more)\s*:\s*\S.*", re.IGNORECASE)
_NEWSLETTER = re.compile(
    r"\b(newsletters?|sign[ -]up|subscribe|inbox)\b.*\b(newsletters?|sign[ -]up|subscribe|inbox|email)\b",
    re.IGNORECASE,
)
_COOKIES = re.compile(
    r"\bcookies?\b.*\b(accept|consent|agree|preferences|settings|continuing|we use|you)\b"
    r"|\b(we use|accept( all)?|this (site|website) uses)\b.*\bcookies?\b",
    re.IGNORECASE,
)
# Bullets and numbered items belong to a list of the article, never to a headline run.
_LIST_ITEM = re.compile(r"([-*•·–—▪●○]|\(?\d{1,2}[.)])\s")
_SENTENCE_END = re.compile(r"[.!;,:…][" + _QUOTES + r")\]]*$")


def detect_excluded_ranges(text: str) -> list[tuple[int, int, str]]:
    """The blocks of ``text`` that are not the article: sorted, non-overlapping
    ``(start, end, reason)``, offsets are ``str`` indices, end exclusive."""
    lines = _lines(text)
    found: list[tuple[int, int, str]] = []  # (first line, last line, reason)
    number = 0
    while number < len(lines):
        reason = _marker_reason(lines[number][2])
        if reason is None:
            number += 1
            continue
        last = _extend_over_headlines(lines, number)
        found.append((number, last, reason))
        number = last + 1
    found = _add_unmarked_runs(lines, found)
    return [(lines[first][0], lines[last][1], reason) for first, last, reason in sorted(found)]


def _lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stripped text) of every line; end excludes the newline."""
    result = []
    start = 0
    for raw in text.split("\n"):
        end = start + len(raw)
        # A "\r" of a Windows line ending is not part of the block's words.
        result.append((start, end - 1 if raw.endswith("\r") else end, raw.strip()))
        start = end + 1
    return result


def _marker_reason(line: str) -> str | None:
    """Why ``line`` starts a block that is not the article, or None."""
    if not line or len(line) > MAX_PROMPT_CHARS:
        return None
    bare = line.rstrip(":.…!» ").strip()
    for pattern, reason in _MARKERS:
        if pattern.fullmatch(bare):
            return reason
    if _INLINE_MARKER.fullmatch(line) and _is_headline(line.split(":", 1)[1].strip()):
        return "related stories"
    # Prompts are addressed to the reader, unlike a sentence about newsletters or cookies.
    addressed = re.search(r"\b(you|your|our|we)\b|^(sign|subscribe|accept|get|join|enter)\b", line, re.IGNORECASE)
    if addressed and _NEWSLETTER.search(line):
        return "newsletter prompt"
    if addressed and _COOKIES.search(line):
        return "cookie prompt"
    return None


def _is_headline(line: str) -> bool:
    """Short, no final sentence punctuation, starting with a capital or a digit,
    not a list item and not a quotation (a closing quote line stays in the article)."""
    if not line or len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    if line[0] in _QUOTES or _LIST_ITEM.match(line) or _SENTENCE_END.search(line):
        return False
    first = next((char for char in line if char.isalnum()), "")
    return first.isupper() or first.isdigit()


def _extend_over_headlines(lines: list[tuple[int, int, str]], marker: int) -> int:
    """The last line of the block started at ``marker``: headline-like lines (and blank
    lines between them) follow it until a normal paragraph or the next marker."""
    last = marker
    for number in range(marker + 1, len(lines)):
        line = lines[number][2]
        if not line:
            continue
        if _marker_reason(line) is not None or not _is_headline(line):
            break
        if number > last + 1 and _starts_article(lines, number):
            # After a blank line, a headline followed by a paragraph is the article's own.
            break
        last = number
    return last


def _starts_article(lines: list[tuple[int, int, str]], number: int) -> bool:
    """Whether the next filled line after ``number`` is a normal paragraph."""
    following = next((lines[n][2] for n in range(number + 1, len(lines)) if lines[n][2]), None)
    return following is not None and _marker_reason(following) is None and not _is_headline(following)


def _add_unmarked_runs(
    lines: list[tuple[int, int, str]], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Add the runs of headline-like lines at the very start and end that no marker covers."""
    covered = {number for first, last, _reason in found for number in range(first, last + 1)}
    filled = [number for number, line in enumerate(lines) if line[2]]
    if not filled:
        return found
    result = list(found)
    # At the end: consecutive filled lines from the last one backwards.
    run = _run(lines, reversed(filled), covered)
    if len(run) >= MIN_UNMARKED_RUN and not _introduced_by_colon(lines, min(run)):
        result.append((min(run), max(run), "headline list"))
        covered.update(run)
    run = _run(lines, filled, covered)
    if run and run[-1] + 1 < len(lines) and not lines[run[-1] + 1][2]:
        # Our articles start with their headline and a blank line: keep that headline.
        run = run[:-1]
    if len(run) >= MIN_UNMARKED_RUN:
        result.append((min(run), max(run), "headline list"))
    return result


def _run(lines, numbers, covered: set[int]) -> list[int]:
    """Consecutive headline-like lines (no blank line between) in the order of ``numbers``."""
    run: list[int] = []
    for number in numbers:
        if number in covered or not _is_headline(lines[number][2]):
            break
        if run and abs(number - run[-1]) != 1:
            break
        run.append(number)
    return run


def _introduced_by_colon(lines: list[tuple[int, int, str]], first: int) -> bool:
    """A list of the article: the line before the run ends with a colon."""
    before = next((lines[n][2] for n in range(first - 1, -1, -1) if lines[n][2]), "")
    return before.endswith(":")


def checked_ranges(value, text: str, where: str) -> tuple[tuple[int, int, str], ...]:
    """Excluded ranges as a file lists them (``meta.excluded``: ``[[start, end, reason], ...]``),
    checked against ``text``: whole-number offsets inside it, a reason, no overlaps.

    Raises InputFormatError naming ``where``; returns them sorted.
    """
    from core.errors import InputFormatError

    # Lists from JSON; tuples from formats that pack meta otherwise (spaCy's DocBin).
    if not isinstance(value, list | tuple):
        raise InputFormatError(f'{where}: "excluded" must be a list of [start, end, reason]')
    ranges = []
    for number, item in enumerate(value, start=1):
        if not (isinstance(item, list | tuple) and len(item) == 3):
            raise InputFormatError(f"{where}, excluded range {number}: expected [start, end, reason]")
        start, end, reason = item
        if not all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) or not (
            isinstance(reason, str) and reason.strip()
        ):
            raise InputFormatError(f"{where}, excluded range {number}: needs whole-number offsets and a reason")
        if not 0 <= start < end <= len(text):
            raise InputFormatError(
                f"{where}, excluded range {number}: {start}-{end} does not fit a text of {len(text)} characters"
            )
        ranges.append((start, end, reason))
    ranges.sort()
    for (_s1, end1, _r1), (start2, _e2, _r2) in pairwise(ranges):
        if start2 < end1:
            raise InputFormatError(f"{where}: excluded ranges overlap ({start2} is inside the previous one)")
    return tuple(ranges)
