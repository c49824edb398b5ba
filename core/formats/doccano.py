"""doccano's sequence-labelling JSONL, in both of its shapes.

- ``doccano``: ``{"text": ..., "label": [[start, end, "LABEL"], ...]}`` (a
  sequence-labelling project, as doccano imports and exports it);
- ``doccano-rel``: ``{"text": ..., "entities": [{"id", "label", "start_offset",
  "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`` (a
  project with relations). Quote links travel as relations of type
  ``speaker`` / ``cue``.

Offsets are character offsets (Python indices), end exclusive. Byline's own
fields ride along as extra top-level keys, which doccano keeps as metadata:
``title``, ``status``, ``doc_id``, ``meta`` and, for quotes, ``quotes``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from core.errors import InputFormatError
from core.formats.jsonfiles import jsonl_objects, normalised
from core.formats.output import atomic_text_file
from core.formats.record import (
    DocumentRecord,
    ExportSummary,
    RecordRelation,
    checked_span,
    quote_attrs,
    to_new_document,
)
from core.model import Layer, Status
from core.store_records import NewDocument

_OWN_FIELDS = {"id", "text", "label", "labels", "entities", "relations", "title", "status", "doc_id", "meta", "quotes", "Comments"}


def _extras(record: DocumentRecord) -> dict:
    quotes = [
        [number, span.attrs.get("kind"), span.attrs.get("resolved_speaker")]
        for number, span in enumerate(record.spans)
        if span.label == "QUOTE" and span.attrs
    ]
    extras = {"title": record.title, "status": record.status.value, "doc_id": record.doc_id, "meta": record.meta}
    if quotes:
        extras["quotes"] = quotes
    return extras


def sequence_line(record: DocumentRecord, number: int) -> dict:
    """One line of the plain shape: ``label`` holds [start, end, label] triples."""
    return {
        "id": number,
        "text": record.text,
        "label": [[span.start, span.end, span.label] for span in record.spans],
        **_extras(record),
    }


def relation_line(record: DocumentRecord, number: int) -> dict:
    """One line of the relation shape: entities with ids, relations between them."""
    return {
        "id": number,
        "text": record.text,
        "entities": [
            {"id": index, "label": span.label, "start_offset": span.start, "end_offset": span.end}
            for index, span in enumerate(record.spans)
        ],
        "relations": [
            {"id": index, "from_id": relation.head, "to_id": relation.child, "type": relation.label}
            for index, relation in enumerate(record.relations)
        ],
        **_extras(record),
    }


def _write(records: Iterable[DocumentRecord], out: Path, shape) -> ExportSummary:
    documents = spans = 0
    with atomic_text_file(out) as handle:
        for record in records:
            documents += 1
            handle.write(json.dumps(shape(record, documents), ensure_ascii=False) + "\n")
            spans += len(record.spans)
    return ExportSummary(documents, spans)


def write_sequence(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the plain shape (spans only; quote links need ``doccano-rel``)."""
    summary = _write(records, out, sequence_line)
    return ExportSummary(summary.documents, summary.spans, "quote links are not kept (use doccano-rel)")


def write_relations(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the relation shape (entities with ids, quote links as relations)."""
    return _write(records, out, relation_line)


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Either shape, line by line; every line is checked before anything is returned."""
    documents = []
    for number, raw in jsonl_objects(path):
        where = f"{path}, line {number}"
        record, places = _record(raw, labels, where, f"{path.name}:{number}")
        documents.append(to_new_document(record, where, places))
    return documents


def _record(raw: dict, labels: dict[str, Layer], where: str, source: str) -> tuple[DocumentRecord, list[str]]:
    text = normalised(raw["text"], where)
    quotes = {}
    for item in raw.get("quotes") or []:
        if isinstance(item, list) and len(item) == 3 and isinstance(item[0], int):
            quotes[item[0]] = item
    spans, relations, places = [], [], []
    if "entities" in raw:
        entities = raw["entities"]
        if not isinstance(entities, list):
            raise InputFormatError(f'{where}: "entities" must be a list')
        ids = {}
        for number, entity in enumerate(entities):
            span_where = f"{where}, entity {number + 1}"
            if not isinstance(entity, dict):
                raise InputFormatError(f"{span_where}: expected an object with id, label, start_offset, end_offset")
            label = entity.get("label")
            attrs = _quote_attrs(quotes.get(number), span_where) if label == "QUOTE" else {}
            places.append(span_where)
            spans.append(checked_span(text, entity.get("start_offset"), entity.get("end_offset"), label, labels,
                                      span_where, attrs=attrs))
            ids[entity.get("id", number)] = number
        for number, relation in enumerate(raw.get("relations") or [], start=1):
            rel_where = f"{where}, relation {number}"
            if not isinstance(relation, dict) or relation.get("from_id") not in ids or relation.get("to_id") not in ids:
                raise InputFormatError(f"{rel_where}: from_id and to_id must be ids of this line's entities")
            kind = relation.get("type")
            if not isinstance(kind, str) or not kind:
                raise InputFormatError(f'{rel_where}: needs a "type"')
            relations.append(RecordRelation(ids[relation["from_id"]], ids[relation["to_id"]], kind.lower()))
    else:
        # Older doccano versions wrote the list under "labels".
        triples = raw.get("label", raw.get("labels", []))
        if not isinstance(triples, list):
            raise InputFormatError(f'{where}: "label" must be a list of [start, end, label]')
        for number, triple in enumerate(triples):
            span_where = f"{where}, span {number + 1}"
            if not (isinstance(triple, list) and len(triple) == 3):
                raise InputFormatError(f"{span_where}: expected [start, end, label]")
            attrs = _quote_attrs(quotes.get(number), span_where) if triple[2] == "QUOTE" else {}
            places.append(span_where)
            spans.append(checked_span(text, *triple, labels, span_where, attrs=attrs))
    meta = dict(raw["meta"]) if isinstance(raw.get("meta"), dict) else {}
    meta.update({key: value for key, value in raw.items() if key not in _OWN_FIELDS})
    meta.setdefault("source", source)
    record = DocumentRecord(
        text=text,
        title=str(raw.get("title") or ""),
        meta=meta,
        status=_status(raw.get("status"), where),
        spans=tuple(spans),
        relations=tuple(relations),
    )
    return record, places


def _quote_attrs(item, where: str) -> dict:
    return quote_attrs(item[1], item[2], where) if item else {}


def _status(value, where: str) -> Status:
    if value is None:
        return Status.NEW
    try:
        return Status(value)
    except ValueError:
        raise InputFormatError(f"{where}: unknown status {value!r}") from None
