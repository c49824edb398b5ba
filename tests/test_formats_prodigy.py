"""Prodigy JSONL through the format registry: the same bytes as core.export_prodigy, round trip."""
from __future__ import annotations

import json

import spacy

from core.export_prodigy import export_jsonl
from core.formats import export, guess_format
from core.store import AnnotationStore
from tests.format_helpers import build_annotated, round_trip

NLP = spacy.blank("en")


def test_export_import_export_is_identical(tmp_path):
    first, second, store = round_trip(tmp_path, "prodigy", ".jsonl")
    store.close()
    assert second.read_bytes() == first.read_bytes()
    assert guess_format(first) == "prodigy"


def test_registry_and_export_jsonl_write_the_same_bytes(tmp_path):
    with AnnotationStore(tmp_path / "p.db") as store:
        build_annotated(store, tmp_path / "texts")
        export(store, tmp_path / "a.jsonl", "prodigy")
        assert export_jsonl(store, tmp_path / "b.jsonl") == (3, 17)
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    for line in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = NLP(record["text"])
        for span in record["spans"]:
            spacy_span = doc.char_span(span["start"], span["end"])
            assert spacy_span is not None and (spacy_span.start, spacy_span.end - 1) == (span["token_start"], span["token_end"])
