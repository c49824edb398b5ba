"""Export in Prodigy's span format (kept for its callers; the format lives in ``core.formats.prodigy``).

Character offsets are Python ``str`` indices (end exclusive); ``token_end`` is
inclusive, as Prodigy writes it; tokens are spaCy's English tokens, so
``Doc.char_span`` accepts every span.
"""
from __future__ import annotations

from pathlib import Path

from core.formats import prodigy
from core.formats.record import iter_store_records
from core.model import Status
from core.store import AnnotationStore
from core.store_records import DocumentFilter


def export_jsonl(store: AnnotationStore, out: Path, status: Status | None = None) -> tuple[int, int]:
    """Write the JSONL file; returns (documents, spans) written.

    Writes to a temporary file first so a failed export never leaves half a file.
    """
    chosen = DocumentFilter(statuses=(status,) if status else ())
    summary = prodigy.write(iter_store_records(store, chosen), out)
    return summary.documents, summary.spans
