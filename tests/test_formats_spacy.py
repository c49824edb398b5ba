"""spaCy DocBin: spaCy loads it with the right ents and spans; round trip; a DocBin from elsewhere."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from core.errors import InputFormatError
from core.formats import guess_format
from core.workflow import import_paths
from tests.format_helpers import round_trip


def load_docs(path):
    nlp = spacy.blank("en")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def doc_content(doc: Doc):
    return (
        doc.text,
        [t.text for t in doc],
        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        [(s.start_char, s.end_char, s.label_) for s in doc.spans["quote"]],
        doc.user_data["byline"],
    )


def test_export_import_export_is_identical(tmp_path):
    first, second, store = round_trip(tmp_path, "spacy", ".spacy")
    store.close()
    assert guess_format(first) == "spacy"
    # DocBin bytes hold a set of strings whose order is not fixed: compare what spaCy reads.
    assert [doc_content(d) for d in load_docs(second)] == [doc_content(d) for d in load_docs(first)]


def test_spacy_reads_the_entities_and_quote_spans(tmp_path):
    first, _second, store = round_trip(tmp_path, "spacy", ".spacy")
    with store:
        docs = load_docs(first)
        assert len(docs) == 3
        for doc, summary in zip(docs, store.list_documents(), strict=True):
            spans = store.spans(summary.id)
            assert doc.text == store.get_document(summary.id).text
            assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == sorted(
                (s.start, s.end, s.label) for s in spans if s.layer.value == "entity")
            assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["quote"]) == sorted(
                (s.start, s.end, s.label) for s in spans if s.layer.value == "quote")
        article = docs[0]
        assert {s.label_ for s in article.spans["quote"]} == {"QUOTE", "SPEAKER", "CUE"}
        assert article.user_data["byline"]["status"] == "done"


def test_a_docbin_from_elsewhere_imports(store, tmp_path):
    nlp = spacy.blank("en")
    doc = nlp("Ada Quill left Port Halloran.")
    doc.ents = [doc.char_span(0, 9, "PERSON"), doc.char_span(15, 28, "GPE")]
    path = tmp_path / "train.spacy"
    DocBin(docs=[doc]).to_disk(path)
    assert import_paths(store, [path]).added == 1
    (summary,) = store.list_documents()
    assert summary.title == "Ada Quill left Port Halloran."
    assert [(s.start, s.end, s.label) for s in store.spans(summary.id)] == [(0, 9, "PERSON"), (15, 28, "GPE")]


def test_not_a_docbin_is_refused(store, tmp_path):
    path = tmp_path / "broken.spacy"
    path.write_bytes(b"not a docbin at all")
    with pytest.raises(InputFormatError, match="broken.spacy: not a spaCy DocBin"):
        import_paths(store, [path])


def test_the_docbin_trains_with_spacy(tmp_path):
    """What `spacy train` does with the file: make Examples and update an NER on them."""
    from spacy.training import Example

    first, _second, store = round_trip(tmp_path, "spacy", ".spacy")
    store.close()
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in load_docs(first)]
    optimizer = nlp.initialize(lambda: examples)
    losses = nlp.update(examples, sgd=optimizer)
    assert losses["ner"] > 0


def test_a_folder_of_shards_streams_and_reads_back(tmp_path, monkeypatch):
    from core.formats import export
    from core.nlp import docbin
    from core.store import AnnotationStore
    from tests.format_helpers import build_annotated

    monkeypatch.setattr(docbin, "SHARD_SIZE", 2)
    out = tmp_path / "corpus"
    with AnnotationStore(tmp_path / "s.db") as store:
        build_annotated(store, tmp_path / "texts")
        summary = export(store, out, "spacy")
        assert (summary.documents, summary.spans) == (3, 17)
        texts = [store.get_document(d.id).text for d in store.list_documents()]
    assert sorted(p.name for p in out.iterdir()) == ["00000.spacy", "00001.spacy"]
    assert [doc.text for f in sorted(out.iterdir()) for doc in load_docs(f)] == texts
    assert guess_format(out) == "spacy"
    with AnnotationStore(tmp_path / "t.db") as target:
        assert import_paths(target, [out]).added == 3
        assert sum(len(target.spans(d.id)) for d in target.list_documents()) == 17
