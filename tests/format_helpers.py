"""Shared for tests/test_formats_*.py: an annotated database, export -> import -> export."""
from __future__ import annotations

from pathlib import Path

from core.formats import export
from core.model import Status
from core.store import AnnotationStore
from core.workflow import import_paths
from tests.conftest import ARTICLE

# Non-BMP letters, an emoji sequence and typographic quotes: offsets stay Python str indices.
AWKWARD = "Ada Quill 👩🏽‍⚖️ met 𝔄𝔠𝔪𝔢 reps in Port Halloran on Tuesday.\n\n«Non», dit-elle. Acme Shipping 😀 declined.\n"
# A quote that runs across a line break (brat writes it in fragments).
TWO_LINES = "Quill said:\n\"We stay out\nuntil Friday,\" in Port Halloran.\n"


def span_of(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def add_text(store: AnnotationStore, folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    import_paths(store, [path])
    return store.db.execute("select id from documents where text = ?", [text]).fetchone()[0]


def build_annotated(store: AnnotationStore, folder: Path) -> dict[str, str]:
    """Three documents: entities, a quote with speaker, cue, kind and resolved speaker; statuses differ."""
    folder.mkdir(exist_ok=True)
    ids = {}
    ids["article"] = doc = add_text(store, folder, "article.txt", ARTICLE)
    for phrase, label, occurrence in [
        ("Port Halloran", "GPE", 0), ("Ada Quill", "PERSON", 0), ("Dockers Union", "ORG", 0),
        ("Tuesday", "DATE", 0), ("Quill", "PERSON", 1), ("Acme Shipping", "ORG", 0),
    ]:
        store.create_span(doc, *span_of(ARTICLE, phrase, occurrence), label)
    quote = store.create_span(doc, *span_of(ARTICLE, "We are not moving,"), "QUOTE",
                              attrs={"kind": "direct", "resolved_speaker": "Ada Quill"})
    store.set_quote_part(quote.id, "speaker", *span_of(ARTICLE, "Quill", 1))
    store.set_quote_part(quote.id, "cue", *span_of(ARTICLE, "told"))
    store.set_status(doc, Status.DONE)

    ids["awkward"] = doc = add_text(store, folder, "awkward.txt", AWKWARD)
    for phrase, label in [("Ada Quill", "PERSON"), ("𝔄𝔠𝔪𝔢", "ORG"), ("Port Halloran", "GPE"), ("Acme Shipping", "ORG")]:
        store.create_span(doc, *span_of(AWKWARD, phrase), label)
    store.set_status(doc, Status.IN_PROGRESS)

    ids["two_lines"] = doc = add_text(store, folder, "two.txt", TWO_LINES)
    store.create_span(doc, *span_of(TWO_LINES, "Port Halloran"), "GPE")
    store.create_span(doc, *span_of(TWO_LINES, "Friday"), "DATE")
    quote = store.create_span(doc, *span_of(TWO_LINES, "We stay out\nuntil Friday,"), "QUOTE", attrs={"kind": "direct"})
    store.set_quote_part(quote.id, "speaker", *span_of(TWO_LINES, "Quill"))
    return ids


def round_trip(tmp_path: Path, fmt: str, suffix: str) -> tuple[Path, Path, AnnotationStore]:
    """Export a built database, import the file into a new one, export that again.

    Returns the two exports and the second store (open; the caller closes it)."""
    first_out = tmp_path / f"first{suffix}"
    second_out = tmp_path / f"second{suffix}"
    with AnnotationStore(tmp_path / "first.db", analyst="ana") as first:
        build_annotated(first, tmp_path / "texts")
        export(first, first_out, fmt)
    second = AnnotationStore(tmp_path / "second.db", analyst="ben")
    summary = import_paths(second, [first_out], fmt=fmt)
    assert summary.added == 3
    export(second, second_out, fmt)
    return first_out, second_out, second


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
