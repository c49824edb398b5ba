"""Prodigy's span format (JSONL, one document per line): Byline's default exchange format.

Character offsets are Python ``str`` indices (end exclusive); ``token_end`` is
inclusive, as Prodigy writes it; tokens are spaCy's English tokens, so
``Doc.char_span`` accepts every span. Reading is ``core.importer``'s JSONL reader.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from core.errors import BylineError
from core.formats.output import atomic_text_file
from core.formats.record import EXCLUDED_META, DocumentRecord, ExportSummary
from core.model import Layer, Status
from core.store_records import NewDocument
from core.token_alignment import TokenIndex

# Prodigy's answers: a finished document is accepted, the rest are not training data yet.
ANSWERS = {Status.DONE: "accept", Status.SKIPPED: "ignore", Status.NEW: "ignore", Status.IN_PROGRESS: "ignore"}


def prodigy_record(record: DocumentRecord) -> dict:
    """The JSONL object of one document (spans, tokens, relations, meta, answer)."""
    index = TokenIndex(record.tokens)
    spans = []
    for span in record.spans:
        token_range = index.token_range(span.start, span.end)
        if token_range is None:
            raise BylineError(
                f"span {span.start}-{span.end} ({span.label}) in {record.title!r} does not fall on token boundaries"
            )
        item = {
            "start": span.start,
            "end": span.end,
            "text": record.text[span.start : span.end],
            "label": span.label,
            "token_start": token_range[0],
            "token_end": token_range[1],
        }
        if span.label == "QUOTE":
            item["kind"] = span.attrs.get("kind")
            item["speaker"] = span.attrs.get("resolved_speaker")
        spans.append(item)
    relations = [
        {
            "head": spans[relation.head]["token_end"],
            "child": spans[relation.child]["token_end"],
            "head_span": _span_reference(spans[relation.head]),
            "child_span": _span_reference(spans[relation.child]),
            "label": relation.label.upper(),
        }
        for relation in record.relations
    ]
    tokens = [
        {"text": record.text[t.start : t.end], "start": t.start, "end": t.end, "id": i, "ws": t.ws}
        for i, t in enumerate(record.tokens)
    ]
    meta = {key: value for key, value in record.meta.items() if key != EXCLUDED_META}
    meta.update({"title": record.title, "doc_id": record.doc_id, "status": record.status.value})
    if EXCLUDED_META in record.meta:
        # Last, whatever the meta held before: export -> import -> export stays identical.
        meta[EXCLUDED_META] = record.meta[EXCLUDED_META]
    result = {
        "text": record.text,
        "spans": spans,
        "tokens": tokens,
        "meta": meta,
        "answer": ANSWERS[record.status],
    }
    if relations:
        result["relations"] = relations
    return result


def _span_reference(span: dict) -> dict:
    return {key: span[key] for key in ("start", "end", "token_start", "token_end", "label")}


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the JSONL file, one line per record, streaming."""
    documents = spans = 0
    with atomic_text_file(out) as handle:
        for record in records:
            handle.write(json.dumps(prodigy_record(record), ensure_ascii=False) + "\n")
            documents += 1
            spans += len(record.spans)
    return ExportSummary(documents, spans)


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Plain ``{"text": ...}`` lines and annotated lines in Prodigy's span format."""
    from core.importer import read_file

    return read_file(path, labels)
