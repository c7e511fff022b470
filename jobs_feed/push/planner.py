"""The planner: every seeking person gets at least one suitable, not-yet-pushed posting per cycle.

Candidates come from the matcher (best first, only postings it would push). People with none are
listed with the matcher's note; nothing is ever pushed to them. People with a fit whom no channel
reaches get a call row: the coordinator is their channel (the console's 电话通知 list).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.settings import Settings
from core.timeutil import utcnow
from jobs_feed.push.delivery import channels_for
from jobs_feed.push.models import CALL, QUEUED, REACHED, Push
from matching.models import Labourer, Posting


@dataclass(frozen=True)
class Candidate:
    """One posting the matcher would push to a person."""

    posting_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class PlanResult:
    planned: list[int] = field(default_factory=list)  # new push ids
    covered: int = 0  # people already pushed recently enough
    no_match: list[tuple[str, str]] = field(default_factory=list)  # (person ref, matcher's note)
    unreachable: list[tuple[str, str]] = field(default_factory=list)  # (person ref, why)
    calls: list[int] = field(default_factory=list)  # new call rows (no channel: a coordinator phones or visits)
    training: PlanResult | None = None  # training offers planned in the same run (jobs_feed.training)


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def interval_days(settings: Settings) -> float:
    """Days between pushes to one person: the cycle, or shorter to reach the yearly target."""
    per_year = 365.0 / settings.push_year_target if settings.push_year_target > 0 else float("inf")
    return max(min(float(settings.push_cycle_days), per_year), float(settings.push_min_gap_days))


def plan(
    session: Session,
    settings: Settings,
    candidates: dict[int, list[Candidate]],
    notes: dict[int, str] | None = None,
    *,
    now: datetime | None = None,
) -> PlanResult:
    """Add one queued push for each seeking person who is due one; returns what was done."""
    now = now or utcnow()
    people = session.scalars(
        select(Labourer).where(Labourer.status == "seeking", Labourer.pushes_opted_out.is_(False)).order_by(Labourer.id)
    ).all()
    open_ids = set(
        session.scalars(
            select(Posting.id).where(
                Posting.status == "open", or_(Posting.expires_at.is_(None), Posting.expires_at > now)
            )
        )
    )
    return assign(
        session, settings, people, candidates, notes or {}, open_ids,
        target="posting_id", due_before=now - timedelta(days=interval_days(settings)), now=now,
        nothing="目前没有合适的岗位",
    )


def assign(
    session: Session,
    settings: Settings,
    people: Sequence[Labourer],
    candidates: Mapping[int, Sequence[Any]],
    notes: Mapping[int, str],
    open_ids: set[int],
    *,
    target: str,
    due_before: datetime,
    now: datetime,
    nothing: str,
    best: Callable[[Any], Any] = lambda c: c.score,
) -> PlanResult:
    """Queue the ``best`` not-yet-pushed open candidate for each person not reached since ``due_before``.

    ``target`` is the push column the candidates name (``posting_id``, or ``training_id`` for
    training offers); only pushes of that kind count as this person's history.
    """
    result = PlanResult()
    column = getattr(Push, target)
    history: dict[int, list[tuple[int, str, datetime]]] = defaultdict(list)
    for lab_id, item_id, status, created in session.execute(
        select(Push.labourer_id, column, Push.status, Push.created_at).where(column.is_not(None))
    ):
        history[lab_id].append((item_id, status, _aware(created)))
    new: list[Push] = []
    for person in people:
        ref = person.external_id or str(person.id)
        past = history.get(person.id, [])
        # a call waiting for the coordinator counts too: one posting per cycle, by whatever channel
        reached = [created for _, status, created in past if status in REACHED or status == CALL]
        if reached and max(reached) > due_before:
            result.covered += 1
            continue
        tried = {item_id for item_id, _, _ in past}
        fresh = [c for c in candidates.get(person.id, []) if getattr(c, target) in open_ids
                 and getattr(c, target) not in tried]
        if not fresh:
            if not reached:
                result.no_match.append((ref, notes.get(person.id) or nothing))
            continue
        pick = max(fresh, key=best)
        row = Push(
            labourer_id=person.id, **{target: getattr(pick, target)}, score=pick.score,
            reasons=list(pick.reasons), status=QUEUED, attempts=0, text="", created_at=now, updated_at=now,
        )
        if not channels_for(settings, person):
            result.unreachable.append((ref, "没有微信，也没有同意接收短信的手机号"))
            if target != "posting_id":
                continue
            row.status, row.channel = CALL, "phone" if person.phone else "visit"
        new.append(row)
    session.add_all(new)
    session.flush()  # one batched INSERT … RETURNING, not one round trip per person
    result.planned = [p.id for p in new if p.status == QUEUED]
    result.calls = [p.id for p in new if p.status == CALL]
    return result
