"""doccano JSONL, both shapes: round trip, documentation shape, spans aligned to spaCy tokens."""
from __future__ import annotations

import json

import pytest
import spacy

from core.errors import InputFormatError
from core.formats import guess_format, read_documents
from core.labels import default_labels
from core.workflow import import_paths
from tests.format_helpers import TWO_LINES, round_trip

NLP = spacy.blank("en")
LABELS = {label.name: label.layer for label in default_labels()}


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", ["doccano", "doccano-rel"])
def test_export_import_export_is_identical(tmp_path, fmt):
    first, second, store = round_trip(tmp_path, fmt, ".jsonl")
    with store:
        assert second.read_bytes() == first.read_bytes()
        assert guess_format(first) == fmt
        # The analysts' spans came in as analyst spans, with statuses kept.
        assert {s.status.value for s in store.list_documents()} == {"done", "in_progress"}
        assert {span.origin for d in store.list_documents() for span in store.spans(d.id)} == {"analyst"}


def test_sequence_shape_matches_the_documentation(tmp_path):
    first, _second, store = round_trip(tmp_path, "doccano", ".jsonl")
    store.close()
    for line in lines(first):
        # doccano's sequence-labelling example: {"text": ..., "label": [[start, end, "LABEL"], ...]}
        assert isinstance(line["text"], str)
        assert all(isinstance(s, int) and isinstance(e, int) and isinstance(lab, str) and len(item) == 3
                   for item in line["label"] for s, e, lab in [item])
        doc = NLP(line["text"])
        for start, end, label in line["label"]:
            assert doc.char_span(start, end, label=label) is not None, (start, end, label)


def test_relation_shape_matches_the_documentation(tmp_path):
    first, _second, store = round_trip(tmp_path, "doccano-rel", ".jsonl")
    store.close()
    article = next(line for line in lines(first) if line["relations"])
    for entity in article["entities"]:
        assert set(entity) == {"id", "label", "start_offset", "end_offset"}
    for relation in article["relations"]:
        assert set(relation) == {"id", "from_id", "to_id", "type"}
    ids = {entity["id"]: entity for entity in article["entities"]}
    links = {(ids[r["from_id"]]["label"], r["type"], ids[r["to_id"]]["label"]) for r in article["relations"]}
    assert links == {("QUOTE", "speaker", "SPEAKER"), ("QUOTE", "cue", "CUE")}
    doc = NLP(article["text"])
    for entity in article["entities"]:
        assert doc.char_span(entity["start_offset"], entity["end_offset"]) is not None


def test_a_file_from_doccano_imports(store, tmp_path):
    path = tmp_path / "from-doccano.jsonl"
    text = "EU rejects German call to boycott British lamb."
    path.write_text(json.dumps({"id": 1, "text": text, "label": [[0, 2, "ORG"], [11, 17, "NORP"]], "Comments": []}) + "\n",
                    encoding="utf-8")
    assert import_paths(store, [path]).added == 1
    (doc,) = store.list_documents()
    assert [(s.start, s.end, s.label, s.origin) for s in store.spans(doc.id)] == [(0, 2, "ORG", "analyst"), (11, 17, "NORP", "analyst")]


def test_older_doccano_labels_field_is_read(store, tmp_path):
    path = tmp_path / "old-doccano.jsonl"
    path.write_text(json.dumps({"text": "Quill spoke in Dunmore.", "labels": [[15, 22, "GPE"]]}) + "\n", encoding="utf-8")
    assert guess_format(path) == "doccano"
    assert import_paths(store, [path]).added == 1
    (doc,) = store.list_documents()
    assert [(s.start, s.end, s.label) for s in store.spans(doc.id)] == [(15, 22, "GPE")]
    assert "labels" not in store.get_document(doc.id).meta


def test_a_bad_span_names_file_line_and_span_and_imports_nothing(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {"text": "Quill spoke.", "label": [[0, 5, "PERSON"]]}
    bad = {"text": "Quill spoke.", "label": [[0, 4, "PERSON"]]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad.jsonl, line 2, span 1: .*token boundaries"):
        import_paths(store, [path], fmt="doccano")
    assert store.document_count() == 0


def test_relations_must_name_entities_of_the_line(tmp_path):
    path = tmp_path / "rel.jsonl"
    record = {"text": TWO_LINES, "entities": [{"id": 7, "label": "PERSON", "start_offset": 0, "end_offset": 5}],
              "relations": [{"id": 0, "from_id": 7, "to_id": 8, "type": "speaker"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="line 1, relation 1"):
        read_documents(path, "doccano-rel", LABELS)
