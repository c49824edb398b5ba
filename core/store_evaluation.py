"""Model-versus-analyst counts as SQL, so that evaluating 100,000 documents stays fast.

The semantics follow ``core.evaluation.compare`` (which stays the readable
reference, tested against this): exact matches are true positives; a
suggestion without an exact match is explained by a final span with the same
extent (relabelled), else an overlapping one (boundary), else it was deleted
(spurious); a final span no suggestion touches was missed. Where two
suggestions overlap one final span, both count as boundary changes here,
while the per-document reference pairs the span with one of them only.
"""
from __future__ import annotations

from core.model import Layer, Status
from core.store_documents import IMPORTED_ANNOTATIONS


class EvaluationQueries:
    """Mixed into AnnotationStore; uses its ``db`` and ``_write``."""

    def _load_eval_docs(self, statuses: tuple[Status, ...]) -> int:
        where = "preannotated_with is not null and preannotated_with != ?"
        params: list = [IMPORTED_ANNOTATIONS]
        if statuses:
            where += f" and status in ({', '.join('?' * len(statuses))})"
            params += [status.value for status in statuses]
        with self._write():  # a temp table, in a transaction of our own
            self.db.execute("create temp table if not exists eval_docs (id text primary key)")
            self.db.execute("delete from temp.eval_docs")
            self.db.execute(f"insert into temp.eval_docs select id from documents where {where}", params)
        return self.db.execute("select count(*) from temp.eval_docs").fetchone()[0]

    def evaluation_counts(self, layer: Layer, statuses: tuple[Status, ...]):
        """(documents, {label: [tp, suggested, final]}, {(kind, before, after): count}) for one layer."""
        documents = self._load_eval_docs(statuses)
        counts: dict[str, list[int]] = {}

        def add(label: str, index: int, value: int) -> None:
            counts.setdefault(label, [0, 0, 0])[index] += value

        scope = "doc_id in (select id from temp.eval_docs) and layer = ?"
        for label, n in self.db.execute(
            f"select label, count(*) from (select distinct doc_id, start, end, label from suggestions "
            f"where {scope}) group by label", [layer.value]
        ):
            add(label, 1, n)
        for label, n in self.db.execute(
            f"select label, count(*) from (select distinct doc_id, start, end, label from spans "
            f"where {scope}) group by label", [layer.value]
        ):
            add(label, 2, n)
        for label, n in self.db.execute(
            f"""select s.label, count(*) from (select distinct doc_id, start, end, label from suggestions
                where {scope}) s
                where exists (select 1 from spans p where p.doc_id = s.doc_id and p.start = s.start
                              and p.end = s.end and p.label = s.label and p.layer = ?)
                group by s.label""",
            [layer.value, layer.value],
        ):
            add(label, 0, n)

        corrections: dict[tuple[str, str, str], int] = {}
        unmatched = """
            select distinct s.doc_id, s.start, s.end, s.label from suggestions s
            where s.doc_id in (select id from temp.eval_docs) and s.layer = :layer
            and not exists (select 1 from spans p where p.doc_id = s.doc_id and p.start = s.start
                            and p.end = s.end and p.label = s.label and p.layer = :layer)
        """
        rows = self.db.execute(
            f"""
            select case when same.label is not null then 'relabelled'
                        when near.label is not null then 'boundary' else 'spurious' end,
                   u.label, coalesce(same.label, near.label, '(deleted)'), count(*)
            from ({unmatched}) u
            left join (select doc_id, start, end, min(label) as label from spans where layer = :layer
                       group by doc_id, start, end) same
              on same.doc_id = u.doc_id and same.start = u.start and same.end = u.end
            left join (select u2.doc_id, u2.start, u2.end, u2.label as suggested, min(p.label) as label
                       from ({unmatched}) u2 join spans p on p.doc_id = u2.doc_id and p.layer = :layer
                       and p.start < u2.end and u2.start < p.end
                       and not (p.start = u2.start and p.end = u2.end)
                       group by u2.doc_id, u2.start, u2.end, u2.label) near
              on near.doc_id = u.doc_id and near.start = u.start and near.end = u.end
                 and near.suggested = u.label
            group by 1, 2, 3
            """,
            {"layer": layer.value},
        )
        for kind, before, after, n in rows:
            corrections[(kind, before, after)] = n
        for label, n in self.db.execute(
            """
            select p.label, count(*) from (select distinct doc_id, start, end, label from spans
                where doc_id in (select id from temp.eval_docs) and layer = :layer) p
            where not exists (select 1 from suggestions s where s.doc_id = p.doc_id and s.layer = :layer
                              and s.start < p.end and p.start < s.end)
            group by p.label
            """,
            {"layer": layer.value},
        ):
            corrections[("missed", "(none)", label)] = n
        return documents, counts, corrections
