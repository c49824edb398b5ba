"""Issue 4: finding work (filters, sorting, full-text search) and the label set dialog."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from core.errors import LabelError
from core.model import Label, Layer, Status
from core.nlp.tokenizer import tokenize
from core.store import NewDocument
from gui.label_dialog import LabelDialog
from tests.gui_driver import click, format_at
from tests.test_keyboard_workflow import make_store, open_window

HARBOUR = "Dockers in Port Halloran walked out on Monday over pay."
COUNCIL = "Brackford council cut library hours; the mayor defended the budget."
DROUGHT = "Valdera rations water as reservoirs fall; farmers in Valdera protest."


@pytest.fixture
def window(qtbot, tmp_path):
    store, first, second = make_store(tmp_path / "byline.db")
    store.add_documents([NewDocument(t, title, {}, tokenize(t)) for t, title in
                         ((HARBOUR, "Harbour strike"), (COUNCIL, "Council budget"), (DROUGHT, "Drought"))])
    win = open_window(qtbot, store)
    yield win
    store.close()


def listed_titles(win) -> list[str]:
    model = win.documents.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_status_filter_and_progress(qtbot, window):
    qtbot.keyClick(window.article, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # done: "first"
    assert window.progress_text.text() == "Done 1 / 5"
    window.documents.status.setCurrentText(Status.DONE.title)
    assert listed_titles(window) == ["first"]
    window.documents.status.setCurrentText(Status.NEW.title)
    assert "first" not in listed_titles(window) and len(listed_titles(window)) == 4


def test_label_filter_lists_documents_with_that_label(window):
    window.documents.label.setCurrentText("GPE")
    assert listed_titles(window) == ["first"]
    window.documents.label.setCurrentText("Any label")
    assert len(listed_titles(window)) == 5


def test_sorting_by_title_and_span_count(qtbot, window):
    window.documents.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert listed_titles(window) == sorted(listed_titles(window), key=str.lower)
    window.documents.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert listed_titles(window)[0] == "first"  # the only document with spans
    # Next/previous follow the order the list shows.
    window.open_document(window.documents.visible_ids()[0])
    qtbot.keyClick(window.article, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_doc_id == window.documents.visible_ids()[1]


def test_full_text_search_filters_and_marks_hits(qtbot, window):
    search = window.documents.search
    qtbot.keyClick(window.article, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert search.hasFocus()
    qtbot.keyClicks(search, "valdera")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert listed_titles(window) == ["Drought"]
    window.open_document(window.documents.visible_ids()[0])
    for index in (DROUGHT.index("Valdera"), DROUGHT.rindex("Valdera")):
        fmt = format_at(window.article, index)
        assert fmt is not None and fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    # Typing and Backspace in the search box never edit the article.
    window.open_document(window.documents.model.summaries()[0].id)
    click(window.article, window.article.text.index("Tom") + 1)
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClick(search, Qt.Key.Key_P)
    assert len(window.store.spans(window.current_doc_id)) == 4
    assert window.store.get_span(window.selected_span_id).label == "ORG"
    search.clear()
    assert len(listed_titles(window)) == 5


def test_search_handles_punctuation_and_operators(store):
    store.add_documents([NewDocument(COUNCIL, "Council budget", {}, tokenize(COUNCIL))])
    assert len(store.search_documents('library "hours')) == 1
    assert store.search_documents("NOT OR AND") == []
    assert len(store.search_documents("council's")) in (0, 1)  # no syntax error


def test_label_dialog_add_rename_recolour_rekey_remove(qtbot, window, monkeypatch):
    store = window.store
    doc_id = window.current_doc_id
    dialog = LabelDialog(store, window)
    qtbot.addWidget(dialog)
    store.add_label(Label("CLAIM", Layer.QUOTE, "", "k", "A checkable claim"), strict=True)
    dialog.reload("CLAIM")
    assert store.labels()[-1].colour  # a colour was chosen for it

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("ORGANISATION", True))
    dialog.reload("ORG")
    dialog.rename()
    assert "ORGANISATION" in {label.name for label in store.labels()}
    assert {s.label for s in store.spans(doc_id)} >= {"ORGANISATION"}

    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#123456"))
    dialog.reload("ORGANISATION")
    dialog.recolour()
    assert next(l for l in store.labels() if l.name == "ORGANISATION").colour == "#123456"

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("x", True))
    dialog.reload("ORGANISATION")
    dialog.rekey()
    assert next(l for l in store.labels() if l.name == "ORGANISATION").shortcut == "x"

    asked = {}

    def answer(*args, **kwargs):
        asked["text"] = args[2]
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.reload("ORGANISATION")
    dialog.remove()
    assert "1 span(s)" in asked["text"]
    assert "ORGANISATION" not in {label.name for label in store.labels()}
    assert all(s.label != "ORGANISATION" for s in store.spans(doc_id))
    # The window picks up the new label set: the key X now does nothing, K labels CLAIM.
    window.reload_labels()
    assert "CLAIM" in window.palette_widget.buttons
    assert "ORGANISATION" not in window.label_actions


def test_label_rules(store):
    with pytest.raises(LabelError):
        store.add_label(Label("PERSON", Layer.ENTITY, "", "z"), strict=True)
    with pytest.raises(LabelError):
        store.add_label(Label("NEW", Layer.ENTITY, "", "p"), strict=True)  # P is PERSON's
    with pytest.raises(LabelError):
        store.rename_label("ORG", "PERSON")
    with pytest.raises(LabelError):
        store.update_label("ORG", shortcut="pp")
