"""The statistics as charts: matplotlib Figures (no GUI backend), saved as PNG and SVG.

The window embeds the same Figure objects in Qt canvases; the command line
saves them. matplotlib is the plotting library the field knows, draws the
same figure on screen and to PNG/SVG files, and has a Qt canvas.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

from core.errors import BylineError
from core.statistics import CorpusStatistics

_STATUS_COLOURS = {"new": "#9aa5b1", "in_progress": "#e69f00", "done": "#009e73", "skipped": "#cccccc"}
_KIND_COLOURS = {"direct": "#0072b2", "indirect": "#56b4e9", "mixed": "#cc79a7", "floating": "#999999"}


@dataclass(frozen=True)
class Chart:
    name: str  # file name stem
    title: str
    figure: Figure


def _figure(title: str, height: float = 3.2) -> tuple[Figure, object]:
    figure = Figure(figsize=(6.4, height), layout="constrained")
    axes = figure.add_subplot()
    axes.set_title(title, fontsize=11)
    return figure, axes


def _empty(axes, message: str = "nothing yet") -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes, color="#777777")
    axes.set_xticks([])
    axes.set_yticks([])


def progress_chart(stats: CorpusStatistics) -> Chart:
    figure, axes = _figure(f"Documents by status ({stats.documents} in all)")
    names = [status.replace("_", " ") for status, _count in stats.status_counts]
    counts = [count for _status, count in stats.status_counts]
    bars = axes.bar(names, counts, color=[_STATUS_COLOURS.get(s, "#888888") for s, _c in stats.status_counts])
    axes.bar_label(bars)
    axes.set_ylabel("documents")
    return Chart("progress", "Progress", figure)


def done_per_day_chart(stats: CorpusStatistics) -> Chart:
    figure, axes = _figure("Documents finished per day")
    if not stats.done_per_day:
        _empty(axes, "no document is done yet")
    else:
        days = [day for day, _count in stats.done_per_day]
        counts = [count for _day, count in stats.done_per_day]
        axes.bar(days, counts, color="#009e73")
        axes.set_ylabel("documents")
        axes.tick_params(axis="x", labelrotation=45, labelsize=8)
    return Chart("done-per-day", "Done per day", figure)


def label_chart(stats: CorpusStatistics, colours: dict[str, str]) -> Chart:
    figure, axes = _figure("Entity labels", height=max(3.2, 0.28 * len(stats.entity_labels) + 1))
    if not stats.entity_labels:
        _empty(axes)
    else:
        labels = [label for label, _count in reversed(stats.entity_labels)]
        counts = [count for _label, count in reversed(stats.entity_labels)]
        bars = axes.barh(labels, counts, color=[colours.get(label, "#cccccc") for label in labels],
                         edgecolor="#555555", linewidth=0.5)
        axes.bar_label(bars, fontsize=8)
        axes.set_xlabel("spans")
    return Chart("entity-labels", "Entity labels", figure)


def quote_kind_chart(stats: CorpusStatistics) -> Chart:
    figure, axes = _figure(f"Quotes by kind ({stats.quotes} in all)")
    kinds = [kind for kind, _count in stats.quote_kinds]
    counts = [count for _kind, count in stats.quote_kinds]
    bars = axes.bar(kinds, counts, color=[_KIND_COLOURS.get(kind, "#888888") for kind in kinds])
    axes.bar_label(bars)
    axes.set_ylabel("quotes")
    return Chart("quote-kinds", "Quote kinds", figure)


def speakers_chart(stats: CorpusStatistics) -> Chart:
    """Most quoted speakers; each bar's ``gid`` is the speaker, for click handling in the window."""
    rows = list(reversed(stats.top_speakers))
    figure, axes = _figure(f"The {len(rows)} most quoted speakers", height=max(3.2, 0.3 * len(rows) + 1))
    if not rows:
        _empty(axes, "no quote has a speaker yet")
    else:
        bars = axes.barh([row.canonical for row in rows], [row.quotes for row in rows], color="#d55e00")
        for bar, row in zip(bars, rows):
            bar.set_gid(row.canonical)
            bar.set_picker(True)
        axes.bar_label(bars, fontsize=8)
        axes.set_xlabel("quotes")
        axes.tick_params(axis="y", labelsize=8)
    return Chart("speakers", "Speakers", figure)


def model_chart(stats: CorpusStatistics) -> Chart:
    """Precision and recall of the model's suggestions per label, and the corrections made most."""
    evaluation = stats.model_vs_analysts
    scores = [score for score in evaluation.labels if score.support or score.false_positives]
    figure = Figure(figsize=(6.4, max(3.6, 0.32 * len(scores) + 2.2)), layout="constrained")
    axes, notes = figure.subplots(2, 1, height_ratios=[3, 1])
    axes.set_title(f"Model against analysts ({evaluation.documents} done documents)", fontsize=11)
    if not scores:
        _empty(axes, "no pre-annotated document is done yet")
    else:
        positions = range(len(scores))
        axes.barh([p + 0.2 for p in positions], [s.precision for s in scores], height=0.4,
                  label="precision", color="#0072b2")
        axes.barh([p - 0.2 for p in positions], [s.recall for s in scores], height=0.4,
                  label="recall", color="#e69f00")
        axes.set_yticks(list(positions), [s.label for s in scores], fontsize=8)
        axes.set_xlim(0, 1)
        axes.legend(loc="lower right", fontsize=8)
    notes.axis("off")
    top = evaluation.corrections[:5]
    text = "\n".join(f"{c.count:>4}  {c.kind}: {c.before} → {c.after}" for c in top) or "no corrections yet"
    notes.text(0, 1, "Most frequent corrections\n" + text, va="top", fontsize=8, family="monospace")
    return Chart("model-vs-analysts", "Model against analysts", figure)


def all_charts(stats: CorpusStatistics, colours: dict[str, str]) -> list[Chart]:
    return [
        progress_chart(stats),
        done_per_day_chart(stats),
        label_chart(stats, colours),
        quote_kind_chart(stats),
        speakers_chart(stats),
        model_chart(stats),
    ]


def save_charts(charts: list[Chart], folder: Path) -> list[Path]:
    """Write each chart as PNG and SVG into ``folder``; returns the files written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for chart in charts:
            for suffix in ("png", "svg"):
                path = folder / f"{chart.name}.{suffix}"
                chart.figure.savefig(path, dpi=120)
                written.append(path)
    except OSError as exc:
        raise BylineError(f"cannot write the charts to {folder}: {exc.strerror or exc}") from exc
    return written
