"""The document half of AnnotationStore: importing, listing, statuses, pre-annotation."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta

from core.clock import new_id, now_iso
from core.errors import InvalidSpanError, NotFoundError
from core.model import (
    Document,
    DocumentSummary,
    Label,
    Layer,
    QuoteSuggestion,
    SpanSuggestion,
    Status,
)
from core.store_boundaries import overlaps_any
from core.store_records import (
    DocumentFilter,
    ImportResult,
    NewDocument,
    document_from_row,
    span_state,
)
from core.text_identity import document_id

# ``preannotated_with`` of a document imported with its annotations: pre-annotation
# leaves it alone (model spans would be added to an annotator's finished work).
IMPORTED_ANNOTATIONS = "(imported annotations)"
# Edits that are no analyst's work: a document came in, a model annotated it, or its
# suggestions were reset to be made again (core/store_preannotation_reset.py).
MACHINE_ACTIONS = ("import", "preannotate", "preannotation-reset")


class DocumentOperations:
    """Mixed into AnnotationStore; uses its ``db``, ``_write`` and ``_record``."""

    def add_documents(self, documents: Iterable[NewDocument]) -> ImportResult:
        """Import documents in one transaction; texts already present are skipped."""
        added = duplicates = 0
        with self._write():
            position = self.db.execute("select coalesce(max(position), -1) + 1 from documents").fetchone()[0]
            seen: set[str] = set()
            for document in documents:
                doc_id = document_id(document.text)
                if doc_id in seen or self._has_document(doc_id):
                    duplicates += 1
                    continue
                seen.add(doc_id)
                stamp = now_iso()
                self.db["documents"].insert(
                    {
                        "id": doc_id,
                        "position": position,
                        "title": document.title,
                        "text": document.text,
                        "meta": json.dumps(document.meta, ensure_ascii=False),
                        "tokens": json.dumps([[t.start, t.end, int(t.ws), int(t.is_space)] for t in document.tokens]),
                        "status": Status.NEW.value,
                        "preannotated_with": None,
                        "preannotated_at": None,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                self._record(doc_id, "import", after={"title": document.title})
                if document.excluded is None:
                    self._insert_detected_ranges(doc_id, document.text)
                else:
                    self._replace_ranges(doc_id, list(document.excluded))
                position += 1
                added += 1
        return ImportResult(added, duplicates)

    def _has_document(self, doc_id: str) -> bool:
        return self.db.execute("select 1 from documents where id = ?", [doc_id]).fetchone() is not None

    def add_documents_with_spans(self, documents: Iterable[NewDocument]) -> ImportResult:
        """Import documents together with the annotations they carry, all in one transaction.

        As ``add_documents`` (a text already present is skipped, and so are its
        annotations), and a document's ``spans`` become analyst spans, its
        ``relations`` links between them, and its ``status`` is kept. A document
        that comes annotated (with spans, or done or skipped) is marked so that
        pre-annotation leaves it alone. A span that does not fit its text or the
        label set raises InvalidSpanError, and nothing of the batch is written.
        """
        added = duplicates = 0
        with self._write():
            labels = {label.name: label for label in self.labels()}
            for document in documents:
                result = self.add_documents([document])
                duplicates += result.duplicates
                if not result.added:
                    continue
                added += 1
                if document.spans is not None or document.status is not Status.NEW:
                    self._add_imported_annotations(document_id(document.text), document, labels)
        return ImportResult(added, duplicates)

    def add_documents_as_suggestions(
        self,
        documents: Iterable[tuple[NewDocument, tuple[list[SpanSuggestion], list[QuoteSuggestion]] | None]],
        model: str,
    ) -> ImportResult:
        """Import documents whose annotations are a model's suggestions (``import --as-suggestions``).

        Each text is added as by ``add_documents`` and its suggestions (spans,
        quotes) saved as a pre-annotation by ``model``; a document given without
        suggestions (None: a plain text) stays waiting for pre-annotation. All in
        one transaction.
        """
        added = duplicates = 0
        with self._write():
            for document, suggestions in documents:
                result = self.add_documents([document])
                duplicates += result.duplicates
                if result.added:
                    added += 1
                    if suggestions is not None:
                        self.save_preannotation(document_id(document.text), model, *suggestions)
        return ImportResult(added, duplicates)

    def _add_imported_annotations(self, doc_id: str, document: NewDocument, labels: dict[str, Label]) -> None:
        stamp = now_iso()
        span_ids: list[str] = []
        for span in document.spans or ():
            label = labels.get(span.label)
            if label is None:
                raise InvalidSpanError(f"unknown label {span.label!r}")
            if not 0 <= span.start < span.end <= len(document.text):
                raise InvalidSpanError(
                    f"span {span.start}-{span.end} does not fit a text of {len(document.text)} characters"
                )
            row = {
                "id": new_id(),
                "doc_id": doc_id,
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "layer": label.layer.value,
                "origin": "analyst",
                "suggestion_id": None,
                "attrs": json.dumps(span.attrs, ensure_ascii=False),
                "created_by": self.analyst,
                "created_at": stamp,
                "updated_by": self.analyst,
                "updated_at": stamp,
            }
            self.db["spans"].insert(row)
            self._record(doc_id, "create", row["id"], after=span_state(row))
            span_ids.append(row["id"])
        # Relations are listed in creation order; distinct, increasing times keep
        # the imported order (and so a re-export identical to its source).
        base = datetime.now(UTC)
        for number, relation in enumerate(document.relations):
            if not (0 <= relation.head < len(span_ids) and 0 <= relation.child < len(span_ids)):
                raise InvalidSpanError(f"relation {relation.label!r} links a span that is not in the document")
            relation_id = new_id()
            self.db["relations"].insert(
                {
                    "id": relation_id,
                    "doc_id": doc_id,
                    "head_id": span_ids[relation.head],
                    "child_id": span_ids[relation.child],
                    "label": relation.label,
                    "origin": "analyst",
                    "created_by": self.analyst,
                    "created_at": (base + timedelta(microseconds=number)).isoformat(timespec="microseconds"),
                }
            )
            self._record(
                doc_id,
                "link",
                span_ids[relation.head],
                after={"relation": relation_id, "child": span_ids[relation.child], "label": relation.label},
            )
        annotated = bool(document.spans) or document.status in (Status.DONE, Status.SKIPPED)
        self.db.execute(
            "update documents set status = ?, preannotated_with = ?, preannotated_at = ?, updated_at = ? where id = ?",
            [
                document.status.value,
                IMPORTED_ANNOTATIONS if annotated else None,
                stamp if annotated else None,
                stamp,
                doc_id,
            ],
        )
        if document.status is not Status.NEW:
            self._record(doc_id, "status", before={"status": Status.NEW.value}, after={"status": document.status.value})

    def document_count(self) -> int:
        return self.db["documents"].count

    def list_documents(self) -> list[DocumentSummary]:
        """All documents in import order, with their current span counts."""
        rows = self.db.query(
            """
            select d.id, d.title, d.status, d.position,
                   (select count(*) from spans s where s.doc_id = d.id) as span_count
            from documents d order by d.position
            """
        )
        return [
            DocumentSummary(row["id"], row["title"], Status(row["status"]), row["span_count"], row["position"])
            for row in rows
        ]

    def document_summary(self, doc_id: str) -> DocumentSummary:
        row = next(
            self.db.query(
                """
                select d.id, d.title, d.status, d.position,
                       (select count(*) from spans s where s.doc_id = d.id) as span_count
                from documents d where d.id = ?
                """,
                [doc_id],
            ),
            None,
        )
        if row is None:
            raise NotFoundError(f"no document {doc_id}")
        return DocumentSummary(row["id"], row["title"], Status(row["status"]), row["span_count"], row["position"])

    def text_length(self, doc_id: str) -> int:
        """The length of a document's text (edits check offsets against it).

        Cheaper than get_document, which also parses the tokens; SQL's length()
        would stop at a NUL character, so the text is measured here.
        """
        row = self.db.execute("select text from documents where id = ?", [doc_id]).fetchone()
        if row is None:
            raise NotFoundError(f"no document {doc_id}")
        return len(row[0])

    def get_document(self, doc_id: str) -> Document:
        row = self.db.execute(
            "select id, title, text, status, meta, tokens, preannotated_with from documents where id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no document {doc_id}")
        return document_from_row(row)

    def iter_matching_documents(self, chosen: DocumentFilter) -> Iterator[Document]:
        """Documents in import order that pass ``chosen``, one at a time.

        The filter is one SQL query (EXISTS subqueries on the indexed ``spans``
        and ``edits`` tables), so exporting a large database never loads the
        documents that do not match, nor all those that do.
        """
        where, params = self._filter_sql(chosen)
        cursor = self.db.execute(
            f"select id, title, text, status, meta, tokens, preannotated_with "
            f"from documents d {where} order by position",
            params,
        )
        for row in cursor:
            yield document_from_row(row)

    @staticmethod
    def _filter_sql(chosen: DocumentFilter) -> tuple[str, list]:
        conditions: list[str] = []
        params: list = []
        if chosen.statuses:
            conditions.append(f"d.status in ({', '.join('?' * len(chosen.statuses))})")
            params.extend(status.value for status in chosen.statuses)
        if chosen.labels:
            conditions.append(
                f"exists (select 1 from spans s where s.doc_id = d.id and s.label in ({', '.join('?' * len(chosen.labels))}))"
            )
            params.extend(chosen.labels)
        if chosen.annotator or chosen.since or chosen.until:
            # An analyst's own edits: importing and pre-annotation runs are not annotation work.
            edit = ["e.doc_id = d.id", f"e.action not in ({', '.join('?' * len(MACHINE_ACTIONS))})"]
            params.extend(MACHINE_ACTIONS)
            for column, operator, value in (
                ("e.analyst", "=", chosen.annotator),
                ("e.at", ">=", chosen.since),
                ("e.at", "<", chosen.until),
            ):
                if value:
                    edit.append(f"{column} {operator} ?")
                    params.append(value)
            conditions.append(f"exists (select 1 from edits e where {' and '.join(edit)})")
        return ("where " + " and ".join(conditions) if conditions else ""), params

    def preannotated_document_ids(self, statuses: tuple[Status, ...] = ()) -> list[str]:
        """Ids of documents a model pre-annotated (not imported with their annotations), in import order."""
        sql = "select id from documents where preannotated_with is not null and preannotated_with != ?"
        params: list = [IMPORTED_ANNOTATIONS]
        if statuses:
            sql += f" and status in ({', '.join('?' * len(statuses))})"
            params.extend(status.value for status in statuses)
        return [row[0] for row in self.db.execute(sql + " order by position", params)]

    def documents_with_label(self, label: str) -> set[str]:
        """Ids of documents that have at least one span with ``label``."""
        return {row[0] for row in self.db.execute("select distinct doc_id from spans where label = ?", [label])}

    def search_documents(self, query: str) -> list[str]:
        """Ids of documents whose title or text match ``query`` (full-text search), best first.

        The query is taken as plain words (quoted for FTS), so punctuation in
        it never causes a syntax error.
        """
        if not query.split():
            return []
        fts_query = self.db.quote_fts(query)
        rows = self.db.execute(
            "select documents.id from documents_fts join documents on documents.rowid = documents_fts.rowid "
            "where documents_fts match ? order by rank",
            [fts_query],
        )
        return [row[0] for row in rows]

    def documents_needing_preannotation(self) -> list[str]:
        """Ids of documents no pre-annotation run has processed yet, in import order."""
        return [
            row[0]
            for row in self.db.execute("select id from documents where preannotated_with is null order by position")
        ]

    def set_status(self, doc_id: str, status: Status) -> None:
        before = self.get_document(doc_id).status
        if before == status:
            return
        with self._write():
            self.db.execute(
                "update documents set status = ?, updated_at = ? where id = ?", [status.value, now_iso(), doc_id]
            )
            self._record(doc_id, "status", before={"status": before.value}, after={"status": status.value})

    def _touch(self, doc_id: str) -> None:
        """An analyst edited the document: a new one is now in progress."""
        self.db.execute(
            "update documents set updated_at = ?, status = case when status = ? then ? else status end where id = ?",
            [now_iso(), Status.NEW.value, Status.IN_PROGRESS.value, doc_id],
        )

    # ------------------------------------------------------------ suggestions

    def save_preannotation(
        self,
        doc_id: str,
        model: str,
        spans: Iterable[SpanSuggestion],
        quotes: Iterable[QuoteSuggestion] = (),
    ) -> int:
        """Store a model's suggestions for one document, in one transaction.

        The suggestions are kept as they are (``suggestions`` table) and also
        become the analyst's starting spans, except where the analyst already has
        a span of the same layer overlapping them. Suggestions overlapping an
        excluded range (core/store_boundaries.py) are dropped before anything is
        stored: a quote goes with its speaker and cue. Returns the number of spans added.
        """
        document = self.get_document(doc_id)
        excluded = self.excluded_ranges(doc_id)
        spans = [s for s in spans if not overlaps_any(s.start, s.end, excluded)]
        quotes = [q for q in quotes if not _quote_overlaps(q, excluded)]
        known = {label.name for label in self.labels()}
        added = 0
        with self._write():
            if self.db.execute("select preannotated_with from documents where id = ?", [doc_id]).fetchone()[0]:
                return 0  # another run got here first
            existing = self.spans(doc_id)
            stamp = now_iso()
            new_spans: list[tuple[dict, dict]] = []
            for suggestion in spans:
                new_spans.append(
                    ({"start": suggestion.start, "end": suggestion.end, "label": suggestion.label,
                      "layer": suggestion.layer.value}, {})
                )
            quote_links: list[tuple[int, str, int]] = []
            # A mention that several quotes share ("A," she said, "b" / a floating
            # quote) is one span with several links, as the analyst would make it.
            part_index: dict[tuple[int, int, str], int] = {}
            for quote in quotes:
                quote_index = len(new_spans)
                attrs = {"kind": quote.kind.value, "resolved_speaker": quote.resolved_speaker}
                new_spans.append(
                    ({"start": quote.start, "end": quote.end, "label": "QUOTE", "layer": Layer.QUOTE.value}, attrs)
                )
                for part, label in ((quote.speaker, "SPEAKER"), (quote.cue, "CUE")):
                    if part is None:
                        continue
                    key = (part[0], part[1], label)
                    if key not in part_index:
                        part_index[key] = len(new_spans)
                        new_spans.append(
                            ({"start": part[0], "end": part[1], "label": label, "layer": Layer.QUOTE.value}, {})
                        )
                    quote_links.append((quote_index, label.lower(), part_index[key]))
            span_ids: list[str | None] = []
            for fields, attrs in new_spans:
                if not 0 <= fields["start"] < fields["end"] <= len(document.text):
                    raise InvalidSpanError(f"suggestion {fields} is outside the document")
                if fields["label"] not in known:
                    # A custom pipeline may predict labels the set lacks: keep them, visibly.
                    self.add_label(Label(fields["label"], Layer(fields["layer"]), "#cccccc", "", "added by the model"))
                    known.add(fields["label"])
                suggestion_id = new_id()
                self.db["suggestions"].insert(
                    {"id": suggestion_id, "doc_id": doc_id, **fields, "attrs": json.dumps(attrs), "model": model, "created_at": stamp}
                )
                clash = any(
                    span.layer.value == fields["layer"]
                    and span.origin == "analyst"
                    and span.start < fields["end"]
                    and fields["start"] < span.end
                    for span in existing
                )
                if clash:
                    span_ids.append(None)
                    continue
                span_id = new_id()
                self.db["spans"].insert(
                    {
                        "id": span_id,
                        "doc_id": doc_id,
                        **fields,
                        "origin": "model",
                        "suggestion_id": suggestion_id,
                        "attrs": json.dumps(attrs),
                        "created_by": model,
                        "created_at": stamp,
                        "updated_by": model,
                        "updated_at": stamp,
                    }
                )
                span_ids.append(span_id)
                added += 1
            for head_index, label, child_index in quote_links:
                head_id, child_id = span_ids[head_index], span_ids[child_index]
                if head_id and child_id:
                    self._insert_relation(doc_id, head_id, child_id, label, origin="model", by=model)
            self.db.execute(
                "update documents set preannotated_with = ?, preannotated_at = ? where id = ?",
                [model, stamp, doc_id],
            )
            self._record(doc_id, "preannotate", after={"model": model, "spans": added})
        return added

    def suggestions(self, doc_id: str) -> list[SpanSuggestion]:
        """The model's original suggestions for a document, as they were made."""
        return [
            SpanSuggestion(row["start"], row["end"], row["label"], Layer(row["layer"]))
            for row in self.db.query(
                "select * from suggestions where doc_id = ? order by start, end", [doc_id]
            )
        ]


def _quote_overlaps(quote: QuoteSuggestion, excluded) -> bool:
    """Whether any part of a suggested quote (content, speaker, cue) is in an excluded range."""
    parts = [(quote.start, quote.end), quote.speaker, quote.cue]
    return any(part is not None and overlaps_any(part[0], part[1], excluded) for part in parts)
