"""WeChat subscription messages (订阅通知): who agreed to receive our push notice, and how often.

A service account may send a subscription message only after the follower pressed 同意 in WeChat's
subscribe popup (an article or H5 page offers it). A one-time subscription allows one message per
"同意"; a long-term one (granted to public services) allows messages until the follower turns it off
in WeChat's settings. WeChat tells us through ``subscribe_msg_popup_event`` (同意/取消) and
``subscribe_msg_change_event`` (turned off); we keep the count here so a push never calls WeChat for
someone who did not agree, and WeChat's own 43101 (no allowance) clears it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base
from core.settings import Settings
from core.timeutil import utcnow

ACCEPT, REJECT = "accept", "reject"


class WechatSubscription(Base):
    """One follower's consent to one subscription-message template."""

    __tablename__ = "wechat_subscription"

    openid: Mapped[str] = mapped_column(String(64), primary_key=True)
    template_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    status: Mapped[str] = mapped_column(String(8), default=ACCEPT)  # the follower's last choice
    allowance: Mapped[int] = mapped_column(Integer, default=0)  # one-time messages still allowed
    sent: Mapped[int] = mapped_column(Integer, default=0)  # messages sent on this consent, for the console
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


def _items(items: Iterable[Mapping[str, str]]) -> list[tuple[str, str]]:
    """(template id, accept|reject) pairs from an event's list, unknown values dropped."""
    out = []
    for item in items:
        template_id = str(item.get("TemplateId") or "").strip()
        status = str(item.get("SubscribeStatusString") or "").strip().lower()
        if template_id and status in (ACCEPT, REJECT):
            out.append((template_id, status))
    return out


def record_choice(session: Session, openid: str, items: Iterable[Mapping[str, str]], now: datetime | None = None) -> int:
    """Apply a popup or settings-change event: each 同意 adds one allowance, 取消 clears it.

    Returns how many templates were recorded. The caller commits.
    """
    now = now or utcnow()
    count = 0
    for template_id, status in _items(items):
        row = session.get(WechatSubscription, (openid, template_id))
        if row is None:
            row = WechatSubscription(openid=openid, template_id=template_id, allowance=0, sent=0)
            session.add(row)
        row.status = status
        row.allowance = (row.allowance or 0) + 1 if status == ACCEPT else 0
        row.updated_at = now
        count += 1
    return count


def may_send(session: Session, settings: Settings, openid: str) -> bool:
    """True when ``openid`` agreed to our push template and, for a one-time one, has an allowance left."""
    template_id = settings.wechat_subscribe_template_id
    if not template_id or not openid:
        return False
    row = session.get(WechatSubscription, (openid, template_id))
    if row is None or row.status != ACCEPT:
        return False
    return settings.wechat_subscribe_long_term or row.allowance > 0


def used(session: Session, settings: Settings, openid: str, *, refused: bool = False) -> None:
    """After a send: one allowance used, or all of them when WeChat said there is none (43101)."""
    row = session.get(WechatSubscription, (openid, settings.wechat_subscribe_template_id))
    if row is None:
        return
    if refused:
        row.allowance = 0
        if settings.wechat_subscribe_long_term:
            row.status = REJECT  # WeChat no longer lets us send: treat as turned off until asked again
    else:
        row.allowance = max((row.allowance or 0) - 1, 0)
        row.sent = (row.sent or 0) + 1
    row.updated_at = utcnow()

