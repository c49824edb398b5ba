"""On-demand benchmark: long articles stay fast (issue 4). Not part of the test run.

    python tests/bench_long_articles.py

Builds articles of 2k, 20k and 200k characters with one span per ~40
characters (5,000 spans at 200k), opens each in the real window (offscreen) and
times, as medians: opening the article, and single edits (create, relabel,
delete, undo) from the call to the store until the view has redrawn. The edit
times should not grow with the article's length.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from core.model import Label, Layer, SpanSuggestion  # noqa: E402
from core.nlp.tokenizer import tokenize  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.store import AnnotationStore, NewDocument  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

SENTENCE = "Minister Ada Quill told reporters in Port Halloran on Monday that talks would resume. "


def make_article(length: int) -> tuple[str, list[SpanSuggestion]]:
    # Paragraphs of four sentences (~350 characters), as in news copy.
    paragraph = SENTENCE * 3 + SENTENCE.strip() + "\n\n"
    text = ""
    while len(text) < length:
        text += paragraph
    text = text[:length].rsplit(" ", 1)[0] + "."
    spans = []
    for token in tokenize(text):
        if not token.is_space and text[token.start].isupper() and len(spans) < length // 40:
            spans.append(SpanSuggestion(token.start, token.end, "PERSON", Layer.ENTITY))
    return text, spans


def timed(operation, app) -> float:
    started = time.perf_counter()
    operation()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def measure(length: int, app, repeats: int = 15) -> dict[str, float]:
    folder = tempfile.mkdtemp()
    store = AnnotationStore(Path(folder) / "bench.db", analyst="bench")
    text, spans = make_article(length)
    store.add_documents([NewDocument(text, f"{length}", {}, tokenize(text))])
    doc_id = store.list_documents()[0].id
    store.save_preannotation(doc_id, "bench", spans)
    window = MainWindow(store, Settings(analyst="bench"))
    window.show()
    app.processEvents()
    results: dict[str, list[float]] = {"open": [], "create": [], "relabel": [], "delete": [], "undo": []}
    for _ in range(5):
        results["open"].append(timed(lambda: window.open_document(doc_id), app))
    person = Label("PERSON", Layer.ENTITY, "", "p")
    org = Label("ORG", Layer.ENTITY, "", "o")
    words = [t for t in tokenize(text) if not t.is_space and t.end - t.start > 3][: repeats * 3]
    for index in range(repeats):
        word = words[index * 3 + 1]
        window.article.select_range(word.start, word.end)
        results["create"].append(timed(lambda: window.editor.apply_label(person), app))
        results["relabel"].append(timed(lambda: window.editor.apply_label(org), app))
        results["delete"].append(timed(window.editor.delete_selected, app))
        results["undo"].append(timed(window.undo, app))
    window.close()
    store.close()
    return {name: statistics.median(values) for name, values in results.items()} | {"spans": len(spans)}


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    sizes = (2_000, 20_000, 200_000)
    rows = {size: measure(size, app) for size in sizes}
    print("median milliseconds (offscreen window, real SQLite file)")
    print(f"{'':>10}" + "".join(f"{size:>12,} ch" for size in sizes))
    for name in ("spans", "open", "create", "relabel", "delete", "undo"):
        cells = "".join(f"{rows[size][name]:>15.1f}" if name != "spans" else f"{rows[size][name]:>15}" for size in sizes)
        print(f"{name:>10}{cells}")
    largest, smallest = rows[sizes[-1]], rows[sizes[0]]
    for name in ("create", "relabel", "delete", "undo"):
        print(f"{name}: 200k / 2k = {largest[name] / smallest[name]:.2f}")


if __name__ == "__main__":
    main()
