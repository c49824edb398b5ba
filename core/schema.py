"""The database schema, as an ordered list of migrations.

Each migration is a function registered on ``MIGRATIONS``; sqlite-utils records
which ones a database has had. The schema version of a database is the number of
migrations it has had. Never edit a released migration: add a new one.
"""
from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("byline")
_NAMES: list[str] = []


def _migration(name: str):
    """Register a migration under ``name`` (kept in order for version checks)."""
    _NAMES.append(name)
    return MIGRATIONS(name=name)


@_migration("0001_initial")
def _initial(db: Database) -> None:
    db["documents"].create(
        {
            "id": str,  # sha256 of the text
            "position": int,  # import order, for "next document"
            "title": str,
            "text": str,
            "meta": str,  # JSON object
            "tokens": str,  # JSON list of [start, end, ws]
            "status": str,
            "preannotated_with": str,  # model name, NULL until pre-annotated
            "preannotated_at": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"position", "title", "text", "meta", "tokens", "status", "created_at", "updated_at"},
    )
    db["documents"].create_index(["position"])
    db["documents"].create_index(["status"])
    db["labels"].create(
        {"name": str, "layer": str, "colour": str, "shortcut": str, "description": str, "position": int},
        pk="name",
        not_null={"layer", "colour", "position"},
    )
    # The model's original suggestions: written once by pre-annotation, never edited,
    # so that analysts' corrections can be measured against them.
    db["suggestions"].create(
        {
            "id": str,
            "doc_id": str,
            "start": int,
            "end": int,
            "label": str,
            "layer": str,
            "attrs": str,  # JSON object (quote kind, resolved speaker...)
            "model": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        not_null={"doc_id", "start", "end", "label", "layer", "attrs", "model", "created_at"},
    )
    db["suggestions"].create_index(["doc_id"])
    # The analyst's current spans. origin is "model" while a pre-annotation is
    # untouched and becomes "analyst" once the analyst creates or changes it.
    db["spans"].create(
        {
            "id": str,
            "doc_id": str,
            "start": int,
            "end": int,
            "label": str,
            "layer": str,
            "origin": str,
            "suggestion_id": str,
            "attrs": str,
            "created_by": str,
            "created_at": str,
            "updated_by": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        not_null={"doc_id", "start", "end", "label", "layer", "origin", "attrs", "created_at", "updated_at"},
    )
    db["spans"].create_index(["doc_id"])
    # Links between spans (quote -> speaker, quote -> cue).
    db["relations"].create(
        {
            "id": str,
            "doc_id": str,
            "head_id": str,
            "child_id": str,
            "label": str,
            "origin": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        not_null={"doc_id", "head_id", "child_id", "label", "origin", "created_at"},
    )
    db["relations"].create_index(["doc_id"])
    # Append-only history of every change an analyst (or a pre-annotation run) made.
    db["edits"].create(
        {
            "id": str,
            "doc_id": str,
            "span_id": str,
            "action": str,
            "before": str,  # JSON or NULL
            "after": str,  # JSON or NULL
            "analyst": str,
            "at": str,
        },
        pk="id",
        not_null={"doc_id", "action", "analyst", "at"},
    )
    db["edits"].create_index(["doc_id", "at"])


@_migration("0002_lookup_indexes")
def _lookup_indexes(db: Database) -> None:
    """Indexes for the lookups every edit makes, which scanned whole tables before.

    ``spans(doc_id, start, end)`` serves the ordered span list of a document;
    ``relations(head_id)`` and ``relations(child_id)`` the links of a span (each
    delete and relink); ``edits(span_id)`` the history of one span.
    """
    db["spans"].create_index(["doc_id", "start", "end"], index_name="idx_spans_doc_id_start_end")
    db["relations"].create_index(["head_id"], index_name="idx_relations_head_id")
    db["relations"].create_index(["child_id"], index_name="idx_relations_child_id")
    db["edits"].create_index(["span_id"], index_name="idx_edits_span_id")


@_migration("0003_full_text_search")
def _full_text_search(db: Database) -> None:
    """FTS5 index over titles and texts, kept current by triggers, for searching the corpus.

    The Porter stemmer lets "reservoir" find "reservoirs" and "striking" find "strike".
    """
    db["documents"].enable_fts(["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="porter")
    # sqlite-utils re-indexes a row on any UPDATE; a status change or an edit's
    # timestamp must not re-index a 200,000-character text, so only title and
    # text changes do.
    db.execute("DROP TRIGGER documents_au")
    db.execute(
        """
        CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
          INSERT INTO documents_fts (documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
          INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END
        """
    )


@_migration("0004_undo_log")
def _undo_log(db: Database) -> None:
    """Each analyst's undo stack, so that undo and redo survive a restart.

    A row is one edit's change set (the rows it changed, before and after);
    ``state`` is "done" or "undone"; ``position`` orders an analyst's stack.
    """
    db["undo_log"].create(
        {"id": str, "analyst": str, "position": int, "state": str, "change_set": str, "created_at": str},
        pk="id",
        not_null={"analyst", "position", "state", "change_set", "created_at"},
    )
    db["undo_log"].create_index(["analyst", "position"])


@_migration("0005_speaker_names")
def _speaker_names(db: Database) -> None:
    """The analysts' decisions about who is who: each name's canonical speaker.

    Names without a row here are grouped automatically (core/speakers.py);
    a row overrides that, including a name split off to stand for itself.
    """
    db["speaker_names"].create(
        {"name": str, "canonical": str, "analyst": str, "updated_at": str},
        pk="name",
        not_null={"canonical", "analyst", "updated_at"},
    )


@_migration("0006_excluded_ranges")
def _excluded_ranges(db: Database) -> None:
    """Stretches of a document that are not the article (core/boundaries.py).

    ``origin`` is "detected" (found at import) or "analyst" (moved or added by
    hand). Existing documents get no ranges here: detection runs at import only,
    so upgrading never changes what an analyst has already seen.
    """
    db["excluded_ranges"].create(
        {
            "id": str,
            "doc_id": str,
            "start": int,
            "end": int,
            "reason": str,
            "origin": str,
            "created_by": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
        not_null={"doc_id", "start", "end", "reason", "origin", "created_at"},
    )
    db["excluded_ranges"].create_index(["doc_id"])


@_migration("0007_statistics_indexes")
def _statistics_indexes(db: Database) -> None:
    """Indexes that keep the statistics under two seconds on 100,000 documents.

    Counting spans by label, quotes by speaker and "done" status changes, and
    matching suggestions against final spans by extent, read only indexes.
    """
    db["spans"].create_index(["layer", "label"], index_name="idx_spans_layer_label", if_not_exists=True)
    db["spans"].create_index(["label"], index_name="idx_spans_label", if_not_exists=True)
    # Covering indexes: evaluating the model reads (document, layer, extent,
    # label) of every suggestion and final span, without touching the rows.
    db["suggestions"].create_index(
        ["doc_id", "layer", "start", "end", "label"], index_name="idx_suggestions_cover", if_not_exists=True
    )
    db["spans"].create_index(["doc_id", "layer", "start", "end", "label"], index_name="idx_spans_cover", if_not_exists=True)
    db["edits"].create_index(["action", "doc_id"], index_name="idx_edits_action_doc_id", if_not_exists=True)


# Tables whose rows change what a document counts for (core/store_counts.py).
COUNTED_TABLES = ("spans", "suggestions", "excluded_ranges")


@_migration("0008_document_counts")
def _document_counts(db: Database) -> None:
    """Per-document counts that the statistics add up, and when a status last changed.

    Adding up 100,000 small per-document rows is fast where grouping every span
    of the corpus is not. Triggers note each document whose spans, suggestions,
    excluded ranges, status or model change (``stale_counts``), whatever code
    path changed them; its counts are recomputed before the next read.
    Existing documents start stale, so the first statistics after upgrading
    count everything once.
    """
    db["doc_label_counts"].create(
        {"doc_id": str, "layer": str, "label": str, "n": int}, pk=("doc_id", "layer", "label")
    )
    db["doc_quote_counts"].create(
        {"doc_id": str, "kind": str, "speaker": str, "n": int}, pk=("doc_id", "kind", "speaker")
    )
    # Model against analysts, for documents pre-annotated by a model, with the
    # document's status copied in so that summing needs no join.
    db["doc_eval_counts"].create(
        {"doc_id": str, "status": str, "layer": str, "label": str, "tp": int, "suggested": int, "final": int},
        pk=("doc_id", "layer", "label"),
    )
    db["doc_corrections"].create(
        {"doc_id": str, "status": str, "layer": str, "kind": str, "before": str, "after": str, "n": int},
        pk=("doc_id", "layer", "kind", "before", "after"),
    )
    db["stale_counts"].create({"doc_id": str}, pk="doc_id")
    # Covering indexes: the statistics read only these.
    db["doc_label_counts"].create_index(["layer", "label", "n"], index_name="idx_doc_label_counts_sum")
    db["doc_quote_counts"].create_index(["kind", "n"], index_name="idx_doc_quote_counts_kind")
    db["doc_quote_counts"].create_index(["speaker", "doc_id", "n"], index_name="idx_doc_quote_counts_speaker")
    db["doc_eval_counts"].create_index(
        ["layer", "status", "label", "tp", "suggested", "final"], index_name="idx_doc_eval_counts_sum"
    )
    db["doc_corrections"].create_index(
        ["layer", "status", "kind", "before", "after", "n"], index_name="idx_doc_corrections_sum"
    )
    # One statement per execute: executescript would commit half a migration.
    for table in COUNTED_TABLES:
        for event, rows in (("insert", ("new",)), ("delete", ("old",)), ("update", ("old", "new"))):
            marks = " ".join(f"insert or ignore into stale_counts values ({row}.doc_id);" for row in rows)
            db.execute(f"create trigger {table}_stale_{event} after {event} on {table} begin {marks} end")
    db.execute(
        """
        create trigger documents_stale_counts after update of status, preannotated_with on documents
        begin insert or ignore into stale_counts values (new.id); end
        """
    )
    db.execute("insert or ignore into stale_counts select id from documents")
    # "Documents done per day" reads the day each document got its status.
    db["documents"].add_column("status_at", str)
    db.execute(
        """
        update documents set status_at = (
            select max(e.at) from edits e where e.doc_id = documents.id and e.action = 'status'
            and json_extract(e.after, '$.status') = documents.status
        )
        """
    )
    db.execute(
        """
        create trigger documents_status_at after update of status on documents
        when old.status is not new.status
        begin
            update documents set status_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') where id = new.id;
        end
        """
    )
    db["documents"].create_index(["status", "status_at"], index_name="idx_documents_status_at")


def known_migration_names() -> list[str]:
    """Names of all migrations this version of Byline knows, in order."""
    return list(_NAMES)
