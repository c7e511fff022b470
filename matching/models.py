"""Registry tables: labourers (with status history), employers, their API keys, and postings.

Postings live here rather than in jobs_feed because the matcher reads them and matching must not
import jobs_feed; jobs_feed writes them (API, imports).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.db import Base
from core.logging import mask_id, mask_phone
from core.timeutil import utcnow

LABOURER_STATUSES = ("seeking", "employed", "not_seeking")
POSTING_STATUSES = ("open", "filled", "closed", "expired")
SALARY_UNITS = ("month", "day", "hour", "piece", "year", "week", "negotiable")
POSTING_SOURCES = ("api", "import", "form")


class Labourer(Base):
    """A registered labourer (精准就业扶贫数据库 entry)."""

    __tablename__ = "labourer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The `id` of the imported file, echoed back by pushes; assigned ("jy-L<id>") when absent.
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str | None] = mapped_column(String(2))  # 男 / 女
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    age: Mapped[int | None] = mapped_column(Integer)  # as given, on age_recorded_on
    age_recorded_on: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    # Where the person is now (WeChat location), often not the 户籍 county; 本地/附近 mean here when set.
    current_county_code: Mapped[str | None] = mapped_column(String(6))
    township: Mapped[str | None] = mapped_column(String(64))
    village: Mapped[str | None] = mapped_column(String(64))
    poverty_registered: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(16), default="seeking", index=True)
    skills: Mapped[str] = mapped_column(Text, default="")
    wishes: Mapped[str] = mapped_column(Text, default="")
    # The matcher's parsed profile (matching.profile.stored); a coordinator's correction is used as is.
    profile: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Eligibility facts beyond the columns (低保, 特困, 已脱贫, graduate …): see matching/facts.py.
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    wechat_openid: Mapped[str | None] = mapped_column(String(64), unique=True)
    sms_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    pushes_opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    coordinator_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    history: Mapped[list[LabourerStatusChange]] = relationship(
        back_populates="labourer", order_by="LabourerStatusChange.id", cascade="all, delete-orphan"
    )

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def id_number_masked(self) -> str:
        return mask_id(self.id_number)

    def __repr__(self) -> str:  # never the phone or ID number
        return f"<Labourer {self.id} {self.external_id}>"


class LabourerStatusChange(Base):
    """One change of a labourer's status (seeking → employed …), kept for the 动态管理 record."""

    __tablename__ = "labourer_status_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16), default="import")  # import / console / bot / api
    note: Mapped[str] = mapped_column(String(200), default="")
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    labourer: Mapped[Labourer] = relationship(back_populates="history")


class Employer(Base):
    """An employer that offers postings; API keys let it post by itself."""

    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    contact: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    api_keys: Mapped[list[EmployerApiKey]] = relationship(back_populates="employer")


class EmployerApiKey(Base):
    """An employer API key; only its SHA-256 is stored (the key is random, so no slow hash is needed)."""

    __tablename__ = "employer_api_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employer_id: Mapped[int] = mapped_column(ForeignKey("employer.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), index=True)  # shown to people to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    employer: Mapped[Employer] = relationship(back_populates="api_keys")


class Posting(Base):
    """A vacancy: what, where, pay, who may apply, until when."""

    __tablename__ = "posting"
    __table_args__ = (Index("ix_posting_status_county", "status", "county_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employer.id", ondelete="SET NULL"), index=True)
    employer_name: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    location: Mapped[str] = mapped_column(String(100), default="")
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    city_code: Mapped[str | None] = mapped_column(String(6), index=True)
    salary_min: Mapped[int | None] = mapped_column(Integer)
    salary_max: Mapped[int | None] = mapped_column(Integer)
    salary_unit: Mapped[str | None] = mapped_column(String(16))
    salary_text: Mapped[str] = mapped_column(String(60), default="")
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    gender: Mapped[str | None] = mapped_column(String(2))  # None = any
    required_certificates: Mapped[list[str]] = mapped_column(JSON, default=list)
    headcount: Mapped[int | None] = mapped_column(Integer)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    local_only: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    source: Mapped[str] = mapped_column(String(16), default="import")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    employer: Mapped[Employer | None] = relationship()
