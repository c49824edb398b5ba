"""The one place where Python string indices and Qt text positions meet.

Python counts code points; Qt counts UTF-16 code units, so every character
outside the Basic Multilingual Plane (most emoji) takes two Qt positions.
Everything in ``core`` and in the database uses Python indices; every Qt call
that takes or returns a position goes through ``TextPositions``.
"""
from __future__ import annotations

import re
from bisect import bisect_left

_WIDE = re.compile("[\U00010000-\U0010FFFF]")


class TextPositions:
    """Converts between ``str`` indices and UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        # Python indices of characters that take two UTF-16 units (a regex: this
        # runs on every article opened, and a loop over 200,000 characters is slow).
        self._wide = [] if text.isascii() else [match.start() for match in _WIDE.finditer(text)]
        # The Qt position of each of those characters.
        self._wide_qt = [index + count for count, index in enumerate(self._wide)]
        self.qt_length = self.length + len(self._wide)

    def to_qt(self, index: int) -> int:
        """The Qt position of Python index ``index`` (0..len(text))."""
        if not self._wide:
            return index
        return index + bisect_left(self._wide, index)

    def from_qt(self, position: int) -> int:
        """The Python index at Qt position ``position``.

        A position between the two halves of a surrogate pair (which Qt's cursor
        never takes) maps to the character after it.
        """
        if not self._wide:
            return position
        return position - bisect_left(self._wide_qt, position - 1)
