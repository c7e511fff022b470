"""Ledger tables: one row per (person, entitlement) with its state, and career-guidance sessions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.timeutil import utcnow

# An entitlement moves forward only: found eligible → the person was told → applied → granted.
STATES = ("eligible", "told", "applied", "granted")
STATE_ZH = {"eligible": "符合条件", "told": "已告知", "applied": "已申请", "granted": "已享受"}


class EntitlementRecord(Base):
    """One entitlement of one person and how far it got (dates in UTC)."""

    __tablename__ = "entitlement_record"
    __table_args__ = (UniqueConstraint("labourer_id", "name", name="uq_entitlement_labourer_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    amount: Mapped[str] = mapped_column(String(200), default="")
    citation: Mapped[str] = mapped_column(String(200), default="")
    why: Mapped[str] = mapped_column(Text, default="")
    how_to_apply: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="eligible", index=True)
    # False once the facts no longer qualify; a record already told/applied/granted is kept as history.
    current: Mapped[bool] = mapped_column(default=True)
    eligible_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    told_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    applied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    granted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    note: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class GuidanceSession(Base):
    """A career-guidance session (职业指导), the "1" in the 311 services."""

    __tablename__ = "guidance_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    by: Mapped[str] = mapped_column(String(64), default="")  # who gave it (account name or 协理员)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
