"""Excluded ranges in the store: the edit API and its undo, detection at import, and
their being skipped by pre-annotation, export (with a round trip) and statistics."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from core.errors import InputFormatError, InvalidSpanError
from core.export_prodigy import export_jsonl
from core.model import QuoteKind, QuoteSuggestion, SpanSuggestion
from core.nlp.pipeline import PreAnnotator, load_pipeline
from core.statistics import corpus_statistics
from core.store import AnnotationStore
from core.text_identity import document_id
from core.workflow import import_paths, preannotate_pending

# An article of ours (tests/conftest.py's entity rules know Ada Quill, Acme Shipping,
# Port Halloran) with a related-stories block that names an entity too.
ARTICLE = (
    "Harbour talks collapse in Port Halloran\n\n"
    "Ada Quill, who leads the Dockers Union, said on Tuesday that the strike would go on.\n"
    "\"We are not moving,\" Quill told reporters.\n\n"
    "Related stories\n"
    "Acme Shipping posts record profits\n"
    "Ferry fares rise again"
)
BLOCK_START = ARTICLE.index("Related stories")
BLOCK_END = len(ARTICLE)


@pytest.fixture
def doc_id(store, tmp_path) -> str:
    path = tmp_path / "in" / "harbour.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    import_paths(store, [path])
    return document_id(ARTICLE)


def spans_of(ranges) -> list[tuple[int, int, str]]:
    return [(r.start, r.end, r.reason) for r in ranges]


def test_import_stores_what_the_detector_finds(store, doc_id):
    assert spans_of(store.excluded_ranges(doc_id)) == [(BLOCK_START, BLOCK_END, "related stories")]
    origin = store.db.execute("select origin from excluded_ranges").fetchone()[0]
    assert origin == "detected"


def test_exclude_merges_overlapping_and_touching_ranges(store, doc_id):
    after = store.exclude(doc_id, 0, 10)
    assert spans_of(after) == [(0, 10, "analyst"), (BLOCK_START, BLOCK_END, "related stories")]
    after = store.exclude(doc_id, 10, 20)  # touches the first
    assert spans_of(after)[0] == (0, 20, "analyst")
    after = store.exclude(doc_id, BLOCK_START - 5, BLOCK_START + 3)  # overlaps the detected block
    assert spans_of(after) == [(0, 20, "analyst"), (BLOCK_START - 5, BLOCK_END, "analyst")]
    assert [e.action for e in store.history(doc_id)][-3:] == ["exclude"] * 3
    # Words already excluded: nothing changes, nothing goes on the history.
    _, change_set = store.recorded(doc_id, "again", lambda: store.exclude(doc_id, 2, 5))
    assert change_set.changes == () and spans_of(store.excluded_ranges(doc_id)) == spans_of(after)
    assert [e.action for e in store.history(doc_id)] == ["import"] + ["exclude"] * 3


def test_include_cuts_a_range_and_splits_it(store, doc_id):
    middle = ARTICLE.index("Acme Shipping posts record profits")
    after = store.include(doc_id, middle, middle + 4)
    assert spans_of(after) == [
        (BLOCK_START, middle, "related stories"),
        (middle + 4, BLOCK_END, "related stories"),
    ]
    assert spans_of(store.include(doc_id, 0, BLOCK_END)) == []
    edit = store.history(doc_id)[-1]
    assert edit.action == "include" and edit.after == {"ranges": []}


def test_offsets_are_checked(store, doc_id):
    for start, end in ((5, 5), (-1, 4), (0, len(ARTICLE) + 1), (9, 3)):
        with pytest.raises(InvalidSpanError):
            store.exclude(doc_id, start, end)
        with pytest.raises(InvalidSpanError):
            store.include(doc_id, start, end)


def test_exclude_and_include_are_undoable_and_redoable(store, doc_id):
    original = store.excluded_ranges(doc_id)
    _, excluded = store.recorded(doc_id, "exclude words", lambda: store.exclude(doc_id, BLOCK_START - 10, BLOCK_START))
    moved = store.excluded_ranges(doc_id)
    assert spans_of(moved) == [(BLOCK_START - 10, BLOCK_END, "analyst")]
    _, included = store.recorded(doc_id, "include words", lambda: store.include(doc_id, BLOCK_START, BLOCK_END))
    assert spans_of(store.excluded_ranges(doc_id)) == [(BLOCK_START - 10, BLOCK_START, "analyst")]
    store.revert(included)
    assert store.excluded_ranges(doc_id) == moved
    store.revert(excluded)
    assert store.excluded_ranges(doc_id) == original
    store.reapply(excluded)
    store.reapply(included)
    assert spans_of(store.excluded_ranges(doc_id)) == [(BLOCK_START - 10, BLOCK_START, "analyst")]
    assert [done for _change_set, done in store.undo_log()] == [True, True]


def test_undo_survives_reopening(tmp_path):
    path = tmp_path / "u.db"
    with AnnotationStore(path, analyst="a") as store:
        doc = _add(store, ARTICLE)
        store.recorded(doc, "exclude", lambda: store.exclude(doc, 0, 7))
    with AnnotationStore(path, analyst="a") as store:
        [(change_set, _done)] = store.undo_log()
        store.revert(change_set)
        assert spans_of(store.excluded_ranges(doc)) == [(BLOCK_START, BLOCK_END, "related stories")]


def test_preannotation_skips_the_block_with_a_real_pipeline(store, doc_id, rule_pipeline_path):
    preannotate_pending(store, PreAnnotator(load_pipeline(str(rule_pipeline_path))))
    texts = {ARTICLE[s.start : s.end] for s in store.spans(doc_id)}
    assert "Ada Quill" in texts and "Port Halloran" in texts
    assert "Acme Shipping" not in texts
    assert all(s.end <= BLOCK_START for s in store.suggestions(doc_id))


def test_preannotation_drops_a_quote_with_its_parts_when_a_part_is_excluded(store, doc_id):
    speaker = ARTICLE.index("Acme Shipping")
    quote = QuoteSuggestion(0, 10, QuoteKind.DIRECT, speaker=(speaker, speaker + 13), cue=(11, 16))
    kept = QuoteSuggestion(41, 50, QuoteKind.INDIRECT)
    store.save_preannotation(doc_id, "m", [SpanSuggestion(speaker, speaker + 13, "ORG")], [quote, kept])
    assert [(s.start, s.end, s.label) for s in store.spans(doc_id)] == [(41, 50, "QUOTE")]


def test_export_leaves_the_block_out_and_round_trips(store, doc_id, tmp_path):
    quill = ARTICLE.index("Ada Quill")
    acme = ARTICLE.index("Acme Shipping")
    store.create_span(doc_id, quill, quill + 9, "PERSON")
    store.create_span(doc_id, acme, acme + 13, "ORG")
    first = tmp_path / "first.jsonl"
    assert export_jsonl(store, first) == (1, 1)
    record = json.loads(first.read_text(encoding="utf-8"))
    assert [span["text"] for span in record["spans"]] == ["Ada Quill"]
    assert record["meta"]["excluded"] == [[BLOCK_START, BLOCK_END, "related stories"]]
    with AnnotationStore(tmp_path / "second.db") as second_store:
        import_paths(second_store, [first])
        assert spans_of(second_store.excluded_ranges(doc_id)) == [(BLOCK_START, BLOCK_END, "related stories")]
        assert "excluded" not in second_store.get_document(doc_id).meta
        second = tmp_path / "second.jsonl"
        export_jsonl(second_store, second)
    assert second.read_bytes() == first.read_bytes()


def test_an_analyst_range_travels_too_and_an_export_without_ranges_has_no_field(store, doc_id, tmp_path):
    store.include(doc_id, 0, len(ARTICLE))
    out = tmp_path / "none.jsonl"
    export_jsonl(store, out)
    assert "excluded" not in json.loads(out.read_text(encoding="utf-8"))["meta"]
    store.exclude(doc_id, 0, 7)
    export_jsonl(store, out)
    with AnnotationStore(tmp_path / "again.db") as again:
        import_paths(again, [out])
        assert spans_of(again.excluded_ranges(doc_id)) == [(0, 7, "analyst")]


def test_import_refuses_bad_excluded_ranges(store, tmp_path):
    path = tmp_path / "bad.jsonl"
    line = {"text": ARTICLE, "spans": [], "meta": {"excluded": [[0, 9999, "x"]]}}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match="excluded range 1"):
        import_paths(store, [path])
    assert store.document_count() == 0


def test_statistics_count_only_spans_in_the_article(store, doc_id):
    quill = ARTICLE.index("Ada Quill")
    acme = ARTICLE.index("Acme Shipping")
    store.create_span(doc_id, quill, quill + 9, "PERSON")
    store.create_span(doc_id, acme, acme + 13, "ORG")
    inside = store.create_span(doc_id, acme, acme + 13, "QUOTE", {"kind": "direct", "resolved_speaker": "Acme"})
    outside = store.create_span(doc_id, quill, quill + 9, "QUOTE", {"kind": "direct", "resolved_speaker": "Ada Quill"})
    stats = corpus_statistics(store)
    assert dict(stats.entity_labels) == {"PERSON": 1}
    assert stats.quotes == 1
    assert [row.canonical for row in stats.top_speakers] == ["Ada Quill"]
    assert [q.span_id for q in store.quotes_by_speaker("Acme")] == []
    store.include(doc_id, 0, len(ARTICLE))
    assert corpus_statistics(store).quotes == 2
    assert {inside.id, outside.id} <= {s.id for s in store.spans(doc_id)}


def _add(store: AnnotationStore, text: str) -> str:
    from core.nlp.tokenizer import tokenize
    from core.store import NewDocument

    store.add_documents([NewDocument(text, "t", {}, tokenize(text))])
    return document_id(text)


def test_an_upgraded_database_gets_the_table_and_no_ranges(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema1.db", old)
    with AnnotationStore(old) as store:
        assert store.db["excluded_ranges"].count == 0
        assert store.document_count() > 0
        assert all(store.excluded_ranges(d.id) == [] for d in store.list_documents())


def test_evaluation_leaves_out_what_is_not_the_article(tmp_path):
    """A suggestion the analyst later excluded (with its span) is neither right nor wrong for the model."""
    from core.evaluation import evaluate_store
    from core.model import Layer, SpanSuggestion, Status
    from core.nlp.tokenizer import tokenize
    from core.store import AnnotationStore, NewDocument

    text = "Ada Quill spoke in Brackford.\n\nTom Reyes interviewed her later on the radio."
    store = AnnotationStore(tmp_path / "e.db", analyst="tester")
    store.add_documents([NewDocument(text, "t", {}, tokenize(text))])
    doc_id = store.list_documents()[0].id
    tom = text.index("Tom Reyes")
    store.save_preannotation(doc_id, "m", [SpanSuggestion(0, 9, "PERSON", Layer.ENTITY),
                                           SpanSuggestion(tom, tom + 9, "PERSON", Layer.ENTITY)])
    assert store.excluded_ranges(doc_id) == []
    store.exclude(doc_id, tom, len(text))
    tom_span = next(span for span in store.spans(doc_id) if span.start == tom)
    store.relabel_span(tom_span.id, "ORG")  # a correction inside the excluded part
    store.set_status(doc_id, Status.DONE)
    report = evaluate_store(store)
    assert (report.overall.true_positives, report.overall.false_positives, report.overall.false_negatives) == (1, 0, 0)
    assert report.corrections == ()
    store.close()
