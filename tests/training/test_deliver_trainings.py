"""Training offers go out through the push outbox and the same delivery (log SMS vendor here)."""

from __future__ import annotations

import json
from datetime import date
from types import SimpleNamespace

from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push import templates
from jobs_feed.push.flows import run_until_idle
from jobs_feed.push.models import QUEUED, SENT, SKIPPED, Push
from jobs_feed.push.service import plan_pushes
from tests.training.conftest import soon


def _outbox(settings):
    path = settings.sms_outbox_path
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def test_deliver_training_offer_writes_the_course_text_to_the_sms_outbox(settings, engine, db, courses, trainees,
                                                                         redis_client):
    settings.quiet_hours = ""
    start = soon(30)
    (course,) = courses(1, trade="电工", starts_on=start)
    (person,) = trainees(1)
    result = run_until_idle(settings, make_sessionmaker(engine), redis_client, max_wait=10)
    assert len(result.plan.training.planned) == 1 and result.statuses == {SENT: 1}
    (line,) = _outbox(settings)
    text = f"【就业帮扶】免费培训：电工，南平浦城，{start.month}月{start.day}日开班，详询12333。回T退订"
    assert line["text"] == text and len(text) <= templates.SMS_SEGMENT
    assert (line["labourer_id"], line["training_id"], line["posting_id"]) == (person.external_id, course.external_id, "")
    push = db.scalars(select(Push)).one()
    assert (push.posting_id, push.training_id, push.text) == (None, course.id, text)
    again = run_until_idle(settings, make_sessionmaker(engine), redis_client, max_wait=10)
    assert again.plan.training.planned == [] and len(_outbox(settings)) == 1  # nothing new a second time


def test_deliver_training_offer_respects_opt_out_and_quiet_hours(settings, engine, db, courses, trainees, redis_client):
    courses(1)
    quiet, gone = trainees(2)
    plan_pushes(settings, make_sessionmaker(engine), redis_client)
    gone.pushes_opted_out = True  # replied T after the offer was planned
    db.commit()
    settings.quiet_hours = "00:00-23:59"
    run_until_idle(settings, make_sessionmaker(engine), redis_client, plan=False, max_wait=0)
    db.expire_all()
    status = {p.labourer_id: p.status for p in db.scalars(select(Push))}
    assert status == {quiet.id: QUEUED, gone.id: SKIPPED} and _outbox(settings) == []


def test_course_sms_names_trade_place_start_cost_and_apply_in_one_segment(settings):
    course = SimpleNamespace(trade="中式烹调", cost="subsidised", starts_on=date(2026, 12, 10), county_code="350722",
                             location="南平市浦城县", employer=None)
    text = templates.sms_text(templates.course_params(course, settings), settings, lead="")
    assert text == "【就业帮扶】补贴培训：中式烹调，南平浦城，12月10日开班，详询12333。回T退订"
    long = SimpleNamespace(**{**vars(course), "trade": "农村电子商务运营与直播带货实操技能提升暨创业孵化综合培训项目（第三期）"})
    text = templates.sms_text(templates.course_params(long, settings), settings, lead="")
    assert len(text) <= templates.SMS_SEGMENT and "12月10日开班" in text and "…" in text
