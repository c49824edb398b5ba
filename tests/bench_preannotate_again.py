"""On-demand benchmark of resetting untouched documents for pre-annotating again
(not collected by pytest).

    python tests/bench_preannotate_again.py [--docs 5000] [--runs 3]

Builds a database of pre-annotated documents in a temporary folder (suggestions
stored directly, no spaCy), then times listing the untouched documents and
resetting them. Prints medians, and the longest time one batch holds the write
lock: it should stay far below the store's 5 s busy timeout, so the window's
edits never fail while a reset runs.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BODY = "Ada Quill said the ferry would be late. The harbour master said that it would sail at noon.\n"


def build(path: Path, count: int) -> None:
    from core.model import Layer, QuoteKind, QuoteSuggestion, SpanSuggestion
    from core.nlp.tokenizer import tokenize
    from core.store import AnnotationStore, NewDocument

    with AnnotationStore(path, analyst="bench") as store:
        texts = [f"Ferry report {n}\n\n{BODY}" for n in range(count)]
        store.add_documents([NewDocument(text=t, title=t.splitlines()[0], meta={}, tokens=tokenize(t)) for t in texts])
        for doc_id in store.documents_needing_preannotation():
            text = store.get_document(doc_id).text
            ada, content = text.index("Ada"), text.index("the ferry")
            quote = QuoteSuggestion(content, content + 23, QuoteKind.INDIRECT, (ada, ada + 9), (ada + 10, ada + 14))
            store.save_preannotation(doc_id, "bench", [SpanSuggestion(ada, ada + 9, "PERSON", Layer.ENTITY)], [quote])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from core import store_preannotation_reset
    from core.store import AnnotationStore

    listing, resetting = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            build(path, args.docs)
            with AnnotationStore(path, analyst="bench") as store:
                start = time.perf_counter()
                ids = store.untouched_preannotated()
                listing.append(time.perf_counter() - start)
                start = time.perf_counter()
                assert store.reset_preannotation(ids) == args.docs
                resetting.append(time.perf_counter() - start)
    batches = -(-args.docs // store_preannotation_reset.RESET_BATCH)
    reset = statistics.median(resetting)
    print(f"documents: {args.docs}  runs: {args.runs}  batch: {store_preannotation_reset.RESET_BATCH}")
    print(f"list untouched (median)   {statistics.median(listing) * 1000:8.1f} ms")
    print(f"reset all (median)        {reset:8.2f} s   ({args.docs / reset:,.0f} documents/s)")
    print(f"write lock per batch      {reset / batches * 1000:8.1f} ms on average (busy timeout: 5000 ms)")


if __name__ == "__main__":
    main()
