"""The bot's own tables: WeChat followers (opt-out, last message, registration draft) and 人工 tickets."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.timeutil import utcnow

TICKET_OPEN = "open"
TICKET_CLOSED = "closed"


class WechatUser(Base):
    """One follower. ``last_interaction_at`` opens WeChat's 48-hour customer-service window."""

    __tablename__ = "wechat_user"

    openid: Mapped[str] = mapped_column(String(64), primary_key=True)
    following: Mapped[bool] = mapped_column(Boolean, default=True)
    push_opt_out: Mapped[bool] = mapped_column(Boolean, default=False)  # 退订 / TD
    person_id: Mapped[int | None] = mapped_column(Integer, index=True)  # registry id once bound
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # registration answers kept meanwhile
    last_interaction_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class HandoffTicket(Base):
    """A follower asked for a person (人工); coordinators see and close these."""

    __tablename__ = "handoff_ticket"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    openid: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text, default="")  # what they last asked, for context
    status: Mapped[str] = mapped_column(String(16), default=TICKET_OPEN, index=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by: Mapped[str | None] = mapped_column(String(64))  # the coordinator's name
    # the exchanges before the request ({"at", "said", "replied"}), so staff need not ask again
    conversation: Mapped[list[dict[str, str]] | None] = mapped_column(JSON)
