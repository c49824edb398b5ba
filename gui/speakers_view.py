"""The Speakers window: every canonical speaker with its names; merge and split them."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.errors import BylineError
from core.store import AnnotationStore

_NAME_ROLE = Qt.ItemDataRole.UserRole


class SpeakersView(QWidget):
    speakerChosen = Signal(str)  # canonical name whose quotes to show
    changed = Signal()  # a merge or split: statistics should redraw

    def __init__(self, store: AnnotationStore, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.setWindowTitle("Byline — speakers")
        self.resize(760, 720)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Speaker / names", "Quotes", "Documents"])
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.tree.setColumnWidth(0, 440)
        self.tree.itemDoubleClicked.connect(self._show_quotes)
        merge = QPushButton("Merge selected…")
        merge.setToolTip("Make the selected speakers and names one person")
        merge.clicked.connect(self.merge_selected)
        split = QPushButton("Split name off")
        split.setToolTip("The selected name stands for a person of its own")
        split.clicked.connect(self.split_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(merge)
        buttons.addWidget(split)
        buttons.addStretch(1)
        hint = QLabel("Names that end with one another (“Peskov”, “Dmitry Peskov”) are grouped automatically "
                      "unless that could mix up two people. Double-click a speaker to see their quotes.")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for row in self.store.speaker_table():
            item = QTreeWidgetItem([row.canonical, str(row.quotes), str(row.documents)])
            item.setData(0, _NAME_ROLE, row.canonical)
            for variant in row.variants:
                if variant != row.canonical:
                    child = QTreeWidgetItem([variant, "", ""])
                    child.setData(0, _NAME_ROLE, variant)
                    item.addChild(child)
            self.tree.addTopLevelItem(item)

    def selected_names(self) -> list[str]:
        return [item.data(0, _NAME_ROLE) for item in self.tree.selectedItems()]

    def merge_selected(self) -> None:
        names = self.selected_names()
        if len(names) < 2:
            QMessageBox.information(self, "Speakers", "Select two or more speakers or names to merge.")
            return
        canonical, ok = QInputDialog.getItem(self, "Merge speakers", "The person's name:", names, 0, True)
        if ok:
            self._run(lambda: self.store.merge_speakers(names, canonical))

    def split_selected(self) -> None:
        names = self.selected_names()
        if len(names) != 1:
            QMessageBox.information(self, "Speakers", "Select one name to split off.")
            return
        self._run(lambda: self.store.split_speaker(names[0]))

    def _run(self, operation) -> None:
        try:
            operation()
        except BylineError as exc:
            QMessageBox.warning(self, "Speakers", str(exc))
            return
        self.refresh()
        self.changed.emit()

    def _show_quotes(self, item: QTreeWidgetItem, _column: int) -> None:
        top = item.parent() or item
        self.speakerChosen.emit(top.data(0, _NAME_ROLE))
