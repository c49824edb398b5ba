"""A table model over a list of rows with ids: the part the document and span lists share."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class RowTableModel(QAbstractTableModel):
    """Rows are kept in ``_rows`` with an id -> row index in ``_row_of``; subclasses
    set ``COLUMNS`` and implement ``data``."""

    COLUMNS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._row_of: dict[str, int] = {}

    def _set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.id: number for number, row in enumerate(self._rows)}
        self.endResetModel()

    def row_of(self, row_id: str) -> int | None:
        return self._row_of.get(row_id)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None
