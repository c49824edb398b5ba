"""The Statistics window: the corpus charts, live, with the quotes behind each speaker."""
from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.charts import Chart, all_charts, save_charts
from core.errors import BylineError
from core.statistics import corpus_statistics
from core.store import AnnotationStore

_QUOTE_ROLE = Qt.ItemDataRole.UserRole


class StatisticsView(QWidget):
    """A separate window; ``refresh_soon`` is called whenever annotations change."""

    quoteChosen = Signal(str, str)  # document id, span id

    def __init__(self, store: AnnotationStore, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.setWindowTitle("Byline — statistics")
        self.resize(1280, 860)
        self.charts: list[Chart] = []
        self.canvases: list[FigureCanvasQTAgg] = []
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        self.speaker_title = QLabel("Click a speaker's bar to list their quotes.")
        self.speaker_title.setWordWrap(True)
        self.quotes = QListWidget()
        self.quotes.setWordWrap(True)
        self.quotes.itemActivated.connect(self._open_quote)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.speaker_title)
        side_layout.addWidget(self.quotes)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(side)
        splitter.setSizes([920, 360])
        refresh = QPushButton("Refresh")
        refresh.clicked.connect(self.refresh)
        save = QPushButton("Save charts…")
        save.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(refresh)
        buttons.addWidget(save)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter)
        # Edits come in bursts: redraw once they settle, and only while visible.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(600)
        self._timer.timeout.connect(self.refresh)
        self.refresh()

    def refresh_soon(self) -> None:
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        # Normally a fraction of a second; the first time after upgrading a large
        # database every document is counted once, which can take a while.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            stats = corpus_statistics(self.store)
        except BylineError as exc:
            QMessageBox.warning(self, "Byline", str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        colours = {label.name: label.colour for label in self.store.labels()}
        self.charts = all_charts(stats, colours)
        for canvas in self.canvases:
            self.grid.removeWidget(canvas)
            canvas.deleteLater()
        self.canvases = []
        for index, chart in enumerate(self.charts):
            canvas = FigureCanvasQTAgg(chart.figure)
            canvas.setMinimumHeight(int(chart.figure.get_figheight() * 80))
            canvas.mpl_connect("pick_event", self._picked)
            self.grid.addWidget(canvas, index // 2, index % 2)
            self.canvases.append(canvas)

    def _picked(self, event) -> None:
        speaker = event.artist.get_gid()
        if speaker:
            self.show_speaker(speaker)

    def show_speaker(self, speaker: str) -> None:
        """List the speaker's quotes (under every name grouped with theirs)."""
        quotes = self.store.quotes_by_speaker(speaker)
        self.speaker_title.setText(f"{speaker}: {len(quotes)} quote(s). Double-click one to open it.")
        self.quotes.clear()
        for quote in quotes:
            text = " ".join(quote.text.split())
            item = QListWidgetItem(f"{text[:220]}{'…' if len(text) > 220 else ''}\n— {quote.title}")
            item.setData(_QUOTE_ROLE, (quote.doc_id, quote.span_id))
            self.quotes.addItem(item)

    def _open_quote(self, item: QListWidgetItem) -> None:
        doc_id, span_id = item.data(_QUOTE_ROLE)
        self.quoteChosen.emit(doc_id, span_id)

    def save(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the charts (PNG and SVG) in", str(Path.home()))
        if not folder:
            return
        try:
            written = save_charts(self.charts, Path(folder))
        except BylineError as exc:
            QMessageBox.warning(self, "Byline", str(exc))
            return
        QMessageBox.information(self, "Byline", f"Saved {len(written)} files in {folder}")
