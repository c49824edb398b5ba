"""SpanEditor: every correction of the open article, with undo and redo.

Each edit runs through ``AnnotationStore.recorded`` (one transaction that also
returns the rows it changed), is pushed on a QUndoStack, and only then redraws
the spans that changed. Undo and redo write the recorded rows back through the
store, so the database always equals the screen.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.errors import BylineError
from core.model import Label, Layer, Span
from core.store_changes import ChangeSet

if TYPE_CHECKING:
    from gui.main_window import MainWindow

T = TypeVar("T")


class StoreEditCommand(QUndoCommand):
    """An edit already written to the store; undo/redo write its rows back."""

    def __init__(self, editor: SpanEditor, change_set: ChangeSet) -> None:
        super().__init__(change_set.description)
        self.editor = editor
        self.change_set = change_set
        self._done = True  # QUndoStack.push calls redo(); the edit is already applied

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.editor.replay(self.change_set, undo=False)

    def undo(self) -> None:
        self.editor.replay(self.change_set, undo=True)


class SpanEditor(QObject):
    """Holds the open article's spans and the selection, and performs every edit."""

    changed = Signal(str, list)  # document id, ids of the spans that changed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.undo_stack = QUndoStack(self)
        self.spans: dict[str, Span] = {}
        self.selected_id: str | None = None
        self._silent = False  # rebuilding the stack: undo() must not write again

    def restore_undo_stack(self) -> None:
        """Rebuild the undo stack from the analyst's undo log (undo survives a restart)."""
        self.undo_stack.clear()
        entries = self.store.undo_log()
        for change_set, _done in entries:
            self.undo_stack.push(StoreEditCommand(self, change_set))
        # Undone entries are the top of the stack (a new edit drops them), so
        # stepping back over them puts the stack where the analyst left it.
        self._silent = True
        try:
            for _ in range(sum(1 for _change_set, done in entries if not done)):
                self.undo_stack.undo()
        finally:
            self._silent = False

    @property
    def store(self):
        return self.window.store

    @property
    def article(self):
        return self.window.article

    # ---------------------------------------------------------- state

    def load(self, spans: list[Span]) -> None:
        self.spans = {span.id: span for span in spans}
        self.selected_id = None

    def selected(self) -> Span | None:
        return self.spans.get(self.selected_id or "")

    def ordered(self) -> list[Span]:
        """Spans in reading order (the order Tab walks)."""
        return sorted(self.spans.values(), key=lambda span: (span.start, -span.end, span.layer != Layer.ENTITY))

    # ----------------------------------------------------------- edits

    def edit(self, description: str, operation: Callable[[], T], select: str | None = "result") -> T | None:
        """Run store edits as one undoable step and redraw what they changed.

        ``select="result"`` selects the span the operation returns; otherwise
        the given span id (or None) is selected afterwards.
        """
        doc_id = self.window.current_doc_id
        if doc_id is None:
            return None
        try:
            result, change_set = self.store.recorded(doc_id, description, operation)
        except BylineError as exc:
            self.window.show_error(exc)
            return None
        if change_set.changes:
            self.undo_stack.push(StoreEditCommand(self, change_set))
        self._redraw(change_set)
        chosen = result.id if select == "result" and isinstance(result, Span) else select
        if select == "result" and not isinstance(result, Span):
            chosen = self.selected_id if self.selected_id in self.spans else None
        self.window.set_selected(chosen)
        self.window.status_text.setText(description)
        return result

    def replay(self, change_set: ChangeSet, undo: bool) -> None:
        """Undo or redo a change set; opens its document first if another one is open."""
        if self._silent:
            return
        try:
            if undo:
                self.store.revert(change_set)
            else:
                self.store.reapply(change_set)
        except BylineError as exc:
            self.window.show_error(exc)
            return
        if change_set.doc_id != self.window.current_doc_id:
            self.window.open_document(change_set.doc_id)
        else:
            self._redraw(change_set)
            self.window.set_selected(self.selected_id if self.selected_id in self.spans else None)
        self.window.status_text.setText(f"{'Undid' if undo else 'Redid'}: {change_set.description}")

    def _redraw(self, change_set: ChangeSet) -> None:
        """Redraw exactly the spans a change set touched (cost independent of article length)."""
        highlighter = self.article.highlighter
        if any(change.table == "excluded_ranges" for change in change_set.changes):
            self.window.show_excluded()
        span_ids = change_set.span_ids()
        for span_id in span_ids:
            try:
                span = self.store.get_span(span_id)
            except BylineError:
                span = None
            if span is None or span.doc_id != self.window.current_doc_id:
                self.spans.pop(span_id, None)
                highlighter.remove_span(span_id)
            else:
                self.spans[span_id] = span
                highlighter.upsert_span(span)
        self.changed.emit(change_set.doc_id, sorted(span_ids))

    # -------------------------------------------------------- commands

    def apply_label(self, label: Label) -> None:
        """Label the drafted words, or relabel the selected span (a label key or palette click)."""
        draft = self.article.draft_range()
        doc_id = self.window.current_doc_id
        if draft:
            snapped = self.article.tokens.snap(*draft)
            if snapped is None:
                self.window.status_text.setText("The selection holds no words")
                return
            self.article.clear_draft()
            quotes = self.window.quotes
            if label.name in ("SPEAKER", "CUE") and quotes.selected_quote() is not None:
                quotes.set_part(label.name.lower(), *snapped)
                return
            text = self.article.text[snapped[0] : snapped[1]]
            attrs = quotes.initial_attrs(text) if label.name == "QUOTE" else None
            self.edit(f"Add {label.name}", lambda: self.store.create_span(doc_id, *snapped, label.name, attrs))
            return
        selected = self.selected()
        if selected is None:
            self.window.status_text.setText("Select some words or click a span first")
            return
        if selected.layer == label.layer:
            self.edit(
                f"Relabel {selected.label} → {label.name}", lambda: self.store.relabel_span(selected.id, label.name)
            )
        else:
            # A key of the other layer adds a span there with the same extent.
            self.edit(
                f"Add {label.name}",
                lambda: self.store.create_span(doc_id, selected.start, selected.end, label.name),
            )

    def delete_selected(self) -> None:
        span = self.selected()
        if span is None:
            self.window.status_text.setText("Click a span to select it first")
            return
        what = "the quote with its speaker and cue" if span.label == "QUOTE" else span.label
        self.edit(f"Delete {what}", lambda: self.store.delete_span(span.id), select=None)

    def accept_selected(self) -> None:
        span = self.selected()
        if span is None:
            self.window.status_text.setText("Click a suggestion to select it first")
            return
        if span.origin != "model":
            self.window.status_text.setText(f"{span.label} is already confirmed")
            return
        self.edit(f"Accept {span.label}", lambda: self.store.accept_span(span.id))

    def accept_all(self) -> None:
        doc_id = self.window.current_doc_id
        count = sum(1 for span in self.spans.values() if span.origin == "model")
        if not count:
            self.window.status_text.setText("No suggestions left to accept")
            return
        self.edit(f"Accept all {count} remaining suggestions", lambda: self.store.accept_all(doc_id), select=None)

    def resize_to_draft(self) -> None:
        """Give the selected span the extent of the drafted words."""
        span = self.selected()
        draft = self.article.draft_range()
        snapped = self.article.tokens.snap(*draft) if draft else None
        if span is None or snapped is None:
            self.window.status_text.setText("Select a span, then the words it should cover, then press Ctrl+R")
            return
        self.article.clear_draft()
        self.edit(f"Resize {span.label}", lambda: self.store.resize_span(span.id, *snapped))

    def nudge(self, edge: str, direction: int) -> None:
        """Move the selected span's start or end by one token (Shift/Ctrl+Shift+arrows)."""
        span = self.selected()
        if span is None:
            return
        tokens = self.article.tokens
        start, end = span.start, span.end
        if edge == "end":
            end = tokens.next_word_end(end) if direction > 0 else tokens.previous_word_end(end, start)
        else:
            start = tokens.previous_word_start(start) if direction < 0 else tokens.next_word_start(start, end)
        if (start, end) == (span.start, span.end) or start is None or end is None or start >= end:
            return
        self.edit(f"Resize {span.label}", lambda: self.store.resize_span(span.id, start, end))
        self.article.scroll_to(end if edge == "end" else start)

    def set_article_part(self, part_of_article: bool) -> None:
        """Exclude the selected words from the article (related stories...) or include them again."""
        draft = self.article.draft_range()
        snapped = self.article.tokens.snap(*draft) if draft else None
        if snapped is None:
            self.window.status_text.setText("Select the words first (drag across them)")
            return
        self.article.clear_draft()
        doc_id = self.window.current_doc_id
        if part_of_article:
            self.edit("Include in the article", lambda: self.store.include(doc_id, *snapped), select=None)
        else:
            self.edit("Exclude from the article", lambda: self.store.exclude(doc_id, *snapped), select=None)

    def walk(self, step: int) -> None:
        """Select the next (step=1) or previous (step=-1) span in reading order and show it."""
        ordered = self.ordered()
        if not ordered:
            return
        ids = [span.id for span in ordered]
        if self.selected_id in ids:
            index = (ids.index(self.selected_id) + step) % len(ids)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.article.clear_draft()
        self.window.set_selected(ids[index])
        self.article.scroll_to(ordered[index].start)
