"""How the model's pre-annotations compare with the analysts' final spans, from the database alone.

The ``suggestions`` table keeps what the model proposed, ``spans`` what the
analysts made of it. Per label: precision, recall and F1 of the suggestions
against the final spans (exact start, end and label), and the corrections the
analysts made most often, which show where the model needs help. Pure data
out, so the command line prints it and the statistics view can draw it.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from core.model import Layer, Status

# Correction kinds, in the words the report uses.
RELABELLED = "relabelled"  # same extent, another label: PERSON -> GPE
BOUNDARY = "boundary"  # overlapping extent changed (label kept or changed)
MISSED = "missed"  # the analyst added a span the model did not suggest
SPURIOUS = "spurious"  # the analyst deleted a suggestion
DELETED = "(deleted)"
NOTHING = "(none)"


@dataclass(frozen=True)
class LabelScore:
    label: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """How many final spans carry the label."""
        return self.true_positives + self.false_negatives


@dataclass(frozen=True)
class Correction:
    kind: str
    before: str  # the model's label, or NOTHING for a missed span
    after: str  # the analyst's label, or DELETED for a spurious one
    count: int


@dataclass(frozen=True)
class Evaluation:
    layer: Layer
    documents: int
    labels: tuple[LabelScore, ...]
    overall: LabelScore
    corrections: tuple[Correction, ...]  # most frequent first


def compare(
    suggested: list[tuple[int, int, str]], final: list[tuple[int, int, str]]
) -> tuple[Counter, Counter, Counter, Counter]:
    """One document: (true positives, false positives, false negatives) per label and the corrections.

    A suggestion that is not among the final spans is explained by the final
    span it became: the same extent (relabelled), else an overlapping one
    (boundary), else it was deleted (spurious); final spans left over were missed.
    """
    tp, fp, fn, corrections = Counter(), Counter(), Counter(), Counter()
    final_set = set(final)
    suggested_set = set(suggested)
    for item in suggested_set & final_set:
        tp[item[2]] += 1
    unmatched_final = sorted(final_set - suggested_set)
    for start, end, label in sorted(suggested_set - final_set):
        fp[label] += 1
        same = next((f for f in unmatched_final if (f[0], f[1]) == (start, end)), None)
        overlapping = same or next((f for f in unmatched_final if f[0] < end and start < f[1]), None)
        if overlapping is None:
            corrections[(SPURIOUS, label, DELETED)] += 1
            continue
        unmatched_final.remove(overlapping)
        corrections[(RELABELLED if same else BOUNDARY, label, overlapping[2])] += 1
    for item in final_set - suggested_set:
        fn[item[2]] += 1
    for _start, _end, label in unmatched_final:
        corrections[(MISSED, NOTHING, label)] += 1
    return tp, fp, fn, corrections


def evaluate_store(store, layer: Layer = Layer.ENTITY, statuses: tuple[Status, ...] = (Status.DONE,)) -> Evaluation:
    """Compare suggestions with final spans over the pre-annotated documents with these statuses.

    Documents imported with their annotations have no model to measure and are
    left out. The counting is SQL in the store (fast on 100,000 documents); its
    rules are those of ``compare``.
    """
    documents, counts, corrections = store.evaluation_counts(layer, statuses)
    scores = tuple(
        LabelScore(label, tp, suggested - tp, final - tp) for label, (tp, suggested, final) in sorted(counts.items())
    )
    overall = LabelScore(
        "(all)",
        sum(score.true_positives for score in scores),
        sum(score.false_positives for score in scores),
        sum(score.false_negatives for score in scores),
    )
    ranked = sorted(corrections.items(), key=lambda item: (-item[1], item[0]))
    return Evaluation(layer, documents, scores, overall, tuple(Correction(*key, count) for key, count in ranked))


def format_scores(scores: list[LabelScore] | tuple[LabelScore, ...], overall: LabelScore | None = None) -> list[str]:
    """A plain-text table of precision, recall and F1 per label (for the command line)."""
    lines = [f"{'label':<14}{'P':>7}{'R':>7}{'F1':>7}{'n':>7}"]
    for score in [*scores, *([overall] if overall else [])]:
        lines.append(
            f"{score.label:<14}{score.precision:>7.2f}{score.recall:>7.2f}{score.f1:>7.2f}{score.support:>7}"
        )
    return lines
