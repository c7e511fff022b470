"""Match log and push outbox queries: per person, and filtered lists for the log pages and exports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from core.timeutil import CHINA
from matching.models import Labourer, Posting
from service.console import sources
from service.console.security import check_county, county_scope
from service.models import User

LOG_PAGE = 100
EXPORT_LIMIT = 100_000


@dataclass
class LogFilter:
    since: date | None = None
    until: date | None = None
    county: str = ""
    posting: int | None = None
    channel: str = ""
    status: str = ""
    page: int = 1

    def query_string(self, **changes: Any) -> str:
        from urllib.parse import urlencode

        values: dict[str, Any] = {"since": self.since or "", "until": self.until or "", "county": self.county,
                                  "posting": self.posting or "", "channel": self.channel, "status": self.status,
                                  "page": self.page}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", None, 0)})


def _day_start(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=CHINA)


def person_pushes(db: Session, person_id: int) -> list[Any] | None:
    """(push, posting title) of a person, newest first; None when the outbox is not in this build."""
    push = sources.push_model(db)
    if push is None:
        return None
    title, employer = _pushed_what(push)
    stmt = (_with_what(select(push, title, employer), push)
            .where(push.labourer_id == person_id).order_by(push.created_at.desc()).limit(100))
    return [tuple(r) for r in db.execute(stmt)]


def _pushed_what(push: Any) -> tuple[Any, Any]:
    """Title and provider of what a push carried: a posting, or a training course (shown as 【培训】…)."""
    from jobs_feed.training.models import TrainingCourse

    if sources.col(push, "training_id") is None:
        return Posting.title, Posting.employer_name
    return (func.coalesce(Posting.title, literal("【培训】") + TrainingCourse.trade).label("title"),
            func.coalesce(Posting.employer_name, TrainingCourse.provider).label("employer"))


def _with_what(stmt: Any, push: Any) -> Any:
    from jobs_feed.training.models import TrainingCourse

    if sources.col(push, "training_id") is None:
        return stmt.join(Posting, Posting.id == push.posting_id)
    return (stmt.outerjoin(Posting, Posting.id == push.posting_id)
            .outerjoin(TrainingCourse, TrainingCourse.id == push.training_id))


def person_matches(db: Session, person_id: int) -> list[Any] | None:
    """The matcher's suggestions with reasons: the match log when present, else the pushes' scores."""
    match = sources.match_model(db)
    if match is not None and db.scalar(select(match.id).limit(1)) is None:
        match = None  # the log exists but no run has been written yet
    if match is None:
        rows = person_pushes(db, person_id)
        return None if rows is None else [(p, title, employer) for p, title, employer in rows if p.reasons]
    person_col = sources.col(match, "labourer_id", "person_id")
    stmt = (select(match, Posting.title, Posting.employer_name).join(Posting, Posting.id == match.posting_id)
            .where(person_col == person_id).order_by(sources.col(match, "score", "id").desc()).limit(50))
    run_col = sources.col(match, "run_id")
    if run_col is not None:  # only the newest run that looked at this person
        newest = select(run_col).where(person_col == person_id).order_by(match.id.desc()).limit(1)
        stmt = stmt.where(run_col == newest.scalar_subquery())
    return [tuple(r) for r in db.execute(stmt)]


def _filtered(db: Session, model: Any, user: User, f: LogFilter, time_col: Any) -> Any:
    person_col = sources.col(model, "labourer_id", "person_id")
    if model is sources.push_model(db):  # pushes carry postings or training courses
        stmt = _with_what(select(model, Labourer.name, Labourer.county_code, Labourer.phone, _pushed_what(model)[0])
                          .join(Labourer, Labourer.id == person_col), model)
    else:
        stmt = (select(model, Labourer.name, Labourer.county_code, Labourer.phone, Posting.title)
                .join(Labourer, Labourer.id == person_col).join(Posting, Posting.id == model.posting_id))
    scope = county_scope(user)
    if scope is not None:
        stmt = stmt.where(Labourer.county_code.in_(scope))
    if f.county:
        check_county(user, f.county)
        stmt = stmt.where(Labourer.county_code == f.county)
    if f.since:
        stmt = stmt.where(time_col >= _day_start(f.since))
    if f.until:
        stmt = stmt.where(time_col < _day_start(f.until + timedelta(days=1)))
    if f.posting:
        stmt = stmt.where(model.posting_id == f.posting)
    channel = sources.col(model, "channel")
    if f.channel and channel is not None:
        stmt = stmt.where(channel == f.channel)
    status = sources.col(model, "status")
    if f.status and status is not None:
        stmt = stmt.where(status == f.status)
    return stmt.order_by(time_col.desc(), model.id.desc())


def list_pushes(db: Session, user: User, f: LogFilter, *, limit: int = LOG_PAGE) -> list[Any] | None:
    push = sources.push_model(db)
    if push is None:
        return None
    stmt = _filtered(db, push, user, f, push.created_at)
    return [tuple(r) for r in db.execute(stmt.limit(limit).offset((f.page - 1) * limit if limit == LOG_PAGE else 0))]


def list_matches(db: Session, user: User, f: LogFilter, *, limit: int = LOG_PAGE) -> tuple[str, list[Any]] | None:
    """("log", rows) from the match log, ("push", rows) from the outbox's scored rows, or None."""
    match = sources.match_model(db)
    offset = (f.page - 1) * limit if limit == LOG_PAGE else 0
    if match is not None and db.scalar(select(match.id).limit(1)) is not None:
        time_col = sources.col(match, "created_at", "matched_at")
        stmt = _filtered(db, match, user, f, time_col)
        return "log", [tuple(r) for r in db.execute(stmt.limit(limit).offset(offset))]
    push = sources.push_model(db)
    if push is None:
        return None
    stmt = _filtered(db, push, user, f, push.created_at)
    return "push", [tuple(r) for r in db.execute(stmt.limit(limit).offset(offset))]
