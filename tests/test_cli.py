"""The command line, run as a real process: `python main.py COMMAND ...`."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.model import Status
from core.store import AnnotationStore
from tests.conftest import ARTICLE

REPO = Path(__file__).resolve().parents[1]
MAIN = REPO / "main.py"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(tmp_path):
    """Run main.py with the user folders inside tmp_path."""
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONIOENCODING": "utf-8",
    }

    def _run(*args: str | Path) -> Result:
        done = subprocess.run(
            [sys.executable, str(MAIN), *map(str, args)],
            check=False,
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return _run


def one_line(result: Result) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    return lines[0]


def assert_clean_failure(result: Result, *fragments: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip(), "a message on stderr"
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert result.stdout == ""


def query(db: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def feed(tmp_path) -> Path:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"text": "Quill thanked Acme Shipping on Tuesday.", "url": "https://example.org/1"},
        {"text": "Port Halloran is quiet 😀 tonight.", "meta": {"desk": "city"}},
    ]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------- success


def test_import_preannotate_export(run, tmp_path, article_file, feed, rule_pipeline_path):
    db = tmp_path / "cli.db"
    settings = tmp_path / "config" / "byline" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"analyst": "cli-analyst"}), encoding="utf-8")

    line = one_line(run("import", article_file, feed, "--db", db))
    assert "imported 3 document(s) from 2 file(s)" in line
    assert query(db, "select count(*) from documents") == [(3,)]
    assert [row[0] for row in query(db, "select title from documents order by position")] == [
        "Harbour talks collapse in Port Halloran",
        "Quill thanked Acme Shipping on Tuesday.",
        "Port Halloran is quiet 😀 tonight.",
    ]
    assert query(db, "select text from documents order by position limit 1") == [(ARTICLE,)]

    line = one_line(run("preannotate", "--db", db, "--model", rule_pipeline_path))
    assert "pre-annotated 3 document(s)" in line
    assert query(db, "select count(*) from documents where preannotated_with is null") == [(0,)]
    assert query(db, "select count(*) from suggestions") == [(10,)]
    assert query(db, "select distinct origin from spans") == [("model",)]
    assert query(db, "select distinct analyst from edits where action = 'preannotate'") == [("cli-analyst",)]

    out = tmp_path / "out.jsonl"
    line = one_line(run("export", out, "--db", db))
    assert f"exported 3 document(s) with 10 span(s) to {out}" in line
    records = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    assert [record["text"] for record in records] == [row[0] for row in query(db, "select text from documents order by position")]
    assert {record["answer"] for record in records} == {"ignore"}
    assert records[1]["meta"]["url"] == "https://example.org/1"
    assert records[2]["meta"]["desk"] == "city"
    assert [(span["text"], span["label"]) for span in records[1]["spans"]] == [
        ("Quill", "PERSON"), ("Acme Shipping", "ORG"), ("Tuesday", "DATE")
    ]

    # Only done documents with --status done.
    with AnnotationStore(db) as store:
        done_id = store.list_documents()[2].id
        store.set_status(done_id, Status.DONE)
    done_out = tmp_path / "done.jsonl"
    line = one_line(run("export", done_out, "--db", db, "--status", "done"))
    assert "exported 1 document(s) with 1 span(s)" in line
    (record,) = [json.loads(text) for text in done_out.read_text(encoding="utf-8").splitlines()]
    assert (record["meta"]["doc_id"], record["answer"]) == (done_id, "accept")
    assert record["spans"][0]["text"] == "Port Halloran"

    # Running again: nothing new to import or pre-annotate.
    line = one_line(run("import", article_file, "--db", db))
    assert "imported 0 document(s)" in line and "1 already present" in line
    assert query(db, "select count(*) from documents") == [(3,)]
    line = one_line(run("preannotate", "--db", db, "--model", rule_pipeline_path))
    assert "nothing to pre-annotate" in line
    assert query(db, "select count(*) from suggestions") == [(10,)]


def test_options_before_the_subcommand(run, tmp_path, article_file, rule_pipeline_path):
    db = tmp_path / "before.db"
    one_line(run("--db", db, "import", article_file))
    assert query(db, "select count(*) from documents") == [(1,)]
    one_line(run("--db", db, "--model", rule_pipeline_path, "preannotate"))
    assert query(db, "select count(*) from spans") == [(6,)]
    out = tmp_path / "before.jsonl"
    line = one_line(run("--db", db, "export", out, "--status", "new"))
    assert "exported 1 document(s) with 6 span(s)" in line
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1
    assert not (tmp_path / "data" / "byline" / "byline.db").exists(), "--db was not ignored"


def test_without_db_the_database_is_in_the_user_data_folder(run, tmp_path, article_file):
    line = one_line(run("import", article_file))
    default = tmp_path / "data" / "byline" / "byline.db"
    assert default.is_file()
    assert str(default) in line
    assert query(default, "select count(*) from documents") == [(1,)]


# ------------------------------------------------------------------- failures


def test_import_of_a_missing_file_fails_cleanly(run, tmp_path):
    db = tmp_path / "missing.db"
    result = run("import", tmp_path / "not-there.txt", "--db", db)
    assert_clean_failure(result, "not-there.txt", "no such file")


def test_import_of_malformed_jsonl_fails_cleanly_and_imports_nothing(run, tmp_path, article_file):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": "broken\n', encoding="utf-8")
    db = tmp_path / "malformed.db"
    result = run("import", article_file, bad, "--db", db)
    assert_clean_failure(result, "bad.jsonl", "line 2")
    assert query(db, "select count(*) from documents") == [(0,)]


def test_import_of_a_non_utf8_file_fails_cleanly(run, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\u00e9 society\n".encode("latin-1"))
    result = run("import", bad, "--db", tmp_path / "latin.db")
    assert_clean_failure(result, "latin1.txt", "UTF-8")


def test_preannotate_with_a_bad_model_fails_cleanly(run, tmp_path, article_file):
    db = tmp_path / "model.db"
    one_line(run("import", article_file, "--db", db))
    not_a_model = tmp_path / "not-a-model"
    not_a_model.mkdir()
    for model in (str(not_a_model), "no_such_spacy_package_xyz"):
        result = run("preannotate", "--db", db, "--model", model)
        assert_clean_failure(result, model)
    assert query(db, "select count(*) from documents where preannotated_with is null") == [(1,)]
    assert query(db, "select count(*) from suggestions") == [(0,)]


def test_a_folder_as_db_fails_cleanly(run, tmp_path, article_file):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run("import", article_file, "--db", folder)
    assert_clean_failure(result, "a-folder", "folder")
    assert list(folder.iterdir()) == []


def test_a_non_sqlite_db_fails_cleanly(run, tmp_path, article_file):
    db = tmp_path / "notes.txt"
    content = "Shopping list: milk, eggs, bread.\n" * 50
    db.write_text(content, encoding="utf-8")
    for args in (("import", article_file), ("export", tmp_path / "out.jsonl")):
        result = run(*args, "--db", db)
        assert_clean_failure(result, "notes.txt")
    assert db.read_text(encoding="utf-8") == content
    assert not (tmp_path / "out.jsonl").exists()


def test_a_db_from_a_newer_byline_fails_cleanly(run, tmp_path, article_file):
    db = tmp_path / "newer.db"
    with AnnotationStore(db) as store:
        store.db["_sqlite_migrations"].insert(
            {"migration_set": "byline", "name": "9999_from_the_future", "applied_at": "2099-01-01 00:00:00"}
        )
    result = run("import", article_file, "--db", db)
    assert_clean_failure(result, "newer version")
    assert query(db, "select count(*) from documents") == [(0,)]


def test_export_to_a_missing_folder_fails_cleanly(run, tmp_path, article_file):
    db = tmp_path / "export.db"
    one_line(run("import", article_file, "--db", db))
    result = run("export", tmp_path / "no" / "such" / "out.jsonl", "--db", db)
    assert_clean_failure(result, "out.jsonl")


def test_a_db_in_a_missing_folder_fails_cleanly(run, tmp_path, article_file):
    result = run("import", article_file, "--db", tmp_path / "nowhere" / "byline.db")
    assert_clean_failure(result, "nowhere", "does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_an_unreadable_settings_file_fails_cleanly(run, tmp_path, article_file):
    settings = tmp_path / "config" / "byline" / "settings.json"
    settings.parent.mkdir(parents=True)
    settings.write_text("{not json", encoding="utf-8")
    db = tmp_path / "settings.db"
    result = run("import", article_file, "--db", db)
    assert_clean_failure(result, "settings.json")
    assert not db.exists()


def test_an_unknown_status_is_a_usage_error(run, tmp_path):
    result = run("export", tmp_path / "out.jsonl", "--db", tmp_path / "x.db", "--status", "finished")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists()
    assert not (tmp_path / "out.jsonl").exists()
