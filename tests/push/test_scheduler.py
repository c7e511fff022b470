"""The service's scheduler: the daily plan runs once a day across processes; the pump hands out due rows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push import scheduler, tasks
from jobs_feed.push.models import Push


def test_plan_due_uses_china_time(settings):
    settings.push_plan_time = "09:30"
    assert not scheduler.plan_due(settings, datetime(2026, 11, 22, 1, 0, tzinfo=UTC))  # 09:00 China
    assert scheduler.plan_due(settings, datetime(2026, 11, 22, 1, 45, tzinfo=UTC))  # 09:45 China


def test_empty_plan_time_leaves_the_daily_plan_to_cron(settings):
    settings.push_plan_time = ""
    assert not scheduler.plan_due(settings, datetime(2026, 11, 22, 15, 59, tzinfo=UTC))  # 23:59 China


def test_tick_plans_once_a_day_and_enqueues(settings, engine, db, people, postings, redis_client):
    settings.push_plan_time = "00:00"
    (person,) = people(1)  # a 泥水工 from 南安 wanting 泉州
    (job,) = postings(1)  # 建筑泥水工 in 南安
    factory = make_sessionmaker(engine)
    a = scheduler.PushScheduler(settings, factory, redis_client)
    b = scheduler.PushScheduler(settings, factory, redis_client)  # another serve process
    a.tick()
    assert db.scalars(select(Push.posting_id)).all() == [job.id]
    assert tasks.get_queue(settings, redis_client).count == 1  # handed to the workers at once
    db.execute(Push.__table__.delete())  # were b to plan again, it would re-create the row
    db.commit()
    b.tick()
    assert db.scalars(select(Push.labourer_id)).all() == []
    a.redis.delete(*a.redis.keys(settings.redis_prefix + "push:planned:*"))  # next day
    b.tick()
    assert db.scalars(select(Push.posting_id)).all() == [job.id]


def test_daily_plan_also_brings_the_ledger_up_to_date(settings, engine, db, people, redis_client):
    from jobs_feed.ledger.models import EntitlementRecord

    settings.push_plan_time = "00:00"
    people(1)  # a registered poor labourer who is seeking: at least 就业创业证
    scheduler.PushScheduler(settings, make_sessionmaker(engine), redis_client).tick()
    assert "就业创业证" in db.scalars(select(EntitlementRecord.name)).all()


def test_daily_plan_closes_postings_past_their_deadline(settings, engine, db, postings, redis_client):
    from datetime import timedelta

    from core.timeutil import utcnow

    settings.push_plan_time = "00:00"
    (job,) = postings(1)
    job.expires_at = utcnow() - timedelta(days=1)
    db.commit()
    scheduler.PushScheduler(settings, make_sessionmaker(engine), redis_client).tick()
    db.expire_all()
    assert db.get(type(job), job.id).status == "expired"


def test_an_app_started_twice_leaves_no_scheduler_running(settings, engine, redis_client):
    # A scheduler thread left running outlives its database and deadlocks a later fork (the batch matcher).
    import threading

    from fastapi.testclient import TestClient

    from service.app import create_app

    app = create_app(settings, migrate=False)
    with TestClient(app), TestClient(app):
        running = [t for t in threading.enumerate() if t.name == "push-scheduler"]
        assert len(running) == 1  # the second start reuses the first scheduler
    assert not [t for t in threading.enumerate() if t.name == "push-scheduler" and t.is_alive()]
