"""brat standoff: round trip, .ann lines parse back to the texts' spans, fragments across lines."""
from __future__ import annotations

import re

import pytest

from core.errors import BylineError, InputFormatError
from core.formats import export, guess_format
from core.workflow import import_paths
from tests.format_helpers import TWO_LINES, round_trip, span_of, tree_bytes

T_LINE = re.compile(r"^T(\d+)\t(\S+) ((?:\d+ \d+;?)+)\t(.*)$")


def test_export_import_export_is_identical(tmp_path):
    first, second, store = round_trip(tmp_path, "brat", "")
    with store:
        assert first.is_dir() and guess_format(first) == "brat"
        assert tree_bytes(second) == tree_bytes(first)
        assert len(tree_bytes(first)) == 6, "a .txt and a .ann per document"
        quote = next(s for d in store.list_documents() for s in store.spans(d.id) if s.label == "QUOTE" and s.attrs.get("resolved_speaker"))
        assert quote.attrs == {"kind": "direct", "resolved_speaker": "Ada Quill"}


def test_every_text_bound_line_covers_its_text(tmp_path):
    first, _second, store = round_trip(tmp_path, "brat", "")
    store.close()
    for ann in first.glob("*.ann"):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                assert re.match(r"^(R\d+\t\w+ Arg1:T\d+ Arg2:T\d+|A\d+\tkind T\d+ \w+|#\d+\tAnnotatorNotes T\d+\t.+)$", line), line
                continue
            match = T_LINE.match(line)
            assert match, line
            pieces = [tuple(map(int, piece.split())) for piece in match.group(3).split(";")]
            assert " ".join(text[s:e] for s, e in pieces) == match.group(4)
            assert all("\n" not in text[s:e] for s, e in pieces)
    two = next(p for p in first.glob("*.txt") if p.read_text(encoding="utf-8") == TWO_LINES)
    start, end = span_of(TWO_LINES, "We stay out\nuntil Friday,")
    middle = start + len("We stay out")
    assert f"QUOTE {start} {middle};{middle + 1} {end}\t" in two.with_suffix(".ann").read_text(encoding="utf-8")


def test_export_refuses_a_folder_with_files(tmp_path, store_with_article):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "old.ann").write_text("", encoding="utf-8")
    with pytest.raises(BylineError, match="not an empty folder"):
        export(store_with_article, out, "brat")
    assert [p.name for p in out.iterdir()] == ["old.ann"]


def test_a_bad_line_names_file_and_line(store, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "a.txt").write_text("Ada Quill spoke.\n", encoding="utf-8")
    (folder / "a.ann").write_text("T1\tPERSON 0 9\tAda Quill\nT2\tPERSON 4 9 Quill\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"a.ann, line 2"):
        import_paths(store, [folder])
    assert store.document_count() == 0
