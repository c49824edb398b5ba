"""brat standoff: a folder with ``NAME.txt`` (the text) and ``NAME.ann`` per document.

``.ann`` lines: ``T1<TAB>LABEL START END<TAB>covered text`` for spans (a span
that crosses a line break is written as fragments ``START END;START END``,
as brat itself does, since the covered text must stay on one line),
``R1<TAB>speaker Arg1:T3 Arg2:T4`` for quote links, ``A1<TAB>kind T3 direct``
for a quote's kind and ``#1<TAB>AnnotatorNotes T3<TAB>NAME`` for whom it is by.
Offsets are characters (brat is written in Python, so they are Python indices).
Files are named by the document id's first 16 hex digits, stable across exports.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from core.errors import InputFormatError
from core.formats.jsonfiles import normalised, read_text
from core.formats.output import atomic_folder
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

_TEXT_BOUND = re.compile(r"^(\S+) (\d+ \d+(?:;\d+ \d+)*)$")


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``start..end`` between line breaks (brat's discontinuous span form)."""
    pieces, position = [], start
    for line in text[start:end].split("\n"):
        piece_start, piece_end = position, position + len(line)
        if piece_end > piece_start:
            pieces.append((piece_start, piece_end))
        position = piece_end + 1
    return pieces


def ann_lines(record: DocumentRecord) -> list[str]:
    """The ``.ann`` lines of one document."""
    lines, attribute, note = [], 0, 0
    for number, span in enumerate(record.spans, start=1):
        pieces = fragments(record.text, span.start, span.end)
        offsets = ";".join(f"{start} {end}" for start, end in pieces)
        covered = " ".join(record.text[start:end] for start, end in pieces)
        lines.append(f"T{number}\t{span.label} {offsets}\t{covered}")
    for number, span in enumerate(record.spans, start=1):
        if span.attrs.get("kind"):
            attribute += 1
            lines.append(f"A{attribute}\tkind T{number} {span.attrs['kind']}")
        if span.attrs.get("resolved_speaker"):
            note += 1
            lines.append(f"#{note}\tAnnotatorNotes T{number}\t{_one_line(span.attrs['resolved_speaker'])}")
    for number, relation in enumerate(record.relations, start=1):
        lines.append(f"R{number}\t{relation.label} Arg1:T{relation.head + 1} Arg2:T{relation.child + 1}")
    return lines


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def file_stem(record: DocumentRecord) -> str:
    return record.doc_id[:16]


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write ``out/`` (a new or empty folder) with a .txt and .ann per document."""
    documents = spans = 0
    with atomic_folder(out) as folder:
        for record in records:
            stem = file_stem(record)
            (folder / f"{stem}.txt").write_text(record.text, encoding="utf-8", newline="\n")
            lines = ann_lines(record)
            (folder / f"{stem}.ann").write_text("".join(line + "\n" for line in lines), encoding="utf-8", newline="\n")
            documents += 1
            spans += len(record.spans)
    return ExportSummary(documents, spans, "titles, statuses and meta are not part of brat")


def documents_in(path: Path) -> list[Path]:
    """The ``.ann`` files of a folder (sorted, recursively), or the one given."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*.ann") if p.is_file())
    return [path.with_suffix(".ann") if path.suffix.lower() == ".txt" else path]


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Every ``.ann`` with its ``.txt`` under ``path`` (a folder, or one of the two files)."""
    documents = []
    for ann in documents_in(path):
        txt = ann.with_suffix(".txt")
        if not txt.is_file():
            raise InputFormatError(f"{ann}: brat needs the text next to it as {txt.name}")
        if not ann.is_file():
            raise InputFormatError(f"{txt}: brat needs the annotations next to it as {ann.name}")
        text = normalised(read_text(txt), str(txt))
        record, places = _record(text, read_text(ann), labels, str(ann), txt.name)
        documents.append(to_new_document(record, str(ann), places))
    return documents


def _record(text: str, ann: str, labels: dict[str, Layer], name: str, source: str) -> tuple[DocumentRecord, list[str]]:
    spans, ids, attrs, relations, places = [], {}, {}, [], []
    pending: list[tuple[str, str]] = []
    for number, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        fields = line.split("\t")
        kind = fields[0][:1]
        if kind == "T":
            match = _TEXT_BOUND.match(fields[1]) if len(fields) >= 2 else None
            if not match:
                raise InputFormatError(f"{where}: expected 'T<n><TAB>LABEL START END<TAB>text'")
            pieces = [tuple(map(int, piece.split())) for piece in match.group(2).split(";")]
            # A span in fragments (brat's way across line breaks) is the whole extent.
            start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
            given = fields[2] if len(fields) > 2 and len(pieces) == 1 else None
            ids[fields[0]] = len(spans)
            places.append(where)
            spans.append(checked_span(text, start, end, match.group(1), labels, where, given=given))
        elif kind in ("R", "A", "#"):
            pending.append((where, line))
        elif kind in ("E", "M", "N", "*"):
            continue  # events, modifiers, normalisations, equivalences: not Byline's
        else:
            raise InputFormatError(f"{where}: not a brat standoff line")
    for where, line in pending:
        fields = line.split("\t")
        parts = fields[1].split() if len(fields) > 1 else []
        if line.startswith("R"):
            if len(parts) != 3 or not parts[1].startswith("Arg1:") or not parts[2].startswith("Arg2:"):
                raise InputFormatError(f"{where}: expected 'R<n><TAB>TYPE Arg1:T<a> Arg2:T<b>'")
            head, child = parts[1][5:], parts[2][5:]
            if head not in ids or child not in ids:
                raise InputFormatError(f"{where}: links an annotation that is not in the file")
            relations.append(RecordRelation(ids[head], ids[child], parts[0].lower()))
        elif line.startswith("A") and len(parts) == 3 and parts[0] == "kind" and parts[1] in ids:
            attrs.setdefault(ids[parts[1]], {})["kind"] = parts[2]
        elif line.startswith("#") and len(parts) == 2 and parts[0] == "AnnotatorNotes" and parts[1] in ids:
            attrs.setdefault(ids[parts[1]], {})["speaker"] = fields[2] if len(fields) > 2 else ""
    for index, values in attrs.items():
        span = spans[index]
        if span.label == "QUOTE":
            extra = quote_attrs(values.get("kind"), values.get("speaker"), name)
            spans[index] = type(span)(span.start, span.end, span.label, span.layer, extra)
    record = DocumentRecord(text=text, title="", meta={"source": source}, status=Status.NEW,
                            spans=tuple(spans), relations=tuple(relations))
    return record, places
