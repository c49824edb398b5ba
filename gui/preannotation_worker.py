"""Pre-annotation off the GUI thread: load the spaCy pipeline, annotate, save.

The worker opens its own store connection (SQLite connections belong to one
thread) and saves each document as soon as it is done; the window listens to
its signals and redraws what changed.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import BylineError
from core.store import AnnotationStore


class PreannotationWorker(QObject):
    status = Signal(str)
    imported = Signal(int)  # sample documents added to an empty database
    progress = Signal(int, int, str)  # done, total, document id
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, db_path: Path, analyst: str, model: str | None, import_samples: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.analyst = analyst
        self.model = model
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
                if not pending or self._stop:
                    self.finished.emit(0)
                    return
                self.status.emit(f"Loading the spaCy pipeline {self.model or 'en_core_web_sm'}…")
                annotator = PreAnnotator(load_pipeline(self.model))
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
