"""Training offers: each person who wants training gets at least one suitable course a year.

Who is due: wants training (``facts.wants_training``), has not opted out, and no training offer
reached them in the last ``OFFER_EVERY_DAYS``. They get the best open course not offered to them
before, free courses first; people with none are listed with the matcher's note.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from core.settings import Settings
from core.timeutil import CHINA, utcnow
from jobs_feed.push.planner import PlanResult, assign
from jobs_feed.training.matching import Offer, match_offers, wanting_training
from jobs_feed.training.service import open_courses

OFFER_EVERY_DAYS = 365  # "每年至少1次免费培训机会"


def plan_training(
    session: Session,
    settings: Settings,
    offers: dict[int, list[Offer]] | None = None,
    notes: dict[int, str] | None = None,
    *,
    now: datetime | None = None,
) -> PlanResult:
    """Queue one training offer for each person due one; ``offers`` default to the matcher's now."""
    now = now or utcnow()
    today = now.astimezone(CHINA).date()
    if offers is None:
        offers, notes = match_offers(session, today=today)
    people = [p for p in wanting_training(session) if not p.pushes_opted_out]
    open_ids = {c.id for c in open_courses(session, today)}
    return assign(
        session, settings, people, offers, notes or {}, open_ids,
        target="training_id", due_before=now - timedelta(days=OFFER_EVERY_DAYS), now=now,
        nothing="目前没有合适的培训班", best=lambda o: (o.free, o.score),
    )
