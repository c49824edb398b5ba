"""Upgrading databases: from the first released schema (tests/data/schema1.db), in
one transaction after a backup copy; and refusing a database from a newer Byline.

``tests/data/schema1.db`` is frozen (see tests/make_schema1_db.py); every test
works on a copy of it in tmp_path.
"""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Migrations

import core.store
from core import schema
from core.errors import SchemaTooNewError, StoreError
from core.export_prodigy import export_jsonl
from core.model import Status
from core.schema import known_migration_names
from core.store import AnnotationStore
from tests.children import integrity
from tests.make_schema1_db import EXPECTED, TEXTS

FIXTURE = Path(__file__).parent / "data" / "schema1.db"
TABLES = ("documents", "labels", "suggestions", "spans", "relations", "edits")


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every Byline table, and the migrations applied, read without Byline."""
    conn = sqlite3.connect(path)
    try:
        content = {table: sorted(conn.execute(f"select * from [{table}]").fetchall()) for table in TABLES}
        content["_sqlite_migrations"] = [row[0] for row in conn.execute(
            "select name from _sqlite_migrations where migration_set = 'byline' order by rowid")]
        return content
    finally:
        conn.close()


def indexes(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("select name from sqlite_master where type = 'index'")}
    finally:
        conn.close()


@pytest.fixture
def old_db(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_fixture_is_a_schema_1_database(old_db):
    content = rows(old_db)
    assert content["_sqlite_migrations"] == ["0001_initial"] == known_migration_names()[:1]
    assert len(content["documents"]) == EXPECTED["documents"]
    assert len(content["relations"]) == EXPECTED["relations"]
    assert len(content["labels"]) >= EXPECTED["labels_min"]
    assert len(known_migration_names()) >= 2, "a second migration exists to upgrade to"


def test_opening_a_schema_1_database_backs_it_up_then_upgrades_it_keeping_everything(old_db):
    before = rows(old_db)
    AnnotationStore(old_db, analyst="ana").close()
    after = rows(old_db)
    assert after.pop("_sqlite_migrations") == known_migration_names()
    # 0008 adds the last column of documents: the time the status was set.
    status_at = {row[0]: row[-1] for row in after["documents"]}
    after["documents"] = sorted(row[:-1] for row in after["documents"])
    assert after == {table: before[table] for table in TABLES}, "every row is kept as it was"
    assert {"idx_spans_doc_id_start_end", "idx_relations_head_id", "idx_relations_child_id",
            "idx_edits_span_id"} <= indexes(old_db)
    assert integrity(old_db) == ("ok", [])
    with sqlite3.connect(old_db) as conn:
        last_status_edit = dict(conn.execute(
            "select doc_id, max(at) from edits where action = 'status' group by doc_id"))
    assert last_status_edit and all(status_at[doc_id] == at for doc_id, at in last_status_edit.items())

    backup = old_db.with_name("old.db.schema1.bak")
    assert rows(backup) == before, "the backup is the database as it was before the upgrade"
    assert integrity(backup) == ("ok", [])
    assert not list(old_db.parent.glob("*.partial"))

    with AnnotationStore(old_db, analyst="ana") as store:
        assert store.schema_version == len(known_migration_names())
        documents = store.list_documents()
        first = documents[0].id
        assert [store.get_document(doc.id).text for doc in documents] == list(TEXTS)
        assert store.get_document(first).status is Status.DONE
        quote = next(span for span in store.spans(first) if span.label == "QUOTE")
        assert set(store.quote_parts(quote.id)) == {"speaker", "cue"}
        # Old data keeps working with new code: edit it and export it.
        store.create_span(first, 0, 7, "EVENT")
        assert export_jsonl(store, old_db.with_name("out.jsonl")) == (2, len(before["spans"]) + 1)
    # Opened again: already up to date, so no second backup.
    assert sorted(p.name for p in old_db.parent.glob("*.bak")) == ["old.db.schema1.bak"]


def broken_migrations() -> Migrations:
    """This version's migrations, then one that fails half-way."""
    migrations = Migrations("byline")
    for name, function in (("0001_initial", schema._initial), ("0002_lookup_indexes", schema._lookup_indexes)):
        migrations(name=name)(function)

    @migrations(name="0003_broken")
    def _broken(db):
        db["scratch"].create({"id": int}, pk="id")
        db.execute("insert into scratch values (1)")
        raise RuntimeError("disk gremlins")

    return migrations


def test_a_failed_upgrade_leaves_the_database_as_it_was(old_db, monkeypatch):
    before_rows, before_bytes = rows(old_db), old_db.read_bytes()
    before_indexes = indexes(old_db)
    monkeypatch.setattr(core.store, "MIGRATIONS", broken_migrations())
    monkeypatch.setattr(core.store, "known_migration_names", lambda: ["0001_initial", "0002_lookup_indexes",
                                                                      "0003_broken"])
    with pytest.raises(StoreError) as caught:
        AnnotationStore(old_db)
    message = str(caught.value)
    assert "disk gremlins" in message and "left as it was" in message and "old.db.schema1.bak" in message
    # One transaction: the 0002 that succeeded before 0003 failed was rolled back too.
    assert rows(old_db) == before_rows
    assert indexes(old_db) == before_indexes
    assert old_db.read_bytes() == before_bytes
    assert integrity(old_db) == ("ok", [])
    monkeypatch.undo()
    with AnnotationStore(old_db) as store:  # and the real upgrade still works afterwards
        assert store.schema_version == len(known_migration_names())


def test_an_unwritable_backup_stops_the_upgrade_before_it_starts(old_db):
    before = old_db.read_bytes()
    (old_db.parent / "old.db.schema1.bak").mkdir()  # something in the way of the copy
    with pytest.raises(StoreError, match="backup copy .* could not be written"):
        AnnotationStore(old_db)
    assert old_db.read_bytes() == before
    assert not list(old_db.parent.glob("*.partial"))


def test_a_database_from_a_newer_byline_is_refused_and_left_untouched(old_db):
    AnnotationStore(old_db).close()
    conn = sqlite3.connect(old_db)
    with conn:
        conn.execute("insert into _sqlite_migrations (migration_set, name, applied_at) "
                     "values ('byline', '0042_from_the_future', '2099-01-01')")
    conn.close()
    before, backups = old_db.read_bytes(), sorted(old_db.parent.glob("*.bak"))
    with pytest.raises(SchemaTooNewError) as caught:
        AnnotationStore(old_db)
    message = str(caught.value)
    assert "newer version of Byline" in message and "upgrade Byline" in message and "old.db" in message
    assert old_db.read_bytes() == before
    assert sorted(old_db.parent.glob("*.bak")) == backups
