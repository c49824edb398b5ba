"""Pre-annotation off the GUI thread: load the spaCy pipeline, annotate, save.

The worker opens its own store connection (SQLite connections belong to one
thread) and saves each document as soon as it is done; the window listens to
its signals and redraws what changed.
"""
from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from core.errors import BylineError
from core.store import AnnotationStore

if TYPE_CHECKING:
    from gui.main_window import MainWindow


class PreannotationWorker(QObject):
    status = Signal(str)
    imported = Signal(int)  # sample documents added to an empty database
    reset = Signal(int)  # untouched documents whose suggestions were forgotten, to be done again
    progress = Signal(int, int, str)  # done, total, document id
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, db_path: Path, analyst: str, model: str | None, import_samples: bool = True,
                 lexicon: str | None = None, again: bool = False) -> None:
        super().__init__()
        self.db_path = db_path
        self.analyst = analyst
        self.model = model
        self.lexicon = lexicon
        self.again = again  # also the documents no analyst has touched (store.reset_preannotation)
        self.import_samples = import_samples
        self._stop = False

    def stop(self) -> None:
        """Ask the run to stop after the document in flight (which is saved)."""
        self._stop = True

    @Slot()
    def run(self) -> None:
        try:
            with AnnotationStore(self.db_path, analyst=self.analyst) as store:
                # Imported here, not at start-up: spaCy takes a while to import
                # and the window should be up before it is.
                from core.nlp.pipeline import PreAnnotator, load_pipeline
                from core.workflow import import_samples_if_empty, preannotate_pending

                if self.import_samples:
                    self.status.emit("Adding the sample articles…")
                    added = import_samples_if_empty(store)
                    if added:
                        self.imported.emit(added)
                pending = len(store.documents_needing_preannotation())
                if not (pending or self.again) or self._stop:
                    self.finished.emit(0)
                    return
                self.status.emit(f"Loading the spaCy pipeline {self.model or 'en_core_web_sm'}…")
                annotator = PreAnnotator(load_pipeline(self.model), lexicon=self.lexicon)
                if self.again:  # only now: a pipeline that fails to load leaves every suggestion there
                    self.reset.emit(store.reset_preannotation(store.untouched_preannotated()))
                    pending = len(store.documents_needing_preannotation())
                self.status.emit(f"Pre-annotating {pending} document(s) with {annotator.name}…")
                done = preannotate_pending(
                    store,
                    annotator,
                    on_progress=lambda done, total, doc_id: self.progress.emit(done, total, doc_id),
                    should_stop=lambda: self._stop,
                )
                self.finished.emit(done)
        except BylineError as exc:
            self.failed.emit(str(exc))


class PreannotationRunner(QObject):
    """Runs a PreannotationWorker on a QThread for the window and shows its progress."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._thread: QThread | None = None
        self._worker: PreannotationWorker | None = None

    def is_running(self) -> bool:
        return self._thread is not None

    def start(self, import_samples: bool = True, again: bool = False) -> None:
        if self._thread is not None:
            return
        window = self.window
        self._thread = QThread(self)
        self._worker = PreannotationWorker(
            window.store.path, window.settings.analyst, window.model_name, import_samples, window.settings.lexicon,
            again,
        )
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.status.connect(window.status_text.setText)
        self._worker.imported.connect(self._imported)
        self._worker.reset.connect(self._reset)
        self._worker.progress.connect(self._progress)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        window.progress_bar.setRange(0, 0)
        window.progress_bar.show()
        self._thread.start()

    def stop_and_wait(self) -> None:
        """Stop after the document in flight (it is saved) and wait for the thread."""
        if self._worker is not None:
            self._worker.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(15000)

    def _imported(self, _count: int) -> None:
        window = self.window
        window.refresh_documents()
        ids = window.documents.visible_ids()
        if window.current_doc_id is None and ids:
            window.open_document(ids[0])

    def offer_again(self) -> None:
        """After the pipeline or cue lexicon changed: offer to pre-annotate again the
        documents no analyst has touched, with the new settings."""
        window = self.window
        count = len(window.store.untouched_preannotated())
        if not count or self.is_running():
            return
        answer = QMessageBox.question(
            window, "Byline: pre-annotate again?",
            f"Pre-annotate again, with the new settings, the {count} document(s) no one has worked on yet?\n\n"
            "Their current suggestions are replaced. Documents an analyst has changed keep everything.")
        if answer == QMessageBox.StandardButton.Yes:
            self.start(import_samples=False, again=True)

    def _reset(self, _count: int) -> None:
        window = self.window
        window.refresh_documents()
        if window.current_doc_id is not None:
            window.open_document(window.current_doc_id, keep_view=True)

    def _progress(self, done: int, total: int, doc_id: str) -> None:
        window = self.window
        window.progress_bar.setRange(0, total)
        window.progress_bar.setValue(done)
        window.documents.refresh_document(doc_id)
        if doc_id == window.current_doc_id:
            window.open_document(doc_id, keep_view=True)

    def _finished(self, count: int) -> None:
        self._end()
        self.window.status_text.setText(f"Pre-annotated {count} document(s)" if count else "Ready")

    def _failed(self, message: str) -> None:
        self._end()
        self.window.status_text.setText("Pre-annotation failed")
        QMessageBox.warning(self.window, "Byline: pre-annotation failed", message)

    def _end(self) -> None:
        self.window.progress_bar.hide()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
