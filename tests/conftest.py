"""Shared fixtures: real SQLite files in tmp_path, a real (rule-based) spaCy pipeline."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy

# The window is real but drawn offscreen; set before Qt is imported anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from core.store import AnnotationStore  # noqa: E402
from core.workflow import import_paths  # noqa: E402

ARTICLE = (
    "Harbour talks collapse in Port Halloran\n\n"
    "Ada Quill, who leads the Dockers Union, said on Tuesday that the strike would go on.\n"
    "\"We are not moving,\" Quill told reporters. Acme Shipping declined to comment.\n"
)

ENTITY_PATTERNS = [
    {"label": "PERSON", "pattern": "Ada Quill"},
    {"label": "PERSON", "pattern": "Quill"},
    {"label": "ORG", "pattern": "Dockers Union"},
    {"label": "ORG", "pattern": "Acme Shipping"},
    {"label": "GPE", "pattern": "Port Halloran"},
    {"label": "DATE", "pattern": "Tuesday"},
]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    """Settings and the default database go to tmp_path, never to the real user folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def rule_pipeline_path(tmp_path) -> Path:
    """A real spaCy pipeline (blank English + entity rules) saved to disk, loadable by --model."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(ENTITY_PATTERNS)
    path = tmp_path / "rule-model"
    nlp.to_disk(path)
    return path


@pytest.fixture
def article_file(tmp_path) -> Path:
    path = tmp_path / "articles" / "harbour.txt"
    path.parent.mkdir()
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path):
    with AnnotationStore(tmp_path / "byline.db", analyst="tester") as opened:
        yield opened


@pytest.fixture
def store_with_article(store, article_file):
    import_paths(store, [article_file])
    return store


@pytest.fixture
def mutter_lexicon(tmp_path) -> Path:
    """A team's cue lexicon: the default one plus a verb it lacks ("muttered that ...")."""
    import json

    from core.nlp.quote_lexicon import DEFAULT_LEXICON_PATH, load_lexicon

    assert "mutter" not in load_lexicon().speech_verbs
    path = tmp_path / "ours.json"
    path.write_text(json.dumps({"extends": str(DEFAULT_LEXICON_PATH), "speech_verbs": ["mutter"]}), encoding="utf-8")
    return path
