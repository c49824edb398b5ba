"""Export filters (status, label, annotator, dates), format guessing, and --as-suggestions imports."""
from __future__ import annotations

import json

import pytest

from core.errors import BylineError
from core.formats import export, guess_format
from core.formats.filters import date_bound, document_filter
from core.model import Status
from core.store import AnnotationStore
from core.workflow import import_paths
from tests.format_helpers import add_text, build_annotated, span_of


def exported_ids(store, tmp_path, **options) -> list[str]:
    out = tmp_path / "filtered.jsonl"
    export(store, out, "prodigy", document_filter(**options))
    return [json.loads(line)["meta"]["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def two_analysts(tmp_path):
    """Documents edited by ana (three) and by ben (one more), a plain one nobody touched."""
    path = tmp_path / "team.db"
    with AnnotationStore(path, analyst="ana") as store:
        ids = build_annotated(store, tmp_path / "texts")
    with AnnotationStore(path, analyst="ben") as store:
        text = "Ben's story about Acme Shipping.\n"
        ids["ben"] = add_text(store, tmp_path / "texts", "ben.txt", text)
        store.create_span(ids["ben"], *span_of(text, "Acme Shipping"), "ORG")
        ids["plain"] = add_text(store, tmp_path / "texts", "plain.txt", "Nothing here yet.\n")
    store = AnnotationStore(path, analyst="carl")
    yield store, ids
    store.close()


def test_status_label_and_annotator_filters(two_analysts, tmp_path):
    store, ids = two_analysts
    assert exported_ids(store, tmp_path) == [ids["article"], ids["awkward"], ids["two_lines"], ids["ben"], ids["plain"]]
    assert exported_ids(store, tmp_path, statuses=["done"]) == [ids["article"]]
    assert exported_ids(store, tmp_path, statuses=["done", "new"]) == [ids["article"], ids["plain"]]
    assert exported_ids(store, tmp_path, labels=["DATE"]) == [ids["article"], ids["two_lines"]]
    assert exported_ids(store, tmp_path, labels=["QUOTE"], statuses=["in_progress"]) == [ids["two_lines"]]
    assert exported_ids(store, tmp_path, annotator="ben") == [ids["ben"]]
    assert exported_ids(store, tmp_path, annotator="ana") == [ids["article"], ids["awkward"], ids["two_lines"]]
    assert exported_ids(store, tmp_path, annotator="carl") == []


def test_date_filters_look_at_the_analysts_edits(two_analysts, tmp_path):
    store, ids = two_analysts
    store.db.execute("update edits set at = '2026-01-15T10:00:00.000000+00:00' where doc_id = ?", [ids["awkward"]])
    store.db.conn.commit()
    assert exported_ids(store, tmp_path, since="2026-01-15", until="2026-01-15") == [ids["awkward"]]
    assert exported_ids(store, tmp_path, until="2026-01-14") == []
    assert ids["awkward"] not in exported_ids(store, tmp_path, since="2026-01-16")
    assert exported_ids(store, tmp_path, since="2026-01-15T09:00:00+00:00", until="2026-01-15T11:00:00") == [ids["awkward"]]


def test_bad_dates_are_refused_in_words():
    with pytest.raises(BylineError, match="not a date"):
        document_filter(since="15/01/2026")
    with pytest.raises(BylineError, match="date range is empty"):
        document_filter(since="2026-02-01", until="2026-01-01")
    assert date_bound("2026-01-31", end=True) == "2026-02-01T00:00:00.000000+00:00"


def test_the_filter_is_sql_not_a_scan(two_analysts):
    store, _ids = two_analysts
    where, params = store._filter_sql(document_filter(statuses=["done"], labels=["ORG"], annotator="ana", since="2026-01-01"))
    plan = " ".join(row[3] for row in store.db.execute(f"explain query plan select id from documents d {where}", params))
    assert "INDEX" in plan.upper() and "edits" in plan


def test_guessing_formats(tmp_path):
    def write(name, content):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        return path

    assert guess_format(write("a.jsonl", '{"text": "x", "label": [[0, 1, "ORG"]]}\n')) == "doccano"
    assert guess_format(write("b.jsonl", '{"text": "x", "entities": [], "relations": []}\n')) == "doccano-rel"
    assert guess_format(write("c.jsonl", '{"text": "x", "spans": []}\n')) == "prodigy"
    assert guess_format(write("d.jsonl", '{"text": "x"}\n')) == "prodigy"
    assert guess_format(write("e.json", "[]")) == "label-studio"
    assert guess_format(write("f.conll", "")) == "conll"
    assert guess_format(write("g.txt", "text")) == "prodigy"
    write("g.ann", "")
    assert guess_format(tmp_path / "g.txt") == "brat"


def test_import_as_suggestions_makes_model_spans_and_suggestions(tmp_path):
    out = tmp_path / "labelled.json"
    with AnnotationStore(tmp_path / "source.db") as source:
        build_annotated(source, tmp_path / "texts")
        export(source, out, "label-studio")
        expected = {d.id: sorted((s.start, s.end, s.label) for s in source.spans(d.id)) for d in source.list_documents()}
    with AnnotationStore(tmp_path / "target.db") as target:
        summary = import_paths(target, [out], as_suggestions=True)
        assert summary.added == 3
        for doc_id, spans in expected.items():
            assert sorted((s.start, s.end, s.label) for s in target.spans(doc_id)) == spans
            assert {s.origin for s in target.spans(doc_id)} == {"model"}
            assert sorted((s.start, s.end, s.label) for s in target.suggestions(doc_id)) == spans
            assert target.get_document(doc_id).status is Status.NEW
            assert target.get_document(doc_id).preannotated_with == "imported:labelled.json"
        quote = next(s for d in expected for s in target.spans(d) if s.label == "QUOTE" and s.attrs.get("resolved_speaker"))
        assert set(target.quote_parts(quote.id)) == {"speaker", "cue"}
        assert target.documents_needing_preannotation() == []
