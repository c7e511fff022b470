"""Knowledge-base tables: questions the policy documents did not answer, for coordinators to review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.timeutil import utcnow

UNANSWERED_STATUSES = ("open", "answered")
CHANNELS = ("cli", "wechat", "console", "api")


class UnansweredQuestion(Base):
    """A question that got the "don't know" reply; the same normalised question is counted, not repeated."""

    __tablename__ = "unanswered_question"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question: Mapped[str] = mapped_column(Text)  # as asked (cut to 1000 characters)
    normalized: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(16), index=True)  # where it was first asked
    openid: Mapped[str | None] = mapped_column(String(64), index=True)  # WeChat asker, if any
    times_asked: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_asked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reply: Mapped[str | None] = mapped_column(Text)  # a coordinator's answer, sent to the asker
    replied_by: Mapped[str | None] = mapped_column(String(64))  # the coordinator's display name
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reply_status: Mapped[str | None] = mapped_column(String(16))  # sent / waiting (next message) / no_asker
    curated: Mapped[bool] = mapped_column(Boolean, default=False)  # the bot gives the reply to the same question

    @property
    def text(self) -> str:
        """What the console shows."""
        return self.question
