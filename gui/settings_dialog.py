"""The settings dialog: analyst name and spaCy pipeline."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox

from core.errors import BylineError
from core.settings import Settings, save_settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Byline settings")
        self._settings = settings
        self.analyst = QLineEdit(settings.analyst)
        self.model = QLineEdit(settings.model or "")
        self.model.setPlaceholderText("en_core_web_sm (default), another package name, or a folder")
        form = QFormLayout(self)
        form.addRow("Analyst name (recorded with every edit)", self.analyst)
        form.addRow("spaCy pipeline for pre-annotation", self.model)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def settings(self) -> Settings:
        return self._settings

    def _save(self) -> None:
        analyst = self.analyst.text().strip()
        if not analyst:
            QMessageBox.warning(self, "Byline", "The analyst name cannot be empty.")
            return
        self._settings = self._settings.with_changes(analyst=analyst, model=self.model.text().strip() or None)
        try:
            save_settings(self._settings)
        except (OSError, BylineError) as exc:
            QMessageBox.warning(self, "Byline", f"Cannot save the settings: {exc}")
            return
        self.accept()
