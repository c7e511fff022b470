"""People who want training are matched to open courses by the job matcher, with its reasons."""

from __future__ import annotations

from jobs_feed.training.matching import NO_COURSE, match_offers
from tests.training.conftest import XIAMEN_SIMING, soon


def test_match_wanting_person_to_a_course_in_their_place_not_far_away(db, courses, trainees):
    (near,) = courses(1, trade="电工")
    (far,) = courses(1, trade="电工", location="厦门市思明区", county_code=XIAMEN_SIMING, city_code="350200")
    (person,) = trainees(1, wishes="想学电工，本地")
    (other,) = trainees(1, wants_training=False)
    offers, notes = match_offers(db)
    assert [o.training_id for o in offers[person.id]] == [near.id]
    reasons = offers[person.id][0].reasons
    assert any("电工培训" in r for r in reasons) and "免费培训" in reasons
    assert any("培训就在您所在的南平市浦城县" in r for r in reasons)
    assert not any("岗位" in r for r in reasons)
    assert other.id not in offers and other.id not in notes and far.id != near.id


def test_match_pay_wish_does_not_exclude_a_course(db, courses, trainees):
    (course,) = courses(1, trade="电工")
    (person,) = trainees(1, wishes="想学电工，本地，月薪8000以上")
    offers, _ = match_offers(db)
    assert [o.training_id for o in offers[person.id]] == [course.id]


def test_match_wanting_training_even_when_not_seeking_work(db, courses, trainees):
    (course,) = courses(1, trade="育婴员", title="育婴员培训班")
    (person,) = trainees(1, status="employed", gender="女", wishes="想学带孩子，本地")
    offers, _ = match_offers(db)
    assert [o.training_id for o in offers[person.id]] == [course.id]


def test_match_nothing_suitable_gives_a_note_not_junk(db, courses, trainees):
    courses(1, trade="电工", location="厦门市思明区", county_code=XIAMEN_SIMING, city_code="350200")
    (person,) = trainees(1, wishes="想学电工，本地")
    offers, notes = match_offers(db)
    assert person.id not in offers
    assert "培训" in notes[person.id] and "岗位" not in notes[person.id]


def test_match_without_courses_notes_everyone_who_wants_training(db, trainees):
    (person,) = trainees(1)
    assert match_offers(db) == ({}, {person.id: NO_COURSE})


def test_match_closed_full_and_past_courses_are_not_offered(db, courses, trainees):
    courses(1, status="closed")
    courses(1, seats=10, enrolled=10)
    courses(1, starts_on=soon(-3))
    courses(1, apply_by=soon(-1), starts_on=soon(5))
    (person,) = trainees(1)
    offers, notes = match_offers(db)
    assert offers == {} and notes == {person.id: NO_COURSE}
