"""Figures for the dashboard and reports: coverage per county and weekly trends (GROUP BY in SQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, null, select
from sqlalchemy.orm import Session

from core.timeutil import CHINA, utcnow
from matching.models import Labourer
from service.console import sources
from service.console.charts import CountyBar
from service.console.render import county_short

REACHED = ("sent", "delivered")
UNSAID = "（未说明）"  # a no-match row without the matcher's note
OTHERS = "（其他原因）"  # every reason 总览 does not list by name


@dataclass
class CountyRow:
    code: str | None
    registered: int = 0
    seeking: int = 0
    covered: int = 0  # seeking, with >= 1 push sent this cycle
    pushes: int = 0  # pushes sent this cycle
    place: str | None = None  # the 乡镇 or 村 when rows are per place within a county

    @property
    def gap(self) -> int:
        return max(self.seeking - self.covered, 0)


def _scoped(stmt: Any, scope: list[str] | None) -> Any:
    return stmt if scope is None else stmt.where(Labourer.county_code.in_(scope))


def cycle_start(days: int) -> datetime:
    return utcnow() - timedelta(days=days)


def push_columns(push: Any) -> dict[str, Any]:
    """The push outbox's columns under one set of names."""
    return {
        "person": sources.col(push, "labourer_id", "person_id"),
        "posting": sources.col(push, "posting_id"),
        "status": sources.col(push, "status"),
        "channel": sources.col(push, "channel"),
        "created": sources.col(push, "created_at", "queued_at"),
        "sent": sources.col(push, "sent_at", "created_at"),
    }


def coverage_by_county(db: Session, scope: list[str] | None, cycle_days: int,
                       since: datetime | None = None, until: datetime | None = None, *,
                       count_pushes: bool = False, place: Any = None, where: tuple[Any, ...] = ()) -> list[CountyRow]:
    """Registered / seeking / covered per county, in the user's scope; covered needs the push table.

    One scan of the people, joined to the distinct people reached in the window; ``count_pushes``
    adds a second query for the number of pushes sent (reports need it, the dashboard does not).
    ``place`` (Labourer.township or .village) splits each county's row by it; ``where`` narrows the people.
    """
    by = (Labourer.county_code,) if place is None else (Labourer.county_code, place)
    place = place if place is not None else null()  # selected, never grouped by: PostgreSQL refuses GROUP BY NULL
    seeking = Labourer.status == "seeking"
    push = sources.push_model(db)
    if push is None:
        stmt = select(Labourer.county_code, place, func.count(), func.sum(case((seeking, 1), else_=0)),
                      func.sum(0))
        window: list[Any] = []
    else:
        c = push_columns(push)
        # job pushes only: a training offer is not a suitable posting
        window = [c["status"].in_(REACHED), c["posting"].is_not(None), c["sent"] >= (since or cycle_start(cycle_days))]
        if until is not None:
            window.append(c["sent"] < until)
        reached = select(c["person"].label("lid")).where(*window).distinct().subquery()
        stmt = (select(Labourer.county_code, place, func.count(), func.sum(case((seeking, 1), else_=0)),
                       func.sum(case((and_(seeking, reached.c.lid.is_not(None)), 1), else_=0)))
                .outerjoin(reached, reached.c.lid == Labourer.id))
    rows: dict[tuple[str | None, str | None], CountyRow] = {}
    grouped = stmt.where(*where).group_by(*by)
    for code, at, registered, n_seeking, covered in db.execute(_scoped(grouped, scope)):
        rows[code, at] = CountyRow(code, int(registered), place=at, seeking=int(n_seeking or 0), covered=int(covered or 0))
    if push is not None and count_pushes:
        sent = (select(Labourer.county_code, place, func.count()).select_from(push)
                .join(Labourer, Labourer.id == c["person"]).where(*window, *where).group_by(*by))
        for code, at, n in db.execute(_scoped(sent, scope)):
            rows.setdefault((code, at), CountyRow(code, place=at)).pushes = int(n)
    return sorted(rows.values(), key=lambda r: (-r.registered, r.code or "", r.place or ""))


@dataclass
class NoMatch:
    """Seeking people the newest match run found nothing suitable for, and the matcher's reasons."""

    by_county: dict[str | None, int]
    reasons: list[tuple[str, int]]  # most common notes first
    run_at: datetime | None

    @property
    def others(self) -> int:
        """People whose reason is not among ``reasons`` (the table shows a row for them, not a hidden cut)."""
        return sum(self.by_county.values()) - sum(n for _, n in self.reasons)


def nothing_suitable(db: Session, scope: list[str] | None, top: int = 6) -> NoMatch | None:
    """From the match log's newest run (None when there is no log table or no run yet)."""
    latest = sources.latest_run(db)
    if latest is None:
        return None
    match, run_id = latest
    note = sources.col(match, "note")
    base = [match.run_id == run_id, match.posting_id.is_(None), Labourer.status == "seeking"]
    if scope is not None:
        base.append(Labourer.county_code.in_(scope))
    joined = select(Labourer.county_code, func.count()).select_from(match).join(
        Labourer, Labourer.id == match.labourer_id)
    by_county = {code: int(n) for code, n in db.execute(joined.where(*base).group_by(Labourer.county_code))}
    reasons = [(text or UNSAID, int(n)) for text, n in db.execute(
        select(note, func.count()).select_from(match).join(Labourer, Labourer.id == match.labourer_id)
        .where(*base).group_by(note).order_by(func.count().desc()).limit(top))]
    run_at = db.scalar(select(func.max(match.created_at)).where(match.run_id == run_id))
    return NoMatch(by_county, reasons, run_at)


def no_match_people(db: Session, note: str | None = None, scope: list[str] | None = None) -> Any:
    """A subquery of the people the newest match run found nothing for (with that note when given; OTHERS:
    a note not among 总览's top reasons in ``scope``), or None."""
    latest = sources.latest_run(db)
    if latest is None:
        return None
    match, run_id = latest
    stmt = select(match.labourer_id).where(match.run_id == run_id, match.posting_id.is_(None))
    if note == OTHERS:
        shown = nothing_suitable(db, scope)
        texts = [t for t, _ in shown.reasons if t != UNSAID] if shown else []
        said = sources.col(match, "note")
        kept = said.not_in(texts) if texts else said.is_not(None)
        if shown and all(t != UNSAID for t, _ in shown.reasons):  # an unexplained row is one of the others
            kept = kept | said.is_(None)
        return stmt.where(kept)
    if note == UNSAID:
        return stmt.where(sources.col(match, "note").is_(None) | (sources.col(match, "note") == ""))
    return stmt.where(sources.col(match, "note") == note) if note else stmt


def totals(rows: list[CountyRow]) -> CountyRow:
    t = CountyRow(None)
    for r in rows:
        t.registered += r.registered
        t.seeking += r.seeking
        t.covered += r.covered
        t.pushes += r.pushes
    return t


def bars(rows: list[CountyRow], limit: int = 30) -> list[CountyBar]:
    return [CountyBar(county_short(r.code), r.registered, r.seeking, r.covered) for r in rows[:limit]]


def week_starts(weeks: int) -> list[datetime]:
    """Monday 00:00 China time of the last ``weeks`` weeks (oldest first), as aware datetimes."""
    today = utcnow().astimezone(CHINA).replace(hour=0, minute=0, second=0, microsecond=0)
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]


def weekly_counts(db: Session, column: Any, where: list[Any], weeks: int = 12) -> list[tuple[str, int]]:
    """Rows per China-time week in one scan: a SUM(CASE) per week bucket (same SQL on SQLite and PG)."""
    starts = week_starts(weeks)
    ends = starts[1:] + [starts[-1] + timedelta(weeks=1)]
    sums = [func.sum(case((and_(column >= s, column < e), 1), else_=0)) for s, e in zip(starts, ends, strict=True)]
    row = db.execute(select(*sums).where(column >= starts[0], *where)).one()
    return [(s.strftime("%m-%d"), int(v or 0)) for s, v in zip(starts, row, strict=True)]


def registrations_trend(db: Session, scope: list[str] | None, weeks: int = 12) -> list[tuple[str, int]]:
    where = [] if scope is None else [Labourer.county_code.in_(scope)]
    return weekly_counts(db, Labourer.created_at, where, weeks)


def pushes_trend(db: Session, scope: list[str] | None, weeks: int = 12) -> list[tuple[str, int]] | None:
    push = sources.push_model(db)
    if push is None:
        return None
    c = push_columns(push)
    where: list[Any] = [c["status"].in_(REACHED), c["posting"].is_not(None)]
    if scope is not None:
        where.append(c["person"].in_(select(Labourer.id).where(Labourer.county_code.in_(scope))))
    return weekly_counts(db, c["sent"], where, weeks)
