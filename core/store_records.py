"""Plain records the store hands out, and conversions from database rows."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from core.model import Document, Layer, Span, Status, Token


@dataclass(frozen=True)
class NewSpan:
    """A span that comes with an imported document (e.g. a Prodigy-style JSONL line)."""

    start: int
    end: int
    label: str
    attrs: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class NewRelation:
    """A link between two of an imported document's spans (indices into its ``spans``)."""

    head: int
    child: int
    label: str  # "speaker", "cue", ... (lower case, as the store keeps them)


@dataclass(frozen=True)
class NewDocument:
    """A document about to be imported.

    ``spans`` is None for a plain text; an annotated import (see
    ``add_documents_with_spans``) gives the analyst's spans, their links and
    the document's status. ``add_documents`` ignores these three fields.
    ``excluded`` lists the stretches that are not the article, as a file gave
    them (``(start, end, reason)``); None lets import detect them.
    """

    text: str
    title: str
    meta: dict
    tokens: tuple[Token, ...]
    spans: tuple[NewSpan, ...] | None = None
    relations: tuple[NewRelation, ...] = ()
    status: Status = Status.NEW
    excluded: tuple[tuple[int, int, str], ...] | None = None


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


def document_from_row(row: tuple) -> Document:
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


_LAYERS = {layer.value: layer for layer in Layer}  # faster than Layer(value), called per span


def span_from_row(row: dict) -> Span:
    attrs = row["attrs"]
    return Span(
        id=row["id"],
        doc_id=row["doc_id"],
        start=row["start"],
        end=row["end"],
        label=row["label"],
        layer=_LAYERS[row["layer"]],
        origin=row["origin"],
        attrs=({} if attrs == "{}" else json.loads(attrs)) if isinstance(attrs, str) else dict(attrs),
    )


def span_state(fields: dict) -> dict:
    """The part of a span the history needs to show or undo a change."""
    layer = fields["layer"]
    return {
        "start": fields["start"],
        "end": fields["end"],
        "label": fields["label"],
        "layer": layer.value if isinstance(layer, Layer) else layer,
        "origin": fields["origin"],
        "attrs": json.loads(fields["attrs"]) if isinstance(fields.get("attrs"), str) else fields.get("attrs") or {},
    }


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents an export (or training run) takes; empty fields take all.

    ``labels``: documents with at least one span of one of these labels.
    ``annotator``, ``since`` and ``until`` look at the analysts' edits (not
    imports or pre-annotation runs): documents an analyst with that name edited,
    within ``since <= time < until`` (ISO 8601 strings in UTC, compared as text,
    as the store writes them).
    """

    statuses: tuple[Status, ...] = ()
    labels: tuple[str, ...] = ()
    annotator: str | None = None
    since: str | None = None
    until: str | None = None
