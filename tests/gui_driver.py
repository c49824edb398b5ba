"""Driving the real ArticleView with mouse events, as a user would."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication

from gui.article_view import ArticleView


def point_of(view: ArticleView, index: int, after: bool = False):
    """Viewport point in the middle of the character at Python ``index``
    (or just right of its left edge / left of its right edge)."""
    cursor = QTextCursor(view.document())
    qt = view.positions.to_qt(index)
    cursor.setPosition(qt)
    left = view.cursorRect(cursor)
    cursor.setPosition(view.positions.to_qt(index + 1))
    right = view.cursorRect(cursor)
    y = left.center().y()
    if right.y() == left.y() and right.x() > left.x():
        x = (left.x() + right.x()) / 2 if not after else right.x() - 1
    else:
        x = left.x() + 3
    return QPointF(x, y)


def _send(view: ArticleView, kind: QEvent.Type, point: QPointF, buttons) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    global_point = QPointF(view.viewport().mapToGlobal(point.toPoint()))
    event = QMouseEvent(kind, point, global_point, button, buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), event)


def drag(view: ArticleView, start: int, end: int) -> None:
    """Press at character ``start``, move, release at the last character before ``end``."""
    view.ensureCursorVisible()
    begin = point_of(view, start)
    finish = point_of(view, end - 1, after=True)
    _send(view, QEvent.Type.MouseButtonPress, begin, Qt.MouseButton.LeftButton)
    middle = QPointF((begin.x() + finish.x()) / 2, (begin.y() + finish.y()) / 2)
    _send(view, QEvent.Type.MouseMove, middle, Qt.MouseButton.LeftButton)
    _send(view, QEvent.Type.MouseMove, finish, Qt.MouseButton.LeftButton)
    _send(view, QEvent.Type.MouseButtonRelease, finish, Qt.MouseButton.NoButton)


def click(view: ArticleView, index: int) -> None:
    """A click on the character at ``index``."""
    point = point_of(view, index)
    _send(view, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton)
    _send(view, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton)


def double_click(view: ArticleView, index: int) -> None:
    point = point_of(view, index)
    _send(view, QEvent.Type.MouseButtonPress, point, Qt.MouseButton.LeftButton)
    _send(view, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton)
    _send(view, QEvent.Type.MouseButtonDblClick, point, Qt.MouseButton.LeftButton)
    _send(view, QEvent.Type.MouseButtonRelease, point, Qt.MouseButton.NoButton)


def format_at(view: ArticleView, index: int):
    """The character format the user sees at Python ``index`` (from the block's layout)."""
    qt = view.positions.to_qt(index)
    block = view.document().findBlock(qt)
    offset = qt - block.position()
    found = None
    for format_range in block.layout().formats():
        if format_range.start <= offset < format_range.start + format_range.length:
            found = QTextCharFormat(format_range.format)  # a copy: the range is a temporary
    return found


def span_list_texts(window, label: str) -> list[str]:
    """The Text column of the span list rows with ``label``, as the analyst reads them."""
    rows = window.span_list.model
    return [rows.data(rows.index(r, 1)) for r in range(rows.rowCount()) if rows.data(rows.index(r, 0)) == label]
