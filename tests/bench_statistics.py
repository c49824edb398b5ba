"""On-demand benchmark: the Statistics view on 100,000 documents (issue 7). Not part of the test run.

    python tests/bench_statistics.py [--documents 100000] [--db PATH]

``--db`` keeps the generated database at PATH and reuses it on the next run
(generating 100,000 documents takes minutes; opening it migrates it).

Generates a database (kept in a temporary folder) with short articles, each
with entity spans, two quotes with speakers from a pool of names, and a
third of them done, then times the one-off counting of every document (what
the first statistics after an upgrade cost) and, as medians of 3,
corpus_statistics (the SQL) and opening the Statistics window (offscreen)
with all its charts.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion, Status, Token  # noqa: E402
from core.statistics import corpus_statistics  # noqa: E402
from core.store import AnnotationStore, NewDocument  # noqa: E402

NAMES = ["Ada Quill", "Tom Reyes", "Mai Lee", "Ines Duarte", "Dmitry Peskov", "Marco Rubio", "Zoë Castellanos"]
TEMPLATE = "{name} said on Monday that the plan in Brackford would cost {n} million. \"We will see,\" {last} said."


def tokens_of(text: str) -> tuple[Token, ...]:
    # Whitespace tokens are enough here and far faster than spaCy for 100,000 documents.
    out, start = [], 0
    for word in text.split(" "):
        out.append(Token(start, start + len(word), True))
        start += len(word) + 1
    return tuple(out)


def build(path: Path, count: int) -> None:
    rng = random.Random(1)
    store = AnnotationStore(path, analyst="bench")
    batch = 2000
    for first in range(0, count, batch):
        documents = []
        for number in range(first, min(count, first + batch)):
            name = rng.choice(NAMES)
            text = TEMPLATE.format(name=name, n=number, last=name.split()[-1])
            documents.append(NewDocument(text, f"Article {number}", {}, tokens_of(text)))
        store.add_documents(documents)
    ids = [row[0] for row in store.db.execute("select id from documents order by position")]
    with store._write():  # one transaction per run: the benchmark measures reading, not writing
        for number, doc_id in enumerate(ids):
            text = store.db.execute("select text from documents where id = ?", [doc_id]).fetchone()[0]
            name = text.split(" said")[0]
            said = text.index(" said") + 1
            quote_start = text.index('"')
            quote_end = text.index('"', quote_start + 1) + 1
            store.save_preannotation(
                doc_id, "bench",
                [SpanSuggestion(0, len(name), "PERSON", Layer.ENTITY),
                 SpanSuggestion(text.index("Monday"), text.index("Monday") + 6, "DATE", Layer.ENTITY),
                 SpanSuggestion(text.index("Brackford"), text.index("Brackford") + 9, "GPE", Layer.ENTITY)],
                [QuoteSuggestion(said + 5, quote_start - 1, QuoteKind.INDIRECT, (0, len(name)), (said, said + 4), name),
                 QuoteSuggestion(quote_start, quote_end, QuoteKind.DIRECT, None, None, name.split()[-1])],
            )
            if number % 3 == 0:
                store.set_status(doc_id, Status.DONE)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the generated database here and reuse it when it exists")
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp()) / "stats.db"
    if path.exists():
        print(f"reusing {path}")
    else:
        started = time.perf_counter()
        build(path, args.documents)
        print(f"generated {args.documents:,} documents in {time.perf_counter() - started:.0f} s ({path})")
    started = time.perf_counter()
    store = AnnotationStore(path, analyst="bench")
    print(f"open (and migrate, if the database is older): {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    counted = store.refresh_counts()
    # Once per database: after upgrading, or after documents were added without
    # the workflow (which counts each document as it is saved, ~1 ms each).
    print(f"per-document counts for {counted:,} uncounted documents: {time.perf_counter() - started:.1f} s")
    sql = []
    for _ in range(3):
        started = time.perf_counter()
        stats = corpus_statistics(store)
        sql.append(time.perf_counter() - started)
    print(f"corpus_statistics: median {statistics.median(sql):.2f} s "
          f"({stats.documents:,} documents, {stats.quotes:,} quotes, top speaker {stats.top_speakers[0].canonical})")
    from PySide6.QtWidgets import QApplication

    from gui.statistics_view import StatisticsView

    app = QApplication.instance() or QApplication(sys.argv)
    view_times = []
    for _ in range(3):
        started = time.perf_counter()
        view = StatisticsView(store)
        view.show()
        app.processEvents()
        view_times.append(time.perf_counter() - started)
        view.close()
    print(f"Statistics window open with all charts drawn: median {statistics.median(view_times):.2f} s")
    store.close()


if __name__ == "__main__":
    main()
