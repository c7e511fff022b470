"""The database match log (``jiuye match run``): what the matcher would push to whom, and why.

One run writes one row per (person, posting) it would push, best first, plus one row with the
matcher's note (posting empty) for each person with nothing suitable. The planner reads the newest
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


@dataclass
class RunSummary:
    run_id: str
    people: int
    matched: int
    pairs: int


def run(session: Session, *, top: int = TOP, progress: Callable[[int], None] | None = None) -> RunSummary:
    """Match every seeking person against the open postings and write a new run."""
    from jobs_feed.push.matches import match_rows
    from matching.engine import ENGINE_VERSION

    run_id, now = uuid.uuid4().hex, utcnow()
    found = match_rows(session, top=top, progress=progress)
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
        session.execute(insert(MatchLog), rows)
    return RunSummary(run_id, len({r[0] for r in found}), len(ranks), sum(ranks.values()))


def _aware(t: datetime | None) -> datetime | None:
    return t.replace(tzinfo=UTC) if t is not None and t.tzinfo is None else t


def latest_rows(session: Session) -> list[tuple[int, int | None, float, list[str], str]] | None:
    """The newest run as (labourer, posting, score, reasons, note) rows; None when there is no run or
    people or postings changed after it (then the engine is asked directly)."""
    newest = session.execute(select(MatchLog.run_id, MatchLog.created_at).order_by(MatchLog.id.desc()).limit(1)).first()
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
