"""The shortcut overlay (F1 or ?): every command and label key, from their one definition."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from core.model import Label
from gui.shortcuts import COMMANDS


def shortcut_table_html(labels: list[Label]) -> str:
    """The overlay's content as a small HTML table (our own strings, escaped)."""
    rows: list[str] = []
    group = None
    for command in COMMANDS:
        if command.group != group:
            group = command.group
            rows.append(f"<tr><td colspan=2><h3>{escape(group)}</h3></td></tr>")
        # "Shift+Backtab" is how some platforms report Shift+Tab: not worth showing twice.
        keys = " / ".join(f"<b>{escape(key)}</b>" for key in command.keys if "Backtab" not in key)
        rows.append(f"<tr><td>{keys}</td><td>{escape(command.text)}</td></tr>")
    rows.append("<tr><td colspan=2><h3>Labels</h3></td></tr>")
    for label in labels:
        if label.shortcut:
            rows.append(
                f"<tr><td><b>{escape(label.shortcut.upper())}</b></td>"
                f"<td><span style='background:{escape(label.colour)}'>&nbsp;{escape(label.name)}&nbsp;</span>"
                f" {escape(label.description)}</td></tr>"
            )
    mouse = (
        "<h3>Mouse</h3><p>Drag across words (snapped to whole words) or double-click a word, then press a label key."
        " Click a span to select it; click the same spot again for the span around it. With a quote selected,"
        " Ctrl+click a name to make it the speaker.</p>"
    )
    return f"<table cellspacing=4>{''.join(rows)}</table>{mouse}"


class HelpOverlay(QDialog):
    def __init__(self, labels: list[Label], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Byline shortcuts")
        self.resize(620, 700)
        content = QLabel(shortcut_table_html(labels))
        content.setTextFormat(Qt.TextFormat.RichText)
        content.setWordWrap(True)
        content.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.content = content
