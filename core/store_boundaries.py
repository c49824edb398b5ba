"""The excluded-range part of AnnotationStore: stretches of a document that are not the article.

Ranges are found at import (core/boundaries.py) and moved by the analyst with
``exclude`` and ``include``. Every row change goes through the ChangeRecorder,
so both edits are undoable like span edits (``recorded`` / ``revert`` / ``reapply``).
"""
from __future__ import annotations

from core.boundaries import detect_excluded_ranges
from core.clock import new_id, now_iso
from core.errors import InvalidSpanError
from core.model import ExcludedRange

ANALYST_REASON = "analyst"


class BoundaryOperations:
    """Mixed into AnnotationStore; uses its ``db``, ``_write``, ``_record``, ``_touch``,
    ``_changes``, ``text_length`` and ``analyst``."""

    def excluded_ranges(self, doc_id: str) -> list[ExcludedRange]:
        """A document's excluded ranges, ordered by position (they never overlap)."""
        return [
            ExcludedRange(row["id"], row["doc_id"], row["start"], row["end"], row["reason"])
            for row in self.db.query(
                "select id, doc_id, start, end, reason from excluded_ranges where doc_id = ? order by start, end",
                [doc_id],
            )
        ]

    def exclude(self, doc_id: str, start: int, end: int) -> list[ExcludedRange]:
        """Mark ``start..end`` as not the article; ranges it overlaps or touches merge
        into one (reason "analyst"). Returns the document's ranges after the edit."""
        self._check_range(doc_id, start, end)
        with self._write():
            before = self._range_rows(doc_id)
            if any(row["start"] <= start and end <= row["end"] for row in before):
                return self.excluded_ranges(doc_id)  # already excluded: nothing to change or undo
            merged = [row for row in before if row["start"] <= end and start <= row["end"]]
            for row in merged:
                self._delete_range_row(row)
            self._insert_range_row(
                doc_id,
                min([start] + [row["start"] for row in merged]),
                max([end] + [row["end"] for row in merged]),
                ANALYST_REASON,
                "analyst",
            )
            self._finish_range_edit(doc_id, "exclude", before)
        return self.excluded_ranges(doc_id)

    def include(self, doc_id: str, start: int, end: int) -> list[ExcludedRange]:
        """Give ``start..end`` back to the article: it is cut out of every range,
        splitting a range that reaches past both ends. Returns the ranges after the edit."""
        self._check_range(doc_id, start, end)
        with self._write():
            before = self._range_rows(doc_id)
            for row in before:
                if not (row["start"] < end and start < row["end"]):
                    continue
                self._delete_range_row(row)
                # What is left on either side keeps its reason: the analyst moved a
                # boundary of a detected block, the block is still what it was.
                for piece_start, piece_end in ((row["start"], start), (end, row["end"])):
                    if piece_start < piece_end:
                        self._insert_range_row(doc_id, piece_start, piece_end, row["reason"], "analyst")
            self._finish_range_edit(doc_id, "include", before)
        return self.excluded_ranges(doc_id)

    # ---------------------------------------------------------------- helpers

    def _check_range(self, doc_id: str, start: int, end: int) -> None:
        length = self.text_length(doc_id)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length):
            raise InvalidSpanError(f"range {start}-{end} does not fit a text of {length} characters")

    def _range_rows(self, doc_id: str) -> list[dict]:
        return list(self.db.query("select * from excluded_ranges where doc_id = ? order by start, end", [doc_id]))

    def _insert_range_row(self, doc_id: str, start: int, end: int, reason: str, origin: str) -> dict:
        row = {
            "id": new_id(),
            "doc_id": doc_id,
            "start": start,
            "end": end,
            "reason": reason,
            "origin": origin,
            "created_by": self.analyst if origin == "analyst" else None,
            "created_at": now_iso(),
        }
        self.db["excluded_ranges"].insert(row)
        self._changes.log("excluded_ranges", row["id"], None, row)
        return row

    def _delete_range_row(self, row: dict) -> None:
        self._changes.log("excluded_ranges", row["id"], row, None)
        self.db.execute("delete from excluded_ranges where id = ?", [row["id"]])

    def _finish_range_edit(self, doc_id: str, action: str, before: list[dict]) -> None:
        after = self._range_rows(doc_id)
        self._touch(doc_id)
        self._record(doc_id, action, before={"ranges": _plain(before)}, after={"ranges": _plain(after)})

    def _insert_detected_ranges(self, doc_id: str, text: str) -> None:
        """Store what the detector finds in a newly imported text (inside the import's transaction).

        Not logged for undo: importing is not an edit an analyst undoes.
        """
        for start, end, reason in detect_excluded_ranges(text):
            row = {
                "id": new_id(),
                "doc_id": doc_id,
                "start": start,
                "end": end,
                "reason": reason,
                "origin": "detected",
                "created_by": None,
                "created_at": now_iso(),
            }
            self.db["excluded_ranges"].insert(row)

    def _replace_ranges(self, doc_id: str, ranges: list[tuple[int, int, str]]) -> None:
        """Put exactly ``ranges`` in place of a document's ranges (import of a file that lists them).

        A range the file says an analyst made stays the analyst's; the rest count as detected.
        """
        self.db.execute("delete from excluded_ranges where doc_id = ?", [doc_id])
        for start, end, reason in ranges:
            self.db["excluded_ranges"].insert(
                {
                    "id": new_id(),
                    "doc_id": doc_id,
                    "start": start,
                    "end": end,
                    "reason": reason,
                    "origin": "analyst" if reason == ANALYST_REASON else "detected",
                    "created_by": self.analyst if reason == ANALYST_REASON else None,
                    "created_at": now_iso(),
                }
            )


def _plain(rows: list[dict]) -> list[list]:
    """Ranges as the history keeps them: [start, end, reason]."""
    return [[row["start"], row["end"], row["reason"]] for row in rows]


def overlaps_any(start: int, end: int, ranges: list[ExcludedRange] | list[tuple[int, int, str]]) -> bool:
    """Whether ``start..end`` shares at least one character with one of ``ranges``."""
    for item in ranges:
        range_start, range_end = (item.start, item.end) if isinstance(item, ExcludedRange) else item[:2]
        if range_start < end and start < range_end:
            return True
    return False
