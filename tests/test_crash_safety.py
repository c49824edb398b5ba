"""Killing Byline (SIGKILL) at any moment loses at most the edit in flight.

Real child processes (tests/child_edits.py, tests/child_batch.py) write to real
SQLite files and are killed with SIGKILL, then the database is checked with
``PRAGMA integrity_check`` and reopened. Imports and pre-annotation runs are
atomic per file / per document and resume without duplicates when run again.
"""
from __future__ import annotations

import json
import random
import sqlite3

import pytest

from core.nlp.pipeline import PreAnnotator, load_pipeline
from core.nlp.tokenizer import tokenize
from core.store import AnnotationStore, NewDocument
from core.workflow import import_paths, preannotate_pending
from tests.children import Child, integrity
from tests.conftest import ARTICLE

TEXT = ARTICLE * 3


def spans_state(store: AnnotationStore, doc_id: str) -> dict[str, tuple[int, int, str]]:
    return {span.id: (span.start, span.end, span.label) for span in store.spans(doc_id)}


def apply(model: dict, op: dict) -> dict:
    """The in-memory model of one acknowledged edit."""
    model = dict(model)
    if op["op"] == "create":
        model[op["id"]] = (op["start"], op["end"], op["label"])
    elif op["op"] == "relabel":
        start, end, _ = model[op["id"]]
        model[op["id"]] = (start, end, op["label"])
    elif op["op"] == "resize":
        _, _, label = model[op["id"]]
        model[op["id"]] = (op["start"], op["end"], label)
    elif op["op"] == "delete":
        del model[op["id"]]
    return model


@pytest.fixture
def edit_db(tmp_path):
    path = tmp_path / "edits.db"
    with AnnotationStore(path) as store:
        store.add_documents([NewDocument(text=TEXT, title="harbour", meta={}, tokens=tokenize(TEXT))])
        doc_id = store.list_documents()[0].id
    return path, doc_id


def run_edits(path, doc_id, seed: int, acks_before_kill: int, stall: bool):
    """Run the edit stream, kill it; returns (acknowledged ops, the op in flight or None).

    Lines the child printed before it died are read after the kill too: the edit
    it had begun (or even acknowledged) by then counts.
    """
    child = Child("tests.child_edits", path, doc_id, seed, *(["--stall-after", acks_before_kill] if stall else []))
    acked, in_flight, killed = [], None, False
    try:
        while True:
            line = child.next_line()
            if line is None:
                break
            kind, _, payload = line.partition(" ")
            if killed and kind in ("begin", "ack") and not _is_json(payload):
                break  # the kill cut the child's last line short: it was never said
            if kind == "begin":
                in_flight = json.loads(payload)
            elif kind == "ack":
                acked.append(json.loads(payload))
                in_flight = None
                if not stall and len(acked) == acks_before_kill:
                    child.kill()  # while it is already busy with the next edit
                    killed = True
            elif kind == "stalled":
                child.kill()
                killed = True
            else:
                raise AssertionError(line)
    finally:
        child.kill()
    assert child.proc.returncode == -9, f"the child ended on its own: {child.stderr()}"
    return acked, in_flight


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_a_killed_edit_stream_keeps_every_acknowledged_edit(edit_db, seed):
    path, doc_id = edit_db
    acks = random.Random(seed).randrange(5, 60)
    acked, in_flight = run_edits(path, doc_id, seed, acks, stall=False)

    assert integrity(path) == ("ok", [])
    model = {}
    for op in acked:
        model = apply(model, op)
    with AnnotationStore(path) as store:
        state = spans_state(store, doc_id)
        edits = store.db.execute("select count(*) from edits where action != 'import'").fetchone()[0]
    if state == model:
        assert edits == len(acked)  # the edit in flight, if any, left no trace
        return
    # Otherwise the edit in flight had committed before the kill: all of it, history included.
    assert in_flight is not None, "the database differs from the acknowledged edits"
    assert edits == len(acked) + 1
    if in_flight["op"] == "create":
        extra = {key: value for key, value in state.items() if key not in model}
        assert list(extra.values()) == [(in_flight["start"], in_flight["end"], in_flight["label"])]
        assert {key: value for key, value in state.items() if key in model} == model
    else:
        assert state == apply(model, in_flight)


def test_a_kill_inside_an_edit_transaction_loses_exactly_that_edit(edit_db):
    path, doc_id = edit_db
    acked, in_flight = run_edits(path, doc_id, seed=5, acks_before_kill=9, stall=True)
    assert len(acked) == 9 and in_flight is not None
    # The child was stopped after writing the span row of edit 10, before its history row.
    assert integrity(path) == ("ok", [])
    model = {}
    for op in acked:
        model = apply(model, op)
    with AnnotationStore(path) as store:
        assert spans_state(store, doc_id) == model
        assert len([edit for edit in store.history(doc_id) if edit.action != "import"]) == 9
        # And the database takes edits again at once: no stale lock survives the process.
        store.create_span(doc_id, 0, 7, "ORG")


# ------------------------------------------------------------------ bulk import


def make_feed(folder, files: int = 12, per_file: int = 5) -> dict[str, set[str]]:
    """JSONL files of several articles each; returns file name -> its texts."""
    folder.mkdir()
    feed = {}
    for number in range(files):
        texts = [f"Story {number}-{line}: Ada Quill spoke in Port Halloran about shipment {number * 7 + line}.\n"
                 for line in range(per_file)]
        path = folder / f"feed{number:02}.jsonl"
        path.write_text("".join(json.dumps({"text": text}) + "\n" for text in texts), encoding="utf-8")
        feed[path.name] = set(texts)
    return feed


def check_whole_files(path, feed: dict[str, set[str]]) -> int:
    """Every file is in the database entirely or not at all; returns documents present."""
    assert integrity(path) == ("ok", [])
    conn = sqlite3.connect(path)
    try:
        texts = {row[0] for row in conn.execute("select text from documents")}
        import_edits = conn.execute("select count(*) from edits where action = 'import'").fetchone()[0]
    finally:
        conn.close()
    for name, file_texts in feed.items():
        assert file_texts <= texts or not file_texts & texts, f"{name} is half-imported"
    assert import_edits == len(texts)
    return len(texts)


@pytest.mark.parametrize("stall", [True, False], ids=["inside-a-file", "free-running"])
def test_a_killed_import_is_whole_files_and_a_rerun_completes_it(tmp_path, stall):
    feed = make_feed(tmp_path / "feed")
    path = tmp_path / "import.db"
    AnnotationStore(path).close()
    # Stop at the 23rd document: the 3rd of the 5th file.
    child = Child("tests.child_batch", "import", path, tmp_path / "feed", *([23] if stall else []))
    try:
        child.wait_for("ready")
        child.wait_for("stalled" if stall else "wrote 23")
    finally:
        child.kill()
    present = check_whole_files(path, feed)
    if stall:
        assert present == 20  # four whole files; the fifth was rolled back
    with AnnotationStore(path) as store:
        summary = import_paths(store, [tmp_path / "feed"])
        assert summary.added == 60 - present and summary.duplicates == present
        assert store.document_count() == 60
    assert check_whole_files(path, feed) == 60


# ------------------------------------------------------------- pre-annotation


def test_a_killed_preannotation_run_resumes_without_duplicates(tmp_path, rule_pipeline_path):
    texts = [ARTICLE.replace("Tuesday", day) for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                          "Saturday")]
    folder = tmp_path / "articles"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"{number}.txt").write_text(text, encoding="utf-8")
    annotator = PreAnnotator(load_pipeline(str(rule_pipeline_path)))
    reference = {}
    with AnnotationStore(tmp_path / "reference.db") as store:
        import_paths(store, [folder])
        preannotate_pending(store, annotator)
        for doc in store.list_documents():
            reference[doc.id] = (store.suggestions(doc.id), spans_of(store, doc.id))

    path = tmp_path / "run.db"
    with AnnotationStore(path) as store:
        import_paths(store, [folder])
    child = Child("tests.child_batch", "preannotate", path, rule_pipeline_path, 4)
    try:
        child.wait_for("stalled")  # inside the 4th document's transaction
    finally:
        child.kill()
    assert integrity(path) == ("ok", [])
    with AnnotationStore(path) as store:
        done = [doc.id for doc in store.list_documents() if store.get_document(doc.id).preannotated_with]
        assert len(done) == 3
        for doc in store.list_documents():
            if doc.id in done:
                assert (store.suggestions(doc.id), spans_of(store, doc.id)) == reference[doc.id]
            else:  # all of a document's suggestions, or none of them
                assert store.suggestions(doc.id) == [] and store.spans(doc.id) == []
        assert preannotate_pending(store, annotator) == 3
        for doc in store.list_documents():
            assert (store.suggestions(doc.id), spans_of(store, doc.id)) == reference[doc.id]
        assert preannotate_pending(store, annotator) == 0


def spans_of(store: AnnotationStore, doc_id: str) -> list[tuple]:
    return [(s.start, s.end, s.label, s.origin) for s in store.spans(doc_id)]
