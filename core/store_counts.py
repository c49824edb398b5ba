"""Per-document counts that the statistics add up (schema migration 0008).

Grouping every span of a 100,000-document corpus takes seconds; adding up a
few small rows per document does not. Each document's counts are computed
with the same SQL the statistics used to run over the whole corpus, only
restricted to the documents in ``stale_counts``: triggers put a document
there whenever one of its spans, suggestions, excluded ranges, status or
model changes, whatever code path changed it, and
:meth:`CountCache.refresh_counts` (called before every read) recomputes just
those.

Spans inside an excluded range are not counted (``core/store_boundaries.py``).
"""
from __future__ import annotations

from core.model import Layer
from core.store_documents import IMPORTED_ANNOTATIONS

# Which documents a recount covers: (condition on a span row, condition on a document row).
_STALE = ("doc_id in (select doc_id from stale_counts)", "id in (select doc_id from stale_counts)")
_EVERY = ("1", "1")
# When more than this share of the documents is stale, recounting all of them
# with plain table scans beats looking each one up.
_FULL_RECOUNT_SHARE = 0.1
_COUNT_TABLES = ("doc_label_counts", "doc_quote_counts", "doc_eval_counts", "doc_corrections")


def in_article(alias: str) -> str:
    """SQL: the span ``alias`` lies outside every excluded range of its document."""
    return (
        f"not exists (select 1 from excluded_ranges x where x.doc_id = {alias}.doc_id "
        f"and x.start < {alias}.end and {alias}.start < x.end)"
    )


class CountCache:
    """Mixed into AnnotationStore; uses its ``db`` and ``_write``."""

    def refresh_counts(self) -> int:
        """Recompute the counts of every stale document; returns how many there were."""
        stale = self.db.execute("select count(*) from stale_counts").fetchone()[0]
        if not stale:
            return 0
        documents = self.db.execute("select count(*) from documents").fetchone()[0]
        scope = _EVERY if stale > _FULL_RECOUNT_SHARE * documents else _STALE
        # "+label" makes SQLite look a few stale documents up by doc_id instead of
        # reading every quote of the corpus through the label index.
        quote_label = "label" if scope == _EVERY else "+label"
        rows = scope[0]
        with self._write():
            for table in _COUNT_TABLES:
                # without a WHERE clause SQLite empties the table at once
                self.db.execute(f"delete from {table}" + ("" if scope == _EVERY else f" where {rows}"))
            self.db.execute(
                f"""
                insert into doc_label_counts (doc_id, layer, label, n)
                select doc_id, layer, label, count(*) from spans t
                where {rows} and {in_article("t")} group by doc_id, layer, label
                """
            )
            self.db.execute(
                f"""
                insert into doc_quote_counts (doc_id, kind, speaker, n)
                select doc_id, coalesce(json_extract(attrs, '$.kind'), 'unknown'),
                       case when trim(json_extract(attrs, '$.resolved_speaker')) != ''
                            then json_extract(attrs, '$.resolved_speaker') end,
                       count(*)
                from spans t where {quote_label} = 'QUOTE' and {rows} and {in_article("t")}
                group by 1, 2, 3
                """
            )
            for layer in Layer:
                self._count_evaluation(layer.value, scope)
            self.db.execute("delete from stale_counts")
        return stale

    def _count_evaluation(self, layer: str, scope: tuple[str, str]) -> None:
        """Model against analysts, per document and label, for the documents in ``scope``.

        The semantics follow ``core.evaluation.compare`` (the readable reference,
        tested against this): exact matches are true positives; a suggestion
        without an exact match is explained by a final span with the same extent
        (relabelled), else an overlapping one (boundary), else it was deleted
        (spurious); a final span no suggestion touches was missed. Where two
        suggestions overlap one final span, both count as boundary changes here,
        while the reference pairs the span with one of them only.
        """
        # Documents whose suggestions come from a model (not imported annotations).
        model_docs = (
            "with model_docs as (select id, status from documents "
            f"where {scope[1]} "
            "and preannotated_with is not null and preannotated_with != :imported)"
        )
        model_rows = "doc_id in (select id from model_docs) and layer = :layer"
        params = {"layer": layer, "imported": IMPORTED_ANNOTATIONS}
        # Each distinct (document, extent, label) is suggested, final, or both.
        self.db.execute(
            f"""
            {model_docs}
            insert into doc_eval_counts (doc_id, status, layer, label, tp, suggested, final)
            select c.doc_id, d.status, :layer, c.label, c.tp, c.suggested, c.final from (
                select doc_id, label, sum(in_s and in_p) as tp, sum(in_s) as suggested, sum(in_p) as final from (
                    select doc_id, label, max(source = 's') as in_s, max(source = 'p') as in_p from (
                        select doc_id, start, end, label, 's' as source from suggestions t
                        where {model_rows} and {in_article("t")}
                        union all
                        select doc_id, start, end, label, 'p' as source from spans t
                        where {model_rows} and {in_article("t")}
                    ) group by doc_id, start, end, label
                ) group by doc_id, label
            ) c join model_docs d on d.id = c.doc_id
            """,
            params,
        )
        unmatched = f"""
            select distinct s.doc_id, s.start, s.end, s.label from suggestions s
            where s.doc_id in (select id from model_docs) and s.layer = :layer and {in_article("s")}
            and not exists (select 1 from spans p where p.doc_id = s.doc_id and p.start = s.start
                            and p.end = s.end and p.label = s.label and p.layer = :layer)
        """
        # Each unmatched suggestion looks up the final span with its extent, else
        # one overlapping it (correlated lookups on the (doc_id, start, end) index).
        self.db.execute(
            f"""
            {model_docs}
            insert into doc_corrections (doc_id, status, layer, kind, before, after, n)
            select doc_id, (select status from model_docs where id = doc_id), :layer,
                   case when same is not null then 'relabelled'
                        when near is not null then 'boundary' else 'spurious' end,
                   label, coalesce(same, near, '(deleted)'), count(*)
            from (
                select u.doc_id, u.label,
                       (select min(p.label) from spans p where p.doc_id = u.doc_id and p.start = u.start
                        and p.end = u.end and p.layer = :layer and {in_article("p")}) as same,
                       (select min(p.label) from spans p where p.doc_id = u.doc_id and p.layer = :layer
                        and p.start < u.end and u.start < p.end and {in_article("p")}
                        and not (p.start = u.start and p.end = u.end)) as near
                from ({unmatched}) u
            )
            group by 1, 4, 5, 6
            """,
            params,
        )
        self.db.execute(
            f"""
            {model_docs}
            insert into doc_corrections (doc_id, status, layer, kind, before, after, n)
            select p.doc_id, (select status from model_docs where id = p.doc_id), :layer,
                   'missed', '(none)', p.label, count(*)
            from (select distinct doc_id, start, end, label from spans t
                  where {model_rows} and {in_article("t")}) p
            where not exists (select 1 from suggestions s where s.doc_id = p.doc_id and s.layer = :layer
                              and s.start < p.end and p.start < s.end)
            group by p.doc_id, p.label
            """,
            params,
        )
