"""Issue 7: corpus statistics, charts, and speakers across the corpus."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from core.charts import all_charts, save_charts
from core.model import Status
from core.nlp.tokenizer import tokenize
from core.settings import Settings
from core.speakers import group_speaker_names
from core.statistics import corpus_statistics, format_statistics
from core.store import NewDocument
from gui.main_window import MainWindow

FIRST = 'Peskov said talks were over. "We wait," Dmitry Peskov said. Lee agreed.'
SECOND = "Kremlin spokesperson Dmitry Peskov said more. Mai Lee said less. Robert Lee laughed."


def quote(store, doc_id, text, part, speaker, kind="direct"):
    start = text.index(part)
    return store.create_span(doc_id, start, start + len(part), "QUOTE", {"kind": kind, "resolved_speaker": speaker})


@pytest.fixture
def corpus(store):
    store.add_documents([NewDocument(FIRST, "first", {}, tokenize(FIRST)),
                         NewDocument(SECOND, "second", {}, tokenize(SECOND))])
    first, second = (d.id for d in store.list_documents())
    quote(store, first, FIRST, "talks were over", "Peskov", "indirect")
    quote(store, first, FIRST, '"We wait,"', "Dmitry Peskov")
    quote(store, first, FIRST, "agreed", "Lee", "floating")
    quote(store, second, SECOND, "more", "Kremlin spokesperson Dmitry Peskov", "indirect")
    quote(store, second, SECOND, "less", "Mai Lee", "indirect")
    quote(store, second, SECOND, "laughed", "the mayor", "indirect")
    store.create_span(first, 0, 6, "PERSON")
    store.create_span(second, 0, 7, "ORG")
    store.set_status(first, Status.DONE)
    return store, first, second


def test_speaker_names_group_only_where_safe():
    groups = group_speaker_names({"Peskov": 1, "Dmitry Peskov": 1, "Kremlin spokesperson Dmitry Peskov": 1,
                                  "Lee": 1, "Mai Lee": 1, "Robert Lee": 1})
    assert groups == {"Peskov": "Dmitry Peskov", "Kremlin spokesperson Dmitry Peskov": "Dmitry Peskov"}


def test_statistics_count_what_the_database_holds(corpus):
    store, _first, _second = corpus
    stats = corpus_statistics(store)
    assert dict(stats.status_counts) == {"new": 0, "in_progress": 1, "done": 1, "skipped": 0}
    assert sum(count for _day, count in stats.done_per_day) == 1
    assert dict(stats.entity_labels) == {"PERSON": 1, "ORG": 1}
    assert dict(stats.quote_kinds) == {"direct": 1, "indirect": 4, "mixed": 0, "floating": 1}
    top = stats.top_speakers[0]
    assert (top.canonical, top.quotes, top.documents) == ("Dmitry Peskov", 3, 2)
    assert set(top.variants) == {"Peskov", "Dmitry Peskov", "Kremlin spokesperson Dmitry Peskov"}
    text = format_statistics(stats)
    assert "Dmitry Peskov" in text and "6 quotes" in text


def _from_scratch(store):
    """The statistics with every document's counts recomputed, not just the stale ones."""
    with store._write():
        store.db.execute("insert or ignore into stale_counts select id from documents")
    return corpus_statistics(store)


@pytest.mark.parametrize("full_recount_share", [0.0, 1.0], ids=["recount-all", "recount-stale-only"])
def test_cached_counts_follow_every_kind_of_change(corpus, monkeypatch, full_recount_share):
    """Edits, undo and redo, excluded ranges and pre-annotation all reach the per-document counts."""
    monkeypatch.setattr("core.store_counts._FULL_RECOUNT_SHARE", full_recount_share)
    store, first, second = corpus
    from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion

    corpus_statistics(store)  # every document counted
    person = next(s for s in store.spans(first) if s.label == "PERSON")
    _, relabel = store.recorded(first, "relabel", lambda: store.relabel_span(person.id, "ORG"))
    laughed = next(s for s in store.spans(second) if SECOND[s.start:s.end] == "laughed")
    store.set_span_attrs(laughed.id, resolved_speaker="Robert Lee")
    store.exclude(second, SECOND.index("Mai Lee"), len(SECOND))
    stats = corpus_statistics(store)
    assert stats == _from_scratch(store)
    assert dict(stats.entity_labels) == {"ORG": 2}
    assert "Mai Lee" not in {row.canonical for row in stats.top_speakers}, "excluded: not counted"
    store.revert(relabel)
    assert dict(corpus_statistics(store).entity_labels) == {"ORG": 1, "PERSON": 1}
    store.reapply(relabel)
    store.include(second, 0, len(SECOND))
    stats = corpus_statistics(store)
    assert stats == _from_scratch(store)
    assert dict(stats.entity_labels) == {"ORG": 2}
    store.add_documents([NewDocument("Ines Duarte said no.", "third", {}, tokenize("Ines Duarte said no."))])
    third = store.list_documents()[-1].id
    store.save_preannotation(third, "m", [SpanSuggestion(0, 11, "PERSON", Layer.ENTITY)],
                             [QuoteSuggestion(17, 19, QuoteKind.INDIRECT, (0, 11), (12, 16), "Ines Duarte")])
    store.set_status(third, Status.DONE)
    stats = corpus_statistics(store)
    assert stats == _from_scratch(store)
    assert stats.model_vs_analysts.documents == 1 and stats.model_vs_analysts.overall.true_positives == 1
    assert dict(stats.quote_kinds)["indirect"] == 5


def test_done_twice_counts_once(corpus):
    store, first, _second = corpus
    store.set_status(first, Status.IN_PROGRESS)
    store.set_status(first, Status.DONE)
    assert sum(count for _day, count in corpus_statistics(store).done_per_day) == 1


def test_merge_and_split_are_stored_and_used(corpus, tmp_path):
    store, _first, _second = corpus
    store.merge_speakers(["Lee", "Mai Lee"], "Mai Lee")
    rows = {row.canonical: row for row in store.speaker_table()}
    assert rows["Mai Lee"].quotes == 2
    store.split_speaker("Peskov")
    rows = {row.canonical: row for row in store.speaker_table()}
    assert rows["Dmitry Peskov"].quotes == 2 and rows["Peskov"].quotes == 1
    assert [q.text for q in store.quotes_by_speaker("Mai Lee")] == ["agreed", "less"]
    # The decisions live in the database: a new connection sees them.
    from core.store import AnnotationStore

    with AnnotationStore(store.path) as again:
        assert {row.canonical for row in again.speaker_table()} == {row.canonical for row in store.speaker_table()}


def test_charts_are_written_as_png_and_svg(corpus, tmp_path):
    store, _first, _second = corpus
    charts = all_charts(corpus_statistics(store), {label.name: label.colour for label in store.labels()})
    written = save_charts(charts, tmp_path / "plots")
    assert len(written) == 2 * len(charts)
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") if path.suffix == ".png" else b"<svg" in data[:2000]
    speaker_svg = (tmp_path / "plots" / "speakers.svg").read_text()
    assert "Dmitry Peskov" in speaker_svg


def test_statistics_window_lists_a_speakers_quotes_and_opens_one(qtbot, corpus):
    store, first, _second = corpus
    window = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(window)
    window.show()
    window.show_statistics()
    view = window.statistics_view
    assert len(view.canvases) == 6
    view.show_speaker("Dmitry Peskov")
    assert view.quotes.count() == 3
    item = view.quotes.item(1)
    view.quotes.itemActivated.emit(item)
    selected = window.editor.selected()
    assert window.current_doc_id == first and window.article.text[selected.start:selected.end] == '"We wait,"'


def test_statistics_follow_edits(qtbot, corpus):
    store, first, _second = corpus
    window = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(window)
    window.show()
    window.show_statistics()
    view = window.statistics_view
    window.open_document(first)
    window.select_span(next(s.id for s in window.editor.spans.values() if s.label == "PERSON"))
    window.activateWindow()  # the statistics window took the focus when it opened
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "PERSON" not in view.charts[2].figure.axes[0].get_yticklabels().__str__(), timeout=3000)
    labels = [tick.get_text() for tick in view.charts[2].figure.axes[0].get_yticklabels()]
    assert labels == ["ORG"]


def test_speakers_window_merges_and_splits(qtbot, corpus, monkeypatch):
    store, _first, _second = corpus
    window = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(window)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: pytest.fail(f"unexpected message: {args[2]}"))
    window.show_speakers()
    view = window.speakers_view
    names = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert names[0] == "Dmitry Peskov"
    assert "Lee" not in names  # grouped under "Mai Lee" automatically: no other Lee is quoted
    for i in range(view.tree.topLevelItemCount()):
        item = view.tree.topLevelItem(i)
        item.setSelected(item.text(0) in ("the mayor", "Mai Lee"))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: ("Mai Lee", True))
    view.merge_selected()
    merged = {view.tree.topLevelItem(i).text(0): view.tree.topLevelItem(i).text(1)
              for i in range(view.tree.topLevelItemCount())}
    assert merged["Mai Lee"] == "3" and "the mayor" not in merged
    view.tree.clearSelection()
    peskov = view.tree.topLevelItem(0)
    variant = next(peskov.child(i) for i in range(peskov.childCount()) if peskov.child(i).text(0) == "Peskov")
    variant.setSelected(True)
    view.split_selected()
    assert "Peskov" in {view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())}


def test_reading_speakers_leaves_no_transaction_open(corpus):
    """Edits after the speaker table must commit at once (another connection sees them)."""
    from core.store import AnnotationStore

    store, first, _second = corpus
    store.speaker_table()
    assert not store.db.conn.in_transaction
    store.create_span(first, 0, 6, "GPE")
    with AnnotationStore(store.path) as other:
        assert any(span.label == "GPE" for span in other.spans(first))


def test_export_names_the_canonical_speaker(corpus, tmp_path):
    import json

    from core.export_prodigy import export_jsonl

    store, _first, _second = corpus
    store.merge_speakers(["the mayor"], "Mai Lee")
    export_jsonl(store, tmp_path / "out.jsonl")
    speakers = [span.get("speaker") for line in (tmp_path / "out.jsonl").read_text().splitlines()
                for span in json.loads(line)["spans"] if span["label"] == "QUOTE"]
    assert sorted(speakers) == ["Dmitry Peskov"] * 3 + ["Mai Lee"] * 3


def test_stats_command_prints_and_plots(corpus, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    store, _first, _second = corpus
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "main.py", "stats", "--db", str(store.path), "--plots", str(tmp_path / "plots")],
        cwd=root, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Dmitry Peskov" in result.stdout and "Model against analysts" in result.stdout
    assert len(list((tmp_path / "plots").glob("*.svg"))) == 6
