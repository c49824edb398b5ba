"""Two Byline windows, or the command line and a window, on one database.

Real processes on a real file: no corruption (``PRAGMA integrity_check``), no
lost edit, and a database another Byline keeps busy makes a write wait, then
fail with a StoreError in words (never a traceback).
"""
from __future__ import annotations

import json
import sqlite3
import threading

import pytest

import core.store
from core.cli import build_parser, run_command
from core.errors import StoreError
from core.labels import default_labels
from core.nlp.pipeline import PreAnnotator, load_pipeline
from core.nlp.tokenizer import tokenize
from core.store import AnnotationStore, NewDocument
from core.workflow import import_paths, preannotate_pending
from tests.children import Child, integrity
from tests.conftest import ARTICLE
from tests.test_crash_safety import apply, spans_state

TEXT = ARTICLE * 3


@pytest.fixture
def shared_db(tmp_path):
    path = tmp_path / "shared.db"
    with AnnotationStore(path) as store:
        store.add_documents([NewDocument(text=TEXT, title="harbour", meta={}, tokens=tokenize(TEXT))])
        doc_id = store.list_documents()[0].id
    return path, doc_id


def acknowledged(child: Child) -> list[dict]:
    lines = child.remaining_lines()
    assert child.finish() == 0, child.stderr()
    assert lines[-1] == "done"
    return [json.loads(line.partition(" ")[2]) for line in lines if line.startswith("ack ")]


def test_two_windows_editing_one_document_at_once_lose_nothing(shared_db):
    path, doc_id = shared_db
    children = [Child("tests.child_edits", path, doc_id, seed, "--stop-after", 60, "--own") for seed in (1, 2)]
    model = {}
    for child in children:
        for op in acknowledged(child):
            model = apply(model, op)
    assert integrity(path) == ("ok", [])
    with AnnotationStore(path) as store:
        assert spans_state(store, doc_id) == model
        analysts = [edit.analyst for edit in store.history(doc_id) if edit.action != "import"]
        assert sorted(set(analysts)) == ["child-1", "child-2"] and len(analysts) == 120


def test_the_command_line_imports_while_a_window_edits(shared_db, tmp_path):
    path, doc_id = shared_db
    folder = tmp_path / "feed"
    folder.mkdir()
    for number in range(40):
        (folder / f"{number:02}.txt").write_text(f"Story {number}\n\nAcme Shipping said {number}.\n", encoding="utf-8")
    cli = Child("main", "import", folder, "--db", path, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    made = []
    with AnnotationStore(path, analyst="window") as window:
        while cli.proc.poll() is None or len(made) < 20:
            start = len(made) * 3 % (len(TEXT) - 5)
            made.append(window.create_span(doc_id, start, start + 5, "ORG").id)
    assert cli.finish() == 0, cli.stderr()
    assert integrity(path) == ("ok", [])
    with AnnotationStore(path) as store:
        assert store.document_count() == 41
        assert {span.id for span in store.spans(doc_id)} == set(made)


def test_two_preannotation_runs_at_once_annotate_each_document_once(tmp_path, rule_pipeline_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(12):
        (folder / f"{number}.txt").write_text(ARTICLE.replace("Tuesday", f"day {number}"), encoding="utf-8")
    path = tmp_path / "two-runs.db"
    with AnnotationStore(path) as store:
        import_paths(store, [folder])
    runs = [Child("tests.child_batch", "preannotate", path, rule_pipeline_path) for _ in range(2)]
    for run in runs:
        run.remaining_lines()
        assert run.finish() == 0, run.stderr()
    assert integrity(path) == ("ok", [])
    annotator = PreAnnotator(load_pipeline(str(rule_pipeline_path)))
    with AnnotationStore(tmp_path / "reference.db") as reference:
        import_paths(reference, [folder])
        preannotate_pending(reference, annotator)
        expected = {doc.id: reference.suggestions(doc.id) for doc in reference.list_documents()}
    with AnnotationStore(path) as store:
        assert {doc.id: store.suggestions(doc.id) for doc in store.list_documents()} == expected
        marks = [edit for edit in store.history() if edit.action == "preannotate"]
        assert len(marks) == 12


def test_a_new_database_opened_by_several_processes_at_once_is_set_up_once(tmp_path):
    path = tmp_path / "new.db"
    children = [Child("tests.child_open", path) for _ in range(6)]
    for child in children:
        assert child.remaining_lines() == ["ok"], child.stderr()
        assert child.finish() == 0
    assert integrity(path) == ("ok", [])
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("select count(*) from labels").fetchone()[0] == len(default_labels())
        names = [row[0] for row in conn.execute("select name from _sqlite_migrations")]
        assert len(names) == len(set(names))
    finally:
        conn.close()


# ------------------------------------------------------------------ busy


@pytest.fixture
def locked(shared_db):
    """Another Byline holding the write lock (until told to commit or leave)."""
    path, doc_id = shared_db
    child = Child("tests.child_lock", path)
    child.wait_for("locked")
    yield path, doc_id, child
    child.kill()


def test_a_write_waits_for_another_window_to_finish(locked):
    path, doc_id, child = locked
    outcome = {}

    def window_edit():  # a second window: its own connection, as in its own process
        try:
            with AnnotationStore(path, analyst="window") as window:
                outcome["span"] = window.create_span(doc_id, 0, 7, "ORG")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = exc

    writer = threading.Thread(target=window_edit)
    writer.start()
    writer.join(0.5)
    assert writer.is_alive(), f"the write did not wait for the lock: {outcome}"
    child.send("commit")
    child.wait_for("released")
    writer.join(30)
    assert "span" in outcome, outcome
    conn = sqlite3.connect(path)
    try:
        order = [row[0] for row in conn.execute("select action from edits where action != 'import' order by rowid")]
    finally:
        conn.close()
    assert order == ["other-window", "create"]  # the window's edit came after the other's commit


def test_a_database_that_stays_busy_fails_the_write_in_words(locked, monkeypatch):
    path, doc_id, _child = locked
    monkeypatch.setattr(core.store, "BUSY_TIMEOUT", 0.3)
    with AnnotationStore(path, analyst="window") as window:
        with pytest.raises(StoreError) as caught:
            window.create_span(doc_id, 0, 7, "ORG")
        message = str(caught.value)
        assert "busy" in message and "another Byline" in message and "try again" in message
        assert "Traceback" not in message and "sqlite" not in message.lower()
        assert window.spans(doc_id) == []  # reading still works, and nothing half-written


def test_the_command_line_on_a_busy_database_says_so_without_a_traceback(locked, tmp_path, monkeypatch, capsys):
    path, _doc_id, _child = locked
    monkeypatch.setattr(core.store, "BUSY_TIMEOUT", 0.3)
    story = tmp_path / "story.txt"
    story.write_text("Acme Shipping reopens the port.\n", encoding="utf-8")
    code = run_command(build_parser().parse_args(["import", str(story), "--db", str(path)]))
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("byline import: the database") and "busy" in err
    assert "Traceback" not in err


def test_attribute_edits_from_two_windows_both_survive(tmp_path):
    """Two stores (two windows) change different attributes of one quote: neither overwrites the other."""
    from core.store import AnnotationStore, NewDocument
    from core.nlp.tokenizer import tokenize

    text = "Ada Quill said the strike would go on."
    path = tmp_path / "shared.db"
    first = AnnotationStore(path, analyst="one")
    first.add_documents([NewDocument(text, "t", {}, tokenize(text))])
    doc_id = first.list_documents()[0].id
    quote = first.create_span(doc_id, 15, 37, "QUOTE", {"kind": "indirect"})
    second = AnnotationStore(path, analyst="two")
    stale = second.get_span(quote.id)  # the second window read the quote earlier
    first.set_span_attrs(quote.id, resolved_speaker="Ada Quill")
    second.set_span_attrs(stale.id, kind="mixed")
    assert first.get_span(quote.id).attrs == {"kind": "mixed", "resolved_speaker": "Ada Quill"}
    last = first.history(doc_id)[-1]
    assert last.before["attrs"] == {"kind": "indirect", "resolved_speaker": "Ada Quill"}
    first.close()
    second.close()
