"""Model-versus-analyst counts over a set of documents, so that evaluating 100,000 stays fast.

The counting itself is per document, in core/store_counts.py; this adds up
the documents that are pre-annotated and have the statuses asked for.
"""
from __future__ import annotations

from core.model import Layer, Status
from core.store_documents import IMPORTED_ANNOTATIONS


class EvaluationQueries:
    """Mixed into AnnotationStore; uses its ``db`` and ``refresh_counts``."""

    def evaluation_counts(self, layer: Layer, statuses: tuple[Status, ...]):
        """(documents, {label: [tp, suggested, final]}, {(kind, before, after): count}) for one layer.

        Adds up the per-document counts of core/store_counts.py (documents
        pre-annotated by a model only), which follow ``core.evaluation.compare``.
        """
        self.refresh_counts()
        by_status, statuses_given = "", [status.value for status in statuses]
        if statuses:
            by_status = f" and status in ({', '.join('?' * len(statuses))})"
        params = [layer.value, *statuses_given]
        counts = {
            label: [tp, suggested, final]
            for label, tp, suggested, final in self.db.execute(
                "select label, sum(tp), sum(suggested), sum(final) from doc_eval_counts "
                f"where layer = ?{by_status} group by label",
                params,
            )
        }
        corrections = {
            (kind, before, after): n
            for kind, before, after, n in self.db.execute(
                "select kind, before, after, sum(n) from doc_corrections "
                f"where layer = ?{by_status} group by kind, before, after",
                params,
            )
        }
        documents = self.db.execute(
            "select count(*) from documents where preannotated_with is not null "
            f"and preannotated_with != ?{by_status}",
            [IMPORTED_ANNOTATIONS, *statuses_given],
        ).fetchone()[0]
        return documents, counts, corrections
