"""CoNLL-2003-style IOB files for entities.

Each document starts with ``-DOCSTART- -X- -X- O`` and a blank line; each
token is a line ``TOKEN -X- _ TAG`` (the four CoNLL-2003 columns; Byline
has no part-of-speech or chunk tags, so those hold placeholders), with IOB2
tags (``B-PERSON``, ``I-PERSON``, ``O``); a blank line ends a sentence, which
here is a paragraph or line of the text. Tokens are spaCy's English tokens.
Only the entity layer fits this format; the text is rebuilt on import from
the tokens (single spaces between them, a line break between sentences), so
a document's original spacing is not kept.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from core.errors import InputFormatError
from core.formats.jsonfiles import read_text
from core.formats.output import atomic_text_file
from core.formats.record import DocumentRecord, ExportSummary, RecordSpan, checked_span, to_new_document
from core.model import Layer, Status
from core.store_records import NewDocument

DOCSTART = "-DOCSTART- -X- -X- O"


def token_tags(record: DocumentRecord) -> Iterator[tuple[str, str] | None]:
    """(token text, IOB2 tag) for each word of the document, None at a sentence break.

    Whitespace tokens are not words; one holding a line break ends a sentence,
    unless an entity runs across it (a tag sequence cannot break inside one).
    """
    entities = sorted(record.layer_spans(Layer.ENTITY), key=lambda span: span.start)
    position = 0
    inside: RecordSpan | None = None
    words_in_sentence = 0
    for token in record.tokens:
        while position < len(entities) and entities[position].end <= token.start:
            position += 1
        current = entities[position] if position < len(entities) and entities[position].start <= token.start else None
        if token.is_space or not record.text[token.start : token.end].strip():
            if "\n" in record.text[token.start : token.end] and current is None and words_in_sentence:
                words_in_sentence = 0
                yield None
            continue
        if current is None:
            tag = "O"
        else:
            tag = ("I-" if inside is current else "B-") + current.label
        inside = current
        words_in_sentence += 1
        yield record.text[token.start : token.end], tag
    if words_in_sentence:
        yield None


def write(records: Iterable[DocumentRecord], out: Path) -> ExportSummary:
    """Write the IOB file, one document after the other (streaming)."""
    documents = spans = 0
    with atomic_text_file(out) as handle:
        for record in records:
            handle.write(DOCSTART + "\n\n")
            for item in token_tags(record):
                handle.write("\n" if item is None else f"{item[0]} -X- _ {item[1]}\n")
            documents += 1
            spans += len(record.layer_spans(Layer.ENTITY))
    return ExportSummary(documents, spans, "entities only; the quote layer does not fit IOB tags")


def read(path: Path, labels: dict[str, Layer]) -> list[NewDocument]:
    """Documents split at ``-DOCSTART-`` (a file without one is one document)."""
    documents = []
    for start_line, lines in _documents(read_text(path)):
        where = f"{path}, line {start_line}"
        record, places = _record(lines, labels, path, f"{path.name}:{start_line}")
        documents.append(to_new_document(record, where, places))
    return documents


def _documents(raw: str) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    current: list[tuple[int, str]] = []
    first = 1
    for number, line in enumerate(raw.replace("\r\n", "\n").split("\n"), start=1):
        if line.startswith("-DOCSTART-"):
            if any(text.strip() for _n, text in current):
                yield first, current
            current, first = [], number
            continue
        current.append((number, line))
    if any(text.strip() for _n, text in current):
        yield first, current


def _record(
    lines: list[tuple[int, str]], labels: dict[str, Layer], path: Path, source: str
) -> tuple[DocumentRecord, list[str]]:
    """Rebuild the text (tokens joined by spaces, sentences by line breaks) and the entity spans."""
    pieces: list[str] = []
    length = 0
    spans: list[tuple[int, int, str, str]] = []  # start, end, label, where
    open_span: list | None = None
    for number, line in lines:
        where = f"{path}, line {number}"
        if not line.strip():
            if pieces and pieces[-1] != "\n":
                pieces.append("\n")
                length += 1
            continue
        columns = line.split()
        if len(columns) < 2:
            raise InputFormatError(f"{where}: expected a token and its tag, separated by spaces")
        word, tag = columns[0], columns[-1]
        if pieces and pieces[-1] != "\n":
            pieces.append(" ")
            length += 1
        start = length
        pieces.append(word)
        length += len(word)
        if tag == "O":
            open_span = None
            continue
        prefix, _, label = tag.partition("-")
        if prefix not in ("B", "I") or not label:
            raise InputFormatError(f"{where}: {tag!r} is not an IOB tag (O, B-LABEL or I-LABEL)")
        if prefix == "I" and open_span is not None and open_span[2] == label:
            open_span[1] = length
        else:  # B-, or an I- that starts an entity (IOB1 style): a new span
            open_span = [start, length, label, where]
            spans.append(open_span)  # type: ignore[arg-type]
    text = "".join(pieces).rstrip("\n")
    checked = tuple(checked_span(text, start, end, label, labels, where) for start, end, label, where in spans)
    for span in checked:
        if span.layer is not Layer.ENTITY:
            raise InputFormatError(f"{path}: {span.label} is not an entity label; CoNLL files hold entities only")
    record = DocumentRecord(text=text + "\n", title="", meta={"source": source}, status=Status.NEW, spans=checked)
    return record, [where for _start, _end, _label, where in spans]
