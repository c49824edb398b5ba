"""Snapping character ranges to token boundaries (pure Python, no spaCy)."""
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from core.model import Token


class TokenIndex:
    """Looks up tokens by character offset in O(log n)."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tuple(tokens)
        # Whitespace tokens never start or end a span, so snapping ignores them.
        self._words = [token for token in self.tokens if not token.is_space]
        self._word_starts = [token.start for token in self._words]
        self._word_ends = [token.end for token in self._words]
        self._starts = [token.start for token in self.tokens]
        self._ends = [token.end for token in self.tokens]

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """Widen ``start..end`` to the words it touches.

        A drag that starts or ends inside a word takes the whole word; an empty
        range (a click) takes the word under it. Returns ``None`` when the range
        touches no word (only whitespace).
        """
        if start > end:
            start, end = end, start
        words = self._words
        first = bisect_right(self._word_ends, start)  # first word ending after start
        if start == end:
            if first < len(words) and words[first].start <= start:
                return words[first].start, words[first].end
            return None
        last = bisect_left(self._word_starts, end) - 1  # last word starting before end
        if first > last or first >= len(words):
            return None
        return words[first].start, words[last].end

    def word_at(self, offset: int) -> tuple[int, int] | None:
        """The word containing ``offset``, if any."""
        return self.snap(offset, offset)

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Indices of the first and last (inclusive) tokens of an aligned span, or None."""
        first = bisect_left(self._starts, start)
        if first == len(self.tokens) or self.tokens[first].start != start:
            return None
        last = bisect_left(self._ends, end)
        if last == len(self.tokens) or self.tokens[last].end != end:
            return None
        return first, last

    # Moving a span's edges one word at a time (keyboard resizing).

    def next_word_end(self, end: int) -> int | None:
        """The end of the first word ending after ``end`` (grow the span rightwards)."""
        index = bisect_right(self._word_ends, end)
        return self._word_ends[index] if index < len(self._words) else None

    def previous_word_end(self, end: int, start: int) -> int | None:
        """The end of the last word ending before ``end`` but after ``start`` (shrink from the right)."""
        index = bisect_left(self._word_ends, end) - 1
        if index >= 0 and self._word_ends[index] > start:
            return self._word_ends[index]
        return None

    def previous_word_start(self, start: int) -> int | None:
        """The start of the last word starting before ``start`` (grow the span leftwards)."""
        index = bisect_left(self._word_starts, start) - 1
        return self._word_starts[index] if index >= 0 else None

    def next_word_start(self, start: int, end: int) -> int | None:
        """The start of the first word starting after ``start`` and before ``end`` (shrink from the left)."""
        index = bisect_right(self._word_starts, start)
        if index < len(self._words) and self._word_starts[index] < end:
            return self._word_starts[index]
        return None
