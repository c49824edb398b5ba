"""Issue 4: keyboard-first correction and undo, driven through the real window."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QApplication

from core.model import Layer, SpanSuggestion
from core.nlp.tokenizer import tokenize
from core.settings import Settings
from core.store import AnnotationStore, NewDocument
from gui.main_window import MainWindow
from gui.shortcuts import COMMANDS
from tests.gui_driver import click, drag, format_at

TEXT = "Ada Quill met Tom Reyes in Port Halloran on Monday. Acme Shipping paid."
OTHER = "A second article about Brackford and its council."
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def where(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def make_store(path) -> tuple[AnnotationStore, str, str]:
    store = AnnotationStore(path, analyst="tester")
    store.add_documents([NewDocument(TEXT, "first", {}, tokenize(TEXT)),
                         NewDocument(OTHER, "second", {}, tokenize(OTHER))])
    first, second = (d.id for d in store.list_documents())
    store.save_preannotation(first, "test-model", [
        SpanSuggestion(*where(TEXT, "Ada Quill"), "PERSON", Layer.ENTITY),
        SpanSuggestion(*where(TEXT, "Tom Reyes"), "ORG", Layer.ENTITY),
        SpanSuggestion(*where(TEXT, "Port Halloran"), "GPE", Layer.ENTITY),
        SpanSuggestion(*where(TEXT, "Monday"), "DATE", Layer.ENTITY),
    ])
    return store, first, second


@pytest.fixture
def window(qtbot, tmp_path):
    store, _first, _second = make_store(tmp_path / "byline.db")
    win = open_window(qtbot, store)
    yield win
    store.close()


def open_window(qtbot, store) -> MainWindow:
    win = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    # Shortcuts only reach the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def press(qtbot, win, key, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(win.article, key, modifiers)


def db_spans(win, doc_id=None):
    doc_id = doc_id or win.current_doc_id
    text = win.store.get_document(doc_id).text
    return sorted((text[s.start:s.end], s.label, s.origin) for s in win.store.spans(doc_id))


def screen_spans(win):
    """What the view holds, in the same shape as db_spans."""
    text = win.article.text
    return sorted((text[s.start:s.end], s.label, s.origin) for s in win.editor.spans.values())


def selected_text(win):
    span = win.editor.selected()
    return win.article.text[span.start:span.end] if span else None


def test_tab_walks_spans_in_reading_order(qtbot, window):
    press(qtbot, window, Qt.Key.Key_Tab)
    assert selected_text(window) == "Ada Quill"
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert selected_text(window) == "Port Halloran"
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert selected_text(window) == "Tom Reyes"
    # The span list follows the selection.
    rows = window.span_list.table.selectionModel().selectedRows()
    assert rows and rows[0].data() == "ORG"


def test_enter_accepts_and_the_look_changes(qtbot, window):
    start = TEXT.index("Monday")
    assert format_at(window.article, start).underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    click(window.article, start + 1)
    press(qtbot, window, Qt.Key.Key_Return)
    assert ("Monday", "DATE", "analyst") in db_spans(window)
    press(qtbot, window, Qt.Key.Key_Escape)
    fmt = format_at(window.article, start)
    assert fmt.background().color().alpha() == 255  # confirmed: solid colour
    assert fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.DotLine


def test_accept_all_then_undo_and_redo(qtbot, window):
    press(qtbot, window, Qt.Key.Key_A, CTRL | SHIFT)
    assert {origin for *_rest, origin in db_spans(window)} == {"analyst"}
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert {origin for *_rest, origin in db_spans(window)} == {"model"}
    assert screen_spans(window) == db_spans(window)
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert {origin for *_rest, origin in db_spans(window)} == {"analyst"}


def test_shift_arrows_resize_by_a_word(qtbot, window):
    click(window.article, TEXT.index("Port") + 1)
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)
    assert ("Port Halloran on", "GPE", "analyst") in db_spans(window)
    press(qtbot, window, Qt.Key.Key_Left, SHIFT)
    press(qtbot, window, Qt.Key.Key_Left, SHIFT)
    assert ("Port", "GPE", "analyst") in db_spans(window)
    press(qtbot, window, Qt.Key.Key_Left, CTRL | SHIFT)
    assert ("in Port", "GPE", "analyst") in db_spans(window)
    press(qtbot, window, Qt.Key.Key_Right, CTRL | SHIFT)
    assert ("Port", "GPE", "analyst") in db_spans(window)
    assert screen_spans(window) == db_spans(window)


def test_undo_redo_every_kind_of_edit_keeps_screen_and_database_equal(qtbot, window):
    states = [db_spans(window)]
    drag(window.article, *where(TEXT, "Acme Shipping"))
    press(qtbot, window, Qt.Key.Key_O)  # create
    states.append(db_spans(window))
    click(window.article, TEXT.index("Tom") + 1)
    press(qtbot, window, Qt.Key.Key_P)  # relabel
    states.append(db_spans(window))
    press(qtbot, window, Qt.Key.Key_Right, SHIFT)  # resize
    states.append(db_spans(window))
    click(window.article, TEXT.index("Monday") + 1)
    press(qtbot, window, Qt.Key.Key_Return)  # accept
    states.append(db_spans(window))
    click(window.article, TEXT.index("Ada") + 1)
    press(qtbot, window, Qt.Key.Key_Delete)  # delete
    states.append(db_spans(window))
    assert len({tuple(state) for state in states}) == len(states)  # every step changed something
    for expected in reversed(states[:-1]):
        press(qtbot, window, Qt.Key.Key_Z, CTRL)
        assert db_spans(window) == expected
        assert screen_spans(window) == expected
    for expected in states[1:]:
        press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
        assert db_spans(window) == expected
        assert screen_spans(window) == expected
    # And what is drawn matches: "Ada Quill" was deleted, so nothing is drawn there.
    assert format_at(window.article, TEXT.index("Ada")) is None


def test_undo_after_switching_documents_goes_back_to_that_document(qtbot, window):
    first = window.current_doc_id
    click(window.article, TEXT.index("Tom") + 1)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert "Tom Reyes" not in [t for t, *_ in db_spans(window, first)]
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_doc_id != first
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.current_doc_id == first
    assert ("Tom Reyes", "ORG", "model") in db_spans(window, first)
    assert format_at(window.article, TEXT.index("Tom")) is not None


def test_undo_survives_a_restart(qtbot, tmp_path):
    store, first, _second = make_store(tmp_path / "byline.db")
    win = open_window(qtbot, store)
    click(win.article, TEXT.index("Tom") + 1)
    press(qtbot, win, Qt.Key.Key_P)
    drag(win.article, *where(TEXT, "Acme Shipping"))
    press(qtbot, win, Qt.Key.Key_O)
    after_edits = db_spans(win, first)
    win.close()
    store.close()

    reopened = AnnotationStore(tmp_path / "byline.db", analyst="tester")
    again = open_window(qtbot, reopened)
    assert db_spans(again, first) == after_edits
    press(qtbot, again, Qt.Key.Key_Z, CTRL)
    assert ("Acme Shipping", "ORG", "analyst") not in db_spans(again, first)
    press(qtbot, again, Qt.Key.Key_Z, CTRL)
    assert ("Tom Reyes", "ORG", "model") in db_spans(again, first)
    press(qtbot, again, Qt.Key.Key_Y, CTRL)
    assert ("Tom Reyes", "PERSON", "analyst") in db_spans(again, first)
    assert screen_spans(again) == db_spans(again, first)
    reopened.close()


def test_help_overlay_lists_every_shortcut(qtbot, window):
    seen = {}

    def read_and_close():
        dialog = QApplication.activeModalWidget()
        seen["text"] = dialog.content.text() if dialog else ""
        if dialog:
            dialog.reject()

    QTimer.singleShot(200, read_and_close)
    press(qtbot, window, Qt.Key.Key_F1)
    for command in COMMANDS:
        assert command.text in seen["text"]
    assert "PERSON" in seen["text"]


def test_span_list_filters_by_label_and_jumps(qtbot, window):
    panel = window.span_list
    assert panel.proxy.rowCount() == 4
    panel.filter.setCurrentText("GPE")
    assert panel.proxy.rowCount() == 1
    index = panel.proxy.index(0, 1)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=panel.table.visualRect(index).center())
    assert selected_text(window) == "Port Halloran"


def test_find_in_article_then_label_the_match(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F, CTRL)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.query, "shipping")
    fmt = format_at(window.article, TEXT.index("Shipping"))
    assert fmt is not None and fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    qtbot.keyClick(window.find_bar.query, Qt.Key.Key_Return)
    assert window.article.draft_range() == where(TEXT, "Shipping")
    window.article.setFocus()
    press(qtbot, window, Qt.Key.Key_O)
    assert ("Shipping", "ORG", "analyst") in db_spans(window)


def test_label_colours_stay_distinct_and_readable(window):
    colours = [QColor(label.colour) for label in window.labels if label.layer == Layer.ENTITY]
    assert len({colour.name() for colour in colours}) == len(colours)
    assert all(colour.lightness() > 150 for colour in colours)  # black text stays readable
