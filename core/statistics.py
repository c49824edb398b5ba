"""Corpus statistics: progress, label distributions, who is quoted. SQL over the store.

``corpus_statistics`` returns pure data; ``core/charts.py`` draws it, the
window shows the charts and ``main.py stats`` prints the numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.evaluation import Evaluation, evaluate_store, format_scores
from core.model import Layer, Status
from core.store import AnnotationStore
from core.store_speakers import SpeakerRow


@dataclass(frozen=True)
class CorpusStatistics:
    status_counts: tuple[tuple[str, int], ...]  # (status, documents), every status
    done_per_day: tuple[tuple[str, int], ...]  # (YYYY-MM-DD, documents marked done that day)
    entity_labels: tuple[tuple[str, int], ...]  # (label, spans), most frequent first
    quote_kinds: tuple[tuple[str, int], ...]  # (kind, quotes)
    top_speakers: tuple[SpeakerRow, ...]
    documents: int
    quotes: int
    model_vs_analysts: Evaluation  # entity suggestions against the final spans of done documents


def corpus_statistics(store: AnnotationStore, top: int = 20) -> CorpusStatistics:
    """Everything the Statistics view and ``stats`` command show: sums of per-document counts."""
    store.refresh_counts()
    db = store.db
    by_status = dict(db.execute("select status, count(*) from documents group by status"))
    status_counts = tuple((status.value, by_status.get(status.value, 0)) for status in Status)
    # The day each document got its current status (a document re-opened and done again counts once).
    done_per_day = tuple(
        db.execute(
            "select substr(status_at, 1, 10) as day, count(*) from documents "
            "where status = 'done' and status_at is not null group by day order by day"
        )
    )
    entity_labels = tuple(
        db.execute(
            "select label, sum(n) as total from doc_label_counts where layer = 'entity' "
            "group by label order by total desc, label"
        )
    )
    kinds = dict(db.execute("select kind, sum(n) from doc_quote_counts group by kind"))
    quote_kinds = tuple(
        (kind, kinds.pop(kind, 0)) for kind in ("direct", "indirect", "mixed", "floating")
    ) + tuple(sorted(kinds.items()))
    return CorpusStatistics(
        status_counts=status_counts,
        done_per_day=done_per_day,
        entity_labels=entity_labels,
        quote_kinds=quote_kinds,
        top_speakers=tuple(store.speaker_table(limit=top)),
        documents=sum(count for _status, count in status_counts),
        quotes=sum(count for _kind, count in quote_kinds),
        # The same code as ``main.py evaluate``.
        model_vs_analysts=evaluate_store(store, Layer.ENTITY, (Status.DONE,)),
    )


def format_statistics(stats: CorpusStatistics) -> str:
    """The statistics as plain-text tables (for the command line)."""
    lines = [f"{stats.documents} documents, {stats.quotes} quotes", "", "Documents by status"]
    lines += [f"  {status.replace('_', ' '):<12}{count:>8}" for status, count in stats.status_counts]
    if stats.done_per_day:
        lines += ["", "Documents done per day"]
        lines += [f"  {day:<12}{count:>8}" for day, count in stats.done_per_day]
    lines += ["", "Entity labels"]
    lines += [f"  {label:<12}{count:>8}" for label, count in stats.entity_labels] or ["  (none)"]
    lines += ["", "Quotes by kind"]
    lines += [f"  {kind:<12}{count:>8}" for kind, count in stats.quote_kinds]
    lines += ["", f"Most quoted speakers (top {len(stats.top_speakers)})"]
    lines += [
        f"  {row.canonical[:40]:<42}{row.quotes:>6} quotes in {row.documents} document(s)"
        for row in stats.top_speakers
    ] or ["  (none)"]
    evaluation = stats.model_vs_analysts
    lines += ["", f"Model against analysts (entities, {evaluation.documents} done document(s))"]
    lines += [f"  {line}" for line in format_scores(evaluation.labels, evaluation.overall)]
    if evaluation.corrections:
        lines += ["", "Most frequent corrections"]
        lines += [
            f"  {c.kind:<11}{c.before:>12} -> {c.after:<12}{c.count:>6}" for c in evaluation.corrections[:10]
        ]
    return "\n".join(lines)
