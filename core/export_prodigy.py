"""Export in Prodigy's span format (kept for its callers; the format lives in ``core.formats.prodigy``).

Character offsets are Python ``str`` indices (end exclusive); ``token_end`` is
inclusive, as Prodigy writes it; tokens are spaCy's English tokens, so
``Doc.char_span`` accepts every span.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from core.formats import prodigy
from core.formats.record import iter_store_records, record_of
from core.model import Document, Status
from core.store import AnnotationStore
from core.store_records import DocumentFilter


def document_record(store: AnnotationStore, document: Document) -> dict:
    """The export record of one document."""
    return prodigy.prodigy_record(record_of(store, document))


def iter_records(store: AnnotationStore, status: Status | None = None) -> Iterator[dict]:
    """Export records one document at a time (memory does not grow with the database)."""
    for record in iter_store_records(store, DocumentFilter(statuses=(status,) if status else ())):
        yield prodigy.prodigy_record(record)


def export_jsonl(store: AnnotationStore, out: Path, status: Status | None = None) -> tuple[int, int]:
    """Write the JSONL file; returns (documents, spans) written.

    Writes to a temporary file first so a failed export never leaves half a file.
    """
    chosen = DocumentFilter(statuses=(status,) if status else ())
    summary = prodigy.write(iter_store_records(store, chosen), out)
    return summary.documents, summary.spans
