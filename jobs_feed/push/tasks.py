"""RQ wiring for pushes: jobs take ids only, open their own session, log and re-raise.

The database is the source of truth; RQ only carries "look at these ids". A lost job (worker
killed) costs nothing: its rows stay ``queued`` or get recovered when their lease expires, and the
next ``enqueue_due`` hands them out again.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC
from typing import Any

import redis
from rq import Queue, SimpleWorker, Worker
from rq.worker import BaseWorker
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from core.db import make_engine, make_sessionmaker
from core.redis import get_redis, key
from core.settings import Settings, get_settings
from core.timeutil import utcnow
from jobs_feed.push import holds
from jobs_feed.push.delivery import Deliverer
from jobs_feed.push.models import QUEUED, SENDING, Push

log = logging.getLogger(__name__)


def queue_name(settings: Settings) -> str:
    return settings.redis_prefix + "push"


def get_queue(settings: Settings, connection: redis.Redis | None = None) -> Queue:
    return Queue(queue_name(settings), connection=connection or get_redis(settings))


@dataclass
class _Context:
    settings: Settings
    factory: sessionmaker[Session]
    redis: redis.Redis
    deliverer: Deliverer


_ctx: _Context | None = None


def use_context(settings: Settings, factory: sessionmaker[Session] | None = None) -> _Context:
    """Bind the settings (and database) jobs in this process run with."""
    global _ctx
    if factory is None:
        factory = make_sessionmaker(make_engine(settings.sqlalchemy_url))
    client = get_redis(settings)
    _ctx = _Context(settings, factory, client, Deliverer(settings, factory, client))
    return _ctx


def context() -> _Context:
    return _ctx or use_context(get_settings())


def deliver_batch(push_ids: list[int]) -> dict[str, int]:
    """RQ job: deliver these pushes (each claimed first, so a duplicate job sends nothing twice)."""
    ctx = context()
    try:
        counts = ctx.deliverer.deliver_many(push_ids)
    finally:
        # rows re-queued for a retry may be handed out again by the next pump
        if push_ids:
            ctx.redis.delete(*[_enqueued_key(ctx.settings, i) for i in push_ids])
    log.info("push batch of %s done: %s", len(push_ids), counts)
    return counts


def _enqueued_key(settings: Settings, push_id: int) -> str:
    return key(settings, "push", "enqueued", push_id)


def enqueue_due(settings: Settings, factory: sessionmaker[Session], client: redis.Redis, *, limit: int = 100_000) -> int:
    """Recover expired leases, then hand every due ``queued`` row to the queue once; returns how many."""
    deliverer = context().deliverer if _ctx and _ctx.settings is settings else Deliverer(settings, factory, client)
    now = utcnow()
    with factory() as session:
        deliverer.recover(session, now)
        holds.replan_quiet(session, settings, now)
        ids = session.scalars(
            select(Push.id)
            .where(Push.status == QUEUED)
            .where(or_(Push.next_attempt_at.is_(None), Push.next_attempt_at <= now))
            .order_by(Push.id)
            .limit(limit)
        ).all()
    if not ids:
        return 0
    # one marker per row while a job for it is pending, so repeated pumps do not pile up jobs
    pipe = client.pipeline()
    for push_id in ids:
        pipe.set(_enqueued_key(settings, push_id), b"1", nx=True, ex=settings.push_lease_seconds)
    fresh = [push_id for push_id, ok in zip(ids, pipe.execute(), strict=True) if ok]
    queue = get_queue(settings, client)
    size = max(settings.push_batch_size, 1)
    timeout = int(size * settings.sms_timeout * 3 + 60)
    for i in range(0, len(fresh), size):
        queue.enqueue(
            "jobs_feed.push.tasks.deliver_batch", fresh[i : i + size],
            job_timeout=timeout, result_ttl=600, failure_ttl=7 * 24 * 3600,
        )
    return len(fresh)


def pending(settings: Settings, factory: sessionmaker[Session]) -> dict[str, Any]:
    """Rows still waiting: due now, later (backoff or quiet hours) and in flight."""
    now = utcnow()
    with factory() as session:
        queued = session.scalars(select(Push.next_attempt_at).where(Push.status == QUEUED)).all()
        sending = len(session.scalars(select(Push.id).where(Push.status == SENDING)).all())
    due = [t for t in queued if t is None or _aware(t) <= now]
    later = sorted(_aware(t) for t in queued if t is not None and _aware(t) > now)
    return {"due": len(due), "later": len(later), "next_at": later[0] if later else None, "sending": sending}


def _aware(t: Any) -> Any:
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def make_worker(settings: Settings, *, name: str | None = None, fork: bool = False) -> BaseWorker:
    """An RQ worker on the push queue.

    SimpleWorker runs jobs in-process: no fork per job, so sender clients and database connections
    are reused; ``fork`` gives RQ's default forking worker (kept for the benchmark's naive peer).
    """
    connection = get_redis(settings)
    cls: type[BaseWorker] = Worker if fork else SimpleWorker
    return cls([get_queue(settings, connection)], connection=connection, name=name)


def run_worker(
    settings: Settings, *, burst: bool = False, factory: sessionmaker[Session] | None = None, fork: bool = False
) -> None:
    """Run one worker until stopped (or, with ``burst``, until the queue is empty)."""
    use_context(settings, factory)
    worker = make_worker(settings, name=f"jiuye-push-{os.getpid()}-{os.urandom(2).hex()}", fork=fork)
    worker.work(burst=burst, logging_level=settings.log_level)


if __name__ == "__main__":  # the embedded worker started by ``jiuye serve``
    import jobs_feed.push.tasks as _tasks  # RQ imports jobs by module name, not as __main__
    from core.logging import configure_logging

    s = get_settings()
    configure_logging(s.log_level)
    _tasks.run_worker(s, burst="--burst" in sys.argv, fork="--fork" in sys.argv)
