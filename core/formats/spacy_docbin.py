"""spaCy's DocBin (``.spacy``) as an exchange format; the spaCy work is in ``core.nlp.docbin``."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from core.formats.record import DocumentRecord, ExportSummary, checked_span, to_new_document
from core.model import Layer
from core.store_records import NewDocument


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write ``out.spacy`` (one DocBin) or the folder ``out`` (DocBins of 1,000 documents)."""
    from core.nlp.docbin import write_docbin

    documents, spans = write_docbin(records, out)
    return ExportSummary(documents, spans)


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Every Doc of the file; ``doc.ents`` and ``doc.spans["quote"]`` become spans, checked."""
    from dataclasses import replace

    from core.nlp.docbin import read_docbin

    documents = []
    for where, record in read_docbin(path, labels):
        spans = tuple(
            checked_span(record.text, s.start, s.end, s.label, labels, f"{where}, span {n}", attrs=s.attrs)
            for n, s in enumerate(record.spans, start=1)
        )
        documents.append(to_new_document(replace(record, spans=spans), where))
    return documents
