"""The settings dialog: analyst name, spaCy pipeline and the quote finder's cue lexicon."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
)

from core.errors import BylineError
from core.nlp.quote_lexicon import DEFAULT_LEXICON_PATH, load_lexicon
from core.settings import Settings, save_settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Byline settings")
        self.setMinimumWidth(720)  # room for a file path and the placeholders
        self._settings = settings
        self.analyst = QLineEdit(settings.analyst)
        self.model = QLineEdit(settings.model or "")
        self.model.setPlaceholderText("en_core_web_sm (default), another package name, or a folder")
        self.lexicon = QLineEdit(settings.lexicon or "")
        self.lexicon.setPlaceholderText(f"{DEFAULT_LEXICON_PATH.name} (default), or a JSON file shaped like it")
        self.lexicon.setToolTip(
            "The cue words the quote finder looks for: a JSON file shaped like resources/cue_verbs.json, or "
            "one that starts with \"extends\": \"cue_verbs.json\" and lists the words it adds. "
            "resources/cue_verbs_topics.json also reports topics (\"talked about the budget\"). "
            "Applies to documents pre-annotated from now on (Byline offers to redo untouched ones).")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_lexicon)
        lexicon_row = QHBoxLayout()
        lexicon_row.addWidget(self.lexicon)
        lexicon_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("Analyst name (recorded with every edit)", self.analyst)
        form.addRow("spaCy pipeline for pre-annotation", self.model)
        form.addRow("Cue lexicon for finding quotes", lexicon_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        return self._settings

    def _choose_lexicon(self) -> None:
        start = self.lexicon.text().strip() or str(DEFAULT_LEXICON_PATH.parent)
        path, _ = QFileDialog.getOpenFileName(self, "Cue lexicon", start, "Cue lexicon (*.json)")
        if path:
            self.lexicon.setText(path)

    def _save(self) -> None:
        analyst = self.analyst.text().strip()
        if not analyst:
            QMessageBox.warning(self, "Byline", "The analyst name cannot be empty.")
            return
        lexicon = self.lexicon.text().strip() or None
        try:
            if lexicon:
                load_lexicon(lexicon)  # refuse a file the next pre-annotation would fail on
            self._settings = self._settings.with_changes(
                analyst=analyst, model=self.model.text().strip() or None, lexicon=lexicon)
            save_settings(self._settings)
        except (OSError, BylineError) as exc:
            QMessageBox.warning(self, "Byline", f"Cannot save the settings: {exc}")
            return
        self.accept()


def edit_settings(window) -> None:
    """File > Settings… for ``window`` (a MainWindow): apply what the analyst saved and,
    after a change of pipeline or cue lexicon, offer to pre-annotate again the
    documents no one has worked on yet."""
    before = window.settings
    dialog = SettingsDialog(before, window)
    if not dialog.exec():
        return
    window.settings = after = dialog.settings()
    if window.store.analyst != after.analyst:
        window.store.analyst = after.analyst
        window.editor.restore_undo_stack()  # each analyst has their own undo stack
    if after.model:
        window.model_name = after.model
    if (before.model, before.lexicon) != (after.model, after.lexicon):
        window.preannotation.offer_again()
