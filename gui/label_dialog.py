"""The label set dialog: add, rename, recolour, rekey and remove labels."""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.errors import BylineError
from core.model import Label, Layer
from core.store import AnnotationStore
from gui.shortcuts import RESERVED_LABEL_KEYS


class NewLabelDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New label")
        self.name = QLineEdit()
        self.layer = QComboBox()
        self.layer.addItems([layer.value for layer in Layer])
        self.key = QLineEdit()
        self.key.setMaxLength(1)
        self.description = QLineEdit()
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Layer", self.layer)
        form.addRow("Key", self.key)
        form.addRow("Description", self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def label(self) -> Label:
        return Label(self.name.text().strip().upper(), Layer(self.layer.currentText()), "",
                     self.key.text().strip().lower(), self.description.text().strip())


class LabelDialog(QDialog):
    """Every change is written to the store at once; the window reloads labels when it closes."""

    COLUMNS = ("Label", "Layer", "Key", "Spans", "Description")

    def __init__(self, store: AnnotationStore, parent=None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Labels")
        self.resize(640, 560)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for text, handler in (
            ("Add…", self.add),
            ("Rename…", self.rename),
            ("Colour…", self.recolour),
            ("Key…", self.rekey),
            ("Remove…", self.remove),
        ):
            button = QPushButton(text)
            button.clicked.connect(handler)
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        labels = self.store.labels()
        self.table.setRowCount(len(labels))
        for row, label in enumerate(labels):
            values = (label.name, label.layer.value, label.shortcut.upper(), str(self.store.label_usage(label.name)),
                      label.description)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 0:
                    item.setBackground(QColor(label.colour))
                self.table.setItem(row, column, item)
            if label.name == select:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()

    def selected_label(self) -> Label | None:
        row = self.table.currentRow()
        if row < 0:
            QMessageBox.information(self, "Labels", "Select a label first.")
            return None
        name = self.table.item(row, 0).text()
        return next((label for label in self.store.labels() if label.name == name), None)

    def _run(self, operation, select: str | None = None) -> bool:
        try:
            operation()
        except BylineError as exc:
            QMessageBox.warning(self, "Labels", str(exc))
            return False
        self.reload(select)
        return True

    def add(self) -> None:
        dialog = NewLabelDialog(self)
        if not dialog.exec():
            return
        label = dialog.label()
        if label.shortcut in RESERVED_LABEL_KEYS:
            QMessageBox.warning(self, "Labels", f"The key {label.shortcut!r} is used by a command.")
            return
        self._run(lambda: self.store.add_label(label, strict=True), label.name)

    def rename(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        name, ok = QInputDialog.getText(self, "Rename label", f"New name for {label.name}:", text=label.name)
        if ok:
            self._run(lambda: self.store.rename_label(label.name, name.strip().upper()), name.strip().upper())

    def recolour(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        colour = QColorDialog.getColor(QColor(label.colour), self, f"Colour of {label.name}")
        if colour.isValid():
            self._run(lambda: self.store.update_label(label.name, colour=colour.name()), label.name)

    def rekey(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        key, ok = QInputDialog.getText(self, "Label key", f"Key for {label.name} (one character, empty for none):",
                                       text=label.shortcut)
        if not ok:
            return
        key = key.strip().lower()
        if key in RESERVED_LABEL_KEYS:
            QMessageBox.warning(self, "Labels", f"The key {key!r} is used by a command.")
            return
        self._run(lambda: self.store.update_label(label.name, shortcut=key), label.name)

    def remove(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        used = self.store.label_usage(label.name)
        if used:
            answer = QMessageBox.question(
                self, "Remove label",
                f"{used} span(s) carry {label.name}. Removing the label deletes them "
                "(the model's suggestions are kept). Remove it?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda: self.store.remove_label(label.name))
