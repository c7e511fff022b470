"""The database match log (``jiuye match run``): what the matcher would push to whom, and why.

One run writes one row per (person, posting) it would push, best first, plus one row with the
matcher's note (posting empty) for each person with nothing suitable, and one ``match_run`` row that
is marked finished when all its rows are in (a sharded run writes them from many workers). The planner reads the newest
run when it is newer than every change to people and postings, else asks the engine directly.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Integer, String, Text, func, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.db import Base
from core.timeutil import utcnow
from matching.models import Labourer, Posting

TOP = 5


class MatchLog(Base):
    """One line of a match run."""

    __tablename__ = "match_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[str] = mapped_column(String(32), index=True)
    labourer_id: Mapped[int] = mapped_column(ForeignKey("labourer.id", ondelete="CASCADE"), index=True)
    posting_id: Mapped[int | None] = mapped_column(ForeignKey("posting.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer, default=0)  # 1 = best; 0 on a note row
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)
    engine_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class MatchRun(Base):
    """One match run; ``finished_at`` is set once every shard has written its rows."""

    __tablename__ = "match_run"

    run_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    shards: Mapped[int] = mapped_column(Integer, default=1)
    people: Mapped[int] = mapped_column(Integer, default=0)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    pairs: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


@dataclass
class RunSummary:
    run_id: str
    people: int
    matched: int
    pairs: int


def run(session: Session, *, top: int = TOP, progress: Callable[[int], None] | None = None, jobs: int = 1) -> RunSummary:
    """Match every seeking person against the open postings and write a new run (over ``jobs``
    forked processes: only from a command line, never inside the threaded web process)."""
    from jobs_feed.push.matches import match_rows

    run_id, now = uuid.uuid4().hex, utcnow()
    session.add(MatchRun(run_id=run_id, shards=1, started_at=now))
    found = match_rows(session, top=top, progress=progress, jobs=jobs)
    summary = write_rows(session, run_id, found, now)
    finish(session, run_id, [summary])
    return summary


def write_rows(session: Session, run_id: str, found: list[Any], now: datetime) -> RunSummary:
    """The log rows of one run (or one shard of it): ranked pushes, and a note for people with none."""
    from matching.engine import ENGINE_VERSION

    ranks: dict[int, int] = {}
    rows: list[dict[str, Any]] = []
    for lab_id, post_id, score, reasons, note in found:
        rank = 0
        if post_id is not None:
            rank = ranks[lab_id] = ranks.get(lab_id, 0) + 1
        rows.append({
            "run_id": run_id, "engine_version": ENGINE_VERSION, "created_at": now, "labourer_id": lab_id,
            "posting_id": post_id, "rank": rank, "score": score if post_id is not None else None,
            "reasons": reasons, "note": note or None,
        })
    if rows:
        _insert(session, rows)
    return RunSummary(run_id, len({r[0] for r in found}), len(ranks), sum(ranks.values()))


_COLUMNS = ("run_id", "engine_version", "created_at", "labourer_id", "posting_id", "rank", "score", "reasons", "note")


def _insert(session: Session, rows: list[dict[str, Any]]) -> None:
    """Bulk insert; on PostgreSQL through COPY (half a million rows in seconds, not minutes)."""
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(MatchLog), rows)
        return
    import json

    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY match_log ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
        for r in rows:
            copy.write_row([json.dumps(r[c], ensure_ascii=False) if c == "reasons" else r[c] for c in _COLUMNS])


def finish(session: Session, run_id: str, parts: list[RunSummary]) -> RunSummary:
    """Mark the run complete with its totals: from now on the planner may read it."""
    total = RunSummary(run_id, sum(p.people for p in parts), sum(p.matched for p in parts), sum(p.pairs for p in parts))
    row = session.get(MatchRun, run_id)
    if row is not None:
        row.people, row.matched, row.pairs, row.finished_at = total.people, total.matched, total.pairs, utcnow()
    session.flush()
    return total


def _aware(t: datetime | None) -> datetime | None:
    return t.replace(tzinfo=UTC) if t is not None and t.tzinfo is None else t


def latest_rows(session: Session) -> list[tuple[int, int | None, float, list[str], str]] | None:
    """The newest run as (labourer, posting, score, reasons, note) rows; None when there is no run or
    people or postings changed after it (then the engine is asked directly)."""
    unfinished = select(MatchRun.run_id).where(MatchRun.finished_at.is_(None))  # a sharded run still writing
    newest = session.execute(
        select(MatchLog.run_id, MatchLog.created_at).where(MatchLog.run_id.not_in(unfinished))
        .order_by(MatchLog.id.desc()).limit(1)
    ).first()
    if newest is None:
        return None
    stamps = [
        t for t in (
            _aware(session.scalar(select(func.max(Posting.updated_at)))),
            _aware(session.scalar(select(func.max(Labourer.updated_at)))),
        ) if t is not None
    ]
    changed = max(stamps) if stamps else None
    run_at = _aware(newest.created_at)
    if changed is not None and run_at is not None and changed > run_at:
        return None
    return [
        (r.labourer_id, r.posting_id, r.score or 0.0, list(r.reasons or []), r.note or "")
        for r in session.scalars(select(MatchLog).where(MatchLog.run_id == newest.run_id).order_by(MatchLog.id))
    ]
