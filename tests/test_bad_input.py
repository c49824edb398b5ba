"""Bad input gets a clear error and nothing is half-imported; awkward text keeps exact offsets.

Complements tests/test_importer.py (which covers the plain cases: BOM in .txt,
CRLF/CR in .txt, empty and binary files, malformed JSONL lines, lines without
"text", missing paths) with: encodings, annotated JSONL (spans and relations
checked, offsets moved along with line endings), very large files, text with
emoji / combining marks / right-to-left scripts / zero-width characters / HTML
(in the export and in the real window), and database files that are not
SQLite, damaged, or read-only.
"""
from __future__ import annotations

import ctypes
import json
import os
import subprocess
from pathlib import Path

import pytest
import spacy

from core.errors import InputFormatError, StoreError
from core.export_prodigy import export_jsonl
from core.importer import MAX_DOCUMENT_CHARS, read_file
from core.model import Status
from core.nlp.tokenizer import tokenize
from core.store import AnnotationStore
from core.token_alignment import TokenIndex
from core.workflow import import_paths
from tests.children import Child

NLP = spacy.blank("en")
STORY = "Ada Quill said Acme Shipping will stay in Port Halloran."


def at(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def span(text: str, phrase: str, label: str, occurrence: int = 0, **extra) -> dict:
    start, end = at(text, phrase, occurrence)
    return {"start": start, "end": end, "text": phrase, "label": label, **extra}


def write_lines(path: Path, records: list, newline: str = "\n", bom: bool = False) -> Path:
    body = newline.join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return path


def counts(store: AnnotationStore) -> dict[str, int]:
    return {table: store.db[table].count for table in ("documents", "spans", "relations", "edits")}


def exported(store: AnnotationStore, tmp_path: Path) -> list[dict]:
    out = tmp_path / "export.jsonl"
    export_jsonl(store, out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


# ------------------------------------------------------------------ encodings


def test_a_cp1252_file_is_refused_with_the_likely_encoding_named(store, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("Headline\nCaf\u00e9 owners \u201cangry\u201d \u2013 again\n".encode("cp1252"))
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [path])
    message = str(caught.value)
    assert "windows.txt, line 2" in message and "not UTF-8" in message
    assert "Windows-1252" in message and "Latin-1" in message
    assert "Café owners “angry” – again" in message, "shows the line as it would read, so the user can tell"
    assert "iconv" in message
    assert store.document_count() == 0


def test_a_file_in_no_single_byte_western_encoding_gets_the_plain_message(store, tmp_path):
    path = tmp_path / "mystery.txt"
    path.write_bytes(b"ok line\n\x81\x8d\x8f\x90\x9d broken\n")  # bytes cp1252 leaves undefined
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [path])
    message = str(caught.value)
    assert "mystery.txt, line 2" in message and "not UTF-8" in message and "Windows-1252" not in message


def test_a_jsonl_line_with_an_unpaired_surrogate_is_refused(store, tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [{"text": "fine"}, '{"text": "broken \\ud83d emoji"}'])
    with pytest.raises(InputFormatError, match=r"feed\.jsonl, line 2: .*unpaired surrogate"):
        import_paths(store, [path])
    assert store.document_count() == 0


# ------------------------------------------------------------------ big files


def test_a_20_mb_text_file_is_refused_as_one_article_quickly_and_clearly(store, tmp_path):
    path = tmp_path / "dump.txt"
    line = "Ada Quill said the strike would go on, and Acme Shipping declined to comment.\n"
    path.write_text(line * (20 * 2**20 // len(line)), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [path])
    message = str(caught.value)
    assert "dump.txt" in message and "too long for one article" in message and f"{MAX_DOCUMENT_CHARS:,}" in message
    assert "JSONL" in message  # says what to do instead
    assert store.document_count() == 0


def test_a_jsonl_line_over_the_article_limit_is_refused_by_line(store, tmp_path):
    path = write_lines(tmp_path / "feed.jsonl", [{"text": STORY}, {"text": "x " * (MAX_DOCUMENT_CHARS // 2 + 1)}])
    with pytest.raises(InputFormatError, match=r"feed\.jsonl, line 2: .*too long"):
        import_paths(store, [path])
    assert store.document_count() == 0


# -------------------------------------------------------- annotated JSONL


def test_annotated_lines_bring_their_spans_relations_and_status(store, tmp_path):
    text = '"We stay," Ada Quill told reporters in Port Halloran.'
    quote = span(text, '"We stay,"', "QUOTE", kind="direct", speaker="Ada Quill")
    speaker = span(text, "Ada Quill", "SPEAKER")
    cue = span(text, "told", "CUE")
    person = span(text, "Ada Quill", "PERSON")
    record = {
        "text": text,
        "spans": [quote, person, speaker, cue, span(text, "Port Halloran", "GPE")],
        "relations": [
            {"head_span": quote, "child_span": speaker, "label": "SPEAKER"},
            {"head_span": quote, "child_span": cue, "label": "CUE"},
        ],
        "meta": {"title": "Quote", "status": "done", "doc_id": "ignored", "url": "https://example.org"},
        "answer": "accept",
    }
    path = write_lines(tmp_path / "gold.jsonl", [record, {"text": STORY}])
    assert import_paths(store, [path]).added == 2
    gold, plain = store.list_documents()
    assert gold.status is Status.DONE and plain.status is Status.NEW
    spans = {(s.start, s.end, s.label): s for s in store.spans(gold.id)}
    assert {text[s.start : s.end] for s in spans.values()} == {'"We stay,"', "Ada Quill", "told", "Port Halloran"}
    assert all(s.origin == "analyst" for s in spans.values())
    the_quote = spans[at(text, '"We stay,"') + ("QUOTE",)]
    assert the_quote.attrs == {"kind": "direct", "resolved_speaker": "Ada Quill"}
    parts = store.quote_parts(the_quote.id)
    assert (parts["speaker"].label, parts["cue"].label) == ("SPEAKER", "CUE")
    document = store.get_document(gold.id)
    assert document.title == "Quote" and document.meta == {"title": "Quote", "url": "https://example.org",
                                                           "source": "gold.jsonl:1"}
    # Annotated work is not pre-annotated again; the plain line is.
    assert store.documents_needing_preannotation() == [plain.id]


def test_offsets_follow_crlf_and_cr_line_endings_and_a_bom(store, tmp_path):
    original = "Ada Quill\r\nspoke in\rPort Halloran.\r\n\r\nAcme Shipping 😀 declined."
    spans = [span(original, "Ada Quill", "PERSON"), span(original, "Port Halloran", "GPE"),
             span(original, "Acme Shipping", "ORG")]
    path = write_lines(tmp_path / "windows.jsonl", [{"text": original, "spans": spans}], newline="\r\n", bom=True)
    import_paths(store, [path])
    (doc,) = store.list_documents()
    stored = store.get_document(doc.id).text
    assert stored == "Ada Quill\nspoke in\nPort Halloran.\n\nAcme Shipping 😀 declined."
    assert sorted(stored[s.start : s.end] for s in store.spans(doc.id)) == ["Acme Shipping", "Ada Quill",
                                                                             "Port Halloran"]
    for line in exported(store, tmp_path):
        assert line["text"] == stored
        assert [line["text"][s["start"] : s["end"]] for s in line["spans"]] == [s["text"] for s in line["spans"]]


BAD_SPANS = [
    ({"start": 40, "end": 99, "label": "GPE"}, "out of range"),
    ({"start": -1, "end": 3, "label": "PERSON"}, "out of range"),
    ({"start": 9, "end": 0, "label": "PERSON"}, "reversed"),
    ({"start": 3, "end": 3, "label": "PERSON"}, "empty"),
    ({"start": 0, "end": 9, "label": "POLITICIAN"}, "unknown label 'POLITICIAN'"),
    ({"start": "0", "end": 9, "label": "PERSON"}, "whole-number"),
    ({"start": 0, "end": 9, "label": "PERSON", "text": "Ada Quil"}, "'Ada Quill' in the text"),
    ({"start": 0, "end": 6, "label": "PERSON"}, "token boundaries"),
    ({"start": 0, "end": 9, "label": "PERSON"}, "listed twice"),
]


@pytest.mark.parametrize(("bad", "expected"), BAD_SPANS, ids=[e for _b, e in BAD_SPANS])
def test_a_bad_span_names_file_line_and_span_and_nothing_of_the_file_is_imported(store, tmp_path, bad, expected):
    good = {"text": STORY, "spans": [span(STORY, "Ada Quill", "PERSON")]}
    other = write_lines(tmp_path / "other.jsonl", [{"text": "A story that is fine."}])
    path = write_lines(tmp_path / "gold.jsonl", [{"text": "First fine story."}, "",
                                                 {**good, "spans": good["spans"] + [bad]}])
    before = counts(store)
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [other, path])
    message = str(caught.value)
    assert "gold.jsonl, line 3, span 2" in message and expected in message
    assert counts(store) == before


def test_overlapping_entities_are_refused_but_overlapping_quote_parts_are_fine(store, tmp_path):
    quote_layer = {"text": STORY, "spans": [span(STORY, "Ada Quill said", "QUOTE"), span(STORY, "Ada Quill", "SPEAKER"),
                                            span(STORY, "Ada Quill", "PERSON")]}
    overlapping = {"text": STORY + " More.", "spans": [span(STORY, "Ada Quill", "PERSON"),
                                                      span(STORY, "Quill said", "ORG")]}
    path = write_lines(tmp_path / "gold.jsonl", [quote_layer, overlapping])
    with pytest.raises(InputFormatError, match=r"gold\.jsonl, line 2: entity spans 1 and 2 overlap"):
        import_paths(store, [path])
    assert store.document_count() == 0
    write_lines(path, [quote_layer])
    import_paths(store, [path])
    assert len(store.spans(store.list_documents()[0].id)) == 3


def test_utf16_offsets_from_javascript_tools_are_recognised(store, tmp_path):
    text = "😀 Ada Quill spoke."
    utf16_start = len("😀 ".encode("utf-16-le")) // 2
    bad = {"start": utf16_start, "end": utf16_start + 9, "text": "Ada Quill", "label": "PERSON"}
    path = write_lines(tmp_path / "js.jsonl", [{"text": text, "spans": [bad]}])
    with pytest.raises(InputFormatError, match="UTF-16 code units"):
        import_paths(store, [path])


@pytest.mark.parametrize(
    ("relations", "expected"),
    [
        ([{"head_span": {"start": 0, "end": 3, "label": "QUOTE"}, "child_span": {"start": 0, "end": 9,
                                                                                "label": "SPEAKER"}, "label": "x"}],
         "not among the spans"),
        ([{"head": 1, "child": 2, "label": "SPEAKER"}], '"head_span" and "child_span"'),
        ("nope", '"relations" must be a list'),
    ],
)
def test_bad_relations_are_refused(store, tmp_path, relations, expected):
    record = {"text": STORY, "spans": [span(STORY, "Ada Quill", "SPEAKER")], "relations": relations}
    path = write_lines(tmp_path / "gold.jsonl", [record])
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [path])
    assert "gold.jsonl, line 1" in str(caught.value) and expected in str(caught.value)
    assert store.document_count() == 0


def test_duplicate_annotated_documents_are_imported_once_with_the_first_annotations(store, tmp_path):
    first = {"text": STORY, "spans": [span(STORY, "Ada Quill", "PERSON")]}
    second = {"text": STORY, "spans": [span(STORY, "Acme Shipping", "ORG")]}
    path = write_lines(tmp_path / "gold.jsonl", [first, second])
    summary = import_paths(store, [path])
    assert (summary.added, summary.duplicates) == (1, 1)
    again = import_paths(store, [path])
    assert (again.added, again.duplicates) == (0, 2)
    (doc,) = store.list_documents()
    assert [(s.label, STORY[s.start : s.end]) for s in store.spans(doc.id)] == [("PERSON", "Ada Quill")]


def test_spans_in_the_labels_of_this_database_only(tmp_path):
    """Labels are checked against the database's own label set, not a fixed list."""
    path = write_lines(tmp_path / "gold.jsonl", [{"text": STORY, "spans": [span(STORY, "Ada Quill", "PERSON")]}])
    with pytest.raises(InputFormatError, match="unknown label 'PERSON'"):
        read_file(path, labels={"ORG": None})
    assert len(read_file(path)[0].spans) == 1


# ----------------------------------------------- awkward text, exact offsets

AWKWARD = (
    "Zoe\u0301 and Rene\u0301e met 👩🏽‍⚖️ Ada Quill at <b>Acme&amp;Co</b> today.\n"
    "Yosef בן-דוד said שלום to מרים in Tel Aviv, and مرحبا to سارة.\n"
    "Zero\u200bwidth, join\u200dner, non\u200cjoiner and soft\u00adhyphen before Port Halloran.\n"
    "Mixed 😀 then 𝔄𝔠𝔪𝔢 Shipping rose \u2067עברית\u2069 again.\n"
)
# Phrases annotated in AWKWARD, with their labels.
AWKWARD_SPANS = [
    ("Zoe\u0301", "PERSON"),
    ("Rene\u0301e", "PERSON"),
    ("Ada Quill", "PERSON"),
    ("בן", "PERSON"),
    ("מרים", "PERSON"),
    ("سارة", "PERSON"),
    ("Tel Aviv", "GPE"),
    ("Port Halloran", "GPE"),
    ("𝔄𝔠𝔪𝔢 Shipping", "ORG"),
    ("Zero\u200bwidth", "ORG"),
]


def awkward_record() -> dict:
    index = TokenIndex(tokenize(AWKWARD))
    spans = []
    for phrase, label in AWKWARD_SPANS:
        start, end = at(AWKWARD, phrase)
        assert index.token_range(start, end) is not None, f"{phrase!r} is not whole tokens"
        spans.append({"start": start, "end": end, "text": phrase, "label": label})
    return {"text": AWKWARD, "spans": spans}


def test_awkward_text_exports_offsets_on_exactly_the_right_characters(store, tmp_path):
    path = write_lines(tmp_path / "awkward.jsonl", [awkward_record()])
    import_paths(store, [path])
    (line,) = exported(store, tmp_path)
    assert line["text"] == AWKWARD
    got = sorted((s["text"], s["label"]) for s in line["spans"])
    assert got == sorted(AWKWARD_SPANS)
    doc = NLP(AWKWARD)
    for exported_span in line["spans"]:
        assert (exported_span["start"], exported_span["end"]) == at(AWKWARD, exported_span["text"])
        assert AWKWARD[exported_span["start"] : exported_span["end"]] == exported_span["text"]
        assert doc.char_span(exported_span["start"], exported_span["end"]).text == exported_span["text"]
    raw = (tmp_path / "export.jsonl").read_text(encoding="utf-8")
    assert "<b>Acme&amp;Co</b>" in raw and "\u200b" in raw, "written verbatim, not escaped or decoded"


def test_awkward_text_is_shown_literally_and_highlighted_on_exactly_its_spans(qtbot, store, tmp_path):
    from core.settings import Settings
    from gui.main_window import MainWindow
    from tests.gui_driver import format_at

    import_paths(store, [write_lines(tmp_path / "awkward.jsonl", [awkward_record()])])
    (doc,) = store.list_documents()
    window = MainWindow(store, Settings(analyst="tester"))
    qtbot.addWidget(window)
    window.show()
    window.refresh_documents()
    window.open_document(doc.id)
    view = window.article
    # Shown literally: markup, entities and invisible characters are the text itself.
    assert view.toPlainText() == AWKWARD
    covered = set()
    for span in store.spans(doc.id):
        covered.update(range(span.start, span.end))
    for index in range(len(AWKWARD)):
        if AWKWARD[index] == "\n":
            continue  # the block separator has no character format
        highlighted = format_at(view, index) is not None
        assert highlighted == (index in covered), f"character {index} {AWKWARD[index]!r}: highlighted={highlighted}"
    window.close()


# --------------------------------------------------------- database files


def test_a_damaged_database_gives_a_store_error_in_words(tmp_path):
    good = tmp_path / "good.db"
    AnnotationStore(good).close()
    data = bytearray(good.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the SQLite header, wreck the schema page
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        AnnotationStore(damaged)
    assert "damaged.db" in str(caught.value) and "not a Byline database or is damaged" in str(caught.value)


def _without_root_override():
    """Root (as in many containers) may write any file whatever its permissions:
    the child drops that privilege (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, from
    its bounding set so they stay dropped across exec) to see what a user sees."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "cannot drop root's file permission override")


def open_in_child(path: Path) -> tuple[int, str]:
    try:
        child = Child("tests.child_open", path, preexec_fn=_without_root_override)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot run a child without root's permission override here: {exc}")
    lines = child.remaining_lines()
    code = child.finish()
    assert "Traceback" not in child.stderr()
    return code, "\n".join(lines)


def make_database(path: Path) -> bytes:
    with AnnotationStore(path) as store:
        import_paths(store, [write_lines(path.with_name("feed.jsonl"), [{"text": STORY}])])
    path.with_name("feed.jsonl").unlink()
    return path.read_bytes()


def test_a_read_only_database_file_is_refused_in_words(tmp_path):
    path = tmp_path / "archive.db"
    before = make_database(path)
    path.chmod(0o444)
    code, output = open_in_child(path)
    assert code == 1
    assert output.startswith("error:") and "archive.db is read-only" in output and "write" in output
    assert path.read_bytes() == before


def test_a_database_in_a_read_only_folder_is_refused_in_words(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = folder / "team.db"
    before = make_database(path)
    path.chmod(0o666)
    folder.chmod(0o555)
    code, output = open_in_child(path)
    assert code == 1
    assert output.startswith("error:") and "read-only" in output and "team.db-wal" in output
    assert path.read_bytes() == before
    # And so is a new database there.
    code, output = open_in_child(folder / "new.db")
    assert code == 1 and "read-only" in output
    assert not (folder / "new.db").exists()
    folder.chmod(0o755)  # so that tmp_path can be cleaned up


def test_a_database_path_that_does_not_exist_is_created_only_in_an_existing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        AnnotationStore(tmp_path / "no" / "such" / "folder" / "byline.db")
    with AnnotationStore(tmp_path / "fresh.db") as store:
        assert store.document_count() == 0
