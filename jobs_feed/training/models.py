"""Training courses (培训班) as records of their own, offered to people who want training."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.timeutil import utcnow

COSTS = ("free", "subsidised")  # 免费 / 有补贴
COST_ZH = {"free": "免费", "subsidised": "补贴"}
STATUSES = ("open", "full", "closed", "expired")


class TrainingCourse(Base):
    """One course: who runs it, the trade taught, where and when, seats and what it costs."""

    __tablename__ = "training_course"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)  # the imported file's id
    provider: Mapped[str] = mapped_column(String(100))  # 培训机构
    trade: Mapped[str] = mapped_column(String(40))  # 工种/专业: 电工, 育婴员, 中式烹调
    title: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(100), default="")
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    city_code: Mapped[str | None] = mapped_column(String(6))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    seats: Mapped[int | None] = mapped_column(Integer)  # 名额; None when not stated
    enrolled: Mapped[int] = mapped_column(Integer, default=0)
    cost: Mapped[str] = mapped_column(String(12), default="free")
    subsidy: Mapped[str] = mapped_column(String(200), default="")  # 补贴标准, as written
    apply_by: Mapped[date | None] = mapped_column(Date)  # 报名截止 (China date)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    source: Mapped[str] = mapped_column(String(20), default="import")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def free(self) -> bool:
        return self.cost == "free"

    def __repr__(self) -> str:
        return f"<TrainingCourse {self.id} {self.trade} {self.county_code} {self.starts_on} {self.status}>"
