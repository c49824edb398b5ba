"""Training a NER pipeline from the analysts' finished documents, then pre-annotating with it."""
from __future__ import annotations

import time

import pytest
import spacy

from core.errors import TrainingError
from core.model import Status
from core.model_training import split_by_id, train_from_store, training_records
from core.nlp.pipeline import PreAnnotator, load_pipeline, pipeline_label
from core.nlp.tokenizer import tokenize
from core.nlp.training import TRAINED_NAME, TrainingOptions
from core.store import AnnotationStore, NewDocument
from core.workflow import preannotate_pending

PEOPLE = ["Bo Stern", "Cy Marsh", "Di Lane", "Ed Fox", "Flo Hart", "Gus Reed"]
PLACES = ["Kestrel Bay", "Dunmore", "Ashford", "Lowick"]


def corpus(store: AnnotationStore, count: int = 12) -> None:
    """Short news-like sentences, with the analysts' PERSON and GPE spans, all done."""
    texts = [
        f"{PEOPLE[i % 6]} arrived in {PLACES[i % 4]} today. Later {PEOPLE[i % 6]} spoke in {PLACES[i % 4]} ({i}).\n"
        for i in range(count)
    ]
    store.add_documents(NewDocument(t, f"story {i}", {}, tokenize(t)) for i, t in enumerate(texts))
    for summary in store.list_documents():
        text = store.get_document(summary.id).text
        for names, label in ((PEOPLE, "PERSON"), (PLACES, "GPE")):
            for name in names:
                start = text.find(name)
                while start >= 0:
                    store.create_span(summary.id, start, start + len(name), label)
                    start = text.find(name, start + 1)
        store.set_status(summary.id, Status.DONE)


def test_split_is_by_document_id_and_deterministic(store):
    corpus(store, 10)
    records = training_records(store)
    train, held_out = split_by_id(records, 0.2)
    assert len(held_out) == 2 and len(train) == 8
    assert max(r.doc_id for r in held_out) < min(r.doc_id for r in train)
    assert split_by_id(list(reversed(records)), 0.2) == (train, held_out)
    assert all(span.layer.value == "entity" for r in records for span in r.spans)


def test_too_few_documents_is_a_clear_error(store):
    corpus(store, 1)
    with pytest.raises(TrainingError, match="at least 2 finished documents"):
        split_by_id(training_records(store), 0.2)
    with pytest.raises(TrainingError, match="between 0 and 1"):
        split_by_id(training_records(store), 1.5)


def test_train_then_preannotate_with_the_trained_model(store, tmp_path, rule_pipeline_path):
    corpus(store, 12)
    started = time.perf_counter()
    result = train_from_store(
        store, tmp_path / "trained",
        TrainingOptions(base=str(rule_pipeline_path), fresh=True, tiny=True, max_steps=200, max_epochs=0),
        eval_share=0.25,
    )
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"a tiny training run took {elapsed:.1f} s"
    assert (result.train_documents, result.eval_documents) == (9, 3)
    assert result.model_dir == tmp_path / "trained" / "model-best"
    assert (tmp_path / "trained" / "config.cfg").is_file()
    # The rule pipeline knows none of these names: it scores nothing before.
    assert all(score.true_positives == 0 for score in result.before)
    after = {score.label: score for score in result.after}
    assert after["PERSON"].true_positives > 0 and after["GPE"].true_positives > 0, result.after
    found = sum(score.true_positives for score in result.after)
    wanted = sum(score.support for score in result.after)
    assert found / wanted >= 0.5, result.after

    # spaCy itself loads the trained pipeline, and pre-annotation uses it.
    nlp = spacy.load(result.model_dir)
    assert nlp.pipe_names == ["ner"] and nlp.meta["name"] == TRAINED_NAME
    text = "Later Ed Fox spoke in Ashford again.\n"
    store.add_documents([NewDocument(text, "new", {}, tokenize(text))])
    annotator = PreAnnotator(load_pipeline(str(result.model_dir)))
    assert preannotate_pending(store, annotator) == 13  # the corpus was never pre-annotated either
    new_id = next(d.id for d in store.list_documents() if d.title == "new")
    assert store.get_document(new_id).preannotated_with == pipeline_label(nlp) == f"en_{TRAINED_NAME}-0.0.0"
    suggested = [(s.start, s.end, s.label) for s in store.suggestions(new_id)]
    assert suggested == [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    assert (text.index("Ed Fox"), text.index("Ed Fox") + 6, "PERSON") in suggested
