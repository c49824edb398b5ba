"""On-demand measurements for the first loop (not part of the test run).

    python tests/bench_first_loop.py

Prints, as medians over several runs: time from a cold interpreter to the
window being shown (on the offscreen platform, empty database), and
pre-annotation throughput (documents/s) of the default English pipeline on
the bundled sample articles, with and without the quote finder.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Starts the real app code path, stops once the window is on screen.
_WINDOW_PROBE = """
import sys, time
start = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from core.settings import load_settings
from core.store import AnnotationStore
from gui.main_window import MainWindow
app = QApplication(sys.argv)
store = AnnotationStore(sys.argv[1])
window = MainWindow(store, load_settings())
window.show()
app.processEvents()
print(time.perf_counter() - start)
"""


def time_to_window(runs: int = 5) -> list[float]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": folder, "XDG_DATA_HOME": folder}
            started = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", _WINDOW_PROBE, str(Path(folder) / "b.db")],
                cwd=ROOT, env=env, capture_output=True, text=True, check=True,
            )
            results.append((time.perf_counter() - started, float(out.stdout.strip().splitlines()[-1])))
    return results


def preannotation_rate(with_quotes: bool, runs: int = 3) -> tuple[float, int, int]:
    from core.importer import read_paths
    from core.nlp.pipeline import PreAnnotator, load_pipeline
    from core.resources import SAMPLES_DIR

    texts = [doc.text for _path, docs in read_paths([SAMPLES_DIR]) for doc in docs] * 4
    annotator = PreAnnotator(load_pipeline(), with_quotes=with_quotes)
    list(annotator.annotate_many(texts[:2]))  # warm up
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        list(annotator.annotate_many(texts))
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates), len(texts), sum(len(text.split()) for text in texts)


def main() -> None:
    windows = time_to_window()
    print(f"time to window, cold interpreter: median {statistics.median(w[0] for w in windows):.2f} s "
          f"(of which in-process {statistics.median(w[1] for w in windows):.2f} s), {len(windows)} runs")
    plain, count, words = preannotation_rate(with_quotes=False)
    quotes, _, _ = preannotation_rate(with_quotes=True)
    print(f"pre-annotation, {count} documents of {words // count} words on average: "
          f"{plain:.1f} docs/s ({plain * words / count:.0f} words/s) entities only, "
          f"{quotes:.1f} docs/s with quotes (ratio {quotes / plain:.2f})")


if __name__ == "__main__":
    main()
