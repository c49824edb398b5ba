"""The quotes table: one CSV row per quote, for the spreadsheet or data frame a media
researcher counts "who gets quoted" in.

Each row says which document the quote is in, its text and kind, the person it is
by (the canonical speaker the analysts chose, else the model's resolution), the
words that name them (the speaker mention) and the cue, with character offsets
(Python ``str`` indices, end exclusive) so a row can be found again in the text.
``checked`` is "yes" when an analyst created, accepted or edited the quote span.
The table is written, never read: the other formats carry annotations both ways.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from core.formats.output import atomic_text_file
from core.formats.record import DocumentRecord, ExportSummary, RecordSpan

COLUMNS = (
    "document_id", "title", "status", "source", "quote_start", "quote_end", "kind", "speaker",
    "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "checked", "quote",
)
# Meta fields that say where an article came from, most telling first.
SOURCE_FIELDS = ("url", "link", "source")


def quote_rows(record: DocumentRecord) -> list[dict[str, str | int]]:
    """The rows of one document's quotes, in reading order."""
    parts: dict[int, dict[str, RecordSpan]] = {}
    for relation in record.relations:
        parts.setdefault(relation.head, {})[relation.label] = record.spans[relation.child]
    source = next((str(record.meta[key]) for key in SOURCE_FIELDS if record.meta.get(key)), "")
    rows = []
    quotes = sorted((span.start, span.end, n) for n, span in enumerate(record.spans) if span.label == "QUOTE")
    for _start, _end, number in quotes:
        quote = record.spans[number]
        speaker = parts.get(number, {}).get("speaker")
        cue = parts.get(number, {}).get("cue")
        rows.append({
            "document_id": record.doc_id,
            "title": record.title,
            "status": record.status.value,
            "source": source,
            "quote_start": quote.start,
            "quote_end": quote.end,
            "kind": quote.attrs.get("kind") or "",
            "speaker": quote.attrs.get("resolved_speaker") or (_text(record, speaker) if speaker else ""),
            **_part("speaker", record, speaker),
            **_part("cue", record, cue),
            "checked": "yes" if quote.origin == "analyst" else "no",
            "quote": _text(record, quote),
        })
    return rows


def _part(name: str, record: DocumentRecord, span: RecordSpan | None) -> dict[str, str | int]:
    column = "speaker_mention" if name == "speaker" else name
    if span is None:
        return {column: "", f"{name}_start": "", f"{name}_end": ""}
    return {column: _text(record, span), f"{name}_start": span.start, f"{name}_end": span.end}


def _text(record: DocumentRecord, span: RecordSpan) -> str:
    return record.text[span.start : span.end]


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the CSV (a header row, one row per quote), streaming document by document.

    UTF-8 with a byte order mark: without it Excel reads the file as the
    system's code page and garbles every accent; pandas skips the mark.
    """
    documents = quotes = 0
    with atomic_text_file(out) as handle:
        handle.write("\ufeff")
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            rows = quote_rows(record)
            writer.writerows(rows)
            documents += 1
            quotes += len(rows)
    return ExportSummary(documents, quotes, note="one row per quote; entities are not in this table", unit="quote")
