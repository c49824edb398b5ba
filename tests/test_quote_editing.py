"""Correcting quotes: in the store, and in the real window with mouse and keys."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.errors import InvalidSpanError
from core.model import QuoteKind, QuoteSuggestion
from core.nlp.tokenizer import tokenize
from core.settings import Settings
from core.speakers import resolve_name
from core.store import AnnotationStore, NewDocument
from gui.main_window import MainWindow
from tests.gui_driver import click, drag

TEXT = (
    "Mayor Ines Duarte said the budget would pass. "
    '"We have the votes," she told reporters. '
    "Councillor Tom Reyes disagreed."
)


def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def quoted(store: AnnotationStore):
    store.add_documents([NewDocument(TEXT, "budget", {}, tokenize(TEXT))])
    doc_id = store.list_documents()[0].id
    indirect = QuoteSuggestion(
        *span(TEXT, "the budget would pass"), QuoteKind.INDIRECT,
        speaker=span(TEXT, "Mayor Ines Duarte"), cue=span(TEXT, "said"), resolved_speaker="Ines Duarte",
    )
    direct = QuoteSuggestion(
        *span(TEXT, '"We have the votes,"'), QuoteKind.DIRECT,
        speaker=span(TEXT, "she"), cue=span(TEXT, "told"), resolved_speaker="Ines Duarte",
    )
    store.save_preannotation(doc_id, "test-model", [], [indirect, direct])
    return store, doc_id


def quote_at(store, doc_id, part):
    start, end = span(TEXT, part)
    return next(s for s in store.spans(doc_id) if s.label == "QUOTE" and (s.start, s.end) == (start, end))


def texts(store, doc_id, label):
    return sorted(TEXT[s.start : s.end] for s in store.spans(doc_id) if s.label == label)


def test_preannotated_quotes_are_linked_to_speaker_and_cue(quoted):
    store, doc_id = quoted
    quote = quote_at(store, doc_id, "the budget would pass")
    parts = store.quote_parts(quote.id)
    assert TEXT[parts["speaker"].start : parts["speaker"].end] == "Mayor Ines Duarte"
    assert TEXT[parts["cue"].start : parts["cue"].end] == "said"
    assert quote.attrs == {"kind": "indirect", "resolved_speaker": "Ines Duarte"}
    assert len(store.suggestions(doc_id)) == 6  # 2 quotes, 2 speakers, 2 cues


def test_changing_the_speaker_replaces_the_old_mention(quoted):
    store, doc_id = quoted
    quote = quote_at(store, doc_id, '"We have the votes,"')
    store.set_quote_part(quote.id, "speaker", *span(TEXT, "Tom Reyes"))
    assert texts(store, doc_id, "SPEAKER") == ["Mayor Ines Duarte", "Tom Reyes"]  # "she" is gone
    assert TEXT[slice(*_range(store.quote_parts(quote.id)["speaker"]))] == "Tom Reyes"
    actions = [edit.action for edit in store.history(doc_id)]
    assert actions[-4:] == ["unlink", "delete", "create", "link"]


def _range(s):
    return s.start, s.end


def test_a_speaker_used_by_two_quotes_survives_unlinking_one(quoted):
    store, doc_id = quoted
    first = quote_at(store, doc_id, "the budget would pass")
    second = quote_at(store, doc_id, '"We have the votes,"')
    store.set_quote_part(second.id, "speaker", *span(TEXT, "Mayor Ines Duarte"))
    assert texts(store, doc_id, "SPEAKER") == ["Mayor Ines Duarte"]
    store.delete_span(second.id)
    assert texts(store, doc_id, "SPEAKER") == ["Mayor Ines Duarte"]  # still the first quote's
    assert store.quote_parts(first.id)["speaker"].label == "SPEAKER"
    assert texts(store, doc_id, "CUE") == ["said"]  # "told" went with its quote


def test_only_quotes_have_parts(quoted):
    store, doc_id = quoted
    cue = next(s for s in store.spans(doc_id) if s.label == "CUE")
    with pytest.raises(InvalidSpanError):
        store.set_quote_part(cue.id, "speaker", 0, 5)


def test_resolve_name_prefers_the_full_name():
    names = ["Ines Duarte", "Tom Reyes", "Duarte Holdings"]
    assert resolve_name("Duarte", ["Ines Duarte", "Tom Reyes"]) == "Ines Duarte"
    assert resolve_name("she", names) is None
    assert resolve_name("Ana Lima", names) == "Ana Lima"


@pytest.fixture
def window(qtbot, quoted):
    store, doc_id = quoted
    win = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


def test_window_shows_the_selected_quote_with_its_speaker(window):
    click(window.article, TEXT.index("We have") + 2)
    quote = window.editor.selected()
    assert quote.label == "QUOTE"
    assert window.quote_panel.isVisible()
    assert window.quote_panel.speaker_mention.text() == "she"
    assert window.quote_panel.resolved.currentText() == "Ines Duarte"
    assert window.quote_panel.kind.currentText() == "direct"
    assert len(window.article._links) == 2  # arrows to the speaker and the cue


def test_selecting_words_and_pressing_s_sets_the_speaker(qtbot, window):
    store = window.store
    doc_id = window.current_doc_id
    click(window.article, TEXT.index("We have") + 2)
    quote_id = window.selected_span_id
    drag(window.article, *span(TEXT, "Tom Reyes"))
    qtbot.keyClick(window.article, Qt.Key.Key_S)
    parts = store.quote_parts(quote_id)
    assert TEXT[parts["speaker"].start : parts["speaker"].end] == "Tom Reyes"
    assert store.get_span(quote_id).attrs["resolved_speaker"] == "Tom Reyes"
    assert window.quote_panel.speaker_mention.text() == "Tom Reyes"
    assert "she" not in texts(store, doc_id, "SPEAKER")


def test_ctrl_click_on_a_name_sets_the_speaker(qtbot, window):
    store = window.store
    click(window.article, TEXT.index("We have") + 2)
    quote_id = window.selected_span_id
    # A PERSON entity "Ines Duarte" to click on:
    store.create_span(window.current_doc_id, *span(TEXT, "Ines Duarte"), "PERSON")
    window.open_document(window.current_doc_id)
    click(window.article, TEXT.index("We have") + 2)
    from tests.gui_driver import point_of
    qtbot.mouseClick(
        window.article.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
        point_of(window.article, TEXT.index("Duarte") + 1).toPoint(),
    )
    parts = store.quote_parts(quote_id)
    assert TEXT[parts["speaker"].start : parts["speaker"].end] == "Ines Duarte"


def test_kind_and_name_edits_and_delete_from_the_panel(qtbot, window):
    store = window.store
    doc_id = window.current_doc_id
    click(window.article, TEXT.index("budget would") + 2)
    quote_id = window.selected_span_id
    window.quote_panel.kind.setCurrentText("mixed")
    window.quote_panel.kind.activated.emit(window.quote_panel.kind.currentIndex())
    assert store.get_span(quote_id).attrs["kind"] == "mixed"
    window.quote_panel.resolved.setEditText("Mayor Ines Duarte")
    window.quote_panel.resolved.lineEdit().editingFinished.emit()
    assert store.get_span(quote_id).attrs["resolved_speaker"] == "Mayor Ines Duarte"
    click(window.article, TEXT.index("budget would") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert texts(store, doc_id, "QUOTE") == ['"We have the votes,"']
    assert texts(store, doc_id, "SPEAKER") == ["she"]


def test_add_a_missed_quote_and_resize_it(qtbot, window):
    store = window.store
    doc_id = window.current_doc_id
    drag(window.article, *span(TEXT, "Councillor Tom Reyes disagreed"))
    qtbot.keyClick(window.article, Qt.Key.Key_Q)
    added = next(s for s in store.spans(doc_id) if s.label == "QUOTE" and s.start == TEXT.index("Councillor"))
    assert added.attrs["kind"] == "indirect" and added.origin == "analyst"
    drag(window.article, *span(TEXT, "disagreed"))
    qtbot.keyClick(window.article, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert TEXT[slice(*_range(store.get_span(added.id)))] == "disagreed"


def test_a_long_quote_does_not_squeeze_the_quote_panel(qtbot, store):
    # the preview of a long quote wraps to many lines above the panel's fields; the
    # selection area scrolls rather than clip them
    long_text = ("The mayor said " + "the harbour will be rebuilt with public money and the pier reopened, "
                 * 6 + "before the winter storms.")
    store.add_documents([NewDocument(long_text, "harbour", {}, tokenize(long_text))])
    doc_id = store.list_documents()[0].id
    quote = QuoteSuggestion(len("The mayor said "), len(long_text) - 1, QuoteKind.INDIRECT,
                            speaker=(0, len("The mayor")), cue=(len("The mayor "), len("The mayor said")))
    store.save_preannotation(doc_id, "test-model", [], [quote])
    win = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    click(win.article, len("The mayor said ") + 5)
    assert win.editor.selected().label == "QUOTE"
    panel, preview = win.quote_panel, win.details
    qtbot.waitUntil(lambda: panel.height() >= panel.minimumSizeHint().height())
    assert preview.height() >= preview.heightForWidth(preview.width())


def test_file_export_writes_the_quotes_table_the_user_chose(qtbot, window, tmp_path, monkeypatch):
    import csv

    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QFileDialog

    from core.formats import FORMATS
    from gui.export_dialog import filter_of

    offered = []

    def save_dialog(parent, caption, path, filters, selected):
        offered.append((Path(path).name, selected, filters.split(";;")))
        return str(tmp_path / "monday"), filter_of(FORMATS["quotes-csv"])

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    store = window.store
    click(window.article, TEXT.index("We have") + 2)
    qtbot.keyClick(window.article, Qt.Key.Key_Return)  # the analyst accepts it, saved at once
    qtbot.keySequence(window.article, QKeySequence("Ctrl+E"))
    out = tmp_path / "monday.csv"  # the format's ending is added
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["quote"], r["kind"], r["speaker_mention"], r["cue"], r["checked"]) for r in rows] == [
        ("the budget would pass", "indirect", "Mayor Ines Duarte", "said", "no"),
        ('"We have the votes,"', "direct", "she", "told", "yes"),
    ]
    assert {r["speaker"] for r in rows} == {"Ines Duarte"}
    assert str(out) in window.status_text.text() and "with 2 quote(s)" in window.status_text.text()
    # every format is offered, and the next export starts from the quotes table
    assert len(offered[0][2]) == len(FORMATS) and offered[0][1] == filter_of(FORMATS["prodigy"])
    qtbot.keySequence(window.article, QKeySequence("Ctrl+E"))
    assert offered[1][:2] == ("byline-export.csv", filter_of(FORMATS["quotes-csv"]))
    assert store.path.exists()


@pytest.mark.parametrize("typed, chosen, saved", [
    ("monday", "quotes-csv", "monday.csv"),
    ("monday.jsonl", "quotes-csv", "monday.csv"),  # the type changed, the typed ending did not
    ("monday.CSV", "quotes-csv", "monday.CSV"),
    ("monday.jsonl", "brat", "monday"),
    ("v1.2 notes", "prodigy", "v1.2 notes.jsonl"),
])
def test_the_export_name_takes_the_chosen_formats_ending(qtbot, tmp_path, monkeypatch, typed, chosen, saved):
    from PySide6.QtWidgets import QFileDialog, QWidget

    from core.formats import FORMATS
    from gui.export_dialog import choose_export, filter_of

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / typed), filter_of(FORMATS[chosen])))
    parent = QWidget()
    qtbot.addWidget(parent)
    out, fmt = choose_export(parent, tmp_path, "prodigy")
    assert (out.name, fmt.name) == (saved, chosen)
