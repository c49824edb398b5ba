"""ArticleView: the article text, its highlighted spans, and mouse selection."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

from core.model import Document, Label, Span
from core.token_alignment import TokenIndex
from gui.span_highlighter import SpanHighlighter
from gui.text_positions import TextPositions


class ArticleView(QPlainTextEdit):
    """Shows one document as plain text (never HTML) with its spans highlighted.

    A drag selects a range, snapped to whole tokens when the mouse is released;
    a click on a span selects the innermost span there (clicking again on the
    same place selects the next span out, so nested spans stay reachable).
    Positions leave this class as Python ``str`` indices.
    """

    spanClicked = Signal(str)  # span id
    rangeSelected = Signal(int, int)  # a token-snapped draft range
    selectionCleared = Signal()
    linkClicked = Signal(int, int)  # Ctrl+click: the name (entity or word) under the mouse

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setMouseTracking(True)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.setFont(font)
        self.setPlaceholderText("Choose an article on the left.")
        self.highlighter = SpanHighlighter(self.document())
        self.positions = TextPositions("")
        self.tokens = TokenIndex(())
        self.document_id: str | None = None
        self._text = ""
        self._press_pos: QPoint | None = None
        self._after_double_click = False  # the release that follows a double-click is not a click
        self._last_click: tuple[int, str] | None = None  # (index, span id) for click cycling
        self._links: list[tuple[int, int, QColor]] = []  # (from index, to index, colour) arrows

    # ------------------------------------------------------------ content

    def show_document(self, document: Document, spans: list[Span], labels: list[Label]) -> None:
        self.document_id = document.id
        self._text = document.text
        self.positions = TextPositions(document.text)
        self.tokens = TokenIndex(document.tokens)
        self.highlighter.set_labels(labels, redraw=False)
        self.highlighter.setDocument(None)  # no highlighting while the text changes
        # setPlainText: articles contain "<" and "&" and must show them literally.
        self.setPlainText(document.text)
        self.highlighter.load(self.document(), self.positions, spans)
        self._last_click = None
        self.moveCursor(QTextCursor.MoveOperation.Start)

    @property
    def text(self) -> str:
        return self._text

    # ------------------------------------------------------- selections

    def draft_range(self) -> tuple[int, int] | None:
        """The selected text range (Python indices), or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.positions.from_qt(cursor.selectionStart()), self.positions.from_qt(cursor.selectionEnd())

    def select_range(self, start: int, end: int) -> None:
        """Select a Python-index range in the text (and scroll to it)."""
        cursor = self.textCursor()
        cursor.setPosition(self.positions.to_qt(start))
        cursor.setPosition(self.positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def clear_draft(self) -> None:
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def scroll_to(self, index: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(index))
        rect = self.cursorRect(cursor)
        if not self.viewport().rect().contains(rect):
            saved = self.textCursor()
            self.setTextCursor(cursor)
            self.centerCursor()
            self.setTextCursor(saved)

    def index_at(self, point: QPoint) -> int | None:
        """The Python index of the character under ``point`` (viewport coordinates)."""
        cursor = self.cursorForPosition(point)
        position = cursor.position()
        rect = self.cursorRect(cursor)
        # cursorForPosition gives the nearest gap between characters; the
        # character under the mouse is the one before that gap when the mouse
        # is left of it.
        if point.x() < rect.x() and position > 0:
            position -= 1
        index = self.positions.from_qt(position)
        if index >= len(self._text):
            return None
        return index

    # ------------------------------------------------------------ links

    def set_links(self, links: list[tuple[int, int, QColor]]) -> None:
        """Draw an arrow from each ``from`` index to its ``to`` index (e.g. quote -> speaker)."""
        self._links = links
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._links:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for source, target, colour in self._links:
            start = self._anchor(source)
            end = self._anchor(target)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath(start)
            # Bow the line upwards so it does not run through the text between.
            lift = min(60.0, 20.0 + abs(end.x() - start.x()) / 6)
            middle = QPointF((start.x() + end.x()) / 2, min(start.y(), end.y()) - lift)
            path.quadTo(middle, end)
            painter.drawPath(path)
            painter.setBrush(colour)
            painter.drawEllipse(end, 4, 4)
            painter.drawEllipse(start, 3, 3)
        painter.end()

    def _anchor(self, index: int) -> QPointF:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.positions.to_qt(min(index, len(self._text))))
        rect = self.cursorRect(cursor)
        return QPointF(rect.x() + 2, rect.top() + 2)

    # ------------------------------------------------------------ mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.document_id is None:
            return
        if self._after_double_click:
            self._after_double_click = False
            return
        moved = self._press_pos is not None and (event.position().toPoint() - self._press_pos).manhattanLength() > 3
        selection = self.draft_range()
        if moved and selection:
            self._snap_draft(*selection)
            return
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._link_click(event.position().toPoint())
            return
        self._click(event.position().toPoint())

    def _link_click(self, point: QPoint) -> None:
        self.clear_draft()
        index = self.index_at(point)
        if index is None:
            return
        names = [span for span in self.highlighter.spans_at(index) if span.label != "QUOTE"]
        target = (names[0].start, names[0].end) if names else self.tokens.word_at(index)
        if target:
            self.linkClicked.emit(*target)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().toPoint())
        word = self.tokens.word_at(index) if index is not None else None
        if word:
            self._after_double_click = True
            self._last_click = None
            self.select_range(*word)
            self.rangeSelected.emit(*word)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            index = self.index_at(event.position().toPoint())
            spans = self.highlighter.spans_at(index) if index is not None else []
            if spans:
                tip = "\n".join(self._describe(span) for span in spans)
                QToolTip.showText(event.globalPosition().toPoint(), tip, self)
            else:
                QToolTip.hideText()

    def _describe(self, span: Span) -> str:
        snippet = self._text[span.start : span.end]
        if len(snippet) > 60:
            snippet = snippet[:57] + "…"
        origin = "suggested" if span.origin == "model" else "confirmed"
        return f"{span.label} ({origin}): {snippet}"

    def _snap_draft(self, start: int, end: int) -> None:
        snapped = self.tokens.snap(start, end)
        if snapped is None:
            self.clear_draft()
            self.selectionCleared.emit()
            return
        self._last_click = None
        self.select_range(*snapped)
        self.rangeSelected.emit(*snapped)

    def _click(self, point: QPoint) -> None:
        self.clear_draft()
        index = self.index_at(point)
        spans = self.highlighter.spans_at(index) if index is not None else []
        if not spans:
            self._last_click = None
            self.selectionCleared.emit()
            return
        chosen = spans[0]
        if self._last_click and self._last_click[0] == index:
            # A second click on the same spot walks outwards through nested spans.
            ids = [span.id for span in spans]
            if self._last_click[1] in ids:
                chosen = spans[(ids.index(self._last_click[1]) + 1) % len(spans)]
        self._last_click = (index, chosen.id)
        self.spanClicked.emit(chosen.id)
