"""Importing .txt files, folders and JSONL into a real database."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from core.errors import InputFormatError
from core.importer import read_file
from core.store import AnnotationStore
from core.workflow import import_paths
from tests.conftest import ARTICLE


def documents(store: AnnotationStore) -> list[dict]:
    """The documents table in import order, meta and tokens decoded."""
    rows = list(store.db.query("select * from documents order by position"))
    for row in rows:
        row["meta"] = json.loads(row["meta"])
        row["tokens"] = json.loads(row["tokens"])
    return rows


def write_jsonl(path: Path, lines: list) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def row_counts(store: AnnotationStore) -> dict[str, int]:
    return {table: store.db[table].count for table in ("documents", "edits", "spans", "suggestions")}


# ----------------------------------------------------------------- .txt files


def test_txt_file_becomes_one_document_titled_by_its_first_line(store, article_file):
    summary = import_paths(store, [article_file])
    assert (summary.files, summary.added, summary.duplicates) == (1, 1, 0)
    (doc,) = documents(store)
    assert doc["text"] == ARTICLE
    assert doc["title"] == "Harbour talks collapse in Port Halloran"
    assert doc["meta"]["source"] == "harbour.txt"
    assert doc["status"] == "new"
    assert doc["id"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    # Tokens are stored at import: contiguous, within the text, in order.
    tokens = doc["tokens"]
    assert tokens and all(0 <= start < end <= len(ARTICLE) for start, end, _ws, _space in tokens)
    assert [ARTICLE[s:e] for s, e, _ws, _sp in tokens[:4]] == ["Harbour", "talks", "collapse", "in"]


def test_title_skips_leading_blank_lines_and_spaces(store, tmp_path):
    path = tmp_path / "blank-start.txt"
    path.write_text("\n\n   Storm closes the port   \nBody text.\n", encoding="utf-8")
    import_paths(store, [path])
    (doc,) = documents(store)
    assert doc["title"] == "Storm closes the port"
    assert doc["text"] == "\n\n   Storm closes the port   \nBody text.\n", "the text itself is kept as it is"


def test_a_very_long_first_line_gives_a_shortened_title(store, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("word " * 100 + "\nBody.\n", encoding="utf-8")
    import_paths(store, [path])
    (doc,) = documents(store)
    assert len(doc["title"]) <= 120
    assert doc["title"].startswith("word word")


def test_folders_are_searched_recursively_in_sorted_order(store, tmp_path):
    root = tmp_path / "corpus"
    (root / "b-sub").mkdir(parents=True)
    (root / "a-sub" / "deeper").mkdir(parents=True)
    (root / "c.txt").write_text("Story C\n", encoding="utf-8")
    (root / "a.txt").write_text("Story A\n", encoding="utf-8")
    (root / "b-sub" / "b.txt").write_text("Story B\n", encoding="utf-8")
    (root / "a-sub" / "deeper" / "d.txt").write_text("Story D\n", encoding="utf-8")
    write_jsonl(root / "b-sub" / "e.jsonl", [{"text": "Story E1"}, {"text": "Story E2"}])
    (root / "notes.md").write_text("Not an article\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    summary = import_paths(store, [root])
    assert (summary.files, summary.added) == (5, 6)
    assert [doc["title"] for doc in documents(store)] == [
        "Story D",  # a-sub/deeper/d.txt
        "Story A",  # a.txt
        "Story B",  # b-sub/b.txt
        "Story E1",  # b-sub/e.jsonl
        "Story E2",
        "Story C",  # c.txt
    ]
    assert [doc["position"] for doc in documents(store)] == sorted(doc["position"] for doc in documents(store))


def test_positions_continue_across_imports(store, tmp_path):
    first = tmp_path / "1.txt"
    first.write_text("First\n", encoding="utf-8")
    second = tmp_path / "2.txt"
    second.write_text("Second\n", encoding="utf-8")
    import_paths(store, [first])
    import_paths(store, [second])
    assert [(doc["title"], doc["position"]) for doc in documents(store)] == [("First", 0), ("Second", 1)]


# ----------------------------------------------------------------------- JSONL


def test_jsonl_text_and_meta(store, tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        [
            {"text": "Port reopens\nShips moved again.", "url": "https://example.org/1", "section": "news"},
            "",
            {"text": "Second story", "meta": {"source": "wire", "byline": "A. Quill"}, "id": 7},
            {"text": "Third story", "title": "Given title", "spans": [{"start": 0, "end": 5, "label": "ORG"}]},
        ],
    )
    summary = import_paths(store, [path])
    assert (summary.files, summary.added) == (1, 3)
    first, second, third = documents(store)
    assert first["text"] == "Port reopens\nShips moved again."
    assert first["title"] == "Port reopens"
    assert first["meta"] == {"url": "https://example.org/1", "section": "news", "source": "feed.jsonl:1"}
    # "meta" is merged into the document's meta; other fields join it; "source" is kept.
    assert second["meta"] == {"source": "wire", "byline": "A. Quill", "id": 7}
    assert second["title"] == "Second story"
    assert third["title"] == "Given title"
    assert third["meta"]["source"] == "feed.jsonl:4"
    assert "spans" not in third["meta"] and "text" not in third["meta"]
    # Spans in the input are imported as the analyst's spans (issue 5; more in test_bad_input.py).
    (span,) = store.spans(third["id"])
    assert (span.start, span.end, span.label, span.origin) == (0, 5, "ORG", "analyst")


@pytest.mark.parametrize("bad_line", ['{"text": "broken', "not json at all", '{"text": "a"} trailing'])
def test_malformed_jsonl_line_names_file_and_line_and_imports_nothing(store, tmp_path, article_file, bad_line):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"text": "Good one"}, {"text": "Good two"}, bad_line, {"text": "Good four"}])
    before = row_counts(store)
    with pytest.raises(InputFormatError) as caught:
        # A good file before it in the same import is not imported either.
        import_paths(store, [article_file, path])
    message = str(caught.value)
    assert "feed.jsonl" in message
    assert "line 3" in message
    assert row_counts(store) == before
    assert store.db["documents"].count == 0


@pytest.mark.parametrize(
    "bad_record",
    [{"title": "No text here"}, {"text": 42}, {"text": None}, ["text", "in a list"], "just a string", {"text": "   "}],
)
def test_jsonl_line_without_a_text_string_is_rejected(store, tmp_path, bad_record):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"text": "Fine"}, bad_record])
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [path])
    assert "feed.jsonl" in str(caught.value) and "line 2" in str(caught.value)
    assert store.db["documents"].count == 0


def test_jsonl_line_numbers_count_blank_lines(tmp_path):
    path = tmp_path / "gappy.jsonl"
    path.write_text('{"text": "one"}\n\n\n{"oops": 1}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match="line 4"):
        read_file(path)


def test_jsonl_text_keeps_unicode_line_separators(store, tmp_path):
    # U+2028, U+2029 and NEL are legal inside a JSON string and turn up in web copy;
    # they must not split the JSON line.
    text = "Para one\u2028still para one\u2029para two\x85end \u00a0ok"
    path = write_jsonl(tmp_path / "web.jsonl", [{"text": text}, {"text": "next"}])
    summary = import_paths(store, [path])
    assert summary.added == 2
    assert [doc["text"] for doc in documents(store)] == [text, "next"]


def test_jsonl_with_crlf_line_endings(store, tmp_path):
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b'{"text": "one"}\r\n{"text": "two\\r\\nlines"}\r\n')
    import_paths(store, [path])
    assert [doc["text"] for doc in documents(store)] == ["one", "two\nlines"]


# ------------------------------------------------------------- awkward files


def test_empty_txt_file_is_rejected(store, tmp_path):
    for name, content in (("empty.txt", b""), ("blank.txt", b"  \n\t\n")):
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(InputFormatError, match="empty") as caught:
            import_paths(store, [path])
        assert name in str(caught.value)
    assert store.db["documents"].count == 0


def test_empty_jsonl_file_imports_nothing(store, tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    summary = import_paths(store, [path])
    assert (summary.files, summary.added) == (1, 0)
    assert store.db["documents"].count == 0


def test_non_utf8_file_gives_a_clear_error(store, tmp_path, article_file):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 owners protest\n".encode("latin-1"))
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [article_file, path])
    message = str(caught.value)
    assert "latin1.txt" in message and "UTF-8" in message
    assert store.db["documents"].count == 0


def test_non_utf8_jsonl_gives_a_clear_error(store, tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes('{"text": "Caf\u00e9"}\n'.encode("cp1252"))
    with pytest.raises(InputFormatError, match="UTF-8"):
        import_paths(store, [path])
    assert store.db["documents"].count == 0


def test_binary_file_is_rejected(store, tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.4\x00\x00\x01binary")
    with pytest.raises(InputFormatError, match="scan.txt"):
        import_paths(store, [path])


def test_byte_order_mark_is_stripped(store, tmp_path):
    txt = tmp_path / "bom.txt"
    txt.write_bytes("\ufeffHeadline with BOM\nBody.\n".encode("utf-8"))
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes('\ufeff{"text": "JSONL with BOM"}\n'.encode("utf-8"))
    summary = import_paths(store, [txt, jsonl])
    assert summary.added == 2
    first, second = documents(store)
    assert first["text"] == "Headline with BOM\nBody.\n"
    assert first["title"] == "Headline with BOM"
    assert first["tokens"][0][:2] == [0, 8]
    assert second["text"] == "JSONL with BOM"


@pytest.mark.parametrize(("name", "newline"), [("windows.txt", b"\r\n"), ("old-mac.txt", b"\r")])
def test_crlf_and_cr_line_endings_become_newlines(store, tmp_path, name, newline):
    path = tmp_path / name
    path.write_bytes(ARTICLE.encode("utf-8").replace(b"\n", newline))
    import_paths(store, [path])
    (doc,) = documents(store)
    assert doc["text"] == ARTICLE
    assert "\r" not in doc["text"]
    assert doc["id"] == hashlib.sha256(ARTICLE.encode("utf-8")).hexdigest()
    assert doc["title"] == "Harbour talks collapse in Port Halloran"


def test_missing_path_is_reported_and_nothing_is_imported(store, tmp_path, article_file):
    missing = tmp_path / "nowhere" / "story.txt"
    with pytest.raises(InputFormatError) as caught:
        import_paths(store, [article_file, missing])
    assert "story.txt" in str(caught.value)
    assert "no such file" in str(caught.value)
    assert store.db["documents"].count == 0


def test_each_imported_document_is_recorded_in_the_history(store, tmp_path):
    path = write_jsonl(tmp_path / "feed.jsonl", [{"text": "One"}, {"text": "Two"}])
    import_paths(store, [path])
    rows = list(store.db.query("select doc_id, action, analyst from edits order by rowid"))
    ids = [doc["id"] for doc in documents(store)]
    assert rows == [
        {"doc_id": ids[0], "action": "import", "analyst": "tester"},
        {"doc_id": ids[1], "action": "import", "analyst": "tester"},
    ]
