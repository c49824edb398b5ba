"""Pre-annotating again: forgetting a model's suggestions on documents no analyst has touched.

A team that changes its spaCy pipeline or cue lexicon wants the documents nobody
has worked on yet to show the new model's suggestions. Only documents that are
still exactly as the model left them qualify; anything an analyst did (a span, an
accepted suggestion, a status, an excluded range) keeps the whole document as it is.
"""
from __future__ import annotations

from collections.abc import Iterable

from core.model import Status
from core.store_documents import IMPORTED_ANNOTATIONS, MACHINE_ACTIONS

# Documents reset per transaction: about 50 ms of holding the write lock.
RESET_BATCH = 100


class PreannotationReset:
    """Mixed into AnnotationStore; uses its ``db``, ``_write``, ``_record`` and ``refresh_counts``."""

    def untouched_preannotated(self, among: list[str] | None = None) -> list[str]:
        """Ids of documents a model pre-annotated that no analyst has changed since, in import
        order (only those in ``among`` when given).

        Documents whose annotations were imported from a file (as the analysts'
        spans or as suggestions) are not among them: those were chosen on purpose.
        """
        marks = ", ".join("?" * len(MACHINE_ACTIONS))
        only = f"and id in ({', '.join('?' * len(among))}) " if among is not None else ""
        rows = self.db.execute(
            "select id from documents d where preannotated_with is not null and status = ? "
            "and preannotated_with != ? and preannotated_with not like 'imported:%' "
            f"and not exists (select 1 from edits e where e.doc_id = d.id and e.action not in ({marks})) "
            f"{only}order by position",
            [Status.NEW.value, IMPORTED_ANNOTATIONS, *MACHINE_ACTIONS, *(among or [])],
        )
        return [row[0] for row in rows]

    def reset_preannotation(self, doc_ids: Iterable[str]) -> int:
        """Forget the model's suggestions (and the spans and links made from them) on these
        documents, so that the next pre-annotation run does them again.

        A document an analyst has touched, even between listing and resetting, is
        left exactly as it is. Each batch of documents is one transaction, short
        enough that the window's edits never wait long for the database. Returns
        how many documents were reset.
        """
        ids = list(doc_ids)
        reset = 0
        for first in range(0, len(ids), RESET_BATCH):
            with self._write():
                # checked under the write lock: no analyst edit can slip in between
                for doc_id in self.untouched_preannotated(among=ids[first:first + RESET_BATCH]):
                    model = self.db.execute(
                        "select preannotated_with from documents where id = ?", [doc_id]).fetchone()[0]
                    for table in ("relations", "spans", "suggestions"):
                        self.db.execute(f"delete from {table} where doc_id = ?", [doc_id])
                    self.db.execute(
                        "update documents set preannotated_with = null, preannotated_at = null where id = ?", [doc_id]
                    )
                    self._record(doc_id, "preannotation-reset", before={"model": model})
                    reset += 1
        self.refresh_counts()
        return reset
