"""MainWindow: document list, article view, label palette, and the commands that tie them.

Every edit goes to the AnnotationStore first; only then does the view redraw the
spans that changed, so the screen never shows something the database lacks.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QThread, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.errors import BylineError
from core.model import Layer, Span, Status
from core.settings import Settings
from core.store import AnnotationStore
from gui.article_view import ArticleView
from gui.document_list import DocumentListModel
from gui.label_palette import LabelPalette
from gui.preannotation_worker import PreannotationWorker
from gui.quote_controller import QuoteController
from gui.quote_panel import QuotePanel
from gui.shortcuts import BY_NAME


class MainWindow(QMainWindow):
    """The annotation window over one store."""

    documentOpened = Signal(str)

    def __init__(self, store: AnnotationStore, settings: Settings, model: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.model_name = model
        self.current_doc_id: str | None = None
        self.selected_span_id: str | None = None
        self._spans: dict[str, Span] = {}
        self._thread: QThread | None = None
        self._worker: PreannotationWorker | None = None
        self.labels = store.labels()

        self.setWindowTitle(f"Byline — {store.path.name}")
        self.resize(1400, 860)
        self._build_widgets()
        self.quotes = QuoteController(self)
        self._build_actions()
        self.refresh_documents()
        if self.documents.rowCount():
            self.open_row(0)

    # ----------------------------------------------------------- building

    def _build_widgets(self) -> None:
        self.documents = DocumentListModel(self.store, self)
        self.document_table = QTableView()
        self.document_table.setModel(self.documents)
        self.document_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.document_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.document_table.verticalHeader().hide()
        self.document_table.setWordWrap(False)
        header = self.document_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.document_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: current.isValid() and self._open_if_other(current.row())
        )

        self.article = ArticleView()
        self.article.spanClicked.connect(self.select_span)
        # A drafted range keeps the selected span: it may become the span's new
        # extent (resize) or the selected quote's speaker or cue.
        self.article.selectionCleared.connect(lambda: self._set_selected(None))

        self.palette_widget = LabelPalette()
        self.palette_widget.set_labels(self.labels)
        self.palette_widget.labelChosen.connect(self.apply_label)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setMinimumHeight(90)
        self.quote_panel = QuotePanel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.palette_widget, 3)
        side_layout.addWidget(self.details, 1)
        side_layout.addWidget(self.quote_panel)

        splitter = QSplitter()
        splitter.addWidget(self.document_table)
        splitter.addWidget(self.article)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([380, 800, 220])
        self.setCentralWidget(splitter)

        self.status_text = QLabel("Ready")
        self.progress_text = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.hide()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.progress_text)

    def _command_action(self, name: str, handler, toolbar_text: str | None = None) -> QAction:
        command = BY_NAME[name]
        action = QAction(toolbar_text or command.text, self)
        action.setShortcuts([QKeySequence(key) for key in command.keys])
        action.setToolTip(f"{command.text} ({', '.join(command.keys)})")
        action.triggered.connect(handler)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        toolbar = self.addToolBar("Document")
        toolbar.setMovable(False)
        toolbar.addAction(self._command_action("previous_document", self.previous_document, "◀ Previous"))
        toolbar.addAction(self._command_action("next_document", self.next_document, "Next ▶"))
        toolbar.addSeparator()
        toolbar.addAction(self._command_action("mark_done", self.mark_done, "✔ Done"))
        toolbar.addAction(self._command_action("skip_document", self.skip_document, "Skip"))
        toolbar.addSeparator()
        toolbar.addAction(self._command_action("delete_span", self.delete_selected, "Delete span"))
        toolbar.addAction(self._command_action("resize_span", self.resize_selected, "Resize to selection"))
        self._command_action("clear_selection", self.clear_selection)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._command_action("import", self.import_files, "Import articles…"))
        file_menu.addAction(self._command_action("export", self.export_jsonl, "Export JSONL…"))
        file_menu.addSeparator()
        settings_action = QAction("Settings…", self)
        settings_action.triggered.connect(self.edit_settings)
        file_menu.addAction(settings_action)
        file_menu.addAction(self._command_action("quit", self.close, "Quit"))

        # Label keys: single keys from the label set, active anywhere in the window.
        self.label_actions: dict[str, QAction] = {}
        for label in self.labels:
            if not label.shortcut:
                continue
            action = QAction(label.name, self)
            action.setShortcut(QKeySequence(label.shortcut))
            action.triggered.connect(lambda _checked=False, name=label.name: self.apply_label(name))
            self.addAction(action)
            self.label_actions[label.name] = action

    # ---------------------------------------------------------- documents

    def refresh_documents(self) -> None:
        self.documents.refresh()
        if self.current_doc_id:
            row = self.documents.row_of(self.current_doc_id)
            if row is not None:
                self._highlight_row(row)
        self._update_progress()

    def _highlight_row(self, row: int) -> None:
        self.document_table.selectionModel().blockSignals(True)
        self.document_table.selectionModel().setCurrentIndex(
            self.documents.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.document_table.selectionModel().blockSignals(False)
        self.document_table.scrollTo(self.documents.index(row, 0))

    def _open_if_other(self, row: int) -> None:
        if self.documents.summary(row).id != self.current_doc_id:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        self.open_document(self.documents.summary(row).id)

    def open_document(self, doc_id: str) -> None:
        document = self.store.get_document(doc_id)
        self.current_doc_id = doc_id
        self.selected_span_id = None
        spans = self.store.spans(doc_id)
        self._spans = {span.id: span for span in spans}
        self.article.show_document(document, spans, self.labels)
        row = self.documents.row_of(doc_id)
        if row is not None:
            self._highlight_row(row)
        self._show_details()
        self.article.setFocus()
        self.documentOpened.emit(doc_id)

    def _reload_current_spans(self) -> None:
        """The worker changed the open document: redraw its spans, keep the scroll position."""
        spans = self.store.spans(self.current_doc_id)
        self._spans = {span.id: span for span in spans}
        self.article.highlighter.set_content(self.article.positions, spans)
        self._set_selected(None)

    def _step(self, offset: int) -> None:
        if not self.documents.rowCount():
            return
        row = self.documents.row_of(self.current_doc_id) if self.current_doc_id else None
        target = 0 if row is None else row + offset
        if 0 <= target < self.documents.rowCount():
            self.open_row(target)
        else:
            self.status_text.setText("No more documents in that direction")

    def next_document(self) -> None:
        self._step(1)

    def previous_document(self) -> None:
        self._step(-1)

    def _open_next_unfinished(self) -> None:
        """After done/skip: the next document (in list order, wrapping) that is not finished."""
        rows = self.documents.rowCount()
        start = self.documents.row_of(self.current_doc_id) or 0
        for step in range(1, rows + 1):
            row = (start + step) % rows
            if self.documents.summary(row).status not in (Status.DONE, Status.SKIPPED):
                self.open_row(row)
                return
        self.status_text.setText("Every document is done or skipped")

    def mark_done(self) -> None:
        self._finish_document(Status.DONE)

    def skip_document(self) -> None:
        self._finish_document(Status.SKIPPED)

    def _finish_document(self, status: Status) -> None:
        if not self.current_doc_id:
            return
        if not self._try(lambda: self.store.set_status(self.current_doc_id, status)):
            return
        self.documents.refresh_document(self.current_doc_id)
        self._update_progress()
        self.status_text.setText(f"Marked {status.title}")
        self._open_next_unfinished()

    def _update_progress(self) -> None:
        rows = [self.documents.summary(row) for row in range(self.documents.rowCount())]
        done = sum(1 for row in rows if row.status == Status.DONE)
        self.progress_text.setText(f"Done {done} / {len(rows)}")

    # --------------------------------------------------------------- spans

    def select_span(self, span_id: str) -> None:
        self.article.clear_draft()
        self._set_selected(span_id)

    def _set_selected(self, span_id: str | None) -> None:
        self.selected_span_id = span_id if span_id in self._spans else None
        related: list[str] = []
        if self.selected_span_id and self.current_doc_id:
            for relation in self.store.relations(self.current_doc_id):
                if self.selected_span_id in (relation.head_id, relation.child_id):
                    related += [relation.head_id, relation.child_id]
        self.article.highlighter.set_selection(self.selected_span_id, related)
        self._show_details()
        self.quotes.refresh()

    def clear_selection(self) -> None:
        self.article.clear_draft()
        self._set_selected(None)

    def apply_label(self, label_name: str) -> None:
        """Label the drafted range, or relabel the selected span (the label key / palette click)."""
        if not self.current_doc_id:
            return
        label = next(label for label in self.labels if label.name == label_name)
        draft = self.article.draft_range()
        if draft:
            snapped = self.article.tokens.snap(*draft)
            if snapped is None:
                self.status_text.setText("The selection holds no words")
                return
            self.article.clear_draft()
            if label_name in ("SPEAKER", "CUE") and self.quotes.set_part(label_name.lower(), *snapped):
                return
            attrs = self.quotes.initial_attrs(self.article.text[snapped[0] : snapped[1]]) if label_name == "QUOTE" else None
            span = self._guard(lambda: self.store.create_span(self.current_doc_id, *snapped, label_name, attrs))
            if span:
                self._after_edit(span, f"Added {label_name}")
            return
        selected = self._spans.get(self.selected_span_id or "")
        if selected is None:
            self.status_text.setText("Select some text or click a span first")
            return
        if selected.layer == label.layer:
            span = self._guard(lambda: self.store.relabel_span(selected.id, label_name))
            message = f"Relabelled {selected.label} → {label_name}"
        else:
            # A key of the other layer adds a span there with the same extent.
            span = self._guard(
                lambda: self.store.create_span(self.current_doc_id, selected.start, selected.end, label_name)
            )
            message = f"Added {label_name}"
        if span:
            self._after_edit(span, message)

    def delete_selected(self) -> None:
        span = self._spans.get(self.selected_span_id or "")
        if span is None:
            self.status_text.setText("Click a span to select it first")
            return
        if span.label == "QUOTE":
            self.quotes.delete_quote()
            return
        if self._try(lambda: self.store.delete_span(span.id)):
            del self._spans[span.id]
            self.article.highlighter.remove_span(span.id)
            self._set_selected(None)
            self.documents.refresh_document(self.current_doc_id)
            self.status_text.setText(f"Deleted {span.label}")

    def resize_selected(self) -> None:
        """Give the selected span the extent of the drafted words."""
        span = self._spans.get(self.selected_span_id or "")
        draft = self.article.draft_range()
        snapped = self.article.tokens.snap(*draft) if draft else None
        if span is None or snapped is None:
            self.status_text.setText("Select a span, then select the words it should cover, then press Ctrl+R")
            return
        self.article.clear_draft()
        resized = self._guard(lambda: self.store.resize_span(span.id, *snapped))
        if resized:
            self._after_edit(resized, f"Resized {span.label}")

    # Used by QuoteController: small, read-only views of the window's state.
    def span(self, span_id: str | None) -> Span | None:
        return self._spans.get(span_id or "")

    def spans(self) -> list[Span]:
        return list(self._spans.values())

    def label_colour(self, name: str) -> str:
        return next((label.colour for label in self.labels if label.name == name), "#888888")

    def show_error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Byline", str(exc))

    def sync_spans(self, select: str | None, message: str) -> None:
        """After an edit that changed several spans: redraw exactly the spans that differ."""
        fresh = {span.id: span for span in self.store.spans(self.current_doc_id)}
        for span_id in set(self._spans) - set(fresh):
            self.article.highlighter.remove_span(span_id)
        for span_id, span in fresh.items():
            if self._spans.get(span_id) != span or span.attrs != self._spans[span_id].attrs:
                self.article.highlighter.upsert_span(span)
        self._spans = fresh
        self._set_selected(select)
        self.documents.refresh_document(self.current_doc_id)
        self.status_text.setText(message)

    def _after_edit(self, span: Span, message: str) -> None:
        self._spans[span.id] = span
        self.article.highlighter.upsert_span(span)
        self._set_selected(span.id)
        self.documents.refresh_document(self.current_doc_id)
        self.status_text.setText(message)

    def _show_details(self) -> None:
        span = self._spans.get(self.selected_span_id or "")
        if span is None:
            self.details.setText("Drag across words, then press a label key.\nClick a span to select it.")
            return
        text = self.article.text[span.start : span.end]
        if len(text) > 300:
            text = text[:297] + "…"
        origin = "suggested by the model" if span.origin == "model" else "confirmed by an analyst"
        lines = [f"{span.label} ({origin})", text, f"characters {span.start}–{span.end}"]
        if span.layer == Layer.QUOTE and span.label == "QUOTE":
            lines.append(f"kind: {span.attrs.get('kind') or '?'}")
            lines.append(f"speaker: {span.attrs.get('resolved_speaker') or 'unknown'}")
        self.details.setText("\n".join(lines))

    def _guard(self, operation):
        """Run a store operation; show its error instead of crashing. Returns its result or None."""
        try:
            return operation()
        except BylineError as exc:
            self.show_error(exc)
            return None

    def _try(self, operation) -> bool:
        """Like ``_guard`` for operations that return nothing: True when it worked."""
        try:
            operation()
        except BylineError as exc:
            self.show_error(exc)
            return False
        return True

    # ----------------------------------------------------- import / export

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()), "Articles (*.txt *.jsonl *.ndjson);;All files (*)"
        )
        if not paths:
            return
        from core.workflow import import_paths

        summary = self._guard(lambda: import_paths(self.store, paths))
        if summary is None:
            return
        self.refresh_documents()
        self.status_text.setText(f"Imported {summary.added} document(s); {summary.duplicates} already present")
        self.start_preannotation(import_samples=False)

    def export_jsonl(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export annotations", str(Path.home() / "byline-export.jsonl"), "JSONL (*.jsonl)"
        )
        if not path:
            return
        from core.export_prodigy import export_jsonl

        result = self._guard(lambda: export_jsonl(self.store, Path(path)))
        if result:
            self.status_text.setText(f"Exported {result[0]} document(s) with {result[1]} span(s) to {path}")

    def edit_settings(self) -> None:
        from gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        if dialog.exec():
            self.settings = dialog.settings()
            self.store.analyst = self.settings.analyst
            if self.settings.model:
                self.model_name = self.settings.model

    # ---------------------------------------------------- pre-annotation

    def start_preannotation(self, import_samples: bool = True) -> None:
        """Import samples into an empty database and pre-annotate pending documents, off the GUI thread."""
        if self._thread is not None:
            return
        self._thread = QThread(self)
        self._worker = PreannotationWorker(self.store.path, self.settings.analyst, self.model_name, import_samples)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.status.connect(self.status_text.setText)
        self._worker.imported.connect(self._on_imported)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self._thread.start()

    def _on_imported(self, count: int) -> None:
        self.refresh_documents()
        if self.current_doc_id is None and self.documents.rowCount():
            self.open_row(0)

    def _on_progress(self, done: int, total: int, doc_id: str) -> None:
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)
        self.documents.refresh_document(doc_id)
        if doc_id == self.current_doc_id:
            self._reload_current_spans()

    def _on_finished(self, count: int) -> None:
        self._end_worker()
        self.status_text.setText(f"Pre-annotated {count} document(s)" if count else "Ready")

    def _on_failed(self, message: str) -> None:
        self._end_worker()
        self.status_text.setText("Pre-annotation failed")
        QMessageBox.warning(self, "Byline: pre-annotation failed", message)

    def _end_worker(self) -> None:
        self.progress_bar.hide()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None

    def is_preannotating(self) -> bool:
        return self._thread is not None

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._worker is not None:
            self._worker.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(15000)
        super().closeEvent(event)
