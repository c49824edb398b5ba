"""Reading articles from files: plain text, folders of them, and JSONL."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from core.boundaries import checked_ranges
from core.errors import InputFormatError
from core.labels import default_labels
from core.model import Layer, QuoteKind, Status
from core.nlp.tokenizer import tokenize
from core.store import NewDocument
from core.store_records import NewRelation, NewSpan
from core.token_alignment import TokenIndex

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Fields of a JSONL line that are Byline's own, not meta data to keep.
_RESERVED_FIELDS = {"text", "meta", "spans", "tokens", "relations", "answer", "_input_hash", "_task_hash"}
_TITLE_LENGTH = 120
# One article at most this long (spaCy's own limit for one text, nlp.max_length):
# a bigger "article" is a whole dump in one file, to be split before import.
MAX_DOCUMENT_CHARS = 1_000_000
# Meta fields a Byline export adds that belong to the database, not to the document.
_EXPORT_META_FIELDS = ("doc_id", "status")


def normalise_text(text: str) -> str:
    """Windows and old Mac line endings become ``\\n`` so offsets count one character per break."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalised_offset(text: str, offset: int) -> int:
    """Where ``offset`` in ``text`` lands in ``normalise_text(text)``: each ``\\r\\n``
    before it is one character shorter (an offset between the two lands before the ``\\n``)."""
    return offset - text.count("\r\n", 0, offset + 1 if text[offset : offset + 1] == "\n" else offset)


def title_of(text: str) -> str:
    """The first non-empty line, shortened: news files start with the headline."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= _TITLE_LENGTH else line[: _TITLE_LENGTH - 1] + "…"
    return "(empty)"


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to import: files as given, folders searched (sorted) for .txt and .jsonl files."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputFormatError(f"{path}: no such file or folder")
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES)
            )
        else:
            files.append(path)
    return files


def read_file(path: Path, labels: dict[str, Layer] | None = None) -> list[NewDocument]:
    """All documents in one file; raises InputFormatError naming the file (and line) on bad input.

    Reads the whole file before returning, so a bad line imports nothing from it.
    ``labels`` (name -> layer) is the label set spans in JSONL lines are checked
    against; the default label set when not given.
    """
    raw = _read_text(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        if labels is None:
            labels = {label.name: label.layer for label in default_labels()}
        return list(_documents_from_jsonl(path, raw, labels))
    text = normalise_text(raw)
    if not text.strip():
        raise InputFormatError(f"{path}: the file is empty")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputFormatError(
            f"{path}: {len(text):,} characters is too long for one article (at most {MAX_DOCUMENT_CHARS:,}); "
            "split it into one file per article, or a JSONL file with one article per line"
        )
    return [_new_document(text, {"source": path.name})]


def read_paths(
    paths: Iterable[str | Path], labels: dict[str, Layer] | None = None
) -> Iterator[tuple[Path, list[NewDocument]]]:
    """Each file to import with its documents, file by file."""
    for path in expand_paths(paths):
        yield path, read_file(path, labels)


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFormatError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if b"\x00" in data[:4096]:
        raise InputFormatError(f"{path}: this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFormatError(_not_utf8_message(path, data, exc)) from exc


def _not_utf8_message(path: Path, data: bytes, exc: UnicodeDecodeError) -> str:
    """Byline does not guess encodings (a wrong guess changes the text silently, and
    with it the document's id); it names the likely one so the user can convert."""
    line = data.count(b"\n", 0, exc.start) + 1
    message = f"{path}, line {line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02X} at position {exc.start})"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return message + "; convert it to UTF-8 and import it again"
    start = data.rfind(b"\n", 0, exc.start) + 1
    end = data.find(b"\n", exc.start)
    snippet = data[start : end if end != -1 else len(data)].decode("cp1252").strip()[:60]
    return (
        message + f"; it looks like Windows-1252 / Latin-1 text (that line would read \"{snippet}\"). "
        "Byline does not guess encodings: save the file as UTF-8 "
        "(e.g. iconv -f cp1252 -t utf-8) and import it again"
    )


def _documents_from_jsonl(path: Path, raw: str, labels: dict[str, Layer]) -> Iterator[NewDocument]:
    from core.formats.jsonfiles import parse_jsonl

    for number, record in parse_jsonl(path, raw):
        where = f"{path}, line {number}"
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as exc:
            raise InputFormatError(f"{where}: the line contains an unpaired surrogate (\\u{ord(exc.object[exc.start]):04x})") from exc
        original = record["text"]
        text = normalise_text(original)
        if not text.strip():
            raise InputFormatError(f"{where}: the text is empty")
        if len(text) > MAX_DOCUMENT_CHARS:
            raise InputFormatError(
                f"{where}: {len(text):,} characters is too long for one article (at most {MAX_DOCUMENT_CHARS:,})"
            )
        meta = dict(record.get("meta") or {}) if isinstance(record.get("meta"), dict) else {}
        meta.update({key: value for key, value in record.items() if key not in _RESERVED_FIELDS})
        meta.setdefault("source", f"{path.name}:{number}")
        excluded = _excluded_of(meta, original, text, where)
        if "spans" not in record:
            yield replace(_new_document(text, meta), excluded=excluded)
            continue
        # An annotated line (Prodigy's span format, as Byline exports it).
        status = _status_of(record, meta, where)
        for field in _EXPORT_META_FIELDS:
            meta.pop(field, None)
        document = _new_document(text, meta)
        spans, relations = _annotations(record, original, document.tokens, labels, where)
        yield NewDocument(
            document.text, document.title, document.meta, document.tokens, spans, relations, status, excluded
        )


def _excluded_of(meta: dict, original: str, text: str, where: str) -> tuple[tuple[int, int, str], ...] | None:
    """The excluded ranges a Byline export lists in ``meta.excluded`` (taken out of the
    meta, checked, moved along with normalised line endings); None when it lists none."""
    if "excluded" not in meta:
        return None
    value = meta.pop("excluded")
    if "\r\n" in original and isinstance(value, list):
        value = [
            [normalised_offset(original, item[0]), normalised_offset(original, item[1]), item[2]]
            if isinstance(item, list) and len(item) == 3 and all(isinstance(x, int) and not isinstance(x, bool) for x in item[:2])
            else item
            for item in value
        ]
    return checked_ranges(value, text, where)


def _status_of(record: dict, meta: dict, where: str) -> Status:
    """A Byline export says the status in meta; Prodigy's "accept" means done."""
    value = meta.get("status")
    if value is not None:
        try:
            return Status(value)
        except ValueError:
            raise InputFormatError(
                f"{where}: unknown status {value!r} (one of {', '.join(s.value for s in Status)})"
            ) from None
    return Status.DONE if record.get("answer") == "accept" else Status.NEW


def _annotations(
    record: dict, original: str, tokens, labels: dict[str, Layer], where: str
) -> tuple[tuple[NewSpan, ...], tuple[NewRelation, ...]]:
    """The line's spans and relations, checked; offsets are Python string indices
    into the line's text as given (moved along when its line endings are normalised)."""
    raw_spans = record["spans"]
    if not isinstance(raw_spans, list):
        raise InputFormatError(f'{where}: "spans" must be a list')
    index = TokenIndex(tokens)
    has_crlf = "\r\n" in original
    spans: list[NewSpan] = []
    by_key: dict[tuple[int, int, str], int] = {}
    for number, raw in enumerate(raw_spans, start=1):
        span_where = f"{where}, span {number}"
        if not isinstance(raw, dict):
            raise InputFormatError(f"{span_where}: expected an object with start, end and label")
        start, end, label = raw.get("start"), raw.get("end"), raw.get("label")
        if not (_is_int(start) and _is_int(end) and isinstance(label, str)):
            raise InputFormatError(f'{span_where}: needs whole-number "start" and "end" and a "label"')
        if start > end:
            raise InputFormatError(f"{span_where}: reversed ({start}-{end}: start is after end)")
        if start == end:
            raise InputFormatError(f"{span_where}: empty ({start}-{end})")
        if start < 0 or end > len(original):
            raise InputFormatError(
                f"{span_where}: {start}-{end} is out of range (the text has {len(original)} characters)"
            )
        if label not in labels:
            raise InputFormatError(
                f"{span_where}: unknown label {label!r}; this database's labels are {', '.join(labels)}"
            )
        given = raw.get("text")
        if given is not None and original[start:end] != given:
            raise InputFormatError(f"{span_where}: {_offset_mismatch(original, start, end, given)}")
        key = (start, end, label)
        if key in by_key:
            raise InputFormatError(f"{span_where}: the same {label} span {start}-{end} is listed twice")
        new_start, new_end = (
            (normalised_offset(original, start), normalised_offset(original, end)) if has_crlf else (start, end)
        )
        if index.token_range(new_start, new_end) is None:
            raise InputFormatError(
                f"{span_where}: {start}-{end} ({original[start:end]!r}) does not start and end on "
                "token boundaries (spaCy's English tokens)"
            )
        attrs = {}
        if label == "QUOTE":
            kind, speaker = raw.get("kind"), raw.get("speaker")
            if kind is not None:
                if kind not in {k.value for k in QuoteKind}:
                    raise InputFormatError(f"{span_where}: unknown quote kind {kind!r}")
                attrs["kind"] = kind
            if speaker is not None:
                attrs["resolved_speaker"] = str(speaker)
        by_key[key] = len(spans)
        spans.append(NewSpan(new_start, new_end, label, attrs))
    entities = sorted(
        (span.start, span.end, number)
        for number, span in enumerate(spans, start=1)
        if labels[span.label] == Layer.ENTITY
    )
    for (_s1, end1, first), (start2, _e2, second) in pairwise(entities):
        if start2 < end1:
            raise InputFormatError(
                f"{where}: entity spans {min(first, second)} and {max(first, second)} overlap; "
                "entities of one text cannot overlap (spaCy's doc.ents)"
            )
    return tuple(spans), tuple(_relations(record.get("relations"), by_key, where))


def _relations(raw_relations, by_key: dict[tuple[int, int, str], int], where: str) -> Iterator[NewRelation]:
    if raw_relations is None:
        return
    if not isinstance(raw_relations, list):
        raise InputFormatError(f'{where}: "relations" must be a list')
    for number, raw in enumerate(raw_relations, start=1):
        relation_where = f"{where}, relation {number}"
        ends = []
        for part in ("head_span", "child_span"):
            ref = raw.get(part) if isinstance(raw, dict) else None
            if not isinstance(ref, dict):
                raise InputFormatError(f'{relation_where}: needs "head_span" and "child_span"')
            key = (ref.get("start"), ref.get("end"), ref.get("label"))
            if key not in by_key:
                raise InputFormatError(f"{relation_where}: its {part} {key[0]}-{key[1]} {key[2]} is not among the spans")
            ends.append(by_key[key])
        label = raw.get("label")
        if not isinstance(label, str) or not label:
            raise InputFormatError(f'{relation_where}: needs a "label"')
        yield NewRelation(ends[0], ends[1], label.lower())


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _offset_mismatch(text: str, start: int, end: int, given: str) -> str:
    message = f"{start}-{end} is {text[start:end]!r} in the text, not {given!r}"
    utf16 = text.encode("utf-16-le")
    if utf16[2 * start : 2 * end].decode("utf-16-le", errors="replace") == given:
        return message + "; the offsets count UTF-16 code units (as JavaScript does), not characters"
    if text.encode("utf-8")[start:end].decode("utf-8", errors="replace") == given:
        return message + "; the offsets count UTF-8 bytes, not characters"
    return message


def _new_document(text: str, meta: dict) -> NewDocument:
    title = str(meta.get("title") or title_of(text))
    return NewDocument(text=text, title=title, meta=meta, tokens=tokenize(text))
