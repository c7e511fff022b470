"""Console tables: accounts with roles, reveal audit, follow-up visits (回访) and help plans (帮扶计划书)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import matching.models  # noqa: F401  (registers the labourer table the foreign keys below name)
from core.db import Base
from core.timeutil import utcnow

ROLES = ("admin", "coordinator", "employer")
ROLE_NAMES = {"admin": "省级管理员", "coordinator": "协理员", "employer": "用人单位"}
REVEAL_FIELDS = ("phone", "id_number")


class User(Base):
    """A console account. Coordinators are scoped to ``county_codes``; employers to ``employer_id``."""

    __tablename__ = "console_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    county_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    employer_id: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    @property
    def role_name(self) -> str:
        return ROLE_NAMES.get(self.role, self.role)

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"


class RevealLog(Base):
    """Who saw which person's full phone or ID number, and when (every reveal is audited)."""

    __tablename__ = "console_reveal_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("console_user.id", ondelete="CASCADE"), index=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(16))
    ip: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FollowUp(Base):
    """One follow-up visit (回访) with a note and the date the next one is due."""

    __tablename__ = "console_follow_up"
    __table_args__ = (Index("ix_console_follow_up_person_created", "labourer_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("console_user.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    visit_date: Mapped[date] = mapped_column(Date)
    next_visit_date: Mapped[date | None] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(8), default="", server_default="")  # 电话 / 上门 / 微信
    outcome: Mapped[str] = mapped_column(String(16), default="", server_default="")  # 已上岗 / 在找 / 暂不找工作 / 联系不上
    # Only the newest visit of a person counts for "overdue"; older ones are closed when a new one lands.
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class HelpPlan(Base):
    """The one-to-one help plan (帮扶计划书) of a person."""

    __tablename__ = "console_help_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("console_user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
