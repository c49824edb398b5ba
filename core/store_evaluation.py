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


def _in_article(alias: str) -> str:
    """SQL: the span ``alias`` lies outside every excluded range of its document."""
    return (
        f"not exists (select 1 from excluded_ranges x where x.doc_id = {alias}.doc_id "
        f"and x.start < {alias}.end and {alias}.start < x.end)"
    )


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

        # One pass over both tables: each distinct (document, extent, label) is
        # suggested, final, or both (a true positive).
        scope = "doc_id in (select id from temp.eval_docs) and layer = :layer"
        for label, suggested, final, both in self.db.execute(
            f"""
            select label, sum(in_s), sum(in_p), sum(in_s and in_p) from (
                select label, max(source = 's') as in_s, max(source = 'p') as in_p from (
                    select doc_id, start, end, label, 's' as source from suggestions t
                    where {scope} and {_in_article("t")}
                    union all
                    select doc_id, start, end, label, 'p' as source from spans t
                    where {scope} and {_in_article("t")}
                ) group by doc_id, start, end, label
            ) group by label
            """,
            {"layer": layer.value},
        ):
            add(label, 0, both)
            add(label, 1, suggested)
            add(label, 2, final)

        corrections: dict[tuple[str, str, str], int] = {}
        unmatched = f"""
            select distinct s.doc_id, s.start, s.end, s.label from suggestions s
            where s.doc_id in (select id from temp.eval_docs) and s.layer = :layer and {_in_article("s")}
            and not exists (select 1 from spans p where p.doc_id = s.doc_id and p.start = s.start
                            and p.end = s.end and p.label = s.label and p.layer = :layer)
        """
        # Each unmatched suggestion looks up the final span with its extent, else
        # one overlapping it: correlated lookups on the (doc_id, start, end)
        # index, instead of grouping every span of the corpus.
        rows = self.db.execute(
            f"""
            select case when same is not null then 'relabelled'
                        when near is not null then 'boundary' else 'spurious' end,
                   label, coalesce(same, near, '(deleted)'), count(*)
            from (
                select u.label,
                       (select min(p.label) from spans p where p.doc_id = u.doc_id and p.start = u.start
                        and p.end = u.end and p.layer = :layer and {_in_article("p")}) as same,
                       (select min(p.label) from spans p where p.doc_id = u.doc_id and p.layer = :layer
                        and p.start < u.end and u.start < p.end and {_in_article("p")}
                        and not (p.start = u.start and p.end = u.end)) as near
                from ({unmatched}) u
            )
            group by 1, 2, 3
            """,
            {"layer": layer.value},
        )
        for kind, before, after, n in rows:
            corrections[(kind, before, after)] = n
        for label, n in self.db.execute(
            f"""
            select p.label, count(*) from (select distinct doc_id, start, end, label from spans t
                where doc_id in (select id from temp.eval_docs) and layer = :layer and {_in_article("t")}) p
            where not exists (select 1 from suggestions s where s.doc_id = p.doc_id and s.layer = :layer
                              and s.start < p.end and p.start < s.end)
            group by p.label
            """,
            {"layer": layer.value},
        ):
            corrections[("missed", "(none)", label)] = n
        return documents, counts, corrections
