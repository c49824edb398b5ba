"""Starting the window: QApplication, store, main window, background pre-annotation."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from core.errors import BylineError
from core.settings import Settings
from core.store import AnnotationStore
from gui.main_window import MainWindow


def run_gui(db_path: Path, settings: Settings, model: str | None) -> int:
    """Open the window on ``db_path``; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Byline")
    try:
        store = AnnotationStore(db_path, analyst=settings.analyst)
    except BylineError as exc:
        QMessageBox.critical(None, "Byline cannot open the database", str(exc))
        return 1
    window = MainWindow(store, settings, model)
    window.show()
    # Samples and pre-annotation run on a worker thread: the window is usable at once.
    window.start_preannotation()
    code = app.exec()
    store.close()
    return code
