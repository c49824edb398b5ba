"""Exchange formats: one module per format (reader and writer), registered here by name.

Every format converts between its files and ``core.formats.record.DocumentRecord``;
``read_documents`` and ``export`` are what the command line and the window call.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from core.errors import BylineError, InputFormatError
from core.formats.record import ExportSummary, iter_store_records
from core.model import Layer
from core.store_records import DocumentFilter, NewDocument


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # the module under core.formats
    writer: str  # its write function
    output: str  # what OUT is, for help texts: "file" or "folder"
    description: str
    suffix: str = ""  # the file name's ending on export ("" for a folder)
    readable: bool = True  # False: export only (the module has no ``read``)


FORMATS = {
    f.name: f
    for f in (
        Format("prodigy", "prodigy", "write", "file", "Prodigy span JSONL with relations (default)", ".jsonl"),
        Format("doccano", "doccano", "write_sequence", "file",
               'doccano JSONL, {"text", "label": [[start, end, label]]}', ".jsonl"),
        Format("doccano-rel", "doccano", "write_relations", "file", 'doccano JSONL with "entities" and "relations"',
               ".jsonl"),
        Format("label-studio", "label_studio", "write", "file", "Label Studio JSON tasks", ".json"),
        Format("spacy", "spacy_docbin", "write", "file", "spaCy DocBin: OUT.spacy, or a folder of them", ".spacy"),
        Format("brat", "brat", "write", "folder", "brat standoff (.txt + .ann per document)"),
        Format("conll", "conll", "write", "file", "CoNLL-2003-style IOB (entities only)", ".conll"),
        Format("quotes-csv", "quotes_table", "write", "file",
               "a CSV table of the quotes: speaker, cue, kind and text, one row each", ".csv", readable=False),
    )
}
READABLE = [name for name, f in FORMATS.items() if f.readable]
# Plain text files and plain {"text": ...} JSONL are read by the Prodigy reader (core.importer).
PLAIN = "prodigy"
CONLL_SUFFIXES = {".conll", ".conll03", ".iob", ".iob2", ".bio"}


def _module(fmt: Format):
    return importlib.import_module(f"core.formats.{fmt.module}")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise BylineError(f"unknown format {name!r}; one of {', '.join(FORMATS)}") from None


def guess_format(path: Path) -> str:
    """The format of a file or folder, from its extension and, for JSONL, its first line."""
    from core.formats.jsonfiles import first_jsonl_object

    suffix = path.suffix.lower()
    if path.is_dir():
        if any(path.rglob("*.ann")):
            return "brat"
        return "spacy" if any(path.rglob("*.spacy")) else PLAIN
    if suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").is_file()):
        return "brat"
    if suffix == ".spacy":
        return "spacy"
    if suffix == ".json":
        return "label-studio"
    if suffix in CONLL_SUFFIXES:
        return "conll"
    if suffix in (".jsonl", ".ndjson"):
        first = first_jsonl_object(path) or {}
        if "spans" in first:
            return "prodigy"
        if "entities" in first:
            return "doccano-rel"
        if isinstance(first.get("label"), list) or isinstance(first.get("labels"), list):
            return "doccano"
    return PLAIN


def read_documents(path: Path, name: str | None, labels: dict[str, Layer]) -> list[NewDocument]:
    """All documents of ``path`` in format ``name`` (guessed when None), checked.

    Raises InputFormatError naming the file and line or record; the whole path
    is read before anything is returned, so a bad record imports nothing of it.
    """
    fmt = get_format(name or guess_format(path))
    if not fmt.readable:
        raise BylineError(f"the {fmt.name} format is written by export only; import one of {', '.join(READABLE)}")
    if fmt.name == PLAIN and path.is_dir():
        from core.importer import read_paths

        return [document for _path, documents in read_paths([path], labels) for document in documents]
    if not path.exists():
        raise InputFormatError(f"{path}: no such file or folder")
    return _module(fmt).read(path, labels)


def export(store, out: Path, name: str = "prodigy", chosen: DocumentFilter | None = None) -> ExportSummary:
    """Write the documents passing ``chosen`` to ``out`` in format ``name``, one document at a time."""
    fmt = get_format(name)
    if fmt.output == "file" and out.is_dir() and fmt.name != "spacy":
        raise BylineError(f"{out} is a folder; the {fmt.name} format writes one file")
    writer = getattr(_module(fmt), fmt.writer)
    return writer(iter_store_records(store, chosen), out)
