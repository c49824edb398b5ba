"""Peak memory of exporting 1k and 10k generated documents, per format (on demand, not a test).

    python tests/bench_export_memory.py [--sizes 1000 10000] [--formats prodigy conll ...]

Builds a database per size (articles of ~600 characters with 8 entities and a
quote with speaker and cue each), then exports it in every format and prints
the peak of Python allocations during the export (tracemalloc), above what was
allocated before it started. Streaming formats stay flat as the corpus grows;
spaCy's DocBin is one serialised object and grows with it.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.formats import FORMATS, export  # noqa: E402
from core.nlp.tokenizer import tokenize  # noqa: E402
from core.store import AnnotationStore  # noqa: E402
from core.store_records import NewDocument, NewRelation, NewSpan  # noqa: E402

TEMPLATE = (
    "Port talks in {city} collapse after {n} hours\n\n"
    "Ada Quill, who leads the Dockers Union, said on Tuesday that the strike in {city} would go on. "
    "Acme Shipping declined to comment, and the Harbour Board met in Kestrel Bay. "
    "\"We are not moving, not this week and not next week,\" Quill told reporters outside the gates. "
    "Officials from Dunmore and Ashford are expected to join talks on Friday, story number {n}.\n"
)
ENTITIES = [("Ada Quill", "PERSON"), ("Dockers Union", "ORG"), ("Tuesday", "DATE"), ("Acme Shipping", "ORG"),
            ("Harbour Board", "ORG"), ("Kestrel Bay", "GPE"), ("Dunmore", "GPE"), ("Friday", "DATE")]


# How each measured variant is written: (format, suffix of OUT; "" for a folder).
VARIANTS = {"spacy": ("spacy", ".spacy"), "spacy-folder": ("spacy", ""), "brat": ("brat", "")}


def article(n: int) -> NewDocument:
    text = TEMPLATE.format(city=f"Port {n}", n=n)
    spans = [NewSpan(text.index(p), text.index(p) + len(p), label) for p, label in ENTITIES]
    quote = text.index("We are not moving")
    quote_end = text.index("next week,") + len("next week,")
    speaker = text.index("Quill told")
    cue = text.index("told")
    spans += [NewSpan(quote, quote_end, "QUOTE", {"kind": "direct", "resolved_speaker": "Ada Quill"}),
              NewSpan(speaker, speaker + 5, "SPEAKER"), NewSpan(cue, cue + 4, "CUE")]
    relations = (NewRelation(8, 9, "speaker"), NewRelation(8, 10, "cue"))
    return NewDocument(text, f"Story {n}", {"n": n}, tokenize(text), tuple(spans), relations)


def build(path: Path, count: int) -> None:
    with AnnotationStore(path, analyst="bench") as store:
        batch = 1000
        for first in range(0, count, batch):
            store.add_documents_with_spans([article(n) for n in range(first, min(count, first + batch))])


def measure(db: Path, fmt: str, out: Path) -> tuple[float, float, int]:
    with AnnotationStore(db, analyst="bench") as store:
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        started = time.perf_counter()
        summary = export(store, out, fmt)
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return (peak - before) / 1e6, seconds, summary.documents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=list(FORMATS))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="byline-bench-"))
    try:
        # spaCy's DocBin twice: one .spacy file (built in memory) and a folder of shards.
        variants = [v for fmt in args.formats for v in ([fmt] if fmt != "spacy" else ["spacy", "spacy-folder"])]
        results: dict[str, dict[int, tuple[float, float]]] = {name: {} for name in variants}
        for size in args.sizes:
            db = folder / f"bench-{size}.db"
            started = time.perf_counter()
            build(db, size)
            print(f"built {size} documents in {time.perf_counter() - started:.1f} s", file=sys.stderr)
            for name in variants:
                fmt, suffix = VARIANTS.get(name, (name, ".out"))
                out = folder / f"out-{size}-{fmt}{suffix}"
                peak, seconds, documents = measure(db, fmt, out)
                assert documents == size
                results[name][size] = (peak, seconds)
                if out.is_dir():
                    shutil.rmtree(out)
                else:
                    out.unlink()
        header = "".join(f"{f'{size:,} docs':>22}" for size in args.sizes)
        print(f"{'format':<14}{header}   (peak MB of Python allocations during the export, seconds)")
        for fmt, by_size in results.items():
            cells = "".join(f"{f'{by_size[s][0]:.1f} MB {by_size[s][1]:.1f} s':>22}" for s in args.sizes)
            print(f"{fmt:<14}{cells}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
