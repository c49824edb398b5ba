"""Reading articles from files: plain text, folders of them, and JSONL."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from core.errors import InputFormatError
from core.nlp.tokenizer import tokenize
from core.store import NewDocument

TEXT_SUFFIXES = {".txt"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
# Fields of a JSONL line that are Byline's own, not meta data to keep.
_RESERVED_FIELDS = {"text", "meta", "spans", "tokens", "relations", "answer", "_input_hash", "_task_hash"}
_TITLE_LENGTH = 120


def normalise_text(text: str) -> str:
    """Windows and old Mac line endings become ``\\n`` so offsets count one character per break."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def read_file(path: Path) -> list[NewDocument]:
    """All documents in one file; raises InputFormatError naming the file (and line) on bad input.

    Reads the whole file before returning, so a bad line imports nothing from it.
    """
    raw = _read_text(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        return list(_documents_from_jsonl(path, raw))
    text = normalise_text(raw)
    if not text.strip():
        raise InputFormatError(f"{path}: the file is empty")
    return [_new_document(text, {"source": path.name})]


def read_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, list[NewDocument]]]:
    """Each file to import with its documents, file by file."""
    for path in expand_paths(paths):
        yield path, read_file(path)


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
        raise InputFormatError(
            f"{path}: the file is not UTF-8 text (invalid byte at position {exc.start}); "
            "convert it to UTF-8 and import it again"
        ) from exc


def _documents_from_jsonl(path: Path, raw: str) -> Iterator[NewDocument]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFormatError(f"{path}, line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputFormatError(f'{path}, line {number}: expected an object with a "text" string')
        text = normalise_text(record["text"])
        if not text.strip():
            raise InputFormatError(f"{path}, line {number}: the text is empty")
        meta = dict(record.get("meta") or {}) if isinstance(record.get("meta"), dict) else {}
        meta.update({key: value for key, value in record.items() if key not in _RESERVED_FIELDS})
        meta.setdefault("source", f"{path.name}:{number}")
        yield _new_document(text, meta)


def _new_document(text: str, meta: dict) -> NewDocument:
    title = str(meta.get("title") or title_of(text))
    return NewDocument(text=text, title=title, meta=meta, tokens=tokenize(text))
