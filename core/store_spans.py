"""The span half of AnnotationStore: the analyst's spans, their links, and edits to them."""
from __future__ import annotations

import json
from collections.abc import Callable
from typing import TypeVar

from core.clock import new_id, now_iso
from core.errors import InvalidSpanError, NotFoundError
from core.model import Span
from core.store_changes import ChangeSet
from core.store_records import Relation, span_from_row, span_state

T = TypeVar("T")


class SpanOperations:
    """Mixed into AnnotationStore; uses its ``db``, ``_write``, ``_record``, ``_touch``
    and ``_changes`` (a ChangeRecorder)."""

    # ------------------------------------------------------------ undo

    # Undo entries kept per analyst; older ones are dropped.
    UNDO_DEPTH = 500

    def recorded(self, doc_id: str, description: str, operation: Callable[[], T]) -> tuple[T, ChangeSet]:
        """Run ``operation`` (store edits) in one transaction and return what it changed.

        The change set also goes on the analyst's undo log in the same
        transaction, so undo works after a restart too.
        """
        self._changes.start()
        try:
            with self._write():
                result = operation()
                change_set = ChangeSet(new_id(), doc_id, description, tuple(self._changes.stop()))
                if change_set.changes:
                    self._push_undo(change_set)
        finally:
            self._changes.stop()
        return result, change_set

    def _push_undo(self, change_set: ChangeSet) -> None:
        # A new edit ends the redo branch, as in every editor.
        self.db.execute("delete from undo_log where analyst = ? and state = 'undone'", [self.analyst])
        position = self.db.execute(
            "select coalesce(max(position), 0) + 1 from undo_log where analyst = ?", [self.analyst]
        ).fetchone()[0]
        self.db["undo_log"].insert(
            {
                "id": change_set.id,
                "analyst": self.analyst,
                "position": position,
                "state": "done",
                "change_set": json.dumps(change_set.to_json()),
                "created_at": now_iso(),
            }
        )
        self.db.execute(
            "delete from undo_log where analyst = ? and position <= ?", [self.analyst, position - self.UNDO_DEPTH]
        )

    def undo_log(self) -> list[tuple[ChangeSet, bool]]:
        """The analyst's undo stack, oldest first: (change set, done?)."""
        return [
            (ChangeSet.from_json(json.loads(row["change_set"])), row["state"] == "done")
            for row in self.db.query(
                "select change_set, state from undo_log where analyst = ? order by position", [self.analyst]
            )
        ]

    def revert(self, change_set: ChangeSet) -> None:
        """Undo: put every row back as it was before the change set, in one transaction."""
        self._restore(change_set, undo=True)

    def reapply(self, change_set: ChangeSet) -> None:
        """Redo: put every row back as the change set left it."""
        self._restore(change_set, undo=False)

    def _restore(self, change_set: ChangeSet, undo: bool) -> None:
        changes = reversed(change_set.changes) if undo else change_set.changes
        with self._write():
            for change in changes:
                row = change.before if undo else change.after
                # Children first on delete, parents first on insert: relations
                # are ordered after their spans in a change set, so walking it
                # backwards for undo keeps foreign links valid.
                self.db.execute(f"delete from {change.table} where id = ?", [change.row_id])
                if row is not None:
                    self.db[change.table].insert(row)
            self._touch(change_set.doc_id)
            self.db.execute(
                "update undo_log set state = ? where id = ?", ["undone" if undo else "done", change_set.id]
            )
            self._record(
                change_set.doc_id,
                "undo" if undo else "redo",
                after={"description": change_set.description, "rows": len(change_set.changes)},
            )

    def _span_row(self, span_id: str) -> dict | None:
        return next(self.db.query("select * from spans where id = ?", [span_id]), None)

    # ------------------------------------------------------------ spans

    def spans(self, doc_id: str) -> list[Span]:
        """The analyst's current spans of a document, ordered by position."""
        return [
            span_from_row(row)
            for row in self.db.query(
                "select * from spans where doc_id = ? order by start, end desc, label", [doc_id]
            )
        ]

    def get_span(self, span_id: str) -> Span:
        row = next(self.db.query("select * from spans where id = ?", [span_id]), None)
        if row is None:
            raise NotFoundError(f"no span {span_id}")
        return span_from_row(row)

    def create_span(self, doc_id: str, start: int, end: int, label: str, attrs: dict | None = None) -> Span:
        """Add a span the analyst made. Offsets are ``str`` indices, end exclusive."""
        length = self.text_length(doc_id)
        label_info = self._label(label)
        if not 0 <= start < end <= length:
            raise InvalidSpanError(f"span {start}-{end} does not fit a text of {length} characters")
        stamp = now_iso()
        row = {
            "id": new_id(),
            "doc_id": doc_id,
            "start": start,
            "end": end,
            "label": label,
            "layer": label_info.layer.value,
            "origin": "analyst",
            "suggestion_id": None,
            "attrs": json.dumps(attrs or {}),
            "created_by": self.analyst,
            "created_at": stamp,
            "updated_by": self.analyst,
            "updated_at": stamp,
        }
        with self._write():
            self.db["spans"].insert(row)
            self._changes.log("spans", row["id"], None, row)
            self._touch(doc_id)
            self._record(doc_id, "create", row["id"], after=span_state(row))
        return span_from_row(row)

    def relabel_span(self, span_id: str, label: str) -> Span:
        """Give a span another label; the span becomes the analyst's."""
        span = self.get_span(span_id)
        label_info = self._label(label)
        if label_info.layer != span.layer:
            raise InvalidSpanError(f"{label} belongs to the {label_info.layer.value} layer, not {span.layer.value}")
        return self._update_span(span, "relabel", label=label)

    def resize_span(self, span_id: str, start: int, end: int) -> Span:
        """Move a span's boundaries."""
        span = self.get_span(span_id)
        length = self.text_length(span.doc_id)
        if not 0 <= start < end <= length:
            raise InvalidSpanError(f"span {start}-{end} does not fit a text of {length} characters")
        return self._update_span(span, "resize", start=start, end=end)

    def accept_span(self, span_id: str) -> Span:
        """Confirm a pre-annotation as it is."""
        return self._update_span(self.get_span(span_id), "accept")

    def accept_all(self, doc_id: str) -> int:
        """Confirm every untouched pre-annotation of a document, in one transaction."""
        pending = [span for span in self.spans(doc_id) if span.origin == "model"]
        with self._write():
            for span in pending:
                self._update_span(span, "accept")
        return len(pending)

    def _update_span(self, span: Span, action: str, **changes) -> Span:
        stamp = now_iso()
        with self._write():
            # Read the row again inside the transaction: another window may have
            # changed it since ``span`` was read, and the history must be exact.
            old_row = self._span_row(span.id)
            if old_row is None:
                raise NotFoundError(f"no span {span.id}: it was deleted meanwhile")
            before = span_state(old_row)
            self.db["spans"].update(
                span.id, {**changes, "origin": "analyst", "updated_by": self.analyst, "updated_at": stamp}
            )
            self._touch(span.doc_id)
            new_row = self._span_row(span.id)
            self._changes.log("spans", span.id, old_row, new_row)
            updated = span_from_row(new_row)
            self._record(span.doc_id, action, span.id, before=before, after=span_state(updated.__dict__))
        return updated

    def set_span_attrs(self, span_id: str, **attrs) -> Span:
        """Change a span's attributes (a quote's ``kind``, ``resolved_speaker``); None removes one."""
        with self._write():  # merge with the attributes as they are now, not as read earlier
            span = self.get_span(span_id)
            merged = {key: value for key, value in {**span.attrs, **attrs}.items() if value is not None}
            return self._update_span(span, "attrs", attrs=json.dumps(merged))

    def delete_span(self, span_id: str) -> None:
        """Remove a span and its links; deleting a quote also removes its speaker and cue
        mentions unless another quote uses them. The history keeps what was removed."""
        span = self.get_span(span_id)
        with self._write():
            if span.label == "QUOTE":
                for relation in self._relations_of(span_id):
                    if relation.head_id == span_id:
                        self._drop_relation(relation, delete_orphan=True)
            self._delete_span_row(span)

    def _delete_span_row(self, span: Span) -> None:
        for relation in self._relations_of(span.id):
            self._drop_relation(relation, delete_orphan=False)
        self._changes.log("spans", span.id, self._span_row(span.id), None)
        self.db.execute("delete from spans where id = ?", [span.id])
        self._touch(span.doc_id)
        self._record(span.doc_id, "delete", span.id, before=span_state(span.__dict__))

    # ------------------------------------------------------------ quote parts

    def set_quote_part(self, quote_id: str, part: str, start: int, end: int) -> Span:
        """Make ``start..end`` the quote's speaker mention (``part="speaker"``) or cue (``"cue"``).

        Reuses a SPEAKER/CUE span with exactly that extent or creates one, links
        it to the quote, and drops the previous link (and its span, when no other
        quote uses it). All in one transaction. Returns the part's span.
        """
        if part not in ("speaker", "cue"):
            raise InvalidSpanError(f"a quote has a speaker and a cue, not a {part!r}")
        quote = self.get_span(quote_id)
        if quote.label != "QUOTE":
            raise InvalidSpanError(f"only a QUOTE has a {part}; this span is {quote.label}")
        label = part.upper()
        with self._write():
            existing = next(
                (
                    span
                    for span in self.spans(quote.doc_id)
                    if span.label == label and (span.start, span.end) == (start, end)
                ),
                None,
            )
            for relation in self._relations_of(quote_id):
                if relation.head_id == quote_id and relation.label == part:
                    if existing and relation.child_id == existing.id:
                        return existing  # already linked
                    self._drop_relation(relation, delete_orphan=True)
            child = existing or self.create_span(quote.doc_id, start, end, label)
            relation_id = self._insert_relation(quote.doc_id, quote_id, child.id, part, "analyst", self.analyst)
            self._touch(quote.doc_id)
            self._record(
                quote.doc_id, "link", quote_id, after={"relation": relation_id, "child": child.id, "label": part}
            )
        return child

    def quote_parts(self, quote_id: str) -> dict[str, Span]:
        """The quote's linked parts: ``{"speaker": Span, "cue": Span}`` (either may be missing)."""
        parts = {}
        for relation in self._relations_of(quote_id):
            if relation.head_id == quote_id:
                parts[relation.label] = self.get_span(relation.child_id)
        return parts

    # -------------------------------------------------------------- relations

    def _insert_relation(self, doc_id: str, head_id: str, child_id: str, label: str, origin: str, by: str) -> str:
        relation_id = new_id()
        row = {
            "id": relation_id,
            "doc_id": doc_id,
            "head_id": head_id,
            "child_id": child_id,
            "label": label,
            "origin": origin,
            "created_by": by,
            "created_at": now_iso(),
        }
        self.db["relations"].insert(row)
        self._changes.log("relations", relation_id, None, row)
        return relation_id

    def _relations_of(self, span_id: str) -> list[Relation]:
        return [
            Relation(row["id"], row["doc_id"], row["head_id"], row["child_id"], row["label"])
            for row in self.db.query(
                "select * from relations where head_id = ? or child_id = ? order by created_at", [span_id, span_id]
            )
        ]

    def _drop_relation(self, relation: Relation, delete_orphan: bool) -> None:
        """Remove a link; with ``delete_orphan`` its child span goes too when nothing else links to it."""
        row = next(self.db.query("select * from relations where id = ?", [relation.id]), None)
        self._changes.log("relations", relation.id, row, None)
        self.db.execute("delete from relations where id = ?", [relation.id])
        self._record(
            relation.doc_id,
            "unlink",
            relation.head_id,
            before={"relation": relation.id, "child": relation.child_id, "label": relation.label},
        )
        if delete_orphan and not self._relations_of(relation.child_id):
            child = next(self.db.query("select * from spans where id = ?", [relation.child_id]), None)
            if child is not None:
                self._delete_span_row(span_from_row(child))

    def relations(self, doc_id: str) -> list[Relation]:
        return [
            Relation(row["id"], row["doc_id"], row["head_id"], row["child_id"], row["label"])
            for row in self.db.query("select * from relations where doc_id = ? order by created_at", [doc_id])
        ]
