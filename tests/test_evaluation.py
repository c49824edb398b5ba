"""Pre-annotations vs the analysts' final spans, per label, from the database alone."""
from __future__ import annotations

from collections import Counter

import pytest

from core.evaluation import BOUNDARY, DELETED, MISSED, NOTHING, RELABELLED, SPURIOUS, compare, evaluate_store
from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion, Status
from tests.conftest import ARTICLE
from tests.format_helpers import span_of


def test_compare_sorts_out_every_kind_of_correction():
    suggested = [(0, 9, "PERSON"), (10, 15, "PERSON"), (20, 30, "ORG"), (40, 45, "GPE"), (50, 55, "DATE")]
    final = [(0, 9, "PERSON"), (10, 15, "GPE"), (20, 26, "ORG"), (60, 65, "ORG"), (50, 55, "DATE")]
    tp, fp, fn, corrections = compare(suggested, final)
    assert tp == {"PERSON": 1, "DATE": 1}
    assert fp == {"PERSON": 1, "ORG": 1, "GPE": 1}
    assert fn == {"GPE": 1, "ORG": 2}
    assert corrections == {
        (RELABELLED, "PERSON", "GPE"): 1,
        (BOUNDARY, "ORG", "ORG"): 1,
        (SPURIOUS, "GPE", DELETED): 1,
        (MISSED, NOTHING, "ORG"): 1,
    }


@pytest.fixture
def corrected(store_with_article):
    """The model suggested six entities and a quote; the analyst corrected some and finished the document."""
    store = store_with_article
    doc_id = store.list_documents()[0].id
    suggestions = [
        SpanSuggestion(*span_of(ARTICLE, "Port Halloran"), "PERSON"),  # wrong label
        SpanSuggestion(*span_of(ARTICLE, "Ada Quill"), "PERSON"),  # right
        SpanSuggestion(*span_of(ARTICLE, "Dockers"), "ORG"),  # too short
        SpanSuggestion(*span_of(ARTICLE, "Tuesday"), "DATE"),  # right
        SpanSuggestion(*span_of(ARTICLE, "reporters"), "ORG"),  # spurious
    ]
    quote = QuoteSuggestion(*span_of(ARTICLE, "We are not moving,"), QuoteKind.DIRECT,
                            speaker=span_of(ARTICLE, "Quill", 1), cue=span_of(ARTICLE, "told"))
    store.save_preannotation(doc_id, "test-model", suggestions, [quote])
    spans = {(s.start, s.end): s for s in store.spans(doc_id) if s.layer is Layer.ENTITY}
    store.relabel_span(spans[span_of(ARTICLE, "Port Halloran")].id, "GPE")
    store.resize_span(spans[span_of(ARTICLE, "Dockers")].id, *span_of(ARTICLE, "Dockers Union"))
    store.delete_span(spans[span_of(ARTICLE, "reporters")].id)
    store.create_span(doc_id, *span_of(ARTICLE, "Acme Shipping"), "ORG")  # missed
    store.set_status(doc_id, Status.DONE)
    return store


def test_evaluate_store_scores_labels_and_ranks_corrections(corrected):
    report = evaluate_store(corrected)
    assert report.documents == 1
    scores = {score.label: score for score in report.labels}
    assert (scores["PERSON"].true_positives, scores["PERSON"].false_positives, scores["PERSON"].false_negatives) == (1, 1, 0)
    assert scores["PERSON"].precision == 0.5 and scores["PERSON"].recall == 1.0
    assert scores["GPE"].recall == 0.0 and scores["GPE"].support == 1
    assert scores["DATE"].f1 == 1.0
    assert (scores["ORG"].true_positives, scores["ORG"].false_positives, scores["ORG"].false_negatives) == (0, 2, 2)
    assert report.overall.true_positives == 2 and report.overall.false_positives == 3 and report.overall.false_negatives == 3
    assert {(c.kind, c.before, c.after, c.count) for c in report.corrections} == {
        (RELABELLED, "PERSON", "GPE", 1), (BOUNDARY, "ORG", "ORG", 1), (SPURIOUS, "ORG", DELETED, 1),
        (MISSED, NOTHING, "ORG", 1),
    }


def test_quote_layer_and_statuses(corrected):
    quotes = evaluate_store(corrected, Layer.QUOTE)
    assert {score.label: score.f1 for score in quotes.labels} == {"QUOTE": 1.0, "SPEAKER": 1.0, "CUE": 1.0}
    assert quotes.corrections == ()
    assert evaluate_store(corrected, statuses=(Status.IN_PROGRESS,)).documents == 0


def test_documents_imported_with_annotations_are_left_out(store, tmp_path):
    import json

    from core.workflow import import_paths

    path = tmp_path / "done.jsonl"
    path.write_text(json.dumps({"text": "Quill spoke.", "spans": [{"start": 0, "end": 5, "label": "PERSON"}],
                                "answer": "accept"}) + "\n", encoding="utf-8")
    import_paths(store, [path])
    assert evaluate_store(store).documents == 0


@pytest.mark.parametrize("full_recount_share", [0.0, 1.0], ids=["recount-all", "recount-stale-only"])
def test_sql_counts_agree_with_the_reference_per_document(tmp_path, monkeypatch, full_recount_share):
    """evaluate_store (SQL) equals compare() summed over documents, on random corrections,
    counted document by document as they change or all at once."""
    monkeypatch.setattr("core.store_counts._FULL_RECOUNT_SHARE", full_recount_share)
    import random

    from core.model import SpanSuggestion
    from core.nlp.tokenizer import tokenize
    from core.store import AnnotationStore, NewDocument

    rng = random.Random(7)
    labels = ["PERSON", "ORG", "GPE", "DATE"]
    store = AnnotationStore(tmp_path / "random.db", analyst="tester")
    words = [f"w{i}" for i in range(60)]
    reference = [Counter(), Counter(), Counter(), Counter()]
    for number in range(12):
        text = f"doc{number} " + " ".join(words)
        store.add_documents([NewDocument(text, f"d{number}", {}, tokenize(text))])
        doc_id = store.list_documents()[-1].id
        offsets = [(t.start, t.end) for t in tokenize(text)][1:]
        # Non-overlapping suggestions two words apart, so boundary changes stay unambiguous.
        suggested = [(*offsets[i], rng.choice(labels)) for i in range(0, 58, 4)]
        store.save_preannotation(doc_id, "m", [SpanSuggestion(s, e, l) for s, e, l in suggested])
        for span in store.spans(doc_id):
            roll = rng.random()
            if roll < 0.2:
                store.delete_span(span.id)
            elif roll < 0.4:
                store.relabel_span(span.id, rng.choice([l for l in labels if l != span.label]))
            elif roll < 0.55:
                store.resize_span(span.id, span.start, offsets[[o[0] for o in offsets].index(span.start) + 1][1])
        extra = offsets[rng.randrange(1, 58, 4) + 1]
        if rng.random() < 0.5 and not any(s.start < extra[1] and extra[0] < s.end for s in store.spans(doc_id)):
            store.create_span(doc_id, *extra, "GPE")
        store.set_status(doc_id, Status.DONE)
        store.refresh_counts()  # as the workflow does after each document
        final = [(s.start, s.end, s.label) for s in store.spans(doc_id)]
        for total, part in zip(reference, compare(suggested, final)):
            total.update(part)
    report = evaluate_store(store)
    tp, fp, fn, corrections = reference
    assert {s.label: (s.true_positives, s.false_positives, s.false_negatives) for s in report.labels} == {
        label: (tp[label], fp[label], fn[label]) for label in set(tp) | set(fp) | set(fn)
    }
    assert {(c.kind, c.before, c.after): c.count for c in report.corrections} == dict(corrections)
    store.close()
