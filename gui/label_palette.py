"""The label palette: one button per label, with its colour and key."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QScrollArea, QWidget

from core.model import Label, Layer

_LAYER_TITLES = {Layer.ENTITY: "Entities", Layer.QUOTE: "Quotes"}


class LabelPalette(QScrollArea):
    """Clicking a label applies it, like pressing its key."""

    labelChosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.buttons: dict[str, QPushButton] = {}

    def set_labels(self, labels: list[Label]) -> None:
        container = QWidget()
        layout = QGridLayout(container)
        layout.setSpacing(3)
        self.buttons = {}
        row = 0
        for layer in Layer:
            layer_labels = [label for label in labels if label.layer == layer]
            if not layer_labels:
                continue
            layout.addWidget(QLabel(f"<b>{_LAYER_TITLES[layer]}</b>"), row, 0, 1, 2)
            row += 1
            # Two columns: the whole palette stays in view beside the article.
            for index, label in enumerate(layer_labels):
                layout.addWidget(self._button(label), row + index // 2, index % 2)
            row += (len(layer_labels) + 1) // 2
        layout.setRowStretch(row, 1)
        self.setWidget(container)

    def _button(self, label: Label) -> QPushButton:
        key = f"  {label.shortcut.upper()}" if label.shortcut else ""
        button = QPushButton(f"{label.name}{key}")
        button.setToolTip(label.description)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # label keys keep working in the article
        colour = QColor(label.colour)
        text_colour = "#000000" if colour.lightness() > 140 else "#ffffff"
        button.setStyleSheet(
            f"QPushButton {{ background: {label.colour}; color: {text_colour}; text-align: left;"
            f" padding: 3px 8px; border: 1px solid {colour.darker(130).name()}; border-radius: 3px; }}"
        )
        button.clicked.connect(lambda _checked=False, name=label.name: self.labelChosen.emit(name))
        self.buttons[label.name] = button
        return button
