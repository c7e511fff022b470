"""立即推送: one person's best suitable posting queued now, instead of at the next daily plan.

After a coordinator corrects a record and the matcher finds a posting, waiting for tomorrow's plan
helps nobody. The push goes through the same outbox as planned ones, so opt-out, the channels the
person agreed to, quiet hours and the SMS daily cap still hold; the reply says when it will go.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from core.settings import Settings
from core.timeutil import fmt_china, utcnow
from jobs_feed.push.delivery import channels_for, quiet_until
from jobs_feed.push.models import CALL, QUEUED, SENDING, Push
from matching.models import Labourer
from service.console import suggest


def push_now(db: Session, settings: Settings, person: Labourer, *, now: datetime | None = None) -> str:
    """Queue the best suitable posting not pushed to this person before; the words say when it goes."""
    now = now or utcnow()
    if person.status != "seeking":
        raise InvalidInput("not seeking", message_zh="本人目前不在求职，不推送岗位。")
    if person.pushes_opted_out:
        raise InvalidInput("opted out", message_zh="本人已退订，不能推送（本人回复“订阅”可恢复）。")
    waiting = db.scalar(select(Push.id).where(Push.labourer_id == person.id, Push.posting_id.is_not(None),
                                              Push.status.in_((QUEUED, SENDING, CALL))))
    if waiting is not None:  # a second tap, or the day's plan got there first
        raise InvalidInput("already waiting", message_zh="已有一条推送在等待发出（或等您电话通知），不重复推送。")
    found = suggest.suggest(db, [person], top=5).get(person.id)
    tried = set(db.scalars(select(Push.posting_id).where(Push.labourer_id == person.id,
                                                          Push.posting_id.is_not(None))))
    fresh = [m for m in (found.matches if found else []) if m[0] not in tried]
    if not fresh:
        why = found.note if found and not found.matches else "合适的岗位都已推送过"
        raise InvalidInput("nothing to push", message_zh=f"没有可推送的新岗位：{why or '目前没有合适的岗位'}。")
    posting_id, title, score, reasons = fresh[0]
    push = Push(labourer_id=person.id, posting_id=posting_id, score=score, reasons=list(reasons), status=QUEUED,
                attempts=0, text="", created_at=now, updated_at=now)
    if not channels_for(settings, person):
        push.status, push.channel = CALL, "phone" if person.phone else "visit"
        db.add(push)
        db.commit()
        how = "电话通知" if person.phone else "上门告知"
        return f"推送不到（无微信、无同意短信的手机号）：“{title}”已列入“电话通知”，请{how}本人。"
    db.add(push)
    db.commit()
    quiet = quiet_until(settings, now)
    when = f"现在是免打扰时段，{fmt_china(quiet, '%H:%M')} 以后发出" if quiet else "一分钟内发出"
    return f"已安排推送“{title}”，{when}。"
