"""Reading JSON and JSONL files for the format readers: UTF-8 text, errors that name file and line."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from core.errors import InputFormatError

# Only \n, \r\n and \r end a JSONL line (U+2028 and friends are legal inside JSON strings).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def read_text(path: Path) -> str:
    """The file as text (UTF-8, a byte order mark allowed), or InputFormatError in words."""
    from core.importer import _read_text

    return _read_text(path)


def jsonl_objects(path: Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-empty line; the whole file is decoded first."""
    yield from parse_jsonl(path, read_text(path))


def parse_jsonl(path: Path, raw: str) -> Iterator[tuple[int, dict]]:
    """(line number, object with a "text" string) for each non-empty line of ``raw`` (read from ``path``)."""
    for number, line in enumerate(_LINE_BREAK.split(raw), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputFormatError(f"{path}, line {number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputFormatError(f'{path}, line {number}: expected an object with a "text" string')
        yield number, record


def first_jsonl_object(path: Path) -> dict | None:
    """The first line's object, for guessing a JSONL file's shape (None when unreadable)."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for line in handle:
                if line.strip():
                    value = json.loads(line)
                    return value if isinstance(value, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


def normalised(text: str, where: str) -> str:
    """Texts from other tools must already use ``\\n`` line ends: their offsets count
    ``\\r\\n`` as two characters, and moving every span is a guess Byline does not make."""
    if "\r" in text:
        raise InputFormatError(
            f"{where}: the text contains carriage returns (\\r); convert its line endings to \\n "
            "together with the offsets, or export it from the tool with \\n line endings"
        )
    return text
