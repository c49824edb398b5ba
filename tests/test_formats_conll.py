"""CoNLL-2003-style IOB: round trip, tags agree with spaCy's own conversion, spaCy's reader."""
from __future__ import annotations

import pytest
from spacy.training import biluo_to_iob, offsets_to_biluo_tags

from core.formats.conll import DOCSTART
from core.nlp.tokenizer import _blank_english
from core.store import AnnotationStore
from tests.format_helpers import build_annotated, round_trip


def documents(path):
    blocks = path.read_text(encoding="utf-8").split(DOCSTART + "\n\n")[1:]
    return [[line.split() for line in block.splitlines() if line] for block in blocks]


def test_export_import_export_is_identical(tmp_path):
    first, second, store = round_trip(tmp_path, "conll", ".conll")
    store.close()
    assert second.read_bytes() == first.read_bytes()


def test_tags_agree_with_spacys_offsets_to_biluo_tags(tmp_path):
    from core.formats import export

    with AnnotationStore(tmp_path / "c.db") as store:
        build_annotated(store, tmp_path / "texts")
        out = tmp_path / "out.conll"
        summary = export(store, out, "conll")
        assert "entities only" in summary.note
        nlp = _blank_english()
        for document, summary_doc in zip(documents(out), store.list_documents(), strict=True):
            text = store.get_document(summary_doc.id).text
            doc = nlp.make_doc(text)
            entities = [(s.start, s.end, s.label) for s in store.spans(summary_doc.id) if s.layer.value == "entity"]
            expected = biluo_to_iob(offsets_to_biluo_tags(doc, entities))
            words = [(token.text, tag) for token, tag in zip(doc, expected, strict=True) if not token.is_space]
            assert [(columns[0], columns[-1]) for columns in document] == words
            assert all(len(columns) == 4 for columns in document)


def test_spacys_conll_converter_reads_the_file(tmp_path):
    from spacy.training.converters import conll_ner_to_docs

    first, _second, store = round_trip(tmp_path, "conll", ".conll")
    store.close()
    docs = conll_ner_to_docs(first.read_text(encoding="utf-8"), n_sents=0)
    found = sorted((ent.text, ent.label_) for doc in docs for ent in doc.ents)
    assert ("Ada Quill", "PERSON") in found and ("Acme Shipping", "ORG") in found
    assert len(found) == 12


@pytest.mark.parametrize("tag", ["X-PER", "B-"])
def test_a_bad_tag_names_the_line(store, tmp_path, tag):
    from core.errors import InputFormatError
    from core.workflow import import_paths

    path = tmp_path / "bad.conll"
    path.write_text(f"{DOCSTART}\n\nAda -X- _ B-PERSON\nQuill -X- _ {tag}\n", encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad.conll, line 4"):
        import_paths(store, [path])
    assert store.document_count() == 0
