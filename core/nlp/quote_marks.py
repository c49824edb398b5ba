"""Pairing of double quotation marks on raw text (no spaCy).

News text mixes curly (“ ”) and straight (") double marks, and long quotes
run over several paragraphs: by convention a paragraph inside a quote ends
without a closing mark and the next one starts with an opening mark.  Single
marks are deliberately ignored: in English news they are nested quotes,
headline quotes, apostrophes or scare quotes ('El Chapo's'), and telling an
apostrophe from a closing ’ is not worth the false positives.
"""
from __future__ import annotations

from dataclasses import dataclass

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'


@dataclass(frozen=True)
class QuotedSegment:
    """Characters ``[start, end)`` including the marks; ``closed`` is False for a
    paragraph that ends inside a multi-paragraph quote (no closing mark)."""

    start: int
    end: int
    closed: bool = True

    def inner(self, text: str) -> str:
        """The quoted words without the marks."""
        width = 2 if text.startswith("''", self.start) else 1
        return text[self.start + width : self.end - (width if self.closed else 0)]


def _straight_opens(text: str, i: int, width: int = 1) -> bool:
    """A straight mark opens when it follows a space/bracket/start and precedes a non-space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before.isspace() or before in "([{—–-:") and not after.isspace()


def _forgot_to_close(text: str, open_at: int, line_end: int) -> bool:
    """ `said Baron. “His candidacy has defied all conventions. Given that ...\n\nHe
    continued`: a curly mark that opens a sentence and a paragraph's last sentences,
    left unclosed by mistake, still opens a quotation (a stray mark inside a sentence
    does not)."""
    before = text[:open_at].rstrip(" \t")
    return text[open_at] in OPENING and (not before or before[-1] in ".!?\n") \
        and len(text[open_at:line_end].split()) >= 6


def find_quoted_segments(text: str) -> list[QuotedSegment]:
    """Pair the double quotation marks of ``text`` into segments, in text order.

    An opening mark left unclosed at the end of a paragraph yields an unclosed
    segment if the next paragraph opens with a quotation mark (the multi-paragraph
    convention) or if it opens a sentence and a long enough quotation (the writer
    forgot to close it); otherwise it was a stray mark and is dropped.
    """
    segments: list[QuotedSegment] = []
    open_at: int | None = None
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                # Paragraph ends inside a quote: continue only if next paragraph re-opens.
                j = i
                while j < n and (text[j].isspace() or text[j] == "."):
                    j += 1  # the ggt normalisation inserts ".\n ." between paragraphs
                reopens = j < n and (text[j] in OPENING or text[j] == STRAIGHT or text.startswith("''", j))
                if reopens or _forgot_to_close(text, open_at, i):
                    end = i
                    while end > open_at and text[end - 1] in " .\t\r":
                        end -= 1
                    # keep a final sentence stop that belongs to the quote
                    if end < i and text[end] == "." and text[end - 1] != ".":
                        end += 1
                    segments.append(QuotedSegment(open_at, end, closed=False))
                open_at = None
        elif ch in OPENING:
            open_at = i  # a second opening mark: the first one was stray
        elif ch in CLOSING:
            if open_at is not None:
                segments.append(QuotedSegment(open_at, i + 1))
                open_at = None
        elif ch == STRAIGHT or text.startswith("''", i):
            # straight marks: '"' or the typewriter pair "''" (NYT archive style)
            width = 1 if ch == STRAIGHT else 2
            if open_at is None:
                if _straight_opens(text, i, width):
                    open_at = i
            elif text[open_at] in STRAIGHT + "'" or not _straight_opens(text, i, width):
                segments.append(QuotedSegment(open_at, i + width))
                open_at = None
            else:
                open_at = i
            i += width
            continue
        i += 1
    return segments


def looks_like_speech(inner: str) -> bool:
    """Heuristic: quoted text that is a statement rather than a title or scare quote.

    Titles and scare quotes are short and carry no clause punctuation
    ("Hearty Roots", "perfectly"); speech is longer or ends like a sentence.
    """
    words = inner.split()
    stripped = inner.rstrip()
    if not stripped:
        return False
    if stripped[-1] in "!?":  # "Really?" / "Stay there!"
        return True
    if _is_title(words):
        return False
    if len(words) >= 6:
        return True
    return len(words) >= 2 and stripped[-1] in ".,…"


# Words a title leaves in lower case ("Face the Nation", "War on Drugs")
_TITLE_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from"}


def _is_title(words: list[str]) -> bool:
    """A name in title case: "Face the Nation," "Justice Against Sponsors of Terrorism Act"."""
    cased = [w.strip(".,;:!?…'\u2019") for w in words if w[:1].isalpha()]
    if len(cased) < 2 or len(cased) > 10 or any(w == "I" or "'" in w or "\u2019" in w for w in cased):
        return False  # "We're America." is said, not a name
    capitals = sum(w[:1].isupper() for w in cased)
    return capitals >= 2 and all(w[:1].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in cased)
