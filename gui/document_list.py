"""The document list: a thin table model over ``AnnotationStore.list_documents``."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from core.model import DocumentSummary, Status
from core.store import AnnotationStore
from gui.row_table_model import RowTableModel

SORT_ROLE = Qt.ItemDataRole.UserRole
_STATUS_ORDER = {Status.NEW: 0, Status.IN_PROGRESS: 1, Status.DONE: 2, Status.SKIPPED: 3}
_STATUS_COLOURS = {
    Status.NEW: QColor("#5f6b7a"),
    Status.IN_PROGRESS: QColor("#a15c00"),
    Status.DONE: QColor("#1b7a3a"),
    Status.SKIPPED: QColor("#8a8a8a"),
}


class DocumentListModel(RowTableModel):
    """Rows are documents in import order: title, status, span count."""

    COLUMNS = ("Title", "Status", "Spans")

    def __init__(self, store: AnnotationStore, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self.refresh()

    def refresh(self) -> None:
        """Reload every row from the store."""
        self._set_rows(self._store.list_documents())

    def refresh_document(self, doc_id: str) -> None:
        """Reload one row (after an edit), leaving the rest alone."""
        number = self._row_of.get(doc_id)
        if number is None:
            self.refresh()
            return
        self._rows[number] = self._store.document_summary(doc_id)
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(self.COLUMNS) - 1))

    def summary(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def summaries(self) -> list[DocumentSummary]:
        return list(self._rows)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.title, row.status.title, row.span_count)[column]
        if role == SORT_ROLE:
            return (row.title.lower(), _STATUS_ORDER[row.status], row.span_count)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.title
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return _STATUS_COLOURS[row.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
