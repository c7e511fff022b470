"""Training offers: each person who wants training gets one suitable course a year, free ones first."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.timeutil import utcnow
from jobs_feed.push.models import SENT, Push
from jobs_feed.push.planner import Candidate, plan
from jobs_feed.training.matching import Offer
from jobs_feed.training.planner import plan_training
from tests.training.conftest import soon


def _offers(db):
    return db.execute(select(Push.labourer_id, Push.training_id, Push.posting_id).where(Push.training_id.is_not(None))).all()


def test_plan_gives_each_wanting_person_one_offer_a_year_and_not_twice(settings, db, courses, trainees):
    first, second = courses(2, trade="电工", starts_on=soon(500))
    a, b = trainees(2)
    trainees(1, wants_training=False)
    result = plan_training(db, settings)
    db.commit()
    assert sorted(result.planned) == result.planned and len(result.planned) == 2
    offered = {lab: tid for lab, tid, post in _offers(db) if post is None}
    assert set(offered) == {a.id, b.id} and set(offered.values()) <= {first.id, second.id}
    again = plan_training(db, settings)
    assert again.planned == [] and again.covered == 2  # once a year, not twice
    db.execute(Push.__table__.update().values(status=SENT))
    next_year = utcnow() + timedelta(days=366)
    later = plan_training(db, settings, now=next_year)
    db.commit()
    assert len(later.planned) == 2
    per_person: dict[int, set[int]] = {}
    for lab, tid, _ in _offers(db):
        per_person.setdefault(lab, set()).add(tid)
    assert per_person == {a.id: {first.id, second.id}, b.id: {first.id, second.id}}  # a course not offered before


def test_plan_prefers_free_courses(settings, db, courses, trainees):
    (paid,) = courses(1, cost="subsidised", subsidy="结业后申领职业培训补贴")
    (free,) = courses(1)
    (person,) = trainees(1)
    plan_training(db, settings, {person.id: [Offer(paid.id, 0.9, free=False), Offer(free.id, 0.5, free=True)]})
    assert _offers(db) == [(person.id, free.id, None)]


def test_plan_training_offers_do_not_count_as_job_pushes(settings, db, courses, trainees, postings):
    (course,) = courses(1)
    (job,) = postings(1)
    (person,) = trainees(1)
    plan_training(db, settings)
    jobs = plan(db, settings, {person.id: [Candidate(job.id, 0.9)]})
    db.commit()
    assert len(jobs.planned) == 1 and jobs.covered == 0
    rows = {(r.posting_id, r.training_id) for r in db.scalars(select(Push))}
    assert rows == {(None, course.id), (job.id, None)}


def test_plan_skips_opted_out_and_notes_people_without_a_course(settings, db, courses, trainees):
    courses(1, trade="电工")
    trainees(1, pushes_opted_out=True)
    (far,) = trainees(1, county_code="350203", wishes="想学电工，只在厦门")
    result = plan_training(db, settings)
    assert result.planned == [] and [ref for ref, _ in result.no_match] == [far.external_id]
    assert "培训" in result.no_match[0][1]


def test_plan_without_courses_queues_nothing(settings, db, trainees):
    trainees(2)
    result = plan_training(db, settings)
    assert result.planned == [] and len(result.no_match) == 2 and _offers(db) == []
