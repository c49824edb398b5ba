"""Token alignment and the Prodigy-style JSONL export, checked against spaCy itself."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from core.errors import BylineError
from core.export_prodigy import export_jsonl
from core.model import Layer, QuoteKind, QuoteSuggestion, Status
from core.nlp.pipeline import PreAnnotator, load_pipeline
from core.nlp.tokenizer import tokenize
from core.store import AnnotationStore
from core.token_alignment import TokenIndex
from core.workflow import import_paths, preannotate_pending
from tests.conftest import ARTICLE

NLP = spacy.blank("en")

# Characters outside the BMP, a ZWJ emoji sequence, a flag, HTML-ish markup and
# typographic quotes: offsets must stay Python str indices throughout.
AWKWARD = (
    "Ada Quill 👩🏽‍⚖️ met 𝔄𝔠𝔪𝔢 reps at <b>&amp; Port Halloran</b> on Tuesday 🇬🇧.\n\n"
    "«Non», dit-elle — “fine”. Acme Shipping 😀 declined.\n"
)


def offsets(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def read_jsonl(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "the file ends with a newline"
    return [json.loads(line) for line in lines[:-1]]


def import_text(store: AnnotationStore, tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    import_paths(store, [path])
    row = store.db.execute("select id from documents where text = ?", [text]).fetchone()
    assert row is not None
    return row[0]


def assert_spacy_accepts(record: dict) -> None:
    """Every span of an export line is a spaCy span with the same characters and tokens."""
    doc = NLP(record["text"])
    assert [token["text"] for token in record["tokens"]] == [token.text for token in doc]
    for token, spacy_token in zip(record["tokens"], doc):
        assert (token["start"], token["end"], token["id"]) == (spacy_token.idx, spacy_token.idx + len(spacy_token), spacy_token.i)
        assert token["ws"] == bool(spacy_token.whitespace_)
    for span in record["spans"]:
        spacy_span = doc.char_span(span["start"], span["end"], label=span["label"])
        assert spacy_span is not None, span
        assert spacy_span.text == record["text"][span["start"] : span["end"]] == span["text"]
        assert spacy_span.start == span["token_start"]
        assert spacy_span.end - 1 == span["token_end"], "token_end is inclusive"


@pytest.fixture
def annotator(rule_pipeline_path) -> PreAnnotator:
    return PreAnnotator(load_pipeline(str(rule_pipeline_path)))


# ------------------------------------------------------------ token alignment


class TestTokenIndex:
    text = "Ada Quill said:  \"We won't move.\"\n\nAcme declined."
    index = TokenIndex(tokenize(text))

    def snapped(self, start: int, end: int) -> str | None:
        result = self.index.snap(start, end)
        return None if result is None else self.text[result[0] : result[1]]

    def test_a_drag_inside_words_takes_the_whole_words(self):
        start = self.text.index("da Q")  # from inside "Ada" to inside "Quill"
        assert self.snapped(start, start + 4) == "Ada Quill"
        assert self.index.snap(start, start + 4) == offsets(self.text, "Ada Quill")
        mid_acme = self.text.index("cme")
        assert self.snapped(mid_acme, mid_acme + 1) == "Acme"

    def test_a_drag_over_whole_words_keeps_them(self):
        assert self.snapped(*offsets(self.text, "Acme declined")) == "Acme declined"

    def test_a_backwards_drag_is_the_same_as_a_forwards_one(self):
        start, end = offsets(self.text, "Quill sa")
        assert self.index.snap(end, start) == self.index.snap(start, end) == offsets(self.text, "Quill said")

    def test_surrounding_whitespace_is_dropped(self):
        start, end = offsets(self.text, " Quill ")
        assert self.snapped(start, end) == "Quill"
        start, end = offsets(self.text, "\n\nAcme")
        assert self.snapped(start, end) == "Acme"

    def test_whitespace_only_ranges_give_none(self):
        assert self.index.snap(*offsets(self.text, "  ")) is None
        assert self.index.snap(*offsets(self.text, "\n\n")) is None
        assert self.index.snap(*offsets(self.text, " ", 0)) is None

    def test_a_click_takes_the_word_under_it(self):
        inside = self.text.index("Quill") + 2
        assert self.snapped(inside, inside) == "Quill"
        assert self.index.word_at(inside) == offsets(self.text, "Quill")
        assert self.snapped(0, 0) == "Ada"
        gap = self.text.index("  ") + 1
        assert self.index.snap(gap, gap) is None
        assert self.index.snap(len(self.text), len(self.text)) is None

    def test_token_range_is_inclusive_and_matches_spacy(self):
        doc = NLP(self.text)
        for phrase in ("Ada", "Ada Quill said", "won't move", "Acme declined."):
            start, end = offsets(self.text, phrase)
            span = doc.char_span(start, end)
            assert self.index.token_range(start, end) == (span.start, span.end - 1), phrase

    def test_token_range_of_unaligned_offsets_is_none(self):
        start, end = offsets(self.text, "Quill")
        assert self.index.token_range(start + 1, end) is None
        assert self.index.token_range(start, end - 1) is None
        assert self.index.token_range(start, len(self.text) + 5) is None

    def test_snap_handles_characters_outside_the_bmp(self):
        index = TokenIndex(tokenize(AWKWARD))
        start, end = offsets(AWKWARD, "𝔠𝔪")  # inside a word of non-BMP letters
        snapped = index.snap(start, end)
        assert snapped is not None and AWKWARD[snapped[0] : snapped[1]] == "𝔄𝔠𝔪𝔢"
        tuesday = offsets(AWKWARD, "Tuesday")
        assert index.snap(tuesday[0] + 1, tuesday[0] + 1) == tuesday


# --------------------------------------------------------------------- export


def test_export_line_has_the_prodigy_span_shape(store_with_article, annotator, tmp_path):
    store = store_with_article
    doc_id = store.list_documents()[0].id
    preannotate_pending(store, annotator)
    store.set_status(doc_id, Status.DONE)
    out = tmp_path / "out.jsonl"
    assert export_jsonl(store, out) == (1, 6)
    (record,) = read_jsonl(out)
    assert {"text", "spans", "tokens", "meta", "answer"} <= record.keys()
    assert record["text"] == ARTICLE
    assert record["answer"] == "accept"
    assert record["meta"]["source"] == "harbour.txt"
    assert record["meta"]["title"] == "Harbour talks collapse in Port Halloran"
    assert record["meta"]["doc_id"] == doc_id
    for span in record["spans"]:
        assert {"start", "end", "label", "token_start", "token_end"} <= span.keys()
        assert all(isinstance(span[key], int) for key in ("start", "end", "token_start", "token_end"))
    assert [(span["text"], span["label"]) for span in record["spans"]] == [
        ("Port Halloran", "GPE"),
        ("Ada Quill", "PERSON"),
        ("Dockers Union", "ORG"),
        ("Tuesday", "DATE"),
        ("Quill", "PERSON"),
        ("Acme Shipping", "ORG"),
    ]
    # "Ada Quill" is two tokens: token_end is the index of "Quill", not one past it.
    ada = record["spans"][1]
    assert record["tokens"][ada["token_start"]]["text"] == "Ada"
    assert record["tokens"][ada["token_end"]]["text"] == "Quill"
    assert ada["token_end"] == ada["token_start"] + 1
    tuesday = record["spans"][3]
    assert tuesday["token_start"] == tuesday["token_end"]
    assert_spacy_accepts(record)


def test_answer_follows_the_status(store, tmp_path):
    ids = {}
    for status in Status:
        ids[status] = import_text(store, tmp_path, f"{status.value}.txt", f"A story that is {status.value}.\n")
        if status is not Status.NEW:
            store.set_status(ids[status], status)
    out = tmp_path / "all.jsonl"
    assert export_jsonl(store, out) == (4, 0)
    answers = {record["meta"]["doc_id"]: (record["meta"]["status"], record["answer"]) for record in read_jsonl(out)}
    assert answers == {
        ids[Status.NEW]: ("new", "ignore"),
        ids[Status.IN_PROGRESS]: ("in_progress", "ignore"),
        ids[Status.DONE]: ("done", "accept"),
        ids[Status.SKIPPED]: ("skipped", "ignore"),
    }


def test_status_filter_exports_only_done_documents(store, tmp_path, annotator):
    first = import_text(store, tmp_path, "one.txt", "Ada Quill spoke in Port Halloran.\n")
    second = import_text(store, tmp_path, "two.txt", "Acme Shipping declined.\n")
    third = import_text(store, tmp_path, "three.txt", "The Dockers Union met.\n")
    preannotate_pending(store, annotator)
    store.set_status(first, Status.DONE)
    store.set_status(third, Status.DONE)
    store.set_status(second, Status.SKIPPED)
    out = tmp_path / "done.jsonl"
    assert export_jsonl(store, out, Status.DONE) == (2, 3)
    records = read_jsonl(out)
    assert [record["meta"]["doc_id"] for record in records] == [first, third], "import order"
    assert {record["answer"] for record in records} == {"accept"}
    for record in records:
        assert_spacy_accepts(record)


def test_empty_database_exports_an_empty_file(store, tmp_path):
    out = tmp_path / "empty.jsonl"
    assert export_jsonl(store, out) == (0, 0)
    assert out.read_bytes() == b""


def test_awkward_characters_keep_exact_offsets(store, tmp_path):
    doc_id = import_text(store, tmp_path, "awkward.txt", AWKWARD)
    index = TokenIndex(store.get_document(doc_id).tokens)
    wanted = [
        ("Ada Quill", "PERSON"),
        ("𝔄𝔠𝔪𝔢", "ORG"),
        ("Tuesday", "DATE"),
        ("Acme Shipping", "ORG"),
        ("&amp", "ORG"),  # snaps to the token "b>&amp"
        ("👩", "PERSON"),
        ("“fine”", "QUOTE"),
    ]
    expected = []
    for phrase, label in wanted:
        start, end = index.snap(*offsets(AWKWARD, phrase))
        store.create_span(doc_id, start, end, label)
        expected.append((start, end, AWKWARD[start:end], label))
    assert ("Ada Quill" in [text for _s, _e, text, _l in expected]) and ("b>&amp" in [t for _s, _e, t, _l in expected])
    out = tmp_path / "awkward.jsonl"
    export_jsonl(store, out)
    raw = out.read_text(encoding="utf-8")
    assert "👩🏽‍⚖️" in raw and "<b>&amp;" in raw, "written as UTF-8, not escaped or HTML-decoded"
    (record,) = read_jsonl(out)
    assert record["text"] == AWKWARD
    got = sorted((span["start"], span["end"], span["text"], span["label"]) for span in record["spans"])
    assert got == sorted(expected)
    for span in record["spans"]:
        assert AWKWARD[span["start"] : span["end"]] == span["text"]
    assert_spacy_accepts(record)
    # Offsets are code points: "Tuesday" starts after several astral characters.
    tuesday = next(span for span in record["spans"] if span["text"] == "Tuesday")
    assert tuesday["start"] == AWKWARD.index("Tuesday")
    assert tuesday["start"] != AWKWARD.encode("utf-16-le").index("Tuesday".encode("utf-16-le")) // 2


def test_exported_text_reimports_as_the_same_documents(store, tmp_path):
    texts = [AWKWARD, "Line\u2028separator and NEL\x85 in a web story.\n", ARTICLE]
    for number, text in enumerate(texts):
        import_text(store, tmp_path, f"doc{number}.txt", text)
    out = tmp_path / "out.jsonl"
    export_jsonl(store, out)
    with AnnotationStore(tmp_path / "second.db") as second:
        summary = import_paths(second, [out])
        assert summary.added == 3
        assert [d.id for d in second.list_documents()] == [d.id for d in store.list_documents()]
        assert [second.get_document(d.id).text for d in second.list_documents()] == texts


def test_quote_spans_and_relations_are_exported(store_with_article, tmp_path):
    store = store_with_article
    doc_id = store.list_documents()[0].id
    quote = QuoteSuggestion(
        *offsets(ARTICLE, "We are not moving,"),
        QuoteKind.DIRECT,
        speaker=offsets(ARTICLE, "Quill", 1),
        cue=offsets(ARTICLE, "told"),
        resolved_speaker="Ada Quill",
    )
    store.save_preannotation(doc_id, "quote-model", [], [quote])
    out = tmp_path / "quotes.jsonl"
    export_jsonl(store, out)
    (record,) = read_jsonl(out)
    assert_spacy_accepts(record)
    spans = {span["label"]: span for span in record["spans"]}
    assert spans["QUOTE"]["text"] == "We are not moving,"
    assert spans["QUOTE"]["kind"] == "direct"
    assert spans["QUOTE"]["speaker"] == "Ada Quill"
    relations = {(rel["label"], rel["head_span"]["start"], rel["child_span"]["start"]) for rel in record["relations"]}
    assert relations == {
        ("SPEAKER", spans["QUOTE"]["start"], spans["SPEAKER"]["start"]),
        ("CUE", spans["QUOTE"]["start"], spans["CUE"]["start"]),
    }
    for rel in record["relations"]:
        assert rel["head"] == rel["head_span"]["token_end"]
        assert rel["child"] == rel["child_span"]["token_end"]


def test_a_span_off_token_boundaries_fails_the_export_and_leaves_no_file(store_with_article, tmp_path):
    store = store_with_article
    doc_id = store.list_documents()[0].id
    start, end = offsets(ARTICLE, "Harbour")
    store.create_span(doc_id, start + 1, end - 1, "ORG")  # "arbou": inside a token
    out = tmp_path / "out.jsonl"
    out.write_text("previous export\n", encoding="utf-8")
    with pytest.raises(BylineError, match="token boundaries"):
        export_jsonl(store, out)
    assert out.read_text(encoding="utf-8") == "previous export\n", "the previous export is kept"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out.jsonl")) == ["out.jsonl"], (
        "no half-written file is left behind"
    )


def test_export_to_a_missing_folder_raises_byline_error(store_with_article, tmp_path):
    with pytest.raises(BylineError, match="cannot write"):
        export_jsonl(store_with_article, tmp_path / "no" / "such" / "out.jsonl")


def test_round_trip_import_preannotate_correct_export(tmp_path, annotator):
    """The whole first loop: what spaCy reads back is exactly what the store holds."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-harbour.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b-awkward.txt").write_text(AWKWARD, encoding="utf-8")
    (folder / "c-feed.jsonl").write_text(
        json.dumps({"text": "Quill thanked Acme Shipping 🙏 on Tuesday.", "url": "https://example.org/q"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    with AnnotationStore(tmp_path / "loop.db", analyst="corrector") as store:
        assert import_paths(store, [folder]).added == 3
        assert preannotate_pending(store, annotator) == 3
        harbour, awkward, feed = [d.id for d in store.list_documents()]

        # Correct the harbour article: relabel, delete, resize, add an entity and a quote.
        spans = {ARTICLE[s.start : s.end]: s for s in store.spans(harbour) if ARTICLE[s.start : s.end] != "Quill"}
        store.relabel_span(spans["Tuesday"].id, "TIME")
        store.delete_span(spans["Acme Shipping"].id)
        store.resize_span(spans["Port Halloran"].id, *offsets(ARTICLE, "Halloran"))
        store.create_span(harbour, *offsets(ARTICLE, "strike"), "EVENT")
        store.create_span(harbour, *offsets(ARTICLE, '"We are not moving,"'), "QUOTE")
        store.set_status(harbour, Status.DONE)

        # The awkward one: add a span after the astral characters and the markup.
        index = TokenIndex(store.get_document(awkward).tokens)
        store.create_span(awkward, *index.snap(*offsets(AWKWARD, "dit-elle")), "PERSON")
        store.set_status(awkward, Status.DONE)

        out_all = tmp_path / "all.jsonl"
        out_done = tmp_path / "done.jsonl"
        assert export_jsonl(store, out_all)[0] == 3
        assert export_jsonl(store, out_done, Status.DONE)[0] == 2

        records = read_jsonl(out_all)
        assert [record["meta"]["doc_id"] for record in records] == [harbour, awkward, feed]
        assert [record["meta"]["doc_id"] for record in read_jsonl(out_done)] == [harbour, awkward]
        for record in records:
            doc_id = record["meta"]["doc_id"]
            text = store.get_document(doc_id).text
            assert record["text"] == text
            doc = NLP(record["text"])
            from_spacy = sorted(
                (s.start_char, s.end_char, s.label_)
                for s in (doc.char_span(span["start"], span["end"], label=span["label"]) for span in record["spans"])
            )
            assert from_spacy == sorted((s.start, s.end, s.label) for s in store.spans(doc_id))
            assert_spacy_accepts(record)

        harbour_spans = {(span["text"], span["label"]) for span in records[0]["spans"]}
        assert harbour_spans == {
            ("Halloran", "GPE"),
            ("Ada Quill", "PERSON"),
            ("Dockers Union", "ORG"),
            ("Tuesday", "TIME"),
            ("Quill", "PERSON"),
            ("strike", "EVENT"),
            ('"We are not moving,"', "QUOTE"),
        }
        assert records[0]["answer"] == records[1]["answer"] == "accept"
        assert records[2]["answer"] == "ignore"
        assert records[2]["meta"]["url"] == "https://example.org/q"
        assert {span["text"] for span in records[2]["spans"]} == {"Quill", "Acme Shipping", "Tuesday"}
        # The model's suggestions are still there, as the model made them.
        assert {(ARTICLE[s.start : s.end], s.label) for s in store.suggestions(harbour)} >= {
            ("Tuesday", "DATE"), ("Acme Shipping", "ORG"), ("Port Halloran", "GPE")
        }
        assert all(s.layer is Layer.ENTITY for s in store.suggestions(harbour))
