"""Find in the current article (Ctrl+F): matches are marked, Enter/F3 walks them."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of ``query`` in ``text`` as (start, end) str indices."""
    if not query:
        return []
    return [(match.start(), match.end()) for match in re.finditer(re.escape(query), text, re.IGNORECASE)]


def find_words(text: str, word: str) -> list[tuple[int, int]]:
    """Whole words starting with ``word`` (case-insensitive): how corpus search hits are marked."""
    if not word:
        return []
    pattern = re.compile(r"\b" + re.escape(word) + r"\w*", re.IGNORECASE)
    return [(match.start(), match.end()) for match in pattern.finditer(text)]


class FindBar(QWidget):
    """A slim bar above the article. Emits the matches and the current one."""

    matchesChanged = Signal(list)  # [(start, end), ...]
    currentMatch = Signal(int, int)
    closed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find in this article")
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(self._search)
        self.query.returnPressed.connect(self.next_match)
        escape = QShortcut(QKeySequence("Escape"), self.query)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.close_bar)
        self.count = QLabel()
        previous = QPushButton("▲")
        previous.setToolTip("Previous match")
        previous.clicked.connect(self.previous_match)
        following = QPushButton("▼")
        following.setToolTip("Next match (Enter, F3)")
        following.clicked.connect(self.next_match)
        close = QPushButton("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self._text = ""
        self._matches: list[tuple[int, int]] = []
        self._current = -1
        self.hide()

    def set_text(self, text: str) -> None:
        """A new article is open: search it again."""
        self._text = text
        if self.isVisible():
            self._search(self.query.text())

    def open_bar(self) -> None:
        self.show()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
        self._search(self.query.text())

    def close_bar(self) -> None:
        self.hide()
        self._matches = []
        self.matchesChanged.emit([])
        self.closed.emit()

    def _search(self, query: str) -> None:
        self._matches = find_all(self._text, query)
        self._current = -1
        self.count.setText(f"{len(self._matches)} found" if query else "")
        self.matchesChanged.emit(self._matches)

    def next_match(self) -> None:
        self._step(1)

    def previous_match(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self._matches:
            return
        self._current = (self._current + step) % len(self._matches)
        self.count.setText(f"{self._current + 1} of {len(self._matches)}")
        self.currentMatch.emit(*self._matches[self._current])
