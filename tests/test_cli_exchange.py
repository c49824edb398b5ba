"""The command line's formats, filters, train and evaluate, run as real processes."""
from __future__ import annotations

import json

from core.model import Status
from core.store import AnnotationStore
from tests.format_helpers import build_annotated
from tests.test_cli import assert_clean_failure, one_line, query, run  # noqa: F401 (run is a fixture)
from tests.test_train import corpus


def test_export_and_import_every_format(run, tmp_path):
    db = tmp_path / "team.db"
    with AnnotationStore(db, analyst="ana") as store:
        build_annotated(store, tmp_path / "texts")
    outputs = {
        "prodigy": tmp_path / "out.jsonl", "doccano": tmp_path / "out.doccano.jsonl",
        "doccano-rel": tmp_path / "out.rel.jsonl", "label-studio": tmp_path / "out.json",
        "spacy": tmp_path / "out.spacy", "brat": tmp_path / "brat", "conll": tmp_path / "out.conll",
    }
    for fmt, out in outputs.items():
        line = one_line(run("export", out, "--db", db, "--format", fmt))
        assert line.startswith("exported 3 document(s) with ") and f"to {out} ({fmt}" in line, line
    # Filters: one done document, with 9 spans.
    line = one_line(run("export", tmp_path / "done.json", "--db", db, "--format", "label-studio",
                        "--status", "done", "--annotator", "ana", "--since", "2000-01-01", "--label", "QUOTE"))
    assert "exported 1 document(s) with 9 span(s)" in line
    assert len(json.loads((tmp_path / "done.json").read_text(encoding="utf-8"))) == 1
    # Each file imports into a new database without --format (guessed), as the analysts' spans.
    for fmt, out in outputs.items():
        target = tmp_path / f"in-{fmt}.db"
        line = one_line(run("import", out, "--db", target))
        assert "imported 3 document(s) from 1 file(s)" in line, (fmt, line)
        assert query(target, "select distinct origin from spans") == [("analyst",)], fmt
    assert query(tmp_path / "in-spacy.db", "select count(*) from spans") == [(17,)]
    # ... or as suggestions.
    line = one_line(run("import", outputs["doccano-rel"], "--db", tmp_path / "sugg.db", "--as-suggestions"))
    assert "imported 3 document(s) as suggestions" in line
    assert query(tmp_path / "sugg.db", "select count(*), min(origin) from spans") == [(17, "model")]
    assert query(tmp_path / "sugg.db", "select count(*) from suggestions") == [(17,)]


def test_format_errors_are_clean(run, tmp_path):
    db = tmp_path / "e.db"
    bad = tmp_path / "bad.json"
    bad.write_text('[{"data": {"text": "Quill spoke."}, "annotations": [{"result": [{"value": {"start": 0, "end": 3, '
                   '"labels": ["PERSON"]}, "id": "a", "type": "labels"}]}]}]', encoding="utf-8")
    assert_clean_failure(run("import", bad, "--db", db), "bad.json, task 1, result 1", "token boundaries")
    assert query(db, "select count(*) from documents") == [(0,)]
    result = run("export", tmp_path / "x.conll", "--db", db, "--format", "nonsense")
    assert result.returncode == 2 and "invalid choice" in result.stderr
    assert_clean_failure(run("export", tmp_path / "x.json", "--db", db, "--since", "yesterday"), "not a date")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x", encoding="utf-8")
    assert_clean_failure(run("export", tmp_path / "full", "--db", db, "--format", "brat"), "not an empty folder")
    assert_clean_failure(run("train", tmp_path / "model", "--db", db), "at least 2 finished documents")


def test_train_preannotate_and_evaluate(run, tmp_path, rule_pipeline_path):
    db = tmp_path / "train.db"
    with AnnotationStore(db) as store:
        corpus(store, 12)
    out = tmp_path / "trained"
    result = run("train", out, "--db", db, "--model", rule_pipeline_path, "--from-scratch", "--small",
                 "--max-steps", "200", "--max-epochs", "0", "--eval-share", "0.25")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "trained a new NER on 9 document(s), scored on 3 held out"
    assert any(line.startswith("before (") for line in lines) and any(line.startswith("after (") for line in lines)
    after = lines[next(i for i, line in enumerate(lines) if line.startswith("after (")) + 1 :]
    person = next(line for line in after if line.startswith("PERSON"))
    assert float(person.split()[3]) > 0, "F1 of PERSON after training"
    assert f"--model {out / 'model-best'}" in lines[-1]

    text = tmp_path / "new.txt"
    text.write_text("Later Ed Fox spoke in Ashford again.\n", encoding="utf-8")
    one_line(run("import", text, "--db", db))
    line = one_line(run("preannotate", "--db", db, "--model", out / "model-best"))
    assert "with en_byline_ner-0.0.0" in line
    assert ("Ed Fox", "PERSON") in [
        (row[0][row[1]:row[2]], row[3])
        for row in query(db, "select d.text, s.start, s.end, s.label from suggestions s join documents d on d.id = s.doc_id")
    ]
    # The analyst corrects the new document: evaluate reports it, per label, with the correction.
    with AnnotationStore(db) as store:
        doc_id = next(d.id for d in store.list_documents() if d.status is Status.NEW)
        for span in store.spans(doc_id):
            if store.get_document(doc_id).text[span.start : span.end] == "Ed Fox":
                store.relabel_span(span.id, "ORG")
        store.set_status(doc_id, Status.DONE)
    result = run("evaluate", "--db", db, "--layer", "entity")
    assert result.returncode == 0, result.stderr
    assert "in 13 document(s)" in result.stdout.splitlines()[0], "the corpus was pre-annotated too"
    assert "relabelled  PERSON -> ORG" in result.stdout
