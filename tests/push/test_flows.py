"""``push run --until-idle`` as a function: deliver, wait for near retries, report what is left."""

from __future__ import annotations

from pydantic import SecretStr
from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push.flows import run_until_idle
from jobs_feed.push.models import FAILED, QUEUED, SENT, Push
from jobs_feed.push.planner import Candidate, plan
from tests.push.vendor_servers import AliyunSmsServer


def _aliyun(settings, server):
    settings.sms_vendor = "aliyun"
    settings.aliyun_sms_endpoint = server.endpoint
    settings.aliyun_sms_access_key_id = server.ak
    settings.aliyun_sms_access_key_secret = SecretStr(server.secret)
    settings.aliyun_sms_template_code = "SMS_1"
    settings.quiet_hours = ""
    settings.sms_timeout = 2


def test_short_outage_is_waited_out_and_everyone_is_reached(settings, engine, db, people, postings, redis_client):
    server = AliyunSmsServer().start()
    try:
        _aliyun(settings, server)
        settings.push_retry_base_seconds = 0.3
        ppl = people(3)
        (job,) = postings(1)
        plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
        db.commit()
        for _ in range(3):  # the first three calls meet an outage
            server.fail.append((503, {"Code": "ServiceUnavailable", "Message": "down"}))
        result = run_until_idle(settings, make_sessionmaker(engine), redis_client, plan=False, max_wait=30)
        assert result.statuses == {SENT: 3} and result.waiting_until is None
        assert sorted(a["PhoneNumbers"] for a in server.accepted) == sorted(p.phone for p in ppl)
        assert {r.attempts for r in db.scalars(select(Push))} == {2}
    finally:
        server.stop()


def test_long_outage_leaves_rows_queued_then_failed_and_the_run_ends(settings, engine, db, people, postings, redis_client):
    server = AliyunSmsServer().start()
    try:
        _aliyun(settings, server)
        server.down = True
        settings.push_retry_base_seconds = 3600
        (person,) = people(1)
        (job,) = postings(1)
        plan(db, settings, {person.id: [Candidate(job.id, 0.9)]})
        db.commit()
        factory = make_sessionmaker(engine)
        result = run_until_idle(settings, factory, redis_client, plan=False, max_wait=1)
        assert result.statuses == {QUEUED: 1} and result.waiting_until is not None  # retry in an hour
        settings.push_retry_base_seconds, settings.push_max_attempts = 0, 2
        db.execute(Push.__table__.update().values(next_attempt_at=None))
        db.commit()
        result = run_until_idle(settings, factory, redis_client, plan=False, max_wait=1)
        assert result.statuses == {FAILED: 1}
        assert "ServiceUnavailable" in db.scalars(select(Push.error)).one()
    finally:
        server.stop()
