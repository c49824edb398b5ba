"""Row-level change sets: what an edit did to the database, so it can be undone.

Every span and link write in the store passes through ``ChangeRecorder``; while
a recording is open, it keeps each row as it was before and after. Undo puts
the "before" rows back, redo the "after" rows, with the same ids, so later
edits in an undo stack still find the spans they refer to.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowChange:
    table: str  # "spans" or "relations"
    row_id: str
    before: dict | None  # None: the row did not exist before
    after: dict | None  # None: the row was deleted


@dataclass(frozen=True)
class ChangeSet:
    """The rows one edit changed, in the order it changed them."""

    id: str
    doc_id: str
    description: str
    changes: tuple[RowChange, ...] = field(default_factory=tuple)

    def span_ids(self) -> set[str]:
        return {change.row_id for change in self.changes if change.table == "spans"}

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "description": self.description,
            "changes": [[c.table, c.row_id, c.before, c.after] for c in self.changes],
        }

    @classmethod
    def from_json(cls, data: dict) -> ChangeSet:
        return cls(
            data["id"],
            data["doc_id"],
            data["description"],
            tuple(RowChange(table, row_id, before, after) for table, row_id, before, after in data["changes"]),
        )


class ChangeRecorder:
    """Collects RowChanges while a recording is open; merges repeated changes of one row."""

    def __init__(self) -> None:
        self._open: list[RowChange] | None = None

    def start(self) -> None:
        self._open = []

    def stop(self) -> list[RowChange]:
        changes, self._open = self._open or [], None
        return _merge(changes)

    def log(self, table: str, row_id: str, before: dict | None, after: dict | None) -> None:
        if self._open is not None:
            self._open.append(RowChange(table, row_id, before, after))


def _merge(changes: list[RowChange]) -> list[RowChange]:
    """One change per row: its first "before" and its last "after"."""
    first: dict[tuple[str, str], RowChange] = {}
    order: list[tuple[str, str]] = []
    for change in changes:
        key = (change.table, change.row_id)
        if key not in first:
            first[key] = change
            order.append(key)
        else:
            first[key] = RowChange(change.table, change.row_id, first[key].before, change.after)
    return [first[key] for key in order if first[key].before != first[key].after]
