"""AnnotationStore against real SQLite files: schema, identity, history, suggestions, errors."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from datetime import datetime

import pytest
import spacy
from sqlite_utils import Database

from core.errors import InvalidSpanError, NotFoundError, SchemaTooNewError, StoreError
from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion, Status
from core.nlp.pipeline import PreAnnotator, load_pipeline
from core.schema import MIGRATIONS, known_migration_names
from core.store import AnnotationStore
from core.workflow import import_paths, preannotate_pending
from tests.conftest import ARTICLE

TABLES = ("documents", "labels", "suggestions", "spans", "relations", "edits")


# ---------------------------------------------------------------- helpers


def offsets(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    """Character offsets of the n-th occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def snapshot(store: AnnotationStore) -> dict[str, list[tuple]]:
    """Every row of every Byline table, in a stable order."""
    return {
        table: [tuple(row) for row in store.db.execute(f"select * from [{table}] order by rowid")]
        for table in TABLES
    }


def only_doc_id(store: AnnotationStore) -> str:
    ids = [row[0] for row in store.db.execute("select id from documents")]
    assert len(ids) == 1
    return ids[0]


def edit_rows(store: AnnotationStore, doc_id: str) -> list[dict]:
    return list(store.db.query("select * from edits where doc_id = ? order by rowid", [doc_id]))


def span_rows(store: AnnotationStore, doc_id: str) -> list[dict]:
    return list(store.db.query("select * from spans where doc_id = ? order by start, end", [doc_id]))


def is_uuid4(value: str) -> bool:
    try:
        parsed = uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return str(parsed) == value and parsed.version == 4


@pytest.fixture
def annotator(rule_pipeline_path) -> PreAnnotator:
    return PreAnnotator(load_pipeline(str(rule_pipeline_path)))


@pytest.fixture
def preannotated(store_with_article, annotator):
    """The harbour article, pre-annotated by the rule pipeline."""
    assert preannotate_pending(store_with_article, annotator) == 1
    return store_with_article


# ---------------------------------------------------------- schema and file


def test_new_database_records_schema_version(store):
    known = known_migration_names()
    assert known, "the schema has at least one migration"
    assert store.schema_version == len(known)
    recorded = [
        row[0]
        for row in store.db.execute(
            "select name from _sqlite_migrations where migration_set = 'byline' order by rowid"
        )
    ]
    assert recorded == known
    assert set(TABLES) <= set(store.db.table_names())


def test_database_is_in_wal_mode_and_stays_so(tmp_path):
    path = tmp_path / "wal.db"
    with AnnotationStore(path) as opened:
        assert opened.db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    # WAL is a property of the file: a plain connection sees it too.
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        conn.close()


def test_reopening_a_database_keeps_everything(tmp_path, article_file, annotator):
    path = tmp_path / "keep.db"
    with AnnotationStore(path, analyst="ana") as first:
        import_paths(first, [article_file])
        doc_id = only_doc_id(first)
        preannotate_pending(first, annotator)
        start, end = offsets(ARTICLE, "strike")
        first.create_span(doc_id, start, end, "EVENT")
        first.set_status(doc_id, Status.DONE)
        before = snapshot(first)
        version = first.schema_version
        documents, spans, history = first.list_documents(), first.spans(doc_id), first.history(doc_id)
        suggestions = first.suggestions(doc_id)
    with AnnotationStore(path, analyst="someone else") as second:
        assert snapshot(second) == before
        assert second.schema_version == version
        assert second.list_documents() == documents
        assert second.spans(doc_id) == spans
        assert second.suggestions(doc_id) == suggestions
        assert second.history(doc_id) == history
        assert second.get_document(doc_id).status is Status.DONE
        assert second.get_document(doc_id).text == ARTICLE
    # An up-to-date database is not migrated again, so no backup copy is made.
    assert not list(tmp_path.glob("keep.db*.bak"))


def test_labels_are_seeded_once(tmp_path):
    path = tmp_path / "labels.db"
    with AnnotationStore(path) as first:
        names = [label.name for label in first.labels()]
    with AnnotationStore(path) as second:
        assert [label.name for label in second.labels()] == names
        assert second.db["labels"].count == len(names)
    assert {"PERSON", "ORG", "GPE", "QUOTE", "SPEAKER", "CUE"} <= set(names)


def test_a_file_that_is_not_sqlite_raises_store_error(tmp_path):
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 100
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        AnnotationStore(path)
    assert "notes.db" in str(caught.value)
    assert path.read_bytes() == content, "the file must be left as it was"


def test_a_folder_as_database_raises_store_error(tmp_path):
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="folder"):
        AnnotationStore(folder)


def test_a_database_in_a_missing_folder_raises_store_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        AnnotationStore(tmp_path / "missing" / "byline.db")
    assert not (tmp_path / "missing").exists()


def test_a_database_from_a_newer_byline_raises_schema_too_new(tmp_path, article_file):
    path = tmp_path / "newer.db"
    with AnnotationStore(path) as opened:
        import_paths(opened, [article_file])
        opened.db["_sqlite_migrations"].insert(
            {"migration_set": "byline", "name": "9999_from_the_future", "applied_at": "2099-01-01 00:00:00"}
        )
    with pytest.raises(SchemaTooNewError, match="newer version"):
        AnnotationStore(path)
    assert issubclass(SchemaTooNewError, StoreError)
    # Nothing was changed or copied: the newer Byline's data is intact.
    assert not list(tmp_path.glob("newer.db*.bak"))
    conn = sqlite3.connect(path)
    try:
        names = [row[0] for row in conn.execute("select name from _sqlite_migrations order by rowid")]
        assert names == known_migration_names() + ["9999_from_the_future"]
        assert conn.execute("select count(*) from documents").fetchone()[0] == 1
    finally:
        conn.close()


def test_an_older_database_is_upgraded_after_a_backup(tmp_path):
    known = known_migration_names()
    if len(known) < 2:
        pytest.skip("only one migration: nothing to upgrade from yet")
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    old = Database(conn)
    MIGRATIONS.apply(old, stop_before=known[-1])
    old["documents"].insert(
        {"id": "a" * 64, "position": 0, "title": "Old story", "text": "Old story.", "meta": "{}",
         "tokens": "[[0, 3, 1, 0], [4, 9, 0, 0], [9, 10, 0, 0]]", "status": "done",
         "created_at": "2020-01-01T00:00:00+00:00", "updated_at": "2020-01-01T00:00:00+00:00"}
    )
    conn.commit()
    conn.close()
    with AnnotationStore(path) as upgraded:
        assert upgraded.schema_version == len(known)
        document = upgraded.get_document("a" * 64)
        assert (document.title, document.text, document.status) == ("Old story", "Old story.", Status.DONE)
    backup = tmp_path / f"old.db.schema{len(known) - 1}.bak"
    assert backup.is_file(), sorted(p.name for p in tmp_path.iterdir())
    conn = sqlite3.connect(backup)
    try:
        names = [row[0] for row in conn.execute("select name from _sqlite_migrations order by rowid")]
        assert names == known[:-1], "the backup is the database as it was before the upgrade"
        assert conn.execute("select title from documents").fetchall() == [("Old story",)]
    finally:
        conn.close()


# ---------------------------------------------------------------- documents


def test_documents_are_identified_by_sha256_of_their_text(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)
    assert doc_id == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    document = store.get_document(doc_id)
    assert document.text == ARTICLE
    assert document.status is Status.NEW
    assert document.title == "Harbour talks collapse in Port Halloran"


def test_an_identical_text_is_not_imported_twice(store, tmp_path, article_file):
    first = import_paths(store, [article_file])
    assert (first.added, first.duplicates) == (1, 0)
    # The same text in another file, and again with Windows line endings.
    copy = tmp_path / "copy.txt"
    copy.write_text(ARTICLE, encoding="utf-8")
    windows = tmp_path / "windows.txt"
    windows.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    again = import_paths(store, [article_file, copy, windows])
    assert (again.added, again.duplicates) == (0, 3)
    assert store.db.execute("select count(*) from documents").fetchone()[0] == 1
    assert store.db.execute("select count(*) from edits where action = 'import'").fetchone()[0] == 1


def test_identical_texts_within_one_file_are_imported_once(store, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [{"text": "Same story."}, {"text": "Other story."}, {"text": "Same story."}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = import_paths(store, [path])
    assert (result.added, result.duplicates) == (2, 1)
    texts = [row[0] for row in store.db.execute("select text from documents order by position")]
    assert texts == ["Same story.", "Other story."]


def test_get_document_of_unknown_id_raises_not_found(store):
    with pytest.raises(NotFoundError):
        store.get_document("0" * 64)


# -------------------------------------------------------------------- spans


def test_create_span_writes_an_analyst_span_and_history(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)
    start, end = offsets(ARTICLE, "Dockers Union")
    span = store.create_span(doc_id, start, end, "ORG")
    rows = span_rows(store, doc_id)
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["start"], row["end"], row["label"], row["layer"], row["origin"]) == (
        span.id, start, end, "ORG", "entity", "analyst"
    )
    assert row["created_by"] == row["updated_by"] == "tester"
    assert row["suggestion_id"] is None
    assert is_uuid4(row["id"])
    edits = [edit for edit in edit_rows(store, doc_id) if edit["action"] == "create"]
    assert len(edits) == 1
    assert edits[0]["span_id"] == span.id
    assert edits[0]["before"] is None
    assert json.loads(edits[0]["after"]).items() >= {
        "start": start, "end": end, "label": "ORG", "layer": "entity", "origin": "analyst"
    }.items()


def test_relabel_span(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    start, end = offsets(ARTICLE, "Tuesday")
    (model_span,) = [span for span in store.spans(doc_id) if (span.start, span.end) == (start, end)]
    assert (model_span.label, model_span.origin) == ("DATE", "model")
    updated = store.relabel_span(model_span.id, "EVENT")
    assert (updated.id, updated.label, updated.origin) == (model_span.id, "EVENT", "analyst")
    row = store.db.execute("select label, origin, updated_by from spans where id = ?", [model_span.id]).fetchone()
    assert row == ("EVENT", "analyst", "tester")
    edit = edit_rows(store, doc_id)[-1]
    assert (edit["action"], edit["span_id"], edit["analyst"]) == ("relabel", model_span.id, "tester")
    assert json.loads(edit["before"])["label"] == "DATE"
    assert json.loads(edit["before"])["origin"] == "model"
    assert json.loads(edit["after"])["label"] == "EVENT"


def test_resize_span(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    start, end = offsets(ARTICLE, "Ada Quill")
    (span,) = [s for s in store.spans(doc_id) if (s.start, s.end) == (start, end)]
    new_start, new_end = offsets(ARTICLE, "Quill")
    updated = store.resize_span(span.id, new_start, new_end)
    assert (updated.start, updated.end, updated.label, updated.origin) == (new_start, new_end, "PERSON", "analyst")
    assert store.db.execute("select start, end from spans where id = ?", [span.id]).fetchone() == (new_start, new_end)
    edit = edit_rows(store, doc_id)[-1]
    assert edit["action"] == "resize"
    assert (json.loads(edit["before"])["start"], json.loads(edit["before"])["end"]) == (start, end)
    assert (json.loads(edit["after"])["start"], json.loads(edit["after"])["end"]) == (new_start, new_end)


def test_accept_span_makes_it_the_analysts_without_changing_it(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    span = store.spans(doc_id)[0]
    assert span.origin == "model"
    accepted = store.accept_span(span.id)
    assert (accepted.start, accepted.end, accepted.label) == (span.start, span.end, span.label)
    row = store.db.execute("select origin, updated_by from spans where id = ?", [span.id]).fetchone()
    assert row == ("analyst", "tester")
    edit = edit_rows(store, doc_id)[-1]
    assert (edit["action"], edit["span_id"]) == ("accept", span.id)
    assert json.loads(edit["before"])["origin"] == "model"
    assert json.loads(edit["after"])["origin"] == "analyst"


def test_delete_span_removes_it_but_history_keeps_it(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    span = store.spans(doc_id)[0]
    store.delete_span(span.id)
    assert store.db.execute("select count(*) from spans where id = ?", [span.id]).fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        store.get_span(span.id)
    edit = edit_rows(store, doc_id)[-1]
    assert (edit["action"], edit["span_id"], edit["after"]) == ("delete", span.id, None)
    assert json.loads(edit["before"]).items() >= {
        "start": span.start, "end": span.end, "label": span.label, "layer": "entity", "origin": "model"
    }.items()


def test_model_suggestions_stay_unchanged_when_the_analyst_corrects(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    suggestions_before = [tuple(row) for row in store.db.execute("select * from suggestions order by id")]
    assert len(suggestions_before) == 6
    by_text = {ARTICLE[s.start : s.end] + "/" + str(s.start): s for s in store.spans(doc_id)}
    spans = {key.split("/")[0]: span for key, span in by_text.items()}
    store.relabel_span(spans["Tuesday"].id, "TIME")
    store.delete_span(spans["Acme Shipping"].id)
    store.resize_span(spans["Port Halloran"].id, *offsets(ARTICLE, "Halloran"))
    store.accept_span(spans["Dockers Union"].id)
    store.create_span(doc_id, *offsets(ARTICLE, "reporters"), "NORP")
    suggestions_after = [tuple(row) for row in store.db.execute("select * from suggestions order by id")]
    assert suggestions_after == suggestions_before
    assert [(ARTICLE[s.start : s.end], s.label) for s in store.suggestions(doc_id)] == [
        ("Port Halloran", "GPE"),
        ("Ada Quill", "PERSON"),
        ("Dockers Union", "ORG"),
        ("Tuesday", "DATE"),
        ("Quill", "PERSON"),
        ("Acme Shipping", "ORG"),
    ]
    # ...while the spans do show the corrections.
    current = {(ARTICLE[s.start : s.end], s.label, s.origin) for s in store.spans(doc_id)}
    assert current == {
        ("Halloran", "GPE", "analyst"),
        ("Ada Quill", "PERSON", "model"),
        ("Dockers Union", "ORG", "analyst"),
        ("Tuesday", "TIME", "analyst"),
        ("Quill", "PERSON", "model"),
        ("reporters", "NORP", "analyst"),
    }


def test_every_edit_appends_to_the_history_with_analyst_and_time(tmp_path, article_file, annotator):
    with AnnotationStore(tmp_path / "history.db", analyst="maria") as store:
        import_paths(store, [article_file])
        doc_id = only_doc_id(store)
        preannotate_pending(store, annotator)
        span = store.spans(doc_id)[0]
        operations = [
            ("create", lambda: store.create_span(doc_id, *offsets(ARTICLE, "strike"), "EVENT")),
            ("relabel", lambda: store.relabel_span(span.id, "LOC")),
            ("resize", lambda: store.resize_span(span.id, *offsets(ARTICLE, "Port"))),
            ("accept", lambda: store.accept_span(span.id)),
            ("delete", lambda: store.delete_span(span.id)),
            ("status", lambda: store.set_status(doc_id, Status.DONE)),
        ]
        for action, operation in operations:
            before = edit_rows(store, doc_id)
            operation()
            after = edit_rows(store, doc_id)
            assert after[: len(before)] == before, "history rows are never changed"
            assert len(after) == len(before) + 1
            row = after[-1]
            assert row["action"] == action
            assert row["analyst"] == "maria"
            assert is_uuid4(row["id"])
            stamp = datetime.fromisoformat(row["at"])
            assert stamp.tzinfo is not None
            assert row["at"] >= before[-1]["at"]
        actions = [edit.action for edit in store.history(doc_id)]
        assert actions == ["import", "preannotate", "create", "relabel", "resize", "accept", "delete", "status"]
        assert {edit.analyst for edit in store.history(doc_id)} == {"maria"}


def test_ids_are_uuids(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    store.create_span(doc_id, *offsets(ARTICLE, "strike"), "EVENT")
    for table in ("spans", "edits", "suggestions"):
        ids = [row[0] for row in store.db.execute(f"select id from {table}")]
        assert ids, table
        assert all(is_uuid4(value) for value in ids), (table, ids)
        assert len(set(ids)) == len(ids)
    span_ids = [row[0] for row in store.db.execute("select span_id from edits where span_id is not null")]
    assert span_ids and all(is_uuid4(value) for value in span_ids)


# ------------------------------------------------------------------- status


def test_first_edit_moves_a_new_document_to_in_progress(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)

    def status() -> str:
        return store.db.execute("select status from documents where id = ?", [doc_id]).fetchone()[0]

    assert status() == "new"
    span = store.create_span(doc_id, *offsets(ARTICLE, "strike"), "EVENT")
    assert status() == "in_progress"
    store.set_status(doc_id, Status.DONE)
    assert status() == "done"
    # Further edits do not undo "done".
    store.relabel_span(span.id, "LOC")
    assert status() == "done"
    store.set_status(doc_id, Status.SKIPPED)
    assert status() == "skipped"
    assert store.list_documents()[0].status is Status.SKIPPED
    changes = [
        (json.loads(row["before"]), json.loads(row["after"]))
        for row in edit_rows(store, doc_id)
        if row["action"] == "status"
    ]
    assert changes == [
        ({"status": "in_progress"}, {"status": "done"}),
        ({"status": "done"}, {"status": "skipped"}),
    ]


def test_relabelling_a_model_span_also_starts_the_document(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    assert store.get_document(doc_id).status is Status.NEW, "pre-annotation is not an analyst edit"
    store.relabel_span(store.spans(doc_id)[0].id, "LOC")
    assert store.get_document(doc_id).status is Status.IN_PROGRESS


def test_setting_the_same_status_again_records_nothing(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)
    store.set_status(doc_id, Status.DONE)
    count = len(edit_rows(store, doc_id))
    store.set_status(doc_id, Status.DONE)
    assert len(edit_rows(store, doc_id)) == count


# ----------------------------------------------------------- invalid spans


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (-1, 5, "PERSON"),  # before the text
        (0, len(ARTICLE) + 1, "PERSON"),  # past the end
        (20, 10, "PERSON"),  # reversed
        (10, 10, "PERSON"),  # empty
        (0, 7, "SPACESHIP"),  # unknown label
    ],
)
def test_invalid_new_spans_raise_and_write_nothing(store_with_article, start, end, label):
    store = store_with_article
    doc_id = only_doc_id(store)
    before = snapshot(store)
    with pytest.raises(InvalidSpanError):
        store.create_span(doc_id, start, end, label)
    assert snapshot(store) == before


def test_relabel_to_another_layers_label_raises_and_writes_nothing(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    span = store.spans(doc_id)[0]
    before = snapshot(store)
    with pytest.raises(InvalidSpanError):
        store.relabel_span(span.id, "QUOTE")
    with pytest.raises(InvalidSpanError):
        store.relabel_span(span.id, "NO_SUCH_LABEL")
    assert snapshot(store) == before
    quote = store.create_span(doc_id, *offsets(ARTICLE, "We are not moving,"), "QUOTE")
    before = snapshot(store)
    with pytest.raises(InvalidSpanError):
        store.relabel_span(quote.id, "PERSON")
    assert snapshot(store) == before


@pytest.mark.parametrize(("start", "end"), [(30, 20), (-3, 4), (0, len(ARTICLE) + 1), (12, 12)])
def test_invalid_resize_raises_and_writes_nothing(preannotated, start, end):
    store = preannotated
    span = store.spans(only_doc_id(store))[0]
    before = snapshot(store)
    with pytest.raises(InvalidSpanError):
        store.resize_span(span.id, start, end)
    assert snapshot(store) == before


def test_span_on_unknown_document_raises_not_found(store):
    before = snapshot(store)
    with pytest.raises(NotFoundError):
        store.create_span("f" * 64, 0, 3, "PERSON")
    assert snapshot(store) == before


# ----------------------------------------------------------- pre-annotation


def test_save_preannotation_stores_suggestions_and_model_spans(preannotated, annotator):
    store = preannotated
    doc_id = only_doc_id(store)
    rows = list(store.db.query("select * from suggestions where doc_id = ? order by start", [doc_id]))
    assert [(ARTICLE[r["start"] : r["end"]], r["label"], r["layer"], r["model"]) for r in rows] == [
        ("Port Halloran", "GPE", "entity", annotator.name),
        ("Ada Quill", "PERSON", "entity", annotator.name),
        ("Dockers Union", "ORG", "entity", annotator.name),
        ("Tuesday", "DATE", "entity", annotator.name),
        ("Quill", "PERSON", "entity", annotator.name),
        ("Acme Shipping", "ORG", "entity", annotator.name),
    ]
    spans = span_rows(store, doc_id)
    assert len(spans) == 6
    by_suggestion = {row["id"]: row for row in rows}
    for span in spans:
        assert span["origin"] == "model"
        assert span["created_by"] == annotator.name
        suggestion = by_suggestion[span["suggestion_id"]]
        assert (span["start"], span["end"], span["label"]) == (suggestion["start"], suggestion["end"], suggestion["label"])
    document = store.db.execute("select preannotated_with, preannotated_at, status from documents").fetchone()
    assert document[0] == annotator.name and document[1] and document[2] == "new"
    (edit,) = [row for row in edit_rows(store, doc_id) if row["action"] == "preannotate"]
    assert json.loads(edit["after"]) == {"model": annotator.name, "spans": 6}


def test_analyst_spans_block_overlapping_suggestions_which_are_still_stored(store_with_article, annotator):
    store = store_with_article
    doc_id = only_doc_id(store)
    # The analyst got there first: "Ada" as an ORG (overlaps the model's "Ada Quill"),
    # and a quote over the whole quotation (another layer: it blocks no entity).
    mine = store.create_span(doc_id, *offsets(ARTICLE, "Ada"), "ORG")
    store.create_span(doc_id, *offsets(ARTICLE, '"We are not moving," Quill told'), "QUOTE")
    assert preannotate_pending(store, annotator) == 1
    suggestions = {(ARTICLE[s.start : s.end], s.label) for s in store.suggestions(doc_id)}
    assert ("Ada Quill", "PERSON") in suggestions
    assert len(suggestions) == 6
    entity_spans = [(ARTICLE[s.start : s.end], s.label, s.origin) for s in store.spans(doc_id) if s.layer is Layer.ENTITY]
    assert ("Ada Quill", "PERSON", "model") not in entity_spans
    assert ("Ada", "ORG", "analyst") in entity_spans
    # "Quill" inside the analyst's quote is of another layer, so it still becomes a span.
    assert ("Quill", "PERSON", "model") in entity_spans
    assert len(entity_spans) == 6  # 5 model spans + the analyst's
    assert store.get_span(mine.id).label == "ORG"
    blocked = store.db.execute(
        "select count(*) from suggestions s where not exists (select 1 from spans p where p.suggestion_id = s.id)"
    ).fetchone()[0]
    assert blocked == 1


def test_a_second_preannotation_of_a_document_is_a_no_op(preannotated):
    store = preannotated
    doc_id = only_doc_id(store)
    before = snapshot(store)
    added = store.save_preannotation(doc_id, "other-model", [SpanSuggestion(0, 7, "ORG")])
    assert added == 0
    assert snapshot(store) == before
    assert store.get_document(doc_id).preannotated_with != "other-model"


def test_unknown_labels_from_a_model_are_added_to_the_label_set(store, tmp_path):
    text = "The MV Northern Star docked at dawn.\n"
    path = tmp_path / "ship.txt"
    path.write_text(text, encoding="utf-8")
    import_paths(store, [path])
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "VESSEL", "pattern": "Northern Star"}])
    assert "VESSEL" not in {label.name for label in store.labels()}
    count = len(store.labels())
    assert preannotate_pending(store, PreAnnotator(nlp)) == 1
    labels = store.labels()
    assert len(labels) == count + 1
    assert labels[-1].name == "VESSEL" and labels[-1].layer is Layer.ENTITY
    assert store.db.execute("select layer from labels where name = 'VESSEL'").fetchone() == ("entity",)
    (span,) = store.spans(only_doc_id(store))
    assert (text[span.start : span.end], span.label) == ("Northern Star", "VESSEL")
    # ...and the analyst can use it from now on.
    store.relabel_span(span.id, "ORG")
    store.relabel_span(span.id, "VESSEL")


def test_a_suggestion_outside_the_text_writes_nothing(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)
    before = snapshot(store)
    bad = [SpanSuggestion(0, 7, "NEW_LABEL"), SpanSuggestion(5, len(ARTICLE) + 10, "PERSON")]
    with pytest.raises(InvalidSpanError):
        store.save_preannotation(doc_id, "broken-model", bad)
    assert snapshot(store) == before, "labels, suggestions and spans are rolled back together"
    assert store.documents_needing_preannotation() == [doc_id]


def test_quote_suggestions_become_linked_quote_spans(store_with_article):
    store = store_with_article
    doc_id = only_doc_id(store)
    content = offsets(ARTICLE, "We are not moving,")
    speaker = offsets(ARTICLE, "Quill", 1)
    cue = offsets(ARTICLE, "told")
    quote = QuoteSuggestion(*content, QuoteKind.DIRECT, speaker=speaker, cue=cue, resolved_speaker="Ada Quill")
    assert store.save_preannotation(doc_id, "quote-model", [], [quote]) == 3
    spans = {s.label: s for s in store.spans(doc_id)}
    assert {label: (s.start, s.end) for label, s in spans.items()} == {"QUOTE": content, "SPEAKER": speaker, "CUE": cue}
    assert spans["QUOTE"].attrs == {"kind": "direct", "resolved_speaker": "Ada Quill"}
    relations = {(r.head_id, r.child_id, r.label) for r in store.relations(doc_id)}
    assert relations == {
        (spans["QUOTE"].id, spans["SPEAKER"].id, "speaker"),
        (spans["QUOTE"].id, spans["CUE"].id, "cue"),
    }
    # Deleting the speaker removes its link, not the quote.
    store.delete_span(spans["SPEAKER"].id)
    assert {r.label for r in store.relations(doc_id)} == {"cue"}
    assert store.db.execute("select count(*) from suggestions where doc_id = ?", [doc_id]).fetchone()[0] == 3


def test_quotes_sharing_a_mention_share_one_span(store_with_article):
    """ "A," she said. "B." : the floating quote links to the same SPEAKER span, and
    deleting one quote leaves the mention its other quote still uses."""
    store = store_with_article
    doc_id = only_doc_id(store)
    speaker = offsets(ARTICLE, "Quill", 1)
    cue = offsets(ARTICLE, "told")
    first = QuoteSuggestion(*offsets(ARTICLE, '"We are not moving,"'), QuoteKind.DIRECT, speaker, cue, "Ada Quill")
    floating = QuoteSuggestion(*offsets(ARTICLE, "Acme Shipping declined"), QuoteKind.FLOATING, speaker, None,
                               "Ada Quill")
    assert store.save_preannotation(doc_id, "quote-model", [], [first, floating]) == 4
    speakers = [s for s in store.spans(doc_id) if s.label == "SPEAKER"]
    assert [(s.start, s.end) for s in speakers] == [speaker]
    links = [(r.label, r.child_id) for r in store.relations(doc_id)]
    assert links.count(("speaker", speakers[0].id)) == 2
    quote_ids = [s.id for s in store.spans(doc_id) if s.label == "QUOTE"]
    store.delete_span(quote_ids[0])
    assert [s.label for s in store.spans(doc_id)] == ["SPEAKER", "QUOTE"]
    assert [(r.head_id, r.label) for r in store.relations(doc_id)] == [(quote_ids[1], "speaker")]


def test_documents_needing_preannotation(store, tmp_path, annotator):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text("Ada Quill spoke.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Nobody we know is named here.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Acme Shipping spoke.\n", encoding="utf-8")
    import_paths(store, [folder])
    ids = [row[0] for row in store.db.execute("select id from documents order by position")]
    assert store.documents_needing_preannotation() == ids
    store.save_preannotation(ids[1], annotator.name, [])
    assert store.documents_needing_preannotation() == [ids[0], ids[2]], "no suggestions still counts as done"
    assert preannotate_pending(store, annotator) == 2
    assert store.documents_needing_preannotation() == []
    assert preannotate_pending(store, annotator) == 0
    counts = dict(store.db.execute("select doc_id, count(*) from suggestions group by doc_id").fetchall())
    assert counts == {ids[0]: 1, ids[2]: 1}
