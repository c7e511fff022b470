"""Inside ``jiuye serve``: the daily plan, a pump handing due rows to RQ, and (embedded Redis only)
one RQ worker process, so ``make run`` alone delivers pushes.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

import redis
from sqlalchemy.orm import Session, sessionmaker

from core import outage
from core.redis import key, redis_url
from core.settings import Settings
from core.timeutil import CHINA, utcnow

log = logging.getLogger(__name__)
PUMP_SECONDS = 30.0


def worker_env(settings: Settings, *, database_url: str | None = None) -> dict[str, str]:
    """The environment a worker process needs to see exactly these settings."""
    env = dict(os.environ)
    for name, value in settings.model_dump().items():
        if value is None:
            env.pop(f"JIUYE_{name.upper()}", None)
            continue
        if hasattr(value, "get_secret_value"):
            value = value.get_secret_value()
        env[f"JIUYE_{name.upper()}"] = str(value)
    env["JIUYE_REDIS_URL"] = redis_url(settings)
    env["JIUYE_DATABASE_URL"] = database_url or settings.sqlalchemy_url
    return env


def start_worker_process(
    settings: Settings, *, burst: bool = False, database_url: str | None = None
) -> subprocess.Popen[bytes]:
    """One ``jobs_feed.push.tasks`` worker in a child process."""
    args = [sys.executable, "-m", "jobs_feed.push.tasks"] + (["--burst"] if burst else [])
    return subprocess.Popen(args, env=worker_env(settings, database_url=database_url))


def plan_due(settings: Settings, now: datetime) -> bool:
    """True once the China-time plan hour has come today (never when the plan time is empty)."""
    if not settings.push_plan_time:
        return False
    hh, mm = (int(x) for x in settings.push_plan_time.split(":"))
    local = now.astimezone(CHINA)
    return (local.hour, local.minute) >= (hh, mm)


def daily_chore(factory: sessionmaker[Session], what: str, work: Callable[[Session], int]) -> None:
    """One daily job in its own unit of work; a failure is logged and never stops the service or the plan."""
    from core.db import session_scope

    try:
        with session_scope(factory) as session:
            log.info("%s: %s", what, work(session))
    except outage.UNREACHABLE:
        raise  # the day's work is retried at the next tick, once the database is back
    except Exception:
        log.exception("daily %s failed", what)


def expire_due(factory: sessionmaker[Session]) -> None:
    """Daily: postings past their deadline close as expired (the matcher skips them by date anyway)."""
    from jobs_feed.service import expire_postings

    daily_chore(factory, "postings expired", expire_postings)


def refresh_ledger(factory: sessionmaker[Session]) -> None:
    """Daily: everyone's entitlements re-checked (ages, graduation years move with the date)."""
    from jobs_feed.ledger.service import refresh_all

    daily_chore(factory, "ledger refreshed (people)", refresh_all)


class PushScheduler:
    """Background thread: daily plan (once a day across processes) and the pump every 30 s."""

    def __init__(self, settings: Settings, factory: sessionmaker[Session], client: redis.Redis):
        self.settings, self.factory, self.redis = settings, factory, client
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._loop, name="push-scheduler", daemon=True)

    def start(self) -> PushScheduler:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)

    def tick(self) -> None:
        from jobs_feed.push import tasks
        from jobs_feed.push.service import plan_pushes

        now = utcnow()
        if plan_due(self.settings, now):
            day = now.astimezone(CHINA).date().isoformat()
            marker = key(self.settings, "push", "planned", day)
            if self.redis.set(marker, b"1", nx=True, ex=3 * 86400):
                try:
                    expire_due(self.factory)
                    plan_pushes(self.settings, self.factory, self.redis)
                    refresh_ledger(self.factory)
                except outage.UNREACHABLE:
                    self.redis.delete(marker)  # not planned after all: the next tick plans the day
                    raise
        tasks.enqueue_due(self.settings, self.factory, self.redis)

    def _loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                self.tick()
            except outage.UNREACHABLE as exc:  # pushes wait in the database's outbox, nothing is lost
                outage.note(exc, "pushes wait in the outbox until it is back")
            except Exception:  # the service must keep running; the next tick tries again
                log.exception("push scheduler tick failed")
            self.stop_event.wait(PUMP_SECONDS)


def start(app: Any) -> None:
    settings: Settings = app.state.settings
    running = getattr(app.state, "push_scheduler", None)
    if running is not None and running.thread.is_alive():
        return  # the app started a second time (two test clients on one app): one scheduler, never a leaked one
    app.state.push_scheduler = PushScheduler(settings, app.state.sessionmaker, app.state.redis).start()
    app.state.push_worker = None
    if not settings.redis_url:  # embedded default: nobody else runs a worker
        app.state.push_worker = start_worker_process(settings)
        log.info("embedded push worker started (pid %s)", app.state.push_worker.pid)


def stop(app: Any) -> None:
    scheduler = getattr(app.state, "push_scheduler", None)
    if scheduler:
        scheduler.stop()
    proc = getattr(app.state, "push_worker", None)
    if proc and proc.poll() is None:
        proc.terminate()  # RQ warm shutdown: finishes the current batch
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
