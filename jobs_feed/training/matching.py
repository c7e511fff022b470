"""Matching people who want training to open courses: the same matcher and reasons as postings.

A course becomes a matching ``Posting`` record (title "<trade>培训", no pay, tags 免费培训/补贴培训)
and a person's profile is read as for jobs, except that wanting training makes them "seeking" a
course and their pay wish is set aside (courses pay nothing; the wish is about jobs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobs_feed.training.models import TrainingCourse
from jobs_feed.training.service import china_today, open_courses
from matching.models import Labourer

TOP = 3
NO_COURSE = "目前没有在招生的培训班"
NOTHING_SUITABLE = "目前没有合适的培训班"


@dataclass(frozen=True)
class Offer:
    """One course the matcher would offer a person."""

    training_id: int
    score: float
    reasons: list[str] = field(default_factory=list)
    free: bool = True


def wants_training(person: Any) -> bool:
    return (getattr(person, "facts", None) or {}).get("wants_training") is True


def wanting_training(session: Session) -> list[Labourer]:
    """People whose facts say they want training, oldest registration first."""
    rows = session.scalars(
        select(Labourer).where(Labourer.facts["wants_training"].as_boolean()).order_by(Labourer.id)
    )
    return [r for r in rows if wants_training(r)]  # the JSON test is loose on SQLite (1 == true)


def course_record(row: TrainingCourse) -> dict[str, Any]:
    """The course in the shape of match_dev/jobs.jsonl: no pay, a course always teaches its trade."""
    cost = "免费培训" if row.free else "补贴培训"
    description = "；".join(p for p in (row.title, row.description, f"{cost}，零基础可学", row.subsidy) if p)
    return {
        "id": f"T{row.id}",
        "title": f"{row.trade}培训",
        "employer": row.provider,
        "location": row.location,
        "county_code": row.county_code,
        "description": description,
        "tags": [cost],
        "status": "open" if row.status == "open" else row.status,
        "expires_at": row.apply_by or row.starts_on,
        "headcount": row.seats,
        "filled": row.enrolled,
        "posted_at": row.created_at,
    }


def trainee_profile(row: Labourer, today: date | None = None) -> Any:
    """The person's matching profile, as someone looking for a course (no pay floor)."""
    from matching.profile import SEEKING, parse_profile
    from matching.service import labourer_to_record

    return replace(parse_profile(labourer_to_record(row, today)), status=SEEKING, min_pay=None, pay_text="")


_KIND = re.compile(r"(^|，)岗位是")


def as_course_words(text: str) -> str:
    """The matcher's job wording for a course: "岗位是电工培训" → "可以参加电工培训", 岗位 → 培训."""
    return _KIND.sub(r"\1可以参加", text).replace("合适岗位", "合适培训").replace("岗位", "培训")


def course_reasons(reasons: list[str], row: TrainingCourse) -> list[str]:
    out = [as_course_words(r) for r in reasons]
    out.append("免费培训" if row.free else f"有培训补贴{('：' + row.subsidy) if row.subsidy else ''}")
    out.append(f"{row.starts_on.month}月{row.starts_on.day}日开班")
    return out


def match_offers(session: Session, *, top: int = TOP, today: date | None = None) -> tuple[dict[int, list[Offer]], dict[int, str]]:
    """Offers (best first) and notes per labourer id for everyone who wants training."""
    from matching.engine import Matcher

    today = today or china_today()
    people = wanting_training(session)
    if not people:
        return {}, {}
    courses = open_courses(session, today)
    if not courses:
        return {}, {p.id: NO_COURSE for p in people}
    by_ref = {f"T{c.id}": c for c in courses}
    profiles = [trainee_profile(p, today) for p in people]
    ids = {prof.labourer_id: row.id for prof, row in zip(profiles, people, strict=True)}
    matcher = Matcher(today=today).fit([course_record(c) for c in courses])
    offers: dict[int, list[Offer]] = {}
    notes: dict[int, str] = {}
    for result in matcher.match_many(profiles, top):
        lab_id = ids[result.labourer_id]
        good = [(m, by_ref[m.posting_id]) for m in result.matches if m.posting_id in by_ref]
        if good:
            offers[lab_id] = [Offer(c.id, float(m.score), course_reasons(m.reasons, c), c.free) for m, c in good]
        else:
            notes[lab_id] = as_course_words(result.note or NOTHING_SUITABLE)
    return offers, notes
