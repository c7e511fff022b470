"""Times are stored in UTC and shown in China time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def utcnow() -> datetime:
    """Timezone-aware current time in UTC."""
    return datetime.now(UTC)


def to_china(dt: datetime | None) -> datetime | None:
    """Convert a stored time (naive values are taken as UTC) to China time."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(CHINA)


def fmt_china(dt: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """Format a stored time for people, in China time; empty string for None."""
    local = to_china(dt)
    return local.strftime(fmt) if local else ""
