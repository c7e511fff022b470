"""Steps chained: plan → enqueue → deliver, until nothing is due (``jiuye push run --until-idle``)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import redis
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from core.settings import Settings
from core.timeutil import utcnow
from jobs_feed.push import tasks
from jobs_feed.push.models import Push
from jobs_feed.push.planner import PlanResult

log = logging.getLogger(__name__)


@dataclass
class RunResult:
    plan: PlanResult | None
    delivered_now: int = 0  # rows handed to workers during this run
    statuses: dict[str, int] = field(default_factory=dict)
    waiting_until: datetime | None = None  # earliest retry / end of quiet hours still ahead


def status_counts(factory: sessionmaker[Session]) -> dict[str, int]:
    with factory() as session:
        return dict(session.execute(select(Push.status, func.count()).group_by(Push.status)).all())


def run_until_idle(
    settings: Settings,
    factory: sessionmaker[Session],
    client: redis.Redis,
    *,
    plan: bool = True,
    max_wait: float = 60.0,
    on_progress: Callable[[int], None] | None = None,
) -> RunResult:
    """Plan, then deliver with an in-process worker until nothing is due.

    Retries due within ``max_wait`` seconds are waited for; later ones (long backoff, quiet hours)
    stay queued for the service's worker and are reported.
    """
    from jobs_feed.push.service import plan_pushes

    result = RunResult(plan=plan_pushes(settings, factory, client) if plan else None)
    tasks.use_context(settings, factory)
    deadline = time.monotonic() + max_wait
    while True:
        handed = tasks.enqueue_due(settings, factory, client)
        result.delivered_now += handed
        if handed or tasks.get_queue(settings, client).count:
            tasks.make_worker(settings).work(burst=True, logging_level="WARNING")
            if on_progress:
                on_progress(handed)
            continue
        pend = tasks.pending(settings, factory)
        if pend["due"] == 0 and pend["sending"] == 0 and pend["next_at"] is None:
            break
        now = utcnow()
        wake = pend["next_at"] if pend["due"] == 0 and pend["sending"] == 0 else None
        remaining = deadline - time.monotonic()
        if remaining <= 0 or (wake is not None and (wake - now).total_seconds() > remaining):
            result.waiting_until = pend["next_at"]
            break
        # in flight elsewhere (another worker, or a dead one whose lease must expire) or a retry soon
        pause = 0.5 if wake is None else max(0.05, (wake - now).total_seconds())
        time.sleep(min(pause, remaining))
    result.statuses = status_counts(factory)
    return result
