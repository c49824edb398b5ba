"""The real window, driven with mouse and keys; every step checked in the database."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat

from core.model import Layer, SpanSuggestion, Status
from core.nlp.tokenizer import tokenize
from core.settings import Settings
from core.store import AnnotationStore, NewDocument
from gui.main_window import MainWindow
from tests.conftest import ARTICLE
from tests.gui_driver import click, double_click, drag, format_at

SETTINGS = Settings(analyst="tester")


def add_text(store: AnnotationStore, text: str, title: str = "doc") -> str:
    store.add_documents([NewDocument(text=text, title=title, meta={}, tokens=tokenize(text))])
    return next(d.id for d in store.list_documents() if d.title == title)


@pytest.fixture
def window(qtbot, store_with_article, rule_pipeline_path):
    win = MainWindow(store_with_article, SETTINGS, model=str(rule_pipeline_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.start_preannotation(import_samples=False)
    qtbot.waitUntil(lambda: not win.is_preannotating(), timeout=20000)
    return win


def spans_by_text(store: AnnotationStore, doc_id: str) -> dict[str, str]:
    text = store.get_document(doc_id).text
    return {text[s.start : s.end]: s.label for s in store.spans(doc_id)}


def key(qtbot, win: MainWindow, key_code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(win.article, key_code, modifier)


def test_preannotated_entities_are_highlighted_in_their_colour(window):
    doc_id = window.current_doc_id
    assert spans_by_text(window.store, doc_id)["Dockers Union"] == "ORG"
    index = ARTICLE.index("Dockers Union")
    fmt = format_at(window.article, index + 2)
    org = next(label for label in window.labels if label.name == "ORG")
    # An untouched suggestion: the label's hue, paler, with a dotted underline.
    shown = fmt.background().color()
    assert (shown.red(), shown.green(), shown.blue()) == QColor(org.colour).getRgb()[:3]
    assert shown.alpha() < 255
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    # Text between entities carries no highlight.
    assert format_at(window.article, ARTICLE.index("who leads")) is None
    shown_count = window.documents.table.model().index(0, 2).data()
    assert shown_count == len(window.store.spans(doc_id))


def test_drag_snaps_to_tokens_and_label_key_creates_span(qtbot, window):
    doc_id = window.current_doc_id
    start = ARTICLE.index("strike")
    # Drag from the middle of "strike" to the middle of "would": whole words are taken.
    drag(window.article, start + 2, ARTICLE.index("would") + 3)
    assert window.article.draft_range() == (start, ARTICLE.index("would") + 5)
    key(qtbot, window, Qt.Key.Key_E)
    assert spans_by_text(window.store, doc_id)["strike would"] == "EVENT"
    created = [s for s in window.store.spans(doc_id) if s.label == "EVENT"][0]
    assert created.origin == "analyst"
    assert window.store.document_summary(doc_id).status == Status.IN_PROGRESS
    history = window.store.history(doc_id)
    assert history[-1].action == "create" and history[-1].analyst == "tester"


def test_click_selects_span_then_key_relabels_and_delete_removes(qtbot, window):
    doc_id = window.current_doc_id
    index = ARTICLE.index("Acme Shipping")
    click(window.article, index + 1)
    assert window.store.get_span(window.selected_span_id).label == "ORG"
    key(qtbot, window, Qt.Key.Key_P)
    assert spans_by_text(window.store, doc_id)["Acme Shipping"] == "PERSON"
    # The model's original suggestion is kept apart, unchanged.
    assert any(s.label == "ORG" and s.start == index for s in window.store.suggestions(doc_id))
    click(window.article, index + 1)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert "Acme Shipping" not in spans_by_text(window.store, doc_id)
    assert format_at(window.article, index + 1) is None
    assert window.store.history(doc_id)[-1].action == "delete"


def test_backspace_deletes_and_escape_clears_selection(qtbot, window):
    doc_id = window.current_doc_id
    click(window.article, ARTICLE.index("Tuesday") + 1)
    assert window.selected_span_id is not None
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.selected_span_id is None
    key(qtbot, window, Qt.Key.Key_Delete)  # nothing selected: nothing deleted
    assert spans_by_text(window.store, doc_id)["Tuesday"] == "DATE"
    click(window.article, ARTICLE.index("Tuesday") + 1)
    key(qtbot, window, Qt.Key.Key_Backspace)
    assert "Tuesday" not in spans_by_text(window.store, doc_id)


def test_palette_click_applies_label(qtbot, window):
    doc_id = window.current_doc_id
    double_click(window.article, ARTICLE.index("reporters") + 2)
    qtbot.mouseClick(window.palette_widget.buttons["NORP"], Qt.MouseButton.LeftButton)
    assert spans_by_text(window.store, doc_id)["reporters"] == "NORP"


def test_mark_done_moves_to_next_document(qtbot, window):
    first = window.current_doc_id
    second = add_text(window.store, "Second story about Acme Shipping.", title="second")
    window.refresh_documents()
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.store.document_summary(first).status == Status.DONE
    assert window.current_doc_id == second
    assert window.progress_text.text() == "Done 1 / 2"
    key(qtbot, window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.store.document_summary(second).status == Status.SKIPPED


def test_corrections_survive_a_restart(qtbot, window, tmp_path):
    doc_id = window.current_doc_id
    click(window.article, ARTICLE.index("Port Halloran") + 1)
    key(qtbot, window, Qt.Key.Key_L)
    path = window.store.path
    window.close()
    window.store.close()
    with AnnotationStore(path, analyst="tester") as reopened:
        again = MainWindow(reopened, SETTINGS)
        qtbot.addWidget(again)
        assert again.current_doc_id == doc_id
        assert spans_by_text(reopened, doc_id)["Port Halloran"] == "LOC"
        loc = next(label for label in again.labels if label.name == "LOC")
        fmt = format_at(again.article, ARTICLE.index("Port Halloran") + 1)
        assert fmt.background().color() == QColor(loc.colour)
        again.close()


def test_text_is_shown_literally_and_emoji_offsets_are_exact(qtbot, window):
    text = "Post 😀👍 by <b>Ada</b> & co: 🎉 Acme Shipping rose."
    doc_id = add_text(window.store, text, title="emoji")
    window.refresh_documents()
    window.open_document(doc_id)
    assert window.article.toPlainText() == text
    start = text.index("Acme")
    drag(window.article, start, start + len("Acme Shipping"))
    key(qtbot, window, Qt.Key.Key_O)
    span = next(s for s in window.store.spans(doc_id) if s.label == "ORG")
    assert text[span.start : span.end] == "Acme Shipping"
    # The highlight lands on exactly those characters, not shifted by the emoji.
    assert format_at(window.article, span.start) is not None
    assert format_at(window.article, span.start - 2) is None
    assert format_at(window.article, span.end) is None


def test_nested_spans_stay_visible_and_clickable(qtbot, window):
    text = 'Ada Quill said: "Acme Shipping will pay the Dockers Union in full."'
    doc_id = add_text(window.store, text, title="nested")
    quote = window.store.create_span(doc_id, text.index("Acme"), text.index(' in full') + 8, "QUOTE")
    person = window.store.create_span(doc_id, text.index("Acme"), text.index("Acme") + 13, "ORG")
    window.refresh_documents()
    window.open_document(doc_id)
    inside = text.index("Shipping")
    fmt = format_at(window.article, inside)
    assert fmt.fontUnderline() and fmt.background().color().isValid()
    click(window.article, inside)
    assert window.selected_span_id == person.id
    click(window.article, inside)  # again: the next span out
    assert window.selected_span_id == quote.id
    click(window.article, text.index("pay"))
    assert window.selected_span_id == quote.id


def test_thousands_of_spans_render(qtbot, window):
    words = [f"word{i}" for i in range(4000)]
    text = " ".join(words)
    doc_id = add_text(window.store, text, title="many")
    suggestions = []
    offset = 0
    for word in words:
        suggestions.append(SpanSuggestion(offset, offset + len(word), "CARDINAL", Layer.ENTITY))
        offset += len(word) + 1
    window.store.save_preannotation(doc_id, "test", suggestions)
    window.refresh_documents()
    for _ in range(3):  # open it repeatedly: highlighting must not leak or crash
        window.open_document(doc_id)
    assert len(window.store.spans(doc_id)) == 4000
    last = suggestions[-1]
    assert format_at(window.article, last.start) is not None
    click(window.article, last.start + 1)
    key(qtbot, window, Qt.Key.Key_Delete)
    assert len(window.store.spans(doc_id)) == 3999
