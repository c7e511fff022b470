"""Why a push waits instead of going out now: an SMS number's daily cap, and quiet hours re-planned.

Both hold the row ``queued`` with ``next_attempt_at`` and a note in ``error``; neither uses up an attempt.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.settings import Settings
from core.timeutil import CHINA, as_utc
from jobs_feed.push.models import DELIVERED, QUEUED, SENT, Push
from matching.models import Labourer

QUIET_NOTE = "免打扰时段，稍后发送"
CAP_NOTE = "这个号码今天已收到短信，明天再发"


def china_day_start(now: datetime) -> datetime:
    """The start of ``now``'s day in China, as an aware time in ``now``'s zone."""
    local = now.astimezone(CHINA)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(now.tzinfo)


def sms_cap_until(session: Session, settings: Settings, phone: str, now: datetime, push_id: int) -> datetime | None:
    """When this phone number has had its SMS pushes for today (family members may share one), the
    start of the next China day; else None. A cap of 0 turns it off."""
    cap = settings.sms_daily_cap
    if cap <= 0:
        return None
    start = china_day_start(now)
    sent = session.scalar(
        select(func.count(Push.id))
        .join(Labourer, Labourer.id == Push.labourer_id)
        .where(Labourer.phone == phone, Push.channel == "sms", Push.status.in_((SENT, DELIVERED)))
        .where(Push.sent_at >= start, Push.id != push_id)
    )
    return start + timedelta(days=1) if (sent or 0) >= cap else None


def replan_quiet(session: Session, settings: Settings, now: datetime) -> int:
    """Rows held by quiet hours follow the current setting: a shorter or removed window frees them now,
    a changed one moves their time. Returns how many rows changed."""
    from jobs_feed.push.delivery import quiet_until

    until = quiet_until(settings, now)
    rows = session.scalars(
        select(Push).where(Push.status == QUEUED, Push.next_attempt_at > now, Push.error.endswith(QUIET_NOTE))
    ).all()
    changed = 0
    for push in rows:
        if as_utc(push.next_attempt_at) != until:
            push.next_attempt_at = until
            changed += 1
    if changed:
        session.commit()
    return changed
