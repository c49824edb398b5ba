"""The quote panel: kind, speaker and cue of the selected quote."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton

from core.model import QuoteKind


class QuotePanel(QGroupBox):
    """Shown while a quote is selected; every change is a signal the window saves."""

    kindChosen = Signal(str)
    speakerNameChosen = Signal(str)
    deleteRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__("Quote", parent)
        self.kind = QComboBox()
        self.kind.addItems([kind.value for kind in QuoteKind])
        self.kind.activated.connect(lambda _index: self.kindChosen.emit(self.kind.currentText()))
        self.speaker_mention = QLabel()
        self.speaker_mention.setWordWrap(True)
        self.resolved = QComboBox()
        self.resolved.setEditable(True)
        self.resolved.setToolTip("Who the speaker is: pick a person or organisation of the article, or type a name")
        self.resolved.activated.connect(lambda _index: self._emit_name())
        self.resolved.lineEdit().editingFinished.connect(self._emit_name)
        self.cue = QLabel()
        self.cue.setWordWrap(True)
        delete = QPushButton("Delete quote")
        delete.clicked.connect(self.deleteRequested.emit)
        hint = QLabel("To set the speaker or cue: select the words and press S or V, or Ctrl+click a name.")
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("Kind", self.kind)
        form.addRow("Speaker", self.speaker_mention)
        form.addRow("Refers to", self.resolved)
        form.addRow("Cue", self.cue)
        form.addRow(hint)
        form.addRow(delete)
        self._shown_name = ""

    def show_quote(self, kind: str | None, mention: str | None, resolved: str | None, cue: str | None,
                   candidates: list[str]) -> None:
        self.kind.setCurrentText(kind or QuoteKind.DIRECT.value)
        self.speaker_mention.setText(mention or "(none)")
        self.cue.setText(cue or "(none)")
        self.resolved.blockSignals(True)
        self.resolved.clear()
        self.resolved.addItems(candidates)
        self.resolved.setEditText(resolved or "")
        self.resolved.blockSignals(False)
        self._shown_name = resolved or ""

    def _emit_name(self) -> None:
        name = self.resolved.currentText().strip()
        if name != self._shown_name:
            self._shown_name = name
            self.speakerNameChosen.emit(name)
