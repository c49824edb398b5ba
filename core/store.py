"""AnnotationStore: the one class that owns Byline's SQLite database.

Every write goes through a method here, runs in one transaction and appends a
row to the ``edits`` history, so that what is on screen is always what is on
disk. Rows are identified by content hashes (documents) and UUIDs (everything
else) because databases from several analysts will be merged.
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from core.clock import new_id, now_iso
from core.errors import InvalidSpanError, SchemaTooNewError, StoreError
from core.labels import default_labels
from core.model import Label, Layer
from core.schema import MIGRATIONS, known_migration_names
from core.store_changes import ChangeRecorder, ChangeSet
from core.store_documents import DocumentOperations
from core.store_records import Edit, ImportResult, NewDocument, Relation
from core.store_spans import SpanOperations

__all__ = ["AnnotationStore", "ChangeSet", "Edit", "ImportResult", "NewDocument", "Relation"]

# How long a write waits for another process holding the database (seconds).
BUSY_TIMEOUT = 5.0


class AnnotationStore(DocumentOperations, SpanOperations):
    """Open (creating or upgrading if needed) the database at ``path``.

    ``analyst`` is recorded with every edit made through this store. The
    document and span operations live in their own modules (mixins) to keep
    each file about one thing; this class owns the connection, the schema,
    transactions, labels and the history.
    """

    def __init__(self, path: str | Path, analyst: str = "analyst") -> None:
        self.path = Path(path)
        self.analyst = analyst
        self._changes = ChangeRecorder()
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file")
        if not self.path.parent.exists():
            raise StoreError(f"folder {self.path.parent} does not exist")
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT)
            self.db = Database(conn)
            # WAL lets the GUI read while a pre-annotation run writes; NORMAL
            # synchronous is durable against process crashes in WAL mode.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {self.path} as a Byline database: {exc}") from exc
        if not self.db["labels"].count:
            self._seed_labels(default_labels())

    # ----------------------------------------------------------------- setup

    def _migrate(self) -> None:
        applied = [m.name for m in MIGRATIONS.applied(self.db)]
        known = known_migration_names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise SchemaTooNewError(
                f"{self.path} was written by a newer version of Byline "
                f"(schema {len(applied)}, this version knows {len(known)}); please upgrade Byline"
            )
        pending = MIGRATIONS.pending(self.db)
        if not pending:
            return
        if applied:
            # An existing database about to change shape: keep a copy first.
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            backup = self.path.with_name(f"{self.path.name}.schema{len(applied)}.bak")
            shutil.copy2(self.path, backup)
        with self._write():
            MIGRATIONS.apply(self.db)

    @property
    def schema_version(self) -> int:
        return len(MIGRATIONS.applied(self.db))

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a second process
        waits (up to BUSY_TIMEOUT) instead of failing half-way.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"the database {self.path} is busy (another Byline is writing to it); try again"
            ) from exc
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _record(
        self,
        doc_id: str,
        action: str,
        span_id: str | None = None,
        before: dict | None = None,
        after: dict | None = None,
    ) -> None:
        self.db["edits"].insert(
            {
                "id": new_id(),
                "doc_id": doc_id,
                "span_id": span_id,
                "action": action,
                "before": json.dumps(before) if before is not None else None,
                "after": json.dumps(after) if after is not None else None,
                "analyst": self.analyst,
                "at": now_iso(),
            }
        )

    # ----------------------------------------------------------------- labels

    def _seed_labels(self, labels: Iterable[Label]) -> None:
        with self._write():
            self.db["labels"].insert_all(
                {
                    "name": label.name,
                    "layer": label.layer.value,
                    "colour": label.colour,
                    "shortcut": label.shortcut,
                    "description": label.description,
                    "position": index,
                }
                for index, label in enumerate(labels)
            )

    def labels(self) -> list[Label]:
        """The label set, in palette order."""
        return [
            Label(row["name"], Layer(row["layer"]), row["colour"], row["shortcut"] or "", row["description"] or "")
            for row in self.db.query("select * from labels order by position")
        ]

    def _label(self, name: str) -> Label:
        for label in self.labels():
            if label.name == name:
                return label
        raise InvalidSpanError(f"unknown label {name!r}")

    def add_label(self, label: Label) -> None:
        """Add a label at the end of the palette (used when suggestions carry new labels)."""
        with self._write():
            position = self.db.execute("select coalesce(max(position), -1) + 1 from labels").fetchone()[0]
            self.db["labels"].insert(
                {
                    "name": label.name,
                    "layer": label.layer.value,
                    "colour": label.colour,
                    "shortcut": label.shortcut,
                    "description": label.description,
                    "position": position,
                },
                ignore=True,
            )

    # ---------------------------------------------------------------- history

    def history(self, doc_id: str | None = None) -> list[Edit]:
        """The edit history, oldest first (of one document, or of all)."""
        where, params = ("where doc_id = ?", [doc_id]) if doc_id else ("", [])
        return [
            Edit(
                row["id"],
                row["doc_id"],
                row["span_id"],
                row["action"],
                json.loads(row["before"]) if row["before"] else None,
                json.loads(row["after"]) if row["after"] else None,
                row["analyst"],
                row["at"],
            )
            for row in self.db.query(f"select * from edits {where} order by at, rowid", params)
        ]
