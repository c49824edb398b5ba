"""Export in Prodigy's span format: one JSON object per document and line.

Character offsets are Python ``str`` indices (end exclusive); ``token_end`` is
inclusive, as Prodigy writes it; tokens are spaCy's English tokens, so
``Doc.char_span`` accepts every span.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from core.errors import BylineError
from core.model import Document, Status
from core.store import AnnotationStore
from core.token_alignment import TokenIndex

# Prodigy's answers: a finished document is accepted, the rest are not training data yet.
_ANSWERS = {Status.DONE: "accept", Status.SKIPPED: "ignore", Status.NEW: "ignore", Status.IN_PROGRESS: "ignore"}


def document_record(store: AnnotationStore, document: Document) -> dict:
    """The export record of one document."""
    index = TokenIndex(document.tokens)
    spans = []
    span_ids = {}
    for span in store.spans(document.id):
        token_range = index.token_range(span.start, span.end)
        if token_range is None:
            raise BylineError(
                f"span {span.start}-{span.end} ({span.label}) in {document.title!r} does not fall on token boundaries"
            )
        record = {
            "start": span.start,
            "end": span.end,
            "text": document.text[span.start : span.end],
            "label": span.label,
            "token_start": token_range[0],
            "token_end": token_range[1],
        }
        if span.label == "QUOTE":
            record["kind"] = span.attrs.get("kind")
            record["speaker"] = span.attrs.get("resolved_speaker")
        span_ids[span.id] = record
        spans.append(record)
    relations = []
    for relation in store.relations(document.id):
        head, child = span_ids.get(relation.head_id), span_ids.get(relation.child_id)
        if head is None or child is None:
            continue
        relations.append(
            {
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": _span_reference(head),
                "child_span": _span_reference(child),
                "label": relation.label.upper(),
            }
        )
    tokens = [
        {"text": document.text[t.start : t.end], "start": t.start, "end": t.end, "id": i, "ws": t.ws}
        for i, t in enumerate(document.tokens)
    ]
    record = {
        "text": document.text,
        "spans": spans,
        "tokens": tokens,
        "meta": {**document.meta, "title": document.title, "doc_id": document.id, "status": document.status.value},
        "answer": _ANSWERS[document.status],
    }
    if relations:
        record["relations"] = relations
    return record


def _span_reference(span: dict) -> dict:
    return {key: span[key] for key in ("start", "end", "token_start", "token_end", "label")}


def iter_records(store: AnnotationStore, status: Status | None = None) -> Iterator[dict]:
    """Export records one document at a time (memory does not grow with the database)."""
    for document in store.iter_documents(status):
        yield document_record(store, document)


def export_jsonl(store: AnnotationStore, out: Path, status: Status | None = None) -> tuple[int, int]:
    """Write the JSONL file; returns (documents, spans) written.

    Writes to a temporary file first so a failed export never leaves half a file.
    """
    documents = spans = 0
    partial = out.with_name(out.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            for record in iter_records(store, status):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                documents += 1
                spans += len(record["spans"])
        partial.replace(out)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BylineError(f"cannot write {out}: {exc.strerror}") from exc
    except BaseException:
        # A span that cannot be exported (or an interrupt) must not leave half a file either.
        partial.unlink(missing_ok=True)
        raise
    return documents, spans
