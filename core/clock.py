"""Timestamps and identifiers used across the store."""
import uuid
from datetime import datetime, timezone


def now_iso() -> str:
    """The current time in UTC as ISO 8601 with microseconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def new_id() -> str:
    """A globally unique id: databases from several machines will be merged."""
    return str(uuid.uuid4())
