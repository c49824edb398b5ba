"""The quotes table (``--format quotes-csv``): one CSV row per quote, read back with the csv module."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import BylineError
from core.formats import READABLE, export, read_documents
from core.model import Layer, QuoteKind, QuoteSuggestion
from core.store import AnnotationStore
from core.workflow import import_paths
from tests.format_helpers import span_of

ROOT = Path(__file__).resolve().parent.parent
# A comma, double quotes, "<" and "&" inside quotes: the CSV must quote its fields.
TEXT = (
    "Ferry fares rise in Port Halloran\n\n"
    "Ada Quill, who leads the Dockers Union, said on Tuesday that fares would rise by 5% & more.\n"
    "\"We warned them, \"twice\", that <this> would happen,\" Quill told reporters. "
    "\"Nobody listened.\"\n"
)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def quoted_store(tmp_path):
    """One article imported from JSONL (with a url), its three quotes suggested by the model."""
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps({"text": TEXT, "url": "https://example.org/ferry"}) + "\n", encoding="utf-8")
    store = AnnotationStore(tmp_path / "q.db")
    import_paths(store, [source])
    doc_id = store.list_documents()[0].id
    quill = span_of(TEXT, "Quill", 1)
    store.save_preannotation(doc_id, "test-model", [], [
        QuoteSuggestion(*span_of(TEXT, "fares would rise by 5% & more"), QuoteKind.INDIRECT,
                        speaker=span_of(TEXT, "Ada Quill"), cue=span_of(TEXT, "said"), resolved_speaker="Ada Quill"),
        QuoteSuggestion(*span_of(TEXT, "\"We warned them, \"twice\", that <this> would happen,\""), QuoteKind.DIRECT,
                        speaker=quill, cue=span_of(TEXT, "told"), resolved_speaker="Ada Quill"),
        QuoteSuggestion(*span_of(TEXT, "\"Nobody listened.\""), QuoteKind.FLOATING,
                        speaker=quill, cue=None, resolved_speaker="Ada Quill"),
    ])
    yield store, doc_id
    store.close()


def test_each_quote_is_one_row_with_its_speaker_cue_and_offsets(quoted_store, tmp_path):
    store, doc_id = quoted_store
    summary = export(store, tmp_path / "quotes.csv", "quotes-csv")
    assert (summary.documents, summary.spans) == (1, 3)
    rows = _rows(tmp_path / "quotes.csv")
    assert [row["kind"] for row in rows] == ["indirect", "direct", "floating"]
    for row in rows:
        assert row["document_id"] == doc_id
        assert row["title"] == "Ferry fares rise in Port Halloran"
        assert row["source"] == "https://example.org/ferry"
        assert row["speaker"] == "Ada Quill"
        assert TEXT[int(row["quote_start"]) : int(row["quote_end"])] == row["quote"]
        assert row["checked"] == "no"  # the model's, untouched
    indirect, direct, floating = rows
    assert indirect["quote"] == "fares would rise by 5% & more"
    assert (indirect["speaker_mention"], indirect["cue"]) == ("Ada Quill", "said")
    assert direct["quote"] == "\"We warned them, \"twice\", that <this> would happen,\""
    assert (direct["speaker_mention"], direct["cue"]) == ("Quill", "told")
    assert TEXT[int(direct["cue_start"]) : int(direct["cue_end"])] == "told"
    assert TEXT[int(direct["speaker_start"]) : int(direct["speaker_end"])] == "Quill"
    # a floating quote shares its speaker mention and has no cue of its own
    assert (floating["speaker_mention"], floating["cue"], floating["cue_start"]) == ("Quill", "", "")


def test_the_table_shows_the_analysts_corrections(quoted_store, tmp_path):
    store, doc_id = quoted_store
    quotes = sorted((s for s in store.spans(doc_id) if s.label == "QUOTE"), key=lambda s: s.start)
    store.accept_span(quotes[0].id)
    store.delete_span(quotes[2].id)
    store.set_quote_part(quotes[1].id, "cue", *span_of(TEXT, "told reporters"))
    store.merge_speakers(["Ada Quill"], "Ada Quill (Dockers Union)")
    export(store, tmp_path / "quotes.csv", "quotes-csv")
    rows = _rows(tmp_path / "quotes.csv")
    assert [row["checked"] for row in rows] == ["yes", "no"]
    assert rows[1]["cue"] == "told reporters"
    assert {row["speaker"] for row in rows} == {"Ada Quill (Dockers Union)"}


def test_an_article_without_quotes_writes_only_the_header(tmp_path):
    with AnnotationStore(tmp_path / "e.db") as store:
        (tmp_path / "plain.txt").write_text("No one was quoted in Port Halloran today.\n", encoding="utf-8")
        import_paths(store, [tmp_path / "plain.txt"])
        summary = export(store, tmp_path / "quotes.csv", "quotes-csv")
    assert (summary.documents, summary.spans) == (1, 0)
    header = (tmp_path / "quotes.csv").read_text(encoding="utf-8").splitlines()
    assert header == [
        "\ufeffdocument_id,title,status,source,quote_start,quote_end,kind,speaker,speaker_mention,"
        "speaker_start,speaker_end,cue,cue_start,cue_end,checked,quote"
    ]


def test_the_table_cannot_be_imported(tmp_path):
    (tmp_path / "quotes.csv").write_text("document_id\n", encoding="utf-8")
    assert "quotes-csv" not in READABLE
    with pytest.raises(BylineError, match="export only"):
        read_documents(tmp_path / "quotes.csv", "quotes-csv", {"QUOTE": Layer.QUOTE})


def test_the_command_line_writes_the_table(quoted_store, tmp_path):
    store, _doc_id = quoted_store
    db = store.path
    store.close()
    out = tmp_path / "table.csv"
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(db), "export", "--format", "quotes-csv", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "with 3 quote(s)" in result.stdout
    assert [row["kind"] for row in _rows(out)] == ["indirect", "direct", "floating"]


def test_a_quote_across_a_line_break_stays_one_row(tmp_path):
    text = "Quill said:\n\"We stay out\nuntil Friday,\" in Port Halloran.\n"
    with AnnotationStore(tmp_path / "m.db") as store:
        (tmp_path / "two.txt").write_text(text, encoding="utf-8")
        import_paths(store, [tmp_path / "two.txt"])
        doc_id = store.list_documents()[0].id
        quote = store.create_span(doc_id, *span_of(text, "\"We stay out\nuntil Friday,\""), "QUOTE",
                                  attrs={"kind": "direct"})
        store.set_quote_part(quote.id, "speaker", *span_of(text, "Quill"))
        export(store, tmp_path / "quotes.csv", "quotes-csv")
    (row,) = _rows(tmp_path / "quotes.csv")
    assert row["quote"] == "\"We stay out\nuntil Friday,\""
    assert (row["speaker"], row["speaker_mention"], row["checked"], row["source"]) == ("Quill", "Quill", "yes", "two.txt")
