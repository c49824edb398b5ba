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
