"""AnnotationStore: the one class that owns Byline's SQLite database.

Every write goes through a method here, runs in one transaction and appends a
row to the ``edits`` history, so that what is on screen is always what is on
disk. Rows are identified by content hashes (documents) and UUIDs (everything
else) because databases from several analysts will be merged.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from core.clock import new_id, now_iso
from core.errors import SchemaTooNewError, StoreError
from core.labels import default_labels
from core.schema import MIGRATIONS, known_migration_names
from core.store_boundaries import BoundaryOperations
from core.store_changes import ChangeRecorder, ChangeSet
from core.store_counts import CountCache
from core.store_documents import DocumentOperations
from core.store_evaluation import EvaluationQueries
from core.store_labels import LabelOperations
from core.store_preannotation_reset import PreannotationReset
from core.store_records import Edit, ImportResult, NewDocument, Relation
from core.store_spans import SpanOperations
from core.store_speakers import SpeakerOperations

__all__ = ["AnnotationStore", "ChangeSet", "Edit", "ImportResult", "NewDocument", "Relation"]

# How long a write waits for another process holding the database (seconds).
BUSY_TIMEOUT = 5.0


class AnnotationStore(
    DocumentOperations, SpanOperations, BoundaryOperations, LabelOperations, SpeakerOperations, EvaluationQueries,
    CountCache, PreannotationReset,
):
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
        self._check_path()
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        try:
            self.db = Database(conn)
            # WAL lets the GUI read while a pre-annotation run writes.
            self.db.execute("PRAGMA journal_mode=WAL")
            # Durability: in WAL mode a COMMIT has appended the transaction to the
            # -wal file before it returns. With synchronous=NORMAL that already
            # survives the process being killed (the OS keeps the written pages);
            # only a power loss or an OS crash could drop the last commits. FULL
            # also fsyncs the WAL at every commit, so a correction acknowledged on
            # screen survives a power cut too, for about 2 ms per commit (measured
            # here), nothing next to a human edit. Set explicitly: builds differ.
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            self._seed_labels_if_empty()
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise StoreError(self._describe(exc, f"cannot open {self.path} as a Byline database")) from exc
            raise

    # ----------------------------------------------------------------- setup

    def _check_path(self) -> None:
        """Refuse, in words, paths SQLite would fail on with a terse message.

        A read-only database (or one in a read-only folder, where SQLite cannot
        create its ``-wal`` journal) is refused rather than opened for reading:
        Byline writes every correction at once, and a window that fails at the
        first edit would lose that edit.
        """
        if self.path.exists() and self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a database file")
        folder = self.path.parent
        if not folder.exists():
            raise StoreError(f"folder {folder} does not exist")
        if self.path.exists() and not os.access(self.path, os.R_OK | os.W_OK):
            raise StoreError(
                f"{self.path} is read-only for you; Byline saves every correction to it at once, "
                "so it needs permission to write it (or copy it somewhere you can write to)"
            )
        if not os.access(folder, os.W_OK | os.X_OK):
            raise StoreError(
                f"the folder {folder} is read-only for you; Byline keeps its journal "
                f"({self.path.name}-wal) next to the database, so it needs to write there"
            )

    def _describe(self, exc: sqlite3.Error, doing: str) -> str:
        """A SQLite error as a sentence an analyst can act on."""
        message = str(exc)
        lowered = message.lower()
        if "locked" in lowered or "busy" in lowered:
            return (
                f"the database {self.path} is busy: another Byline window or command is writing to it "
                f"and did not finish within {BUSY_TIMEOUT:g} seconds; nothing was changed, try again in a moment"
            )
        if "readonly" in lowered or "read-only" in lowered:
            return f"{doing}: {self.path} or its folder is read-only"
        if "disk is full" in lowered or "disk full" in lowered:
            return f"{doing}: the disk holding {self.path} is full"
        if "not a database" in lowered or "malformed" in lowered:
            return f"{doing}: the file is not a Byline database or is damaged ({message})"
        return f"{doing}: {message}"

    def _migrate(self) -> None:
        """Bring the database to this version's schema, or refuse one from a newer Byline.

        An existing database is first copied to ``<name>.schema<N>.bak`` next to
        it, then upgraded in one transaction. The write lock is held from before
        the copy to the end of the upgrade, so no other Byline writes in between,
        and a failed upgrade leaves the database exactly as it was.
        """
        self._refuse_newer_schema()
        if not MIGRATIONS.pending(self.db):
            return
        with self._write():
            # Again under the lock: another process may have upgraded it meanwhile.
            self._refuse_newer_schema()
            if not MIGRATIONS.pending(self.db):
                return
            applied = len(MIGRATIONS.applied(self.db))
            backup = None
            if applied:
                backup = self.path.with_name(f"{self.path.name}.schema{applied}.bak")
                self._backup_to(backup)
            try:
                MIGRATIONS.apply(self.db)
            except Exception as exc:
                kept = f"; the copy made before the upgrade is {backup}" if backup else ""
                raise StoreError(
                    f"cannot upgrade {self.path} to this version of Byline ({exc}); "
                    f"the database was left as it was{kept}"
                ) from exc

    def _refuse_newer_schema(self) -> None:
        applied = [m.name for m in MIGRATIONS.applied(self.db)]
        known = known_migration_names()
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise SchemaTooNewError(
                f"{self.path} was written by a newer version of Byline "
                f"(schema {len(applied)}, this version knows {len(known)}); please upgrade Byline"
            )

    def _backup_to(self, backup: Path) -> None:
        """A consistent copy of the committed database (WAL included), via SQLite's backup API.

        Runs with the write lock held, so nothing changes during the copy; reads
        through a second connection, which WAL allows while this one holds the lock.
        """
        partial = backup.with_name(backup.name + ".partial")
        source = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT)
        try:
            partial.unlink(missing_ok=True)
            target = sqlite3.connect(str(partial))
            try:
                source.backup(target)
            finally:
                target.close()
            partial.replace(backup)
        except (sqlite3.Error, OSError) as exc:
            partial.unlink(missing_ok=True)
            raise StoreError(
                f"cannot upgrade {self.path}: the backup copy {backup} could not be written ({exc}); "
                "the database was left as it was"
            ) from exc
        finally:
            source.close()

    def _seed_labels_if_empty(self) -> None:
        """A new database gets the default label set; checked again under the lock,
        so two windows opening a new database at once seed it once."""
        if self.db["labels"].count:
            return
        with self._write():
            if not self.db["labels"].count:
                self._seed_labels(default_labels())

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
        waits (up to BUSY_TIMEOUT) instead of failing half-way. If it is still
        busy after that, or SQLite fails inside the transaction (read-only file,
        full disk), everything is rolled back and a StoreError says so in words.
        """
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self._describe(exc, f"cannot write to {self.path}")) from exc
        try:
            yield
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(self._describe(exc, f"cannot save to {self.path}; nothing was changed")) from exc
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(self._describe(exc, f"cannot save to {self.path}; nothing was changed")) from exc

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
