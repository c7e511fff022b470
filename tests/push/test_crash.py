"""A worker process killed with SIGKILL mid-batch: after a restart every push goes out exactly once."""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter

from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push import tasks
from jobs_feed.push.models import SENT, Push
from jobs_feed.push.planner import Candidate, plan
from jobs_feed.push.scheduler import start_worker_process

N = 400


def _db_url(settings, engine) -> str:
    return settings.sqlalchemy_url  # on PostgreSQL it carries the test schema (conftest)


def _lines(settings) -> list[dict]:
    path = settings.sms_outbox_path
    if not path.exists():
        return []
    # Read while the worker writes: only lines already ended by their newline are complete (split as
    # bytes: a read can stop inside a multi-byte character of the line still being written).
    complete = path.read_bytes().split(b"\n")[:-1]
    return [json.loads(x.decode("utf-8")) for x in complete if x.strip()]


def test_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    settings, engine, db, people, postings, redis_client
):
    settings.quiet_hours = ""
    settings.push_lease_seconds = 1
    settings.push_batch_size = 25
    ppl = people(N)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
    db.commit()
    factory = make_sessionmaker(engine)
    url = _db_url(settings, engine)
    assert tasks.enqueue_due(settings, factory, redis_client) == N

    worker = start_worker_process(settings, database_url=url)
    deadline = time.monotonic() + 60
    while len(_lines(settings)) < N // 3 and time.monotonic() < deadline and worker.poll() is None:
        time.sleep(0.005)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    sent_before = len(_lines(settings))
    assert 0 < sent_before < N, "the kill must land mid-batch"

    time.sleep(1.2)  # leases and enqueue markers of the dead worker run out
    for _ in range(5):
        if not tasks.enqueue_due(settings, factory, redis_client) and not tasks.get_queue(settings, redis_client).count:
            break
        restarted = start_worker_process(settings, burst=True, database_url=url)
        assert restarted.wait(timeout=120) == 0

    out_ids = Counter(line["out_id"] for line in _lines(settings))
    assert len(out_ids) == N, "every push went out"
    assert max(out_ids.values()) == 1, "no push went out twice"
    phones = Counter(line["phone"] for line in _lines(settings))
    assert max(phones.values()) == 1
    with factory() as s:
        assert Counter(s.scalars(select(Push.status))) == {SENT: N}


def _claimed_then_died(settings, engine, db, people, postings, redis_client, *, send: bool):
    """Replay a worker's steps up to a crash: claim, marker, maybe the vendor call, no commit."""
    from jobs_feed.push.delivery import Deliverer, _marker
    from jobs_feed.senders import Message, get_sender

    settings.quiet_hours = ""
    settings.push_lease_seconds = 0
    (person,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {person.id: [Candidate(job.id, 0.9)]})
    db.commit()
    factory = make_sessionmaker(engine)
    deliverer = Deliverer(settings, factory, redis_client)
    push = db.scalars(select(Push)).one()
    from core.timeutil import utcnow

    with factory() as s:
        assert deliverer.claim(s, push.id, utcnow())
    if send:
        redis_client.set(_marker(settings, push.id), "1:sms")  # attempt 1 calls the SMS vendor
        msg = Message(text="x", out_id=push.out_id, labourer_ref=person.external_id, posting_ref=job.external_id)
        assert get_sender(settings, "sms").send(person.phone, msg).ok
    time.sleep(0.01)
    with factory() as s:
        counts = deliverer.recover(s)
    db.expire_all()
    return counts, db.scalars(select(Push)).one(), deliverer


def test_recover_sent_before_crash_is_marked_sent_without_resending(settings, engine, db, people, postings, redis_client):
    counts, push, deliverer = _claimed_then_died(settings, engine, db, people, postings, redis_client, send=True)
    assert counts[SENT] == 1 and push.status == SENT
    with make_sessionmaker(engine)() as s:
        assert deliverer.deliver(s, push.id) == "not_claimed"
    assert len(_lines(settings)) == 1


def test_recover_crash_before_vendor_call_requeues(settings, engine, db, people, postings, redis_client):
    counts, push, deliverer = _claimed_then_died(settings, engine, db, people, postings, redis_client, send=False)
    assert counts["queued"] == 1 and push.status == "queued" and push.attempts == 0
    with make_sessionmaker(engine)() as s:
        assert deliverer.deliver(s, push.id) == SENT
    assert len(_lines(settings)) == 1


def test_recover_with_aliyun_asks_the_vendor_whether_it_was_sent(settings, engine, db, people, postings, redis_client):
    from pydantic import SecretStr

    from tests.push.vendor_servers import AliyunSmsServer

    server = AliyunSmsServer().start()
    try:
        settings.sms_vendor = "aliyun"
        settings.aliyun_sms_endpoint = server.endpoint
        settings.aliyun_sms_access_key_id = server.ak
        settings.aliyun_sms_access_key_secret = SecretStr(server.secret)
        settings.aliyun_sms_template_code = "SMS_1"
        counts, push, _ = _claimed_then_died(settings, engine, db, people, postings, redis_client, send=True)
        assert counts[SENT] == 1 and push.status == SENT
        assert [a["OutId"] for a in server.accepted] == [push.out_id]  # sent once, not again
    finally:
        server.stop()


def test_recover_when_the_vendor_cannot_be_asked_fails_visibly_instead_of_resending(
    settings, engine, db, people, postings, redis_client
):
    from pydantic import SecretStr

    from tests.push.vendor_servers import TencentSmsServer

    server = TencentSmsServer().start()
    try:
        settings.sms_vendor = "tencent"
        settings.tencent_sms_endpoint = server.endpoint
        settings.tencent_sms_secret_id, settings.tencent_sms_secret_key = server.secret_id, SecretStr(server.secret_key)
        settings.tencent_sms_app_id, settings.tencent_sms_template_id = "1400000001", "100"
        counts, push, _ = _claimed_then_died(settings, engine, db, people, postings, redis_client, send=True)
        assert counts["failed"] == 1 and push.status == "failed" and "人工核实" in push.error
        assert len(server.accepted) == 1
    finally:
        server.stop()


def test_marker_from_an_earlier_attempt_does_not_block_a_requeue(settings, engine, db, people, postings, redis_client):
    from jobs_feed.push.delivery import _marker

    settings.sms_vendor = "tencent"  # a vendor that cannot be asked: only the marker decides
    (person,) = people(1)
    (job,) = postings(1)
    plan(db, settings, {person.id: [Candidate(job.id, 0.9)]})
    db.commit()
    push = db.scalars(select(Push)).one()
    redis_client.set(_marker(settings, push.id), "1:sms")  # attempt 1 called the vendor and failed
    push.attempts = 1
    db.commit()
    from core.timeutil import utcnow
    from jobs_feed.push.delivery import Deliverer

    settings.push_lease_seconds = 0
    deliverer = Deliverer(settings, make_sessionmaker(engine), redis_client)
    with make_sessionmaker(engine)() as s:
        assert deliverer.claim(s, push.id, utcnow()) == 2  # attempt 2 dies before calling anyone
    time.sleep(0.01)
    with make_sessionmaker(engine)() as s:
        assert deliverer.recover(s)["queued"] == 1
