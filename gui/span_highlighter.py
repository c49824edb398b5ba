"""Draws spans onto the article text, block by block.

A QSyntaxHighlighter formats one text block (paragraph) at a time, and Qt asks
for a block again only when it is told the block changed, so an edit costs the
blocks its span touches, not the whole article. (It also avoids
QTextEdit.ExtraSelection, whose ``cursor`` setter corrupts None's reference
count with PySide6 6.12 on CPython 3.11.)

Layers are drawn differently so they can overlap: entities as background
colour, quotes as underline (QUOTE), bold colour (SPEAKER) or italic colour (CUE).
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from core.model import Label, Layer, Span
from gui.text_positions import TextPositions


# Search and find matches: a magenta wave (on yellow where no entity colours the text).
_MARK_COLOUR = QColor("#c2008f")
_MARK_BACKGROUND = QColor("#fff176")

# Text that is not the article (related stories, newsletter prompts): grey.
_EXCLUDED_TEXT = QColor("#8a8a8a")
_EXCLUDED_BACKGROUND = QColor("#efefef")
_MARK, _EXCLUDED = "mark", "excluded"  # kinds of range events in highlightBlock

# Untouched pre-annotations are drawn paler, with a dotted underline, than the
# spans an analyst created or confirmed.
_SUGGESTION_ALPHA = 110


class SpanHighlighter(QSyntaxHighlighter):
    """Formats the spans of one article in a QTextDocument."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._positions = TextPositions("")
        self._block_starts: list[int] = [0]  # Python index where each block starts
        self._spans: dict[str, Span] = {}
        self._block_spans: list[set[str]] = [set()]
        self._colours: dict[str, QColor] = {}
        self._emphasised: set[str] = set()
        self._selected: str | None = None
        # Ranges drawn over the spans, per kind and block: search/find matches
        # (_MARK) and text that is not the article (_EXCLUDED).
        self._ranges: dict[str, list[list[tuple[int, int]]]] = {_MARK: [[]], _EXCLUDED: [[]]}
        self._formats: dict[tuple, QTextCharFormat] = {}  # one format per look, reused

    # ------------------------------------------------------------- set up

    def set_labels(self, labels: Iterable[Label], redraw: bool = True) -> None:
        self._colours = {label.name: QColor(label.colour) for label in labels}
        self._formats.clear()
        if redraw:
            self.rehighlight()

    def load(self, document: QTextDocument, positions: TextPositions, spans: Iterable[Span]) -> None:
        """Show a newly loaded text with its spans, highlighting each block once.

        Detaching first keeps Qt from highlighting the new text with the old
        article's spans while ``setPlainText`` runs.
        """
        self.setDocument(None)
        self._index_content(document, positions, spans)
        self.setDocument(document)
        # setDocument only schedules highlighting; do it now so that what the
        # view holds is complete when this returns (Qt drops the scheduled run).
        self.rehighlight()

    def set_content(self, positions: TextPositions, spans: Iterable[Span]) -> None:
        """New spans for the text already in the document (e.g. after pre-annotation)."""
        self._index_content(self.document(), positions, spans)
        self.rehighlight()

    def _index_content(self, document: QTextDocument, positions: TextPositions, spans: Iterable[Span]) -> None:
        self._positions = positions
        self._block_starts = []
        block = document.begin()
        while block.isValid():
            self._block_starts.append(positions.from_qt(block.position()))
            block = block.next()
        self._spans = {}
        self._block_spans = [set() for _ in self._block_starts]
        self._ranges = {kind: [[] for _ in self._block_starts] for kind in self._ranges}
        self._selected = None
        self._emphasised = set()
        for span in spans:
            self._index(span)

    # ------------------------------------------------------------ changes

    def upsert_span(self, span: Span) -> None:
        """Add or replace one span and redraw only the blocks it touches."""
        old = self._spans.get(span.id)
        touched = self._unindex(old) if old else set()
        touched |= self._index(span)
        self._redraw(touched)

    def remove_span(self, span_id: str) -> None:
        old = self._spans.get(span_id)
        if old:
            self._redraw(self._unindex(old))

    def set_selection(self, selected: str | None, emphasised: Iterable[str] = ()) -> None:
        """Show ``selected`` strongly, and ``emphasised`` (e.g. its speaker and cue) lightly."""
        touched: set[int] = set()
        for span_id in {self._selected, *self._emphasised, selected, *emphasised}:
            if span_id in self._spans:
                touched |= self._blocks_of(self._spans[span_id])
        self._selected = selected
        self._emphasised = set(emphasised)
        self._redraw(touched)

    def set_marks(self, ranges: list[tuple[int, int]]) -> None:
        """Mark search or find matches (Python index ranges); replaces earlier marks."""
        self._set_ranges(_MARK, ranges)

    def set_excluded(self, ranges: list[tuple[int, int]]) -> None:
        """Grey out the parts that are not the article; replaces earlier ones."""
        self._set_ranges(_EXCLUDED, ranges)

    def _set_ranges(self, kind: str, ranges) -> None:
        touched = {number for number, items in enumerate(self._ranges[kind]) if items}
        new: list[list[tuple[int, int]]] = [[] for _ in self._block_starts]
        for start, end in ranges:
            for number in range(self._block_of(start), self._block_of(max(start, end - 1)) + 1):
                new[number].append((start, end))
                touched.add(number)
        self._ranges[kind] = new
        self._redraw(touched)

    # ------------------------------------------------------------ queries

    def spans_at(self, index: int) -> list[Span]:
        """Spans covering Python index ``index``, innermost (shortest) first."""
        block = self._block_of(index)
        found = [
            self._spans[span_id]
            for span_id in self._block_spans[block]
            if self._spans[span_id].start <= index < self._spans[span_id].end
        ]
        # Entities before quotes at equal length: a name inside a quote is clicked more often.
        return sorted(found, key=lambda span: (span.length, span.layer != Layer.ENTITY, span.start))

    # ------------------------------------------------------------ drawing

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        block = self.currentBlock()
        number = block.blockNumber()
        if number >= len(self._block_spans) or not (
            self._block_spans[number] or any(ranges[number] for ranges in self._ranges.values())
        ):
            return
        block_qt = block.position()
        block_qt_end = block_qt + block.length() - 1  # length() counts the block separator
        events: dict[int, list[tuple[bool, Span]]] = {}
        for span_id in self._block_spans[number]:
            span = self._spans[span_id]
            start = max(self._positions.to_qt(span.start), block_qt) - block_qt
            end = min(self._positions.to_qt(span.end), block_qt_end) - block_qt
            if start < end:
                events.setdefault(start, []).append((True, span))
                events.setdefault(end, []).append((False, span))
        for kind, per_block in self._ranges.items():
            for range_start, range_end in per_block[number]:
                start = max(self._positions.to_qt(range_start), block_qt) - block_qt
                end = min(self._positions.to_qt(range_end), block_qt_end) - block_qt
                if start < end:
                    events.setdefault(start, []).append((True, kind))
                    events.setdefault(end, []).append((False, kind))
        active: dict[str, Span] = {}
        marked = excluded = 0
        points = sorted(events)
        for point, following in zip(points, points[1:] + [None]):
            for is_start, span in events[point]:
                if span is _MARK:
                    marked += 1 if is_start else -1
                elif span is _EXCLUDED:
                    excluded += 1 if is_start else -1
                elif is_start:
                    active[span.id] = span
                else:
                    active.pop(span.id, None)
            if following is not None and (active or marked or excluded):
                fmt = self._format_for(active.values())
                if excluded:
                    fmt.setForeground(_EXCLUDED_TEXT)
                    fmt.setBackground(_EXCLUDED_BACKGROUND)
                    fmt.setFontItalic(True)
                if marked:
                    if not any(span.layer == Layer.ENTITY for span in active.values()):
                        fmt.setBackground(_MARK_BACKGROUND)
                    fmt.setFontUnderline(True)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                    fmt.setUnderlineColor(_MARK_COLOUR)
                self.setFormat(point, following - point, fmt)

    def _format_for(self, spans: Iterable[Span]) -> QTextCharFormat:
        """The look of text covered by ``spans`` (cached: articles repeat a few looks)."""
        entities = [span for span in spans if span.layer == Layer.ENTITY]
        quote_parts = [span for span in spans if span.layer != Layer.ENTITY]
        inner = min(entities, key=lambda span: (span.length, -span.start)) if entities else None
        key = (
            self._look(inner) if inner else None,
            tuple(sorted(self._look(span) for span in quote_parts)),
        )
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = self._build_format(inner, quote_parts)
        return QTextCharFormat(fmt)

    def _look(self, span: Span) -> tuple:
        state = 2 if span.id == self._selected else 1 if span.id in self._emphasised else 0
        return span.label, span.origin == "model", state

    def _build_format(self, inner: Span | None, quote_parts: list[Span]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if inner is not None:
            colour = QColor(self._colour(inner.label))
            if inner.id == self._selected:
                colour = colour.darker(145)
                fmt.setFontWeight(QFont.Weight.Bold)
            elif inner.origin == "model":
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(colour.darker(170))
                colour.setAlpha(_SUGGESTION_ALPHA)
            fmt.setBackground(colour)
        for span in quote_parts:
            colour = self._colour(span.label)
            if span.label == "QUOTE":
                fmt.setFontUnderline(True)
                fmt.setUnderlineStyle(
                    QTextCharFormat.UnderlineStyle.DashUnderline
                    if span.origin == "model"
                    else QTextCharFormat.UnderlineStyle.SingleUnderline
                )
                fmt.setUnderlineColor(colour)
            elif span.label == "SPEAKER":
                # Darker than the label colour: a speaker is often also a PERSON
                # and must stay readable on that background.
                fmt.setForeground(colour.darker(160))
                fmt.setFontWeight(QFont.Weight.Bold)
            else:
                fmt.setForeground(colour.darker(130))
                fmt.setFontItalic(True)
            if span.id == self._selected or span.id in self._emphasised:
                tint = QColor(colour)
                tint.setAlpha(70 if span.id == self._selected else 45)
                if inner is None:
                    fmt.setBackground(tint)
        return fmt

    def _colour(self, label: str) -> QColor:
        return self._colours.get(label, QColor("#cccccc"))

    # ------------------------------------------------------------ indexing

    def _block_of(self, index: int) -> int:
        return max(0, bisect_right(self._block_starts, index) - 1)

    def _blocks_of(self, span: Span) -> set[int]:
        return set(range(self._block_of(span.start), self._block_of(max(span.start, span.end - 1)) + 1))

    def _index(self, span: Span) -> set[int]:
        self._spans[span.id] = span
        blocks = self._blocks_of(span)
        for number in blocks:
            self._block_spans[number].add(span.id)
        return blocks

    def _unindex(self, span: Span) -> set[int]:
        blocks = self._blocks_of(span)
        for number in blocks:
            self._block_spans[number].discard(span.id)
        del self._spans[span.id]
        return blocks

    def _redraw(self, blocks: set[int]) -> None:
        document = self.document()
        for number in sorted(blocks):
            block = document.findBlockByNumber(number)
            if block.isValid():
                self.rehighlightBlock(block)
