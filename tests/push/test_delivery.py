"""Planning and delivering pushes on the real database and Redis, through the log vendor."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push import tasks
from jobs_feed.push.delivery import Deliverer, quiet_until
from jobs_feed.push.models import FAILED, QUEUED, SENT, SKIPPED, Push
from jobs_feed.push.planner import Candidate, plan


def _outbox(settings):
    path = settings.sms_outbox_path
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def _deliver_all(settings, engine, redis_client):
    factory = make_sessionmaker(engine)
    deliverer = Deliverer(settings, factory, redis_client)
    with factory() as s:
        ids = s.scalars(select(Push.id).where(Push.status == QUEUED)).all()
    return deliverer.deliver_many(ids)


def test_quiet_hours_in_china_time(settings):
    settings.quiet_hours = "21:00-08:00"
    night = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)  # 22:30 in China
    assert quiet_until(settings, night) == datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 China
    assert quiet_until(settings, datetime(2026, 11, 22, 6, 0, tzinfo=UTC)) is None  # 14:00 China
    settings.quiet_hours = ""
    assert quiet_until(settings, night) is None


def test_plan_pushes_best_suitable_posting_once(settings, db, people, postings):
    p1, p2 = people(2)
    good, better = postings(2)
    cands = {p1.id: [Candidate(good.id, 0.6, ["您做过泥水工"]), Candidate(better.id, 0.9, ["岗位在南安"])]}
    result = plan(db, settings, cands, {p2.id: "南安目前没有合适岗位"})
    db.commit()
    rows = db.scalars(select(Push)).all()
    assert [(r.labourer_id, r.posting_id) for r in rows] == [(p1.id, better.id)]
    assert result.no_match == [(p2.external_id, "南安目前没有合适岗位")]
    again = plan(db, settings, cands)
    assert again.planned == [] and again.covered == 1  # already pushed this cycle


def test_plan_next_cycle_picks_a_posting_not_pushed_before(settings, db, people, postings):
    (p1,) = people(1)
    a, b = postings(2)
    cands = {p1.id: [Candidate(a.id, 0.9), Candidate(b.id, 0.5)]}
    plan(db, settings, cands)
    db.commit()
    later = datetime.now(UTC) + timedelta(days=settings.push_cycle_days + 1)
    result = plan(db, settings, cands, now=later)
    db.commit()
    assert len(result.planned) == 1
    assert {r.posting_id for r in db.scalars(select(Push))} == {a.id, b.id}


def test_plan_respects_opt_out_status_and_missing_channel(settings, db, people, postings):
    out, employed, no_consent = people(1, pushes_opted_out=True) + people(1, status="employed") + people(
        1, sms_consent=False)
    (job,) = postings(1)
    cands = {p.id: [Candidate(job.id, 0.9)] for p in (out, employed, no_consent)}
    result = plan(db, settings, cands)
    assert result.planned == []
    assert [ref for ref, _ in result.unreachable] == [no_consent.external_id]


def test_deliver_writes_outbox_with_external_ids_and_marks_sent(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = ""
    (p1,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {p1.id: [Candidate(job.id, 0.9)]})
    db.commit()
    assert _deliver_all(settings, engine, redis_client) == {SENT: 1}
    (line,) = _outbox(settings)
    assert line["labourer_id"] == p1.external_id and line["posting_id"] == job.external_id
    assert line["phone"] == p1.phone and line["status"] == "sent" and line["channel"] == "sms"
    assert "建筑泥水工" in line["text"] and "泉州南安" in line["text"] and "7000-9000元/月" in line["text"]
    assert len(line["text"]) <= 70
    push = db.scalars(select(Push)).one()
    db.refresh(push)
    assert push.status == SENT and push.channel == "sms" and push.text == line["text"]
    assert _deliver_all(settings, engine, redis_client) == {} and len(_outbox(settings)) == 1


def test_quiet_hours_defer_sms_without_using_an_attempt(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = "00:00-23:59"
    (p1,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {p1.id: [Candidate(job.id, 0.9)]})
    db.commit()
    _deliver_all(settings, engine, redis_client)
    push = db.scalars(select(Push)).one()
    db.refresh(push)
    assert push.status == QUEUED and push.attempts == 0 and push.next_attempt_at is not None
    assert _outbox(settings) == []


def test_vendor_outage_retries_with_backoff_then_fails_visibly(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = ""
    settings.sms_vendor = "aliyun"
    settings.aliyun_sms_endpoint = "http://127.0.0.1:9"  # nothing listens: an outage
    settings.aliyun_sms_access_key_id, settings.aliyun_sms_template_code = "ak", "SMS_1"
    settings.sms_timeout = 1
    settings.push_max_attempts = 3
    settings.push_retry_base_seconds = 0
    ppl = people(3)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
    db.commit()
    first = _deliver_all(settings, engine, redis_client)
    assert first == {QUEUED: 3}  # the run goes on for everyone; each is rescheduled
    _deliver_all(settings, engine, redis_client)
    _deliver_all(settings, engine, redis_client)
    rows = db.scalars(select(Push)).all()
    for r in rows:
        db.refresh(r)
    assert {r.status for r in rows} == {FAILED} and all(r.attempts == 3 for r in rows)
    assert all((r.error or "").startswith("sms:") for r in rows)  # the reason stays visible


def test_opted_out_after_planning_is_skipped_not_sent(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = ""
    (p1,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {p1.id: [Candidate(job.id, 0.9)]})
    p1.pushes_opted_out = True
    db.commit()
    _deliver_all(settings, engine, redis_client)
    assert db.scalars(select(Push.status)).one() == SKIPPED and _outbox(settings) == []


def test_rq_worker_delivers_enqueued_batches(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = ""
    settings.push_batch_size = 4
    ppl = people(10)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
    db.commit()
    factory = make_sessionmaker(engine)
    assert tasks.enqueue_due(settings, factory, redis_client) == 10
    assert tasks.enqueue_due(settings, factory, redis_client) == 0  # already handed out
    assert tasks.get_queue(settings, redis_client).count == 3
    tasks.run_worker(settings, burst=True, factory=factory)
    assert len(_outbox(settings)) == 10
    assert set(db.scalars(select(Push.status))) == {SENT}


def test_one_sms_a_day_per_number_when_family_members_share_a_phone(settings, engine, db, people, postings, redis_client):
    from jobs_feed.push.holds import CAP_NOTE, china_day_start

    settings.quiet_hours = ""
    husband, wife = people(2, phone="13800009999")
    job_a, job_b = postings(2)
    plan(db, settings, {husband.id: [Candidate(job_a.id, 0.9)], wife.id: [Candidate(job_b.id, 0.9)]})
    db.commit()
    assert _deliver_all(settings, engine, redis_client) == {SENT: 1, QUEUED: 1}
    assert len(_outbox(settings)) == 1  # the phone got one text today
    held = db.scalars(select(Push).where(Push.status == QUEUED)).one()
    db.refresh(held)
    assert held.attempts == 0 and held.error == CAP_NOTE
    tomorrow = china_day_start(datetime.now(UTC)) + timedelta(days=1)
    assert held.next_attempt_at.replace(tzinfo=UTC) == tomorrow  # stored as UTC
    settings.sms_daily_cap = 0  # the setting turns the cap off
    db.execute(Push.__table__.update().values(next_attempt_at=None))
    db.commit()
    assert _deliver_all(settings, engine, redis_client) == {SENT: 1}


def test_pushes_held_by_quiet_hours_follow_a_changed_setting(settings, engine, db, people, postings, redis_client):
    settings.quiet_hours = "00:00-23:59"
    (p1,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {p1.id: [Candidate(job.id, 0.9)]})
    db.commit()
    _deliver_all(settings, engine, redis_client)
    factory = make_sessionmaker(engine)
    assert tasks.enqueue_due(settings, factory, redis_client) == 0  # held until the window ends
    settings.quiet_hours = ""  # the operator turns quiet hours off
    assert tasks.enqueue_due(settings, factory, redis_client) == 1  # not left waiting for the old end time
    assert _deliver_all(settings, engine, redis_client) == {SENT: 1}
