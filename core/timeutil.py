"""Times are stored in UTC and shown in China time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC)


@overload
def as_utc(dt: datetime) -> datetime: ...
@overload
def as_utc(dt: None) -> None: ...
def as_utc(dt: datetime | None) -> datetime | None:
    """A stored time made aware: SQLite hands back naive values, which are UTC."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def to_china(dt: datetime | None) -> datetime | None:
    """Convert a stored time (naive values are taken as UTC) to China time."""
    dt = as_utc(dt)
    return dt.astimezone(CHINA) if dt is not None else None


def fmt_china(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Format a stored time for people, in China time; empty string for None."""
    local = to_china(dt)
    return local.strftime(fmt) if local else ""
