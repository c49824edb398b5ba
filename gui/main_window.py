"""MainWindow: lays out the panels and wires commands to them.

Left: documents (search, filters). Middle: find bar and the article. Right:
label palette, the selected span, the quote panel and the span list. Edits go
through SpanEditor (gui/span_editor.py), quotes through QuoteController.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.errors import BylineError
from core.model import Label, Layer, Status
from core.settings import Settings
from core.store import AnnotationStore
from gui.document_panel import DocumentPanel
from gui.find_bar import FindBar, find_words
from gui.article_view import ArticleView
from gui.label_palette import LabelPalette
from gui.preannotation_worker import PreannotationRunner
from gui.quote_controller import QuoteController
from gui.quote_panel import QuotePanel
from gui.shortcuts import ARTICLE_GROUP, BY_NAME
from gui.span_editor import SpanEditor
from gui.span_list import SpanListPanel


class MainWindow(QMainWindow):
    """The annotation window over one store."""

    def __init__(self, store: AnnotationStore, settings: Settings, model: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.settings = settings
        self.model_name = model
        self.current_doc_id: str | None = None
        self.statistics_view = None
        self.speakers_view = None
        self.labels: list[Label] = store.labels()
        # where and how the last export went, offered again by the next one
        self._export_folder, self._export_format = Path.home(), "prodigy"

        self.setWindowTitle(f"Byline — {store.path.name}")
        self.resize(1500, 900)
        self._build_widgets()
        self.editor = SpanEditor(self)
        self.editor.changed.connect(self._spans_changed)
        self.editor.restore_undo_stack()
        self.quotes = QuoteController(self)
        self.preannotation = PreannotationRunner(self)
        self._build_actions()
        self.reload_labels()
        self.refresh_documents()
        first = self.documents.visible_ids()
        if first:
            self.open_document(first[0])

    # ----------------------------------------------------------- building

    def _build_widgets(self) -> None:
        self.documents = DocumentPanel(self.store)
        self.documents.documentChosen.connect(self._document_chosen)
        self.documents.error.connect(lambda message: QMessageBox.warning(self, "Byline", message))
        self.documents.proxy.layoutChanged.connect(self._search_marks)

        self.article = ArticleView()
        self.article.spanClicked.connect(self.select_span)
        self.article.selectionCleared.connect(lambda: self.set_selected(None))
        # A drafted range keeps the selected span: it may become the span's new
        # extent (resize) or the selected quote's speaker or cue.
        self.find_bar = FindBar()
        self.find_bar.matchesChanged.connect(lambda matches: self.article.highlighter.set_marks(matches))
        self.find_bar.currentMatch.connect(self._show_match)
        self.find_bar.closed.connect(self._after_find_closed)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.find_bar)
        middle_layout.addWidget(self.article)

        self.palette_widget = LabelPalette()
        self.palette_widget.labelChosen.connect(self.apply_label)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.quote_panel = QuotePanel()
        self.span_list = SpanListPanel()
        self.span_list.spanActivated.connect(self._span_activated)
        selection_box = QWidget()
        selection_layout = QVBoxLayout(selection_box)
        selection_layout.setContentsMargins(0, 0, 0, 0)
        selection_layout.addWidget(self.details)
        selection_layout.addWidget(self.quote_panel)
        selection_layout.addStretch(1)
        # a long quote's preview must not squeeze the quote panel's fields: scroll instead
        selection_scroll = QScrollArea()
        selection_scroll.setWidgetResizable(True)
        selection_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        selection_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        selection_scroll.setWidget(selection_box)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.palette_widget)
        side.addWidget(selection_scroll)
        side.addWidget(self.span_list)
        side.setSizes([370, 280, 250])

        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(middle)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([360, 780, 360])
        self.setCentralWidget(splitter)

        self.status_text = QLabel("Ready")
        self.progress_text = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.hide()
        self.statusBar().addWidget(self.status_text, 1)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().addPermanentWidget(self.progress_text)

    def _command_action(self, name: str, handler, text: str | None = None) -> QAction:
        command = BY_NAME[name]
        action = QAction(text or command.text, self)
        action.setShortcuts([QKeySequence(key) for key in command.keys])
        action.setToolTip(f"{command.text} ({', '.join(command.keys)})")
        action.triggered.connect(handler)
        self._add_shortcut_action(action, article_only=command.group == ARTICLE_GROUP)
        self.actions_by_name[name] = action
        return action

    def _add_shortcut_action(self, action: QAction, article_only: bool) -> None:
        """Window-wide, or only while the article (or its find bar) has the focus."""
        if article_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.article.addAction(action)
        else:
            self.addAction(action)

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        editor = self.editor
        handlers = {
            "next_span": lambda: editor.walk(1),
            "previous_span": lambda: editor.walk(-1),
            "accept_span": editor.accept_selected,
            "accept_all": editor.accept_all,
            "delete_span": editor.delete_selected,
            "clear_selection": self.clear_selection,
            "grow_end": lambda: editor.nudge("end", 1),
            "shrink_end": lambda: editor.nudge("end", -1),
            "grow_start": lambda: editor.nudge("start", -1),
            "shrink_start": lambda: editor.nudge("start", 1),
            "resize_span": editor.resize_to_draft,
            "exclude": lambda: editor.set_article_part(False),
            "include": lambda: editor.set_article_part(True),
            "undo": self.undo,
            "redo": self.redo,
            "mark_done": self.mark_done,
            "skip_document": self.skip_document,
            "next_document": self.next_document,
            "previous_document": self.previous_document,
            "find": self.find_bar.open_bar,
            "find_next": self.find_bar.next_match,
            "search": self.focus_search,
            "labels": self.edit_labels,
            "statistics": self.show_statistics,
            "speakers": self.show_speakers,
            "import": self.import_files,
            "export": self.export_annotations,
            "help": self.show_help,
            "quit": self.close,
        }
        for name, handler in handlers.items():
            self._command_action(name, handler)

        toolbar = self.addToolBar("Document")
        toolbar.setMovable(False)
        for name, text in (
            ("previous_document", "◀ Previous"),
            ("next_document", "Next ▶"),
            (None, None),
            ("mark_done", "✔ Done"),
            ("skip_document", "Skip"),
            (None, None),
            ("accept_span", "Accept"),
            ("accept_all", "Accept all"),
            ("delete_span", "Delete span"),
            ("undo", "Undo"),
            ("redo", "Redo"),
            (None, None),
            ("help", "Shortcuts"),
        ):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions_by_name[name])
                self.actions_by_name[name].setIconText(text)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.actions_by_name["import"])
        file_menu.addAction(self.actions_by_name["export"])
        file_menu.addSeparator()
        settings_action = QAction("Settings…", self)
        settings_action.triggered.connect(self.edit_settings)
        file_menu.addAction(settings_action)
        file_menu.addAction(self.actions_by_name["quit"])
        edit_menu = self.menuBar().addMenu("&Edit")
        for name in ("undo", "redo", "accept_span", "accept_all", "delete_span", "resize_span", "find", "search"):
            edit_menu.addAction(self.actions_by_name[name])
        edit_menu.addSeparator()
        edit_menu.addAction(self.actions_by_name["labels"])
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.actions_by_name["statistics"])
        view_menu.addAction(self.actions_by_name["speakers"])
        self.menuBar().addMenu("&Help").addAction(self.actions_by_name["help"])
        self.label_actions: dict[str, QAction] = {}

    # -------------------------------------------------------------- labels

    def reload_labels(self) -> None:
        """(Re)build the palette, the label keys and the colours from the store's label set."""
        self.labels = self.store.labels()
        for action in self.label_actions.values():
            self.article.removeAction(action)
        self.label_actions = {}
        for label in self.labels:
            if not label.shortcut:
                continue
            action = QAction(label.name, self)
            action.setShortcut(QKeySequence(label.shortcut))
            action.triggered.connect(lambda _checked=False, name=label.name: self.apply_label(name))
            self._add_shortcut_action(action, article_only=True)
            self.label_actions[label.name] = action
        self.palette_widget.set_labels(self.labels)
        self.article.highlighter.set_labels(self.labels)
        names = [label.name for label in self.labels]
        self.span_list.set_labels(names, {label.name: label.colour for label in self.labels})
        self.documents.set_labels(names)

    def label_colour(self, name: str) -> str:
        return next((label.colour for label in self.labels if label.name == name), "#888888")

    def apply_label(self, name: str) -> None:
        label = next((label for label in self.labels if label.name == name), None)
        if label is not None and self.current_doc_id:
            self.editor.apply_label(label)

    def edit_labels(self) -> None:
        from gui.label_dialog import LabelDialog

        LabelDialog(self.store, self).exec()
        self.reload_labels()
        if self.current_doc_id:
            self.open_document(self.current_doc_id, keep_view=True)

    # ---------------------------------------------------------- documents

    def refresh_documents(self) -> None:
        self.documents.refresh()
        if self.current_doc_id:
            self.documents.select(self.current_doc_id)
        self._update_progress()

    def _document_chosen(self, doc_id: str) -> None:
        if doc_id != self.current_doc_id:
            self.open_document(doc_id)

    def open_document(self, doc_id: str, keep_view: bool = False) -> None:
        """Show a document with its spans; ``keep_view`` keeps the scroll position (same document)."""
        try:
            document = self.store.get_document(doc_id)
            spans = self.store.spans(doc_id)
        except BylineError as exc:
            self.show_error(exc)
            return
        scroll = self.article.verticalScrollBar().value()
        self.current_doc_id = doc_id
        self.editor.load(spans)
        self.article.show_document(document, spans, self.labels)
        if keep_view:
            self.article.verticalScrollBar().setValue(scroll)
        self.span_list.model.load(document.text, self.editor.ordered())
        self.find_bar.set_text(document.text)
        self.show_excluded()
        self.documents.select(doc_id)
        self._search_marks()
        self.set_selected(None)
        self.article.setFocus()

    def show_excluded(self) -> None:
        """Grey out what is not the article (detected at import, or set by an analyst)."""
        ranges = self.store.excluded_ranges(self.current_doc_id) if self.current_doc_id else []
        self.article.highlighter.set_excluded([(r.start, r.end) for r in ranges])

    def _search_marks(self) -> None:
        """Mark the words of the corpus search in the open article."""
        if self.find_bar.isVisible() or not self.current_doc_id:
            return
        ranges = [match for word in self.documents.search_terms.split() for match in find_words(self.article.text, word)]
        self.article.highlighter.set_marks(ranges)

    def _after_find_closed(self) -> None:
        self._search_marks()
        self.article.setFocus()

    def _show_match(self, start: int, end: int) -> None:
        self.article.select_range(start, end)
        self.article.scroll_to(start)

    def focus_search(self) -> None:
        self.documents.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.documents.search.selectAll()

    def _step(self, offset: int) -> None:
        ids = self.documents.visible_ids()
        if not ids:
            return
        position = ids.index(self.current_doc_id) if self.current_doc_id in ids else -offset
        target = position + offset
        if 0 <= target < len(ids):
            self.open_document(ids[target])
        else:
            self.status_text.setText("No more documents in that direction")

    def next_document(self) -> None:
        self._step(1)

    def previous_document(self) -> None:
        self._step(-1)

    def _open_next_unfinished(self) -> None:
        """After done/skip: the next listed document (wrapping) that is not finished."""
        ids = self.documents.visible_ids()
        summaries = {summary.id: summary for summary in self.documents.model.summaries()}
        start = ids.index(self.current_doc_id) if self.current_doc_id in ids else -1
        for step in range(1, len(ids) + 1):
            doc_id = ids[(start + step) % len(ids)]
            if summaries[doc_id].status not in (Status.DONE, Status.SKIPPED):
                self.open_document(doc_id)
                return
        self.status_text.setText("Every listed document is done or skipped")

    def mark_done(self) -> None:
        self._finish_document(Status.DONE)

    def skip_document(self) -> None:
        self._finish_document(Status.SKIPPED)

    def _finish_document(self, status: Status) -> None:
        if not self.current_doc_id:
            return
        try:
            self.store.set_status(self.current_doc_id, status)
        except BylineError as exc:
            self.show_error(exc)
            return
        self.documents.refresh_document(self.current_doc_id)
        self._update_progress()
        self._annotations_changed()
        self.status_text.setText(f"Marked {status.title}")
        self._open_next_unfinished()

    def _update_progress(self) -> None:
        summaries = self.documents.model.summaries()
        done = sum(1 for summary in summaries if summary.status == Status.DONE)
        self.progress_text.setText(f"Done {done} / {len(summaries)}")

    # --------------------------------------------------------------- spans

    @property
    def selected_span_id(self) -> str | None:
        return self.editor.selected_id

    def select_span(self, span_id: str) -> None:
        self.article.clear_draft()
        self.set_selected(span_id)

    def set_selected(self, span_id: str | None) -> None:
        """Select a span (or nothing) and show it everywhere."""
        self.editor.selected_id = span_id if span_id in self.editor.spans else None
        selected = self.editor.selected()
        related: list[str] = []
        if selected is not None and selected.layer == Layer.QUOTE:
            for relation in self.store.relations(self.current_doc_id):
                if selected.id in (relation.head_id, relation.child_id):
                    related += [relation.head_id, relation.child_id]
        self.article.highlighter.set_selection(self.editor.selected_id, related)
        self.span_list.show_selected(self.editor.selected_id)
        self._show_details()
        self.quotes.refresh()

    def clear_selection(self) -> None:
        self.article.clear_draft()
        self.set_selected(None)

    def _span_activated(self, span_id: str) -> None:
        span = self.editor.spans.get(span_id)
        if span is not None:
            self.select_span(span_id)
            self.article.scroll_to(span.start)
            self.article.setFocus()

    def _spans_changed(self, doc_id: str, span_ids: list[str]) -> None:
        """After an edit, undo or redo: the document list row, the span list and the progress."""
        self.documents.refresh_document(doc_id)
        self._update_progress()
        self._annotations_changed()
        if doc_id == self.current_doc_id:
            for span_id in span_ids:
                span = self.editor.spans.get(span_id)
                if span is None:
                    self.span_list.model.remove(span_id)
                else:
                    self.span_list.model.upsert(span)

    def _show_details(self) -> None:
        span = self.editor.selected()
        if span is None:
            self.details.setText(
                "Drag across words (or double-click one), then press a label key.\n"
                "Click a span to select it; Tab walks through them. F1 lists every shortcut."
            )
            return
        text = self.article.text[span.start : span.end]
        if len(text) > 300:
            text = text[:297] + "…"
        origin = "suggested by the model (Enter accepts it)" if span.origin == "model" else "confirmed"
        self.details.setText(f"{span.label}, {origin}\n{text}\ncharacters {span.start}–{span.end}")

    def undo(self) -> None:
        stack = self.editor.undo_stack
        if stack.canUndo():
            stack.undo()
        else:
            self.status_text.setText("Nothing to undo")

    def redo(self) -> None:
        stack = self.editor.undo_stack
        if stack.canRedo():
            stack.redo()
        else:
            self.status_text.setText("Nothing to redo")

    def show_error(self, exc: Exception) -> None:
        QMessageBox.warning(self, "Byline", str(exc))

    def show_help(self) -> None:
        from gui.help_overlay import HelpOverlay

        HelpOverlay(self.labels, self).exec()

    # ------------------------------------------------ statistics, speakers

    def show_statistics(self) -> None:
        from gui.statistics_view import StatisticsView

        if self.statistics_view is None:
            self.statistics_view = StatisticsView(self.store, self)
            self.statistics_view.quoteChosen.connect(self.show_span)
        else:
            self.statistics_view.refresh()
        self.statistics_view.show()
        self.statistics_view.raise_()

    def show_speakers(self) -> None:
        from gui.speakers_view import SpeakersView

        if self.speakers_view is None:
            self.speakers_view = SpeakersView(self.store, self)
            self.speakers_view.speakerChosen.connect(self._show_speaker_quotes)
            self.speakers_view.changed.connect(self._annotations_changed)
        else:
            self.speakers_view.refresh()
        self.speakers_view.show()
        self.speakers_view.raise_()

    def _show_speaker_quotes(self, speaker: str) -> None:
        self.show_statistics()
        self.statistics_view.show_speaker(speaker)

    def _annotations_changed(self) -> None:
        """Keep the open statistics current (they redraw once edits settle)."""
        if self.statistics_view is not None:
            self.statistics_view.refresh_soon()

    def show_span(self, doc_id: str, span_id: str) -> None:
        """Open a document at one of its spans, selected."""
        if doc_id != self.current_doc_id:
            self.open_document(doc_id)
        span = self.editor.spans.get(span_id)
        if span is not None:
            self.select_span(span_id)
            self.article.scroll_to(span.start)
        self.raise_()
        self.activateWindow()

    # ----------------------------------------------------- import / export

    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", str(Path.home()), "Articles (*.txt *.jsonl *.ndjson);;All files (*)"
        )
        if not paths:
            return
        from core.workflow import import_paths

        try:
            summary = import_paths(self.store, paths)
        except BylineError as exc:
            self.show_error(exc)
            return
        self.refresh_documents()
        self.status_text.setText(f"Imported {summary.added} document(s); {summary.duplicates} already present")
        self.start_preannotation(import_samples=False)

    def export_annotations(self) -> None:
        """File > Export…: every exchange format, the quotes table among them."""
        from core.formats import export
        from gui.export_dialog import choose_export

        choice = choose_export(self, self._export_folder, self._export_format)
        if choice is None:
            return
        out, fmt = choice
        try:
            summary = export(self.store, out, fmt.name)
        except BylineError as exc:
            self.show_error(exc)
            return
        self._export_folder, self._export_format = out.parent, fmt.name
        note = f" ({summary.note})" if summary.note else ""
        self.status_text.setText(
            f"Exported {summary.documents} document(s) with {summary.spans} {summary.unit}(s) to {out}{note}"
        )

    def edit_settings(self) -> None:
        from gui.settings_dialog import edit_settings

        edit_settings(self)

    # ---------------------------------------------------- pre-annotation

    def start_preannotation(self, import_samples: bool = True) -> None:
        """Import samples into an empty database and pre-annotate pending documents, off the GUI thread."""
        self.preannotation.start(import_samples)

    def is_preannotating(self) -> bool:
        return self.preannotation.is_running()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.preannotation.stop_and_wait()
        super().closeEvent(event)

