"""Editing quotes in the window: the quote panel, speaker/cue links, and their arrows.

Kept apart from MainWindow so the window's file stays about documents and
entities; this class only talks to the store and asks the window to redraw.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor

from core.model import Layer, QuoteKind, Span
from core.speakers import resolve_name

if TYPE_CHECKING:
    from gui.main_window import MainWindow

QUOTE_MARKS = "\"'“”‘’«»„"


class QuoteController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.quote_panel
        self.panel.kindChosen.connect(self.set_kind)
        self.panel.speakerNameChosen.connect(self.set_speaker_name)
        self.panel.deleteRequested.connect(self.delete_quote)
        window.article.linkClicked.connect(self.link_speaker)
        self.panel.hide()

    # ------------------------------------------------------------ queries

    @property
    def store(self):
        return self.window.store

    def quote_of(self, span: Span | None) -> Span | None:
        """The quote a span belongs to: itself for a QUOTE, the linked quote for its speaker or cue."""
        if span is None or span.layer != Layer.QUOTE:
            return None
        if span.label == "QUOTE":
            return span
        for relation in self.store.relations(span.doc_id):
            if relation.child_id == span.id:
                return self.window.editor.spans.get(relation.head_id)
        return None

    def selected_quote(self) -> Span | None:
        return self.quote_of(self.window.editor.selected())

    @staticmethod
    def initial_attrs(text: str) -> dict:
        """A quote the analyst adds: direct when it starts or ends with a quotation mark."""
        stripped = text.strip()
        direct = stripped[:1] in QUOTE_MARKS or stripped[-1:] in QUOTE_MARKS
        return {"kind": (QuoteKind.DIRECT if direct else QuoteKind.INDIRECT).value}

    def entity_names(self) -> list[str]:
        """PERSON and ORG names of the open article, first mention first, without repeats."""
        text = self.window.article.text
        names: list[str] = []
        for span in self.window.editor.ordered():
            if span.label in ("PERSON", "ORG"):
                name = " ".join(text[span.start : span.end].split())
                if name not in names:
                    names.append(name)
        return names

    # ----------------------------------------------------------- showing

    def refresh(self) -> None:
        """Show the panel and arrows for the selected quote, or hide them."""
        quote = self.selected_quote()
        if quote is None:
            self.panel.hide()
            self.window.article.set_links([])
            return
        parts = self.store.quote_parts(quote.id)
        text = self.window.article.text
        speaker, cue = parts.get("speaker"), parts.get("cue")
        self.panel.show_quote(
            quote.attrs.get("kind"),
            text[speaker.start : speaker.end] if speaker else None,
            quote.attrs.get("resolved_speaker"),
            text[cue.start : cue.end] if cue else None,
            self.entity_names(),
        )
        self.panel.show()
        links = []
        for part in (speaker, cue):
            if part is not None:
                colour = QColor(self.window.label_colour(part.label))
                links.append((quote.start, part.start, colour))
        self.window.article.set_links(links)

    # ------------------------------------------------------------- edits

    def set_part(self, part: str, start: int, end: int) -> bool:
        """Make ``start..end`` the selected quote's speaker or cue. False when no quote is selected."""
        quote = self.selected_quote()
        if quote is None:
            return False
        text = self.window.article.text

        def operation():
            self.store.set_quote_part(quote.id, part, start, end)
            if part == "speaker":
                name = resolve_name(text[start:end], self.entity_names())
                if name:
                    self.store.set_span_attrs(quote.id, resolved_speaker=name)

        self.window.editor.edit(f"Set the quote's {part} to “{text[start:end]}”", operation, select=quote.id)
        return True

    def link_speaker(self, start: int, end: int) -> None:
        if not self.set_part("speaker", start, end):
            self.window.status_text.setText("Select a quote first, then Ctrl+click its speaker")

    def set_kind(self, kind: str) -> None:
        self._set_attrs(f"Mark the quote {kind}", kind=kind)

    def set_speaker_name(self, name: str) -> None:
        self._set_attrs(f"Quote speaker → {name or 'unknown'}", resolved_speaker=name or None)

    def _set_attrs(self, description: str, **attrs) -> None:
        quote = self.selected_quote()
        if quote is not None:
            self.window.editor.edit(description, lambda: self.store.set_span_attrs(quote.id, **attrs), select=quote.id)

    def delete_quote(self) -> None:
        quote = self.selected_quote()
        if quote is not None:
            self.window.editor.edit(
                "Delete the quote with its speaker and cue", lambda: self.store.delete_span(quote.id), select=None
            )
