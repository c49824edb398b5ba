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


def known_migration_names() -> list[str]:
    """Names of all migrations this version of Byline knows, in order."""
    return list(_NAMES)
