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
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from core.clock import new_id, now_iso
from core.errors import InvalidSpanError, NotFoundError, SchemaTooNewError, StoreError
from core.labels import default_labels
from core.model import (
    Document,
    DocumentSummary,
    Label,
    Layer,
    QuoteSuggestion,
    Span,
    SpanSuggestion,
    Status,
    Token,
)
from core.schema import MIGRATIONS, known_migration_names
from core.text_identity import document_id

# How long a write waits for another process holding the database (seconds).
BUSY_TIMEOUT = 5.0


@dataclass(frozen=True)
class NewDocument:
    """A document about to be imported."""

    text: str
    title: str
    meta: dict
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: int


@dataclass(frozen=True)
class Edit:
    """One row of the append-only history."""

    id: str
    doc_id: str
    span_id: str | None
    action: str
    before: dict | None
    after: dict | None
    analyst: str
    at: str


@dataclass(frozen=True)
class Relation:
    id: str
    doc_id: str
    head_id: str
    child_id: str
    label: str


class AnnotationStore:
    """Open (creating or upgrading if needed) the database at ``path``.

    ``analyst`` is recorded with every edit made through this store.
    """

    def __init__(self, path: str | Path, analyst: str = "analyst") -> None:
        self.path = Path(path)
        self.analyst = analyst
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

    # -------------------------------------------------------------- documents

    def add_documents(self, documents: Iterable[NewDocument]) -> ImportResult:
        """Import documents in one transaction; texts already present are skipped."""
        added = duplicates = 0
        with self._write():
            position = self.db.execute("select coalesce(max(position), -1) + 1 from documents").fetchone()[0]
            seen: set[str] = set()
            for document in documents:
                doc_id = document_id(document.text)
                if doc_id in seen or self._has_document(doc_id):
                    duplicates += 1
                    continue
                seen.add(doc_id)
                stamp = now_iso()
                self.db["documents"].insert(
                    {
                        "id": doc_id,
                        "position": position,
                        "title": document.title,
                        "text": document.text,
                        "meta": json.dumps(document.meta, ensure_ascii=False),
                        "tokens": json.dumps([[t.start, t.end, int(t.ws), int(t.is_space)] for t in document.tokens]),
                        "status": Status.NEW.value,
                        "preannotated_with": None,
                        "preannotated_at": None,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                self._record(doc_id, "import", after={"title": document.title})
                position += 1
                added += 1
        return ImportResult(added, duplicates)

    def _has_document(self, doc_id: str) -> bool:
        return self.db.execute("select 1 from documents where id = ?", [doc_id]).fetchone() is not None

    def document_count(self) -> int:
        return self.db["documents"].count

    def list_documents(self) -> list[DocumentSummary]:
        """All documents in import order, with their current span counts."""
        rows = self.db.query(
            """
            select d.id, d.title, d.status, d.position,
                   (select count(*) from spans s where s.doc_id = d.id) as span_count
            from documents d order by d.position
            """
        )
        return [
            DocumentSummary(row["id"], row["title"], Status(row["status"]), row["span_count"], row["position"])
            for row in rows
        ]

    def document_summary(self, doc_id: str) -> DocumentSummary:
        row = next(
            self.db.query(
                """
                select d.id, d.title, d.status, d.position,
                       (select count(*) from spans s where s.doc_id = d.id) as span_count
                from documents d where d.id = ?
                """,
                [doc_id],
            ),
            None,
        )
        if row is None:
            raise NotFoundError(f"no document {doc_id}")
        return DocumentSummary(row["id"], row["title"], Status(row["status"]), row["span_count"], row["position"])

    def get_document(self, doc_id: str) -> Document:
        row = self.db.execute(
            "select id, title, text, status, meta, tokens, preannotated_with from documents where id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document {doc_id}")
        return _document_from_row(row)

    def iter_documents(self, status: Status | None = None) -> Iterator[Document]:
        """Documents in import order, one at a time (for export of large databases)."""
        where, params = ("where status = ?", [status.value]) if status else ("", [])
        cursor = self.db.execute(
            f"select id, title, text, status, meta, tokens, preannotated_with "
            f"from documents {where} order by position",
            params,
        )
        for row in cursor:
            yield _document_from_row(row)

    def documents_needing_preannotation(self) -> list[str]:
        """Ids of documents no pre-annotation run has processed yet, in import order."""
        return [
            row[0]
            for row in self.db.execute("select id from documents where preannotated_with is null order by position")
        ]

    def set_status(self, doc_id: str, status: Status) -> None:
        before = self.get_document(doc_id).status
        if before == status:
            return
        with self._write():
            self.db.execute(
                "update documents set status = ?, updated_at = ? where id = ?", [status.value, now_iso(), doc_id]
            )
            self._record(doc_id, "status", before={"status": before.value}, after={"status": status.value})

    def _touch(self, doc_id: str) -> None:
        """An analyst edited the document: a new one is now in progress."""
        self.db.execute(
            "update documents set updated_at = ?, status = case when status = ? then ? else status end where id = ?",
            [now_iso(), Status.NEW.value, Status.IN_PROGRESS.value, doc_id],
        )

    # ------------------------------------------------------------ suggestions

    def save_preannotation(
        self,
        doc_id: str,
        model: str,
        spans: Iterable[SpanSuggestion],
        quotes: Iterable[QuoteSuggestion] = (),
    ) -> int:
        """Store a model's suggestions for one document, in one transaction.

        The suggestions are kept as they are (``suggestions`` table) and also
        become the analyst's starting spans, except where the analyst already has
        a span of the same layer overlapping them. Returns the number of spans added.
        """
        document = self.get_document(doc_id)
        known = {label.name for label in self.labels()}
        added = 0
        with self._write():
            if self.db.execute("select preannotated_with from documents where id = ?", [doc_id]).fetchone()[0]:
                return 0  # another run got here first
            existing = self.spans(doc_id)
            stamp = now_iso()
            new_spans: list[tuple[dict, dict]] = []
            for suggestion in spans:
                new_spans.append(
                    ({"start": suggestion.start, "end": suggestion.end, "label": suggestion.label,
                      "layer": suggestion.layer.value}, {})
                )
            quote_links: list[tuple[int, str, int]] = []
            for quote in quotes:
                quote_index = len(new_spans)
                attrs = {"kind": quote.kind.value, "resolved_speaker": quote.resolved_speaker}
                new_spans.append(
                    ({"start": quote.start, "end": quote.end, "label": "QUOTE", "layer": Layer.QUOTE.value}, attrs)
                )
                for part, label in ((quote.speaker, "SPEAKER"), (quote.cue, "CUE")):
                    if part is None:
                        continue
                    quote_links.append((quote_index, label.lower(), len(new_spans)))
                    new_spans.append(
                        ({"start": part[0], "end": part[1], "label": label, "layer": Layer.QUOTE.value}, {})
                    )
            span_ids: list[str | None] = []
            for fields, attrs in new_spans:
                if not 0 <= fields["start"] < fields["end"] <= len(document.text):
                    raise InvalidSpanError(f"suggestion {fields} is outside the document")
                if fields["label"] not in known:
                    # A custom pipeline may predict labels the set lacks: keep them, visibly.
                    self.add_label(Label(fields["label"], Layer(fields["layer"]), "#cccccc", "", "added by the model"))
                    known.add(fields["label"])
                suggestion_id = new_id()
                self.db["suggestions"].insert(
                    {"id": suggestion_id, "doc_id": doc_id, **fields, "attrs": json.dumps(attrs), "model": model, "created_at": stamp}
                )
                clash = any(
                    span.layer.value == fields["layer"]
                    and span.origin == "analyst"
                    and span.start < fields["end"]
                    and fields["start"] < span.end
                    for span in existing
                )
                if clash:
                    span_ids.append(None)
                    continue
                span_id = new_id()
                self.db["spans"].insert(
                    {
                        "id": span_id,
                        "doc_id": doc_id,
                        **fields,
                        "origin": "model",
                        "suggestion_id": suggestion_id,
                        "attrs": json.dumps(attrs),
                        "created_by": model,
                        "created_at": stamp,
                        "updated_by": model,
                        "updated_at": stamp,
                    }
                )
                span_ids.append(span_id)
                added += 1
            for head_index, label, child_index in quote_links:
                head_id, child_id = span_ids[head_index], span_ids[child_index]
                if head_id and child_id:
                    self._insert_relation(doc_id, head_id, child_id, label, origin="model", by=model)
            self.db.execute(
                "update documents set preannotated_with = ?, preannotated_at = ? where id = ?",
                [model, stamp, doc_id],
            )
            self._record(doc_id, "preannotate", after={"model": model, "spans": added})
        return added

    def suggestions(self, doc_id: str) -> list[SpanSuggestion]:
        """The model's original suggestions for a document, as they were made."""
        return [
            SpanSuggestion(row["start"], row["end"], row["label"], Layer(row["layer"]))
            for row in self.db.query(
                "select * from suggestions where doc_id = ? order by start, end", [doc_id]
            )
        ]

    # ------------------------------------------------------------------ spans

    def spans(self, doc_id: str) -> list[Span]:
        """The analyst's current spans of a document, ordered by position."""
        return [
            _span_from_row(row)
            for row in self.db.query(
                "select * from spans where doc_id = ? order by start, end desc, label", [doc_id]
            )
        ]

    def get_span(self, span_id: str) -> Span:
        row = next(self.db.query("select * from spans where id = ?", [span_id]), None)
        if row is None:
            raise NotFoundError(f"no span {span_id}")
        return _span_from_row(row)

    def create_span(self, doc_id: str, start: int, end: int, label: str, attrs: dict | None = None) -> Span:
        """Add a span the analyst made. Offsets are ``str`` indices, end exclusive."""
        document = self.get_document(doc_id)
        label_info = self._label(label)
        if not 0 <= start < end <= len(document.text):
            raise InvalidSpanError(f"span {start}-{end} does not fit a text of {len(document.text)} characters")
        stamp = now_iso()
        row = {
            "id": new_id(),
            "doc_id": doc_id,
            "start": start,
            "end": end,
            "label": label,
            "layer": label_info.layer.value,
            "origin": "analyst",
            "suggestion_id": None,
            "attrs": json.dumps(attrs or {}),
            "created_by": self.analyst,
            "created_at": stamp,
            "updated_by": self.analyst,
            "updated_at": stamp,
        }
        with self._write():
            self.db["spans"].insert(row)
            self._touch(doc_id)
            self._record(doc_id, "create", row["id"], after=_span_state(row))
        return _span_from_row(row)

    def relabel_span(self, span_id: str, label: str) -> Span:
        """Give a span another label; the span becomes the analyst's."""
        span = self.get_span(span_id)
        label_info = self._label(label)
        if label_info.layer != span.layer:
            raise InvalidSpanError(f"{label} belongs to the {label_info.layer.value} layer, not {span.layer.value}")
        return self._update_span(span, "relabel", label=label)

    def resize_span(self, span_id: str, start: int, end: int) -> Span:
        """Move a span's boundaries."""
        span = self.get_span(span_id)
        length = len(self.get_document(span.doc_id).text)
        if not 0 <= start < end <= length:
            raise InvalidSpanError(f"span {start}-{end} does not fit a text of {length} characters")
        return self._update_span(span, "resize", start=start, end=end)

    def accept_span(self, span_id: str) -> Span:
        """Confirm a pre-annotation as it is."""
        return self._update_span(self.get_span(span_id), "accept")

    def _update_span(self, span: Span, action: str, **changes) -> Span:
        stamp = now_iso()
        before = _span_state(span.__dict__)
        with self._write():
            self.db["spans"].update(
                span.id, {**changes, "origin": "analyst", "updated_by": self.analyst, "updated_at": stamp}
            )
            self._touch(span.doc_id)
            updated = self.get_span(span.id)
            self._record(span.doc_id, action, span.id, before=before, after=_span_state(updated.__dict__))
        return updated

    def delete_span(self, span_id: str) -> None:
        """Remove a span (and its links); the history keeps what it was."""
        span = self.get_span(span_id)
        with self._write():
            self.db.execute("delete from relations where head_id = ? or child_id = ?", [span_id, span_id])
            self.db.execute("delete from spans where id = ?", [span_id])
            self._touch(span.doc_id)
            self._record(span.doc_id, "delete", span_id, before=_span_state(span.__dict__))

    # -------------------------------------------------------------- relations

    def _insert_relation(self, doc_id: str, head_id: str, child_id: str, label: str, origin: str, by: str) -> str:
        relation_id = new_id()
        self.db["relations"].insert(
            {
                "id": relation_id,
                "doc_id": doc_id,
                "head_id": head_id,
                "child_id": child_id,
                "label": label,
                "origin": origin,
                "created_by": by,
                "created_at": now_iso(),
            }
        )
        return relation_id

    def relations(self, doc_id: str) -> list[Relation]:
        return [
            Relation(row["id"], row["doc_id"], row["head_id"], row["child_id"], row["label"])
            for row in self.db.query("select * from relations where doc_id = ? order by created_at", [doc_id])
        ]

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


def _document_from_row(row: tuple) -> Document:
    doc_id, title, text, status, meta, tokens, preannotated_with = row
    return Document(
        id=doc_id,
        title=title,
        text=text,
        status=Status(status),
        meta=json.loads(meta),
        tokens=tuple(
            Token(start, end, bool(ws), bool(space)) for start, end, ws, space in json.loads(tokens)
        ),
        preannotated_with=preannotated_with,
    )


def _span_from_row(row: dict) -> Span:
    return Span(
        id=row["id"],
        doc_id=row["doc_id"],
        start=row["start"],
        end=row["end"],
        label=row["label"],
        layer=Layer(row["layer"]),
        origin=row["origin"],
        attrs=json.loads(row["attrs"]) if isinstance(row["attrs"], str) else dict(row["attrs"]),
    )


def _span_state(fields: dict) -> dict:
    """The part of a span the history needs to show or undo a change."""
    layer = fields["layer"]
    return {
        "start": fields["start"],
        "end": fields["end"],
        "label": fields["label"],
        "layer": layer.value if isinstance(layer, Layer) else layer,
        "origin": fields["origin"],
    }
