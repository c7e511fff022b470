"""The push outbox: one row per (person, posting) or (person, training course), so nobody is sent the
same posting or course twice."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.timeutil import utcnow
from jobs_feed.training import models as _training  # noqa: F401  (push.training_id refers to its table)

QUEUED = "queued"  # waiting for a worker (maybe until next_attempt_at: backoff, quiet hours)
SENDING = "sending"  # claimed by a worker until lease_until
SENT = "sent"  # a vendor accepted it
DELIVERED = "delivered"  # the vendor's receipt says it reached the phone / WeChat
FAILED = "failed"  # gave up: every channel refused, or retries used up
SKIPPED = "skipped"  # no channel can reach the person (no WeChat, no phone with consent)
# No channel reaches the person: a coordinator phones them (channel "phone") or, with no phone at all,
# visits (channel "visit"); recording it makes the row sent. Workers never touch these rows.
CALL = "call"
STATUSES = (QUEUED, SENDING, SENT, DELIVERED, FAILED, SKIPPED, CALL)
# statuses that count as "this person was pushed this posting"
REACHED = (QUEUED, SENDING, SENT, DELIVERED)


class Push(Base):
    """One posting or training course pushed (or to be pushed) to one person, with its delivery state.

    Exactly one of ``posting_id`` and ``training_id`` is set.
    """

    __tablename__ = "push"
    __table_args__ = (
        # NULLs are distinct (SQLite and PostgreSQL): a training offer never collides with a posting push
        UniqueConstraint("labourer_id", "posting_id", name="uq_push_labourer_posting"),
        UniqueConstraint("labourer_id", "training_id", name="uq_push_labourer_training"),
        Index("ix_push_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("posting.id", ondelete="CASCADE"), index=True)
    training_id: Mapped[int | None] = mapped_column(ForeignKey("training_course.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str | None] = mapped_column(String(20))  # the channel that carried it (or last tried)
    text: Mapped[str] = mapped_column(Text, default="")
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(12), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vendor_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def out_id(self) -> str:
        """Our idempotency key, given to vendors (Aliyun OutId, Tencent SessionContext)."""
        return f"jy-push-{self.id}"

    def __repr__(self) -> str:
        what = f"P{self.posting_id}" if self.posting_id is not None else f"T{self.training_id}"
        return f"<Push {self.id} L{self.labourer_id} {what} {self.status}>"
