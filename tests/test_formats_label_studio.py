"""Label Studio JSON tasks: round trip, the documented task shape, tasks made in Label Studio."""
from __future__ import annotations

import json

import pytest
import spacy

from core.errors import InputFormatError
from core.formats import guess_format
from core.model import Status
from core.workflow import import_paths
from tests.format_helpers import round_trip

NLP = spacy.blank("en")


def test_export_import_export_is_identical(tmp_path):
    first, second, store = round_trip(tmp_path, "label-studio", ".json")
    with store:
        assert second.read_bytes() == first.read_bytes()
        assert guess_format(first) == "label-studio"
        assert sum(len(store.relations(d.id)) for d in store.list_documents()) == 3


def test_tasks_have_the_documented_shape(tmp_path):
    first, _second, store = round_trip(tmp_path, "label-studio", ".json")
    store.close()
    tasks = json.loads(first.read_text(encoding="utf-8"))
    assert isinstance(tasks, list) and len(tasks) == 3
    for task in tasks:
        assert isinstance(task["data"]["text"], str)
        (annotation,) = task["annotations"]
        regions = {item["id"]: item for item in annotation["result"] if item["type"] == "labels"}
        doc = NLP(task["data"]["text"])
        for region in regions.values():
            assert {"id", "from_name", "to_name", "type", "value"} <= set(region)
            assert (region["from_name"], region["to_name"]) == ("label", "text")
            value = region["value"]
            assert set(value) == {"start", "end", "text", "labels"}
            assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
            assert len(value["labels"]) == 1
            assert doc.char_span(value["start"], value["end"]) is not None
        for relation in (item for item in annotation["result"] if item["type"] == "relation"):
            assert set(relation) == {"from_id", "to_id", "type", "direction", "labels"}
            assert relation["from_id"] in regions and relation["to_id"] in regions


def test_a_task_exported_by_label_studio_imports(store, tmp_path):
    text = "Ada Quill met Acme Shipping in Port Halloran."
    task = {
        "id": 11, "data": {"text": text}, "meta": {},
        "annotations": [{
            "id": 9, "completed_by": 1, "was_cancelled": False,
            "result": [
                {"value": {"start": 0, "end": 9, "text": "Ada Quill", "labels": ["PERSON"]}, "id": "a1",
                 "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                {"value": {"start": 14, "end": 27, "text": "Acme Shipping", "labels": ["ORG"]}, "id": "a2",
                 "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                {"value": {"choices": ["news"]}, "id": "c1", "from_name": "topic", "to_name": "text", "type": "choices"},
            ],
        }],
        "predictions": [],
    }
    path = tmp_path / "project-1.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    assert import_paths(store, [path]).added == 1
    (doc,) = store.list_documents()
    assert doc.status is Status.DONE, "a submitted annotation is a finished document"
    assert [(s.label, s.origin) for s in store.spans(doc.id)] == [("PERSON", "analyst"), ("ORG", "analyst")]


def test_utf16_offsets_are_named_as_such(store, tmp_path):
    text = "😀 Ada Quill spoke."
    start = len("😀 ".encode("utf-16-le")) // 2  # JavaScript counts the emoji as two
    task = {"data": {"text": text}, "annotations": [{"result": [
        {"value": {"start": start, "end": start + 9, "text": "Ada Quill", "labels": ["PERSON"]}, "id": "x",
         "from_name": "label", "to_name": "text", "type": "labels"}]}]}
    path = tmp_path / "utf16.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"utf16.json, task 1, result 1: .*UTF-16"):
        import_paths(store, [path])
    assert store.document_count() == 0
