"""The left panel: the document list with search, status and label filters, and sorting."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.errors import BylineError
from core.model import Status
from core.store import AnnotationStore
from gui.document_list import SORT_ROLE, DocumentListModel

ANY_STATUS = "Any status"
ANY_LABEL = "Any label"


class DocumentFilter(QSortFilterProxyModel):
    """Shows the documents that pass the status filter and are in the allowed set (search, label)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status: Status | None = None
        self.allowed: set[str] | None = None  # None: no restriction
        self.setSortRole(SORT_ROLE)

    def set_filters(self, status: Status | None, allowed: set[str] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.status, self.allowed = status, allowed
            self.endFilterChange()
        else:
            self.status, self.allowed = status, allowed
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:  # noqa: N802
        summary = self.sourceModel().summary(source_row)
        if self.status is not None and summary.status != self.status:
            return False
        return self.allowed is None or summary.id in self.allowed


class DocumentPanel(QWidget):
    documentChosen = Signal(str)
    error = Signal(str)

    def __init__(self, store: AnnotationStore, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.model = DocumentListModel(store, self)
        self.proxy = DocumentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search all articles (Ctrl+Shift+F)")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.apply_filters)
        self.search.textChanged.connect(lambda text: text or self.apply_filters())
        self.status = QComboBox()
        self.status.addItem(ANY_STATUS)
        self.status.addItems([status.title for status in Status])
        self.status.currentIndexChanged.connect(self.apply_filters)
        self.label = QComboBox()
        self.label.addItem(ANY_LABEL)
        self.label.currentIndexChanged.connect(self.apply_filters)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # import order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fixed widths: ResizeToContents would measure every row on every change.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 85)
        header.resizeSection(2, 55)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.status)
        filters.addWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.search_terms: str = ""

    def set_labels(self, names: list[str]) -> None:
        current = self.label.currentText()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItems([ANY_LABEL, *names])
        self.label.setCurrentText(current if current in names else ANY_LABEL)
        self.label.blockSignals(False)

    # ------------------------------------------------------------ filters

    def apply_filters(self) -> None:
        status_text = self.status.currentText()
        status = next((s for s in Status if s.title == status_text), None)
        allowed: set[str] | None = None
        query = self.search.text().strip()
        try:
            if query:
                allowed = set(self.store.search_documents(query))
            if self.label.currentText() != ANY_LABEL:
                with_label = self.store.documents_with_label(self.label.currentText())
                allowed = with_label if allowed is None else allowed & with_label
        except BylineError as exc:
            self.error.emit(str(exc))
            return
        self.search_terms = query
        self.proxy.set_filters(status, allowed)

    # --------------------------------------------------------- rows

    def refresh(self) -> None:
        self.model.refresh()

    def refresh_document(self, doc_id: str) -> None:
        self.model.refresh_document(doc_id)

    def visible_ids(self) -> list[str]:
        """Document ids in the order the list shows them."""
        return [
            self.model.summary(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).id
            for row in range(self.proxy.rowCount())
        ]

    def select(self, doc_id: str) -> None:
        """Highlight a document's row without emitting documentChosen."""
        source_row = self.model.row_of(doc_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        if index.isValid():
            selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index)
        else:
            selection.clearSelection()
        selection.blockSignals(False)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            source = self.proxy.mapToSource(current)
            self.documentChosen.emit(self.model.summary(source.row()).id)
