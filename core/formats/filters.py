"""Export filters from the command line's words: statuses, labels, annotator, date range."""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from core.errors import BylineError
from core.model import Status
from core.store_records import DocumentFilter


def date_bound(value: str | None, end: bool = False) -> str | None:
    """An ISO date or date-time as the store's UTC timestamp text.

    A bare date means the start of that day (UTC); as an ``end`` bound it
    includes the whole day, so ``--until 2026-03-31`` takes edits made on the 31st.
    A date-time without a zone is read as UTC.
    """
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            moment = datetime.combine(day + timedelta(days=1) if end else day, time(), tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(value)
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except ValueError:
        raise BylineError(f"{value!r} is not a date (YYYY-MM-DD) or an ISO date-time") from None
    return moment.isoformat(timespec="microseconds")


def document_filter(
    statuses=(), labels=(), annotator: str | None = None, since: str | None = None, until: str | None = None
) -> DocumentFilter:
    """The store's filter for these options; dates checked and turned into UTC timestamps."""
    start, stop = date_bound(since), date_bound(until, end=True)
    if start and stop and stop <= start:
        raise BylineError(f"the date range is empty: --until {until} is not after --since {since}")
    return DocumentFilter(
        statuses=tuple(Status(s) for s in statuses or ()),
        labels=tuple(labels or ()),
        annotator=annotator or None,
        since=start,
        until=stop,
    )
