"""How ``tests/data/schema1.db`` was made: a small database of the first released schema.

The file is a frozen fixture for ``tests/test_migrations.py``: it stands for a
database an analyst made with Byline 0.1 (schema 1, migration ``0001_initial``
only). Do not regenerate it in the tests, and do not regenerate it at all unless
the old schema itself is meant to change (it never should: released migrations
are never edited).

It was produced by running, from the repository root, with the code of commit
65d0353 (Byline 0.1, whose only migration is 0001_initial)::

    python -m tests.make_schema1_db tests/data/schema1.db

Later store code may write tables schema 1 does not have (the undo log, for
one), so to make it again, run it in a worktree of that commit
(``git worktree add /tmp/byline-0.1 65d0353``). It opens an ``AnnotationStore`` that knows only the first migration and writes
through the store's own methods, as Byline 0.1 did: two documents (one with an
emoji, an RTL name and a combining accent), model suggestions with a quote whose
speaker and cue are linked, and analyst edits (create, relabel, resize, delete,
status). ``EXPECTED`` below records what the migration tests check is kept.
"""
from __future__ import annotations

import sys
from pathlib import Path
from unittest import mock

from sqlite_utils import Migrations

FIRST_SCHEMA = "0001_initial"

TEXTS = (
    (
        "Harbour talks collapse in Port Halloran\n\n"
        "Ada Quill, who leads the Dockers Union, said on Tuesday that the strike would go on.\n"
        "\"We are not moving,\" Quill told reporters. Acme Shipping declined to comment.\n"
    ),
    "Café owners 😀 meet Yosef בן-דוד in Rosé\u0301 Square\n\nThe talks went well, said Acme Shipping.\n",
)

# What the fixture holds (checked by the migration tests).
EXPECTED = {"documents": 2, "labels_min": 10, "relations": 2}


def _first_schema_only() -> Migrations:
    from core import schema

    first = Migrations("byline")
    first(name=FIRST_SCHEMA)(schema._initial)
    return first


def build(path: Path) -> None:
    from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion, Status
    from core.nlp.tokenizer import tokenize
    from core.store import AnnotationStore, NewDocument

    if path.exists():
        raise SystemExit(f"{path} exists; the fixture is frozen, remove it by hand if you really mean to")
    with (
        mock.patch("core.store.MIGRATIONS", _first_schema_only()),
        mock.patch("core.store.known_migration_names", lambda: [FIRST_SCHEMA]),
        AnnotationStore(path, analyst="ana") as store,
    ):
        store.add_documents(
            NewDocument(text=text, title=text.splitlines()[0], meta={"source": f"story{n}.txt"}, tokens=tokenize(text))
            for n, text in enumerate(TEXTS)
        )
        first, second = [summary.id for summary in store.list_documents()]
        text = TEXTS[0]

        def at(phrase: str, source: str = text) -> tuple[int, int]:
            start = source.index(phrase)
            return start, start + len(phrase)

        quote = at('"We are not moving,"')
        store.save_preannotation(
            first,
            "en_core_web_sm-3.8.0",
            [
                SpanSuggestion(*at("Ada Quill"), "PERSON"),
                SpanSuggestion(*at("Dockers Union"), "ORG"),
                SpanSuggestion(*at("Port Halloran"), "GPE"),
                SpanSuggestion(*at("Tuesday"), "DATE"),
                SpanSuggestion(*at("Acme Shipping"), "PERSON"),
            ],
            [QuoteSuggestion(*quote, QuoteKind.DIRECT, speaker=(at("Quill told")[0], at("Quill told")[0] + 5),
                             cue=at("told"), resolved_speaker="Ada Quill")],
        )
        spans = {text[s.start : s.end]: s for s in store.spans(first)}
        store.relabel_span(spans["Acme Shipping"].id, "ORG")
        store.resize_span(spans["Port Halloran"].id, *at("Port Halloran"))
        store.accept_span(spans["Ada Quill"].id)
        store.delete_span(spans["Tuesday"].id)
        store.create_span(first, *at("strike"), "EVENT")
        store.set_status(first, Status.DONE)
        other = TEXTS[1]
        store.create_span(second, *at("Yosef בן-דוד", other), "PERSON")
        store.create_span(second, *at("Acme Shipping", other), "ORG")
        assert all(label.layer in (Layer.ENTITY, Layer.QUOTE) for label in store.labels())
    # One self-contained file (still in WAL mode, as Byline leaves it), compacted.
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]))
