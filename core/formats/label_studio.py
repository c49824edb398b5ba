"""Label Studio's JSON: an array of tasks, as Label Studio imports and exports them.

Each task has ``data.text`` (the labelling config's ``<Text name="text"
value="$text"/>``) and one annotation whose ``result`` holds a region per span
(``type: "labels"``, ``from_name: "label"``, ``to_name: "text"``, ``value``
with ``start``, ``end``, ``text`` and ``labels``) and a relation result per
quote link (``type: "relation"``, ``from_id``, ``to_id``, ``direction``,
``labels``). Byline's title, status, id and meta travel in ``data`` and the
task's ``meta``; a quote's kind and speaker in the region's ``meta``.

The array is written one task at a time, so memory does not grow with the
export; reading parses the whole file (JSON has no lines to stream).
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from core.errors import InputFormatError
from core.formats.jsonfiles import normalised, read_text
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

FROM_NAME, TO_NAME = "label", "text"


def task(record: DocumentRecord, number: int) -> dict:
    """One Label Studio task with its annotation."""
    region_ids = [f"s{index}" for index in range(len(record.spans))]
    result: list[dict] = []
    for index, span in enumerate(record.spans):
        region = {
            "value": {
                "start": span.start,
                "end": span.end,
                "text": record.text[span.start : span.end],
                "labels": [span.label],
            },
            "id": region_ids[index],
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": "manual",
        }
        if span.label == "QUOTE" and span.attrs:
            region["meta"] = {"kind": span.attrs.get("kind"), "speaker": span.attrs.get("resolved_speaker")}
        result.append(region)
    for relation in record.relations:
        result.append(
            {
                "from_id": region_ids[relation.head],
                "to_id": region_ids[relation.child],
                "type": "relation",
                "direction": "right",
                "labels": [relation.label],
            }
        )
    return {
        "id": number,
        "data": {"text": record.text, "title": record.title, "doc_id": record.doc_id},
        "meta": {**record.meta, "status": record.status.value},
        "annotations": [{"result": result, "was_cancelled": record.status is Status.SKIPPED}],
        "predictions": [],
    }


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the JSON array, streaming: one task per line between ``[`` and ``]``."""
    documents = spans = 0
    with atomic_text_file(out) as handle:
        handle.write("[")
        for record in records:
            handle.write(",\n" if documents else "\n")
            documents += 1
            handle.write(json.dumps(task(record, documents), ensure_ascii=False))
            spans += len(record.spans)
        handle.write("\n]\n")
    return ExportSummary(documents, spans)


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Every task of the array, checked before anything is returned."""
    try:
        tasks = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputFormatError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from exc
    if isinstance(tasks, dict):
        tasks = [tasks]  # a single task, as Label Studio also accepts
    if not isinstance(tasks, list):
        raise InputFormatError(f"{path}: expected a JSON array of Label Studio tasks")
    documents = []
    for number, raw in enumerate(tasks, start=1):
        where = f"{path}, task {number}"
        record, places = _record(raw, labels, where, f"{path.name}:{number}")
        documents.append(to_new_document(record, where, places))
    return documents


def _record(raw, labels: dict[str, Layer], where: str, source: str) -> tuple[DocumentRecord, list[str]]:
    data = raw.get("data") if isinstance(raw, dict) else None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputFormatError(f'{where}: expected a task with a "data" object holding a "text" string')
    text = normalised(data["text"], where)
    annotations = [a for a in raw.get("annotations") or [] if isinstance(a, dict)]
    # The latest annotation that was not cancelled is the task's answer; tasks
    # annotated by several people bring the first one (Byline keeps one version).
    chosen = next((a for a in annotations if not a.get("was_cancelled")), annotations[0] if annotations else None)
    results = chosen.get("result") if chosen else []
    if not isinstance(results, list):
        raise InputFormatError(f'{where}: an annotation\'s "result" must be a list')
    spans, ids, links, places = [], {}, [], []
    for number, item in enumerate(results, start=1):
        item_where = f"{where}, result {number}"
        if not isinstance(item, dict):
            raise InputFormatError(f"{item_where}: expected an object")
        if item.get("type") == "relation":
            links.append((item_where, item))
            continue
        value = item.get("value")
        if not isinstance(value, dict) or "start" not in value:
            continue  # another control (a choice, a rating): not a span
        names = value.get("labels") or value.get("hypertextlabels") or []
        if not (isinstance(names, list) and len(names) == 1):
            raise InputFormatError(f"{item_where}: a region needs exactly one label in value.labels")
        label = names[0]
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        attrs = quote_attrs(meta.get("kind"), meta.get("speaker"), item_where) if label == "QUOTE" else {}
        ids[item.get("id")] = len(spans)
        places.append(item_where)
        spans.append(checked_span(text, value.get("start"), value.get("end"), label, labels, item_where,
                                  given=value.get("text"), attrs=attrs))
    relations = []
    for item_where, item in links:
        if item.get("from_id") not in ids or item.get("to_id") not in ids:
            raise InputFormatError(f"{item_where}: from_id and to_id must be ids of this task's regions")
        names = item.get("labels") or ["related"]
        relations.append(RecordRelation(ids[item["from_id"]], ids[item["to_id"]], str(names[0]).lower()))
    meta = dict(raw.get("meta") or {}) if isinstance(raw.get("meta"), dict) else {}
    status_value = meta.pop("status", None)
    meta.update({key: value for key, value in data.items() if key not in ("text", "title", "doc_id")})
    meta.setdefault("source", source)
    record = DocumentRecord(
        text=text,
        title=str(data.get("title") or ""),
        meta=meta,
        status=_status(status_value, chosen, where),
        spans=tuple(spans),
        relations=tuple(relations),
    )
    return record, places


def _status(value, annotation: dict | None, where: str) -> Status:
    """Byline's own status when it wrote the file; otherwise a submitted
    annotation is a finished document and a cancelled one a skipped one."""
    if value is not None:
        try:
            return Status(value)
        except ValueError:
            raise InputFormatError(f"{where}: unknown status {value!r}") from None
    if annotation is None:
        return Status.NEW
    return Status.SKIPPED if annotation.get("was_cancelled") else Status.DONE
