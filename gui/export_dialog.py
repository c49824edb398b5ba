"""File > Export…: choose a file and one of the exchange formats, then write it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from core.formats import FORMATS, Format

# What the save dialog calls each format (its file pattern is added from the format).
TITLES = {
    "prodigy": "Prodigy JSONL: spans and quote relations",
    "doccano": "doccano JSONL: sequence labels",
    "doccano-rel": "doccano JSONL: entities and relations",
    "label-studio": "Label Studio JSON tasks",
    "spacy": "spaCy DocBin, for spacy train",
    "brat": "brat standoff: a new folder",
    "conll": "CoNLL-2003 IOB: entities only",
    "quotes-csv": "Quotes table for spreadsheets: CSV",
}


def filter_of(fmt: Format) -> str:
    """The save dialog's name filter for ``fmt``: its title and file pattern."""
    pattern = f"*{fmt.suffix}" if fmt.suffix else "*"
    return f"{TITLES.get(fmt.name, fmt.name)} ({pattern})"


def choose_export(parent: QWidget, folder: Path, format_name: str) -> tuple[Path, Format] | None:
    """Ask where to export and in which format (``format_name`` preselected); None if cancelled.

    The name gets the chosen format's ending: "monday" saves as "monday.csv" when
    the quotes table is chosen, and so does "monday.jsonl" (a dialog that keeps the
    old ending when the type changes); brat's folder takes none.
    """
    filters = {filter_of(fmt): fmt for fmt in FORMATS.values()}
    current = FORMATS.get(format_name, FORMATS["prodigy"])
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export annotations", str(folder / f"byline-export{current.suffix}"),
        ";;".join(filters), filter_of(current),
    )
    if not path:
        return None
    fmt = filters.get(chosen, current)
    out = Path(path)
    if out.suffix.lower() != fmt.suffix:
        if out.suffix.lower() in {f.suffix for f in FORMATS.values() if f.suffix}:
            out = out.with_suffix("")
        out = out.with_name(out.name + fmt.suffix)
    return out, fmt
