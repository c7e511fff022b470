"""A match run spread over RQ workers (``jiuye match run --shards N``).

The launcher fits the matcher once on the open postings, puts the fitted matcher in Redis under the
run's id, registers the run (unfinished) and enqueues one job per shard on the push queue; any
number of ``jiuye worker`` processes, on any machine that reaches the same PostgreSQL and Redis,
take shards. A shard is the seeking people whose id ≡ k (mod N); each person is matched on their
own, so the rows are those a one-process run writes. The launcher waits for every shard, then marks
the run finished — only then does the planner read it.
"""

from __future__ import annotations

import json
import logging
import pickle
import time
import uuid
import zlib
from collections.abc import Callable
from typing import Any

import redis
from sqlalchemy import delete
from sqlalchemy.orm import Session, sessionmaker

from core.db import session_scope
from core.errors import JiuyeError
from core.redis import key
from core.settings import Settings
from core.timeutil import utcnow
from jobs_feed.push import matchlog
from jobs_feed.push.matches import TOP, rows_for, seeking_records

log = logging.getLogger(__name__)
KEEP_SECONDS = 2 * 24 * 3600  # a run's fitted matcher and shard tallies stay this long in Redis
_fits: dict[str, tuple[Any, dict[str, int], Any]] = {}  # run id → (matcher, posting ids, run time), per worker


class ShardFailed(JiuyeError):
    """A shard job of a match run failed; the run stays unfinished (the planner ignores it)."""


def _key(settings: Settings, run_id: str, what: str) -> str:
    return key(settings, "match", run_id, what)


def start(settings: Settings, factory: sessionmaker[Session], client: redis.Redis, *, shards: int, top: int = TOP) -> str:
    """Fit once, publish the fit, register the run and enqueue its shards; returns the run id."""
    from jobs_feed.push.tasks import get_queue
    from matching.engine import Matcher
    from matching.service import open_postings, posting_to_record

    run_id, now = uuid.uuid4().hex, utcnow()
    with session_scope(factory) as session:
        postings = open_postings(session)
        records = [posting_to_record(p) for p in postings]
        ids = {rec["id"]: row.id for rec, row in zip(records, postings, strict=True)}
        session.add(matchlog.MatchRun(run_id=run_id, shards=shards, started_at=now))
    matcher = Matcher(in_season=True).fit(records) if records else None
    client.set(_key(settings, run_id, "fit"), zlib.compress(pickle.dumps((matcher, ids, now), protocol=5), 1),
               ex=KEEP_SECONDS)
    queue = get_queue(settings, client)
    jobs = [
        queue.enqueue("jobs_feed.push.shards.match_shard", run_id, k, shards, top,
                      job_timeout=6 * 3600, result_ttl=KEEP_SECONDS, failure_ttl=7 * 24 * 3600).id
        for k in range(shards)
    ]
    client.set(_key(settings, run_id, "jobs"), json.dumps(jobs), ex=KEEP_SECONDS)
    log.info("match run %s: %d postings, %d shards enqueued", run_id[:8], len(records), shards)
    return run_id


def _fitted(settings: Settings, client: redis.Redis, run_id: str) -> tuple[Any, dict[str, int], Any]:
    found = _fits.get(run_id)
    if found is None:
        blob = client.get(_key(settings, run_id, "fit"))
        if blob is None:
            raise ShardFailed(f"match run {run_id}: fitted matcher not found in Redis",
                              message_zh="匹配批次的模型已过期或不存在，请重新运行 jiuye match run")
        found = pickle.loads(zlib.decompress(blob if isinstance(blob, bytes) else blob.encode("latin-1")))  # noqa: S301 - written by start() above
        _fits.clear()  # one run at a time per worker is enough
        _fits[run_id] = found
    return found


def match_shard(run_id: str, shard: int, shards: int, top: int = TOP) -> dict[str, int]:
    """RQ job: match the seeking people of one shard and write their rows to the run."""
    from jobs_feed.push.tasks import context

    ctx = context()
    matcher, posting_ids, now = _fitted(ctx.settings, ctx.redis, run_id)
    with session_scope(ctx.factory) as session:
        records, person_ids = seeking_records(session, shard=shard, shards=shards)
        rows: list[tuple[int, int | None, float, list[str], str]]
        if matcher is None:
            rows = [(person_ids[r["id"]], None, 0.0, [], "目前没有在招的岗位") for r in records]
        else:
            rows = rows_for(matcher, records, person_ids, posting_ids, top=top) if records else []
        # a shard run twice (a retried job) replaces its own rows
        session.execute(delete(matchlog.MatchLog).where(
            matchlog.MatchLog.run_id == run_id, matchlog.MatchLog.labourer_id % shards == shard))
        part = matchlog.write_rows(session, run_id, rows, now)
    tally = {"people": part.people, "matched": part.matched, "pairs": part.pairs}
    ctx.redis.hset(_key(ctx.settings, run_id, "parts"), str(shard), json.dumps(tally))
    ctx.redis.expire(_key(ctx.settings, run_id, "parts"), KEEP_SECONDS)
    log.info("match run %s shard %d/%d: %s", run_id[:8], shard + 1, shards, tally)
    return tally


def wait(settings: Settings, factory: sessionmaker[Session], client: redis.Redis, run_id: str, shards: int, *,
         progress: Callable[[int], None] | None = None, poll: float = 0.2, timeout: float | None = None,
         ) -> matchlog.RunSummary:
    """Block until every shard is in, then mark the run finished; raises ShardFailed if one failed."""
    from rq.job import Job, JobStatus

    jobs = json.loads(client.get(_key(settings, run_id, "jobs")) or "[]")
    seen, deadline = 0, None if timeout is None else time.monotonic() + timeout
    while True:
        parts = client.hgetall(_key(settings, run_id, "parts"))
        if progress and len(parts) > seen:
            progress(len(parts) - seen)
        seen = len(parts)
        if seen >= shards:
            break
        for job in Job.fetch_many(jobs, connection=client):
            if job is not None and job.get_status(refresh=False) == JobStatus.FAILED:
                raise ShardFailed(f"match run {run_id}: job {job.id} failed",
                                  message_zh="有分片匹配失败，本批次作废；请查看 worker 日志后重新运行")
        if deadline is not None and time.monotonic() > deadline:
            raise ShardFailed(f"match run {run_id}: {seen}/{shards} shards after {timeout} s",
                              message_zh=f"等待超时：{seen}/{shards} 个分片完成，请确认 jiuye worker 在运行")
        time.sleep(poll)
    tallies = [json.loads(v) for v in parts.values()]
    with session_scope(factory) as session:
        total = matchlog.finish(session, run_id, [matchlog.RunSummary(run_id, t["people"], t["matched"], t["pairs"])
                                                  for t in tallies])
    client.delete(_key(settings, run_id, "fit"), _key(settings, run_id, "jobs"), _key(settings, run_id, "parts"))
    return total
