"""``main.py evaluate-quotes``: scores the quote finder on a gold file (here, one we write)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = 'The mayor, Ines Duarte, spoke on Monday. "We will rebuild the bridge," Duarte said.'


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "main.py", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_evaluate_quotes_prints_the_scores(tmp_path):
    quote = '"We will rebuild the bridge,"'
    start = TEXT.index(quote)
    speaker = TEXT.index("Duarte said")
    gold = {
        "id": "t1", "text": TEXT,
        "quotes": [{
            "quote": [start, start + len(quote)], "speaker": [speaker, speaker + 6],
            "verb": [speaker + 7, speaker + 11], "quote_text": quote, "speaker_text": "Duarte",
            "verb_text": "said", "reference": "Ines Duarte", "kind": "direct",
        }],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    result = run("evaluate-quotes", str(path))
    assert result.returncode == 0, result.stderr
    assert "overlap >= 0.3" in result.stdout and "resolved-speaker accuracy" in result.stdout
    line = next(line for line in result.stdout.splitlines() if line.startswith("overlap >= 0.3"))
    assert line.split()[-1] == "100.0"  # the one quote is found


def test_evaluate_quotes_on_a_missing_file_says_so(tmp_path):
    result = run("evaluate-quotes", str(tmp_path / "nope.jsonl"))
    assert result.returncode == 1
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
