"""The span list: every span of the open article, filterable by label; a click jumps to it."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRegularExpression, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from core.model import Span
from gui.row_table_model import RowTableModel

ALL_LABELS = "All labels"


class SpanListModel(RowTableModel):
    """A thin adapter over the editor's spans; rows follow reading order after each load."""

    COLUMNS = ("Label", "Text", "State")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text = ""
        self._colours: dict[str, QColor] = {}

    def set_colours(self, colours: dict[str, str]) -> None:
        self._colours = {name: QColor(colour) for name, colour in colours.items()}

    def load(self, text: str, spans: list[Span]) -> None:
        self._text = text
        self._set_rows(spans)

    def upsert(self, span: Span) -> None:
        """One span changed or appeared: update its row, or add one at the end."""
        row = self._row_of.get(span.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._row_of[span.id] = len(self._rows)
            self._rows.append(span)
            self.endInsertRows()
        else:
            self._rows[row] = span
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def remove(self, span_id: str) -> None:
        row = self._row_of.get(span_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._row_of = {span.id: number for number, span in enumerate(self._rows)}
        self.endRemoveRows()

    def span(self, row: int) -> Span:
        return self._rows[row]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return span.label
            if column == 1:
                text = " ".join(self._text[span.start : span.end].split())
                speaker = span.attrs.get("resolved_speaker")
                text = text if len(text) <= 80 else text[:79] + "…"
                return f"{text}  — {speaker}" if speaker else text
            return "suggested" if span.origin == "model" else "confirmed"
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            return self._colours.get(span.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text[span.start : span.end][:500]
        return None


class SpanListPanel(QWidget):
    """The list with its label filter; emits the id of a clicked span."""

    spanActivated = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = SpanListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(0)
        self.filter = QComboBox()
        self.filter.addItem(ALL_LABELS)
        self.filter.currentTextChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys stay with the article
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents would measure every row on every edit.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 95)
        header.resizeSection(2, 80)
        self.table.clicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)

    def set_labels(self, names: list[str], colours: dict[str, str]) -> None:
        current = self.filter.currentText()
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItems([ALL_LABELS, *names])
        self.filter.setCurrentText(current if current in names else ALL_LABELS)
        self.filter.blockSignals(False)
        self.model.set_colours(colours)
        self._filter_changed(self.filter.currentText())

    def _filter_changed(self, text: str) -> None:
        # Exact match on the label column: "ORG" must not also show "ORGANISATION".
        pattern = "" if text == ALL_LABELS else f"^{QRegularExpression.escape(text)}$"
        self.proxy.setFilterRegularExpression(pattern)

    def _clicked(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        self.spanActivated.emit(self.model.span(source.row()).id)

    def show_selected(self, span_id: str | None) -> None:
        """Keep the list's highlighted row on the selected span."""
        row = self.model.row_of(span_id) if span_id else None
        if row is None:
            self.table.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)
