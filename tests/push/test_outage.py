"""Redis or the database away at push time: the day's plan waits for them, then goes out exactly once."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlalchemy import select

from core import outage
from core.db import make_engine, make_sessionmaker
from core.redis import get_redis, key
from jobs_feed.push import scheduler
from jobs_feed.push.models import SENT, Push
from tests.conftest import TEST_DB_URL
from tests.faults import Proxy


def _sent(settings) -> Counter:
    path = settings.sms_outbox_path
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return Counter(json.loads(x)["out_id"] for x in lines if x.strip())


def _deliver(settings) -> None:
    worker = scheduler.start_worker_process(settings, burst=True, database_url=settings.sqlalchemy_url)
    assert worker.wait(timeout=120) == 0


def test_redis_down_at_plan_time_then_back_plans_and_sends_once(settings, engine, db, people, postings, redis_client):
    settings.push_plan_time, settings.quiet_hours = "00:00", ""
    (person,) = people(1)
    (job,) = postings(1)
    proxy = Proxy.for_url(settings.redis_url)
    real_url, settings.redis_url = settings.redis_url, proxy.url_for(settings.redis_url)
    try:
        sched = scheduler.PushScheduler(settings, make_sessionmaker(engine), get_redis(settings))
        proxy.cut()
        with pytest.raises(outage.UNREACHABLE):
            sched.tick()
        assert db.scalars(select(Push.id)).all() == []
        proxy.restore()
        sched.tick()
        sched.tick()  # the next pump: nothing planned or queued twice
    finally:
        proxy.close()
        settings.redis_url = real_url
    _deliver(settings)
    db.expire_all()
    assert db.scalars(select(Push.status)).all() == [SENT]
    assert list(_sent(settings).values()) == [1]


@pytest.mark.skipif(not TEST_DB_URL, reason="needs a database server to stop (JIUYE_TEST_DATABASE_URL)")
def test_database_down_at_plan_time_leaves_the_day_to_plan_when_it_returns(
    settings, engine, db, people, postings, redis_client
):
    settings.push_plan_time, settings.quiet_hours = "00:00", ""
    (person,) = people(1)
    (job,) = postings(1)
    proxy = Proxy.for_url(settings.database_url)
    proxied = make_engine(proxy.url_for(settings.database_url))
    try:
        sched = scheduler.PushScheduler(settings, make_sessionmaker(proxied), redis_client)
        proxy.cut()
        with pytest.raises(outage.UNREACHABLE):
            sched.tick()
        # the day is not marked planned: the next tick plans it
        assert not list(redis_client.scan_iter(match=key(settings, "push", "planned", "*")))
        proxy.restore()
        sched.tick()
        sched.tick()
    finally:
        proxied.dispose()
        proxy.close()
    _deliver(settings)
    db.expire_all()
    assert db.scalars(select(Push.status)).all() == [SENT]
    assert list(_sent(settings).values()) == [1]
