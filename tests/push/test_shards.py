"""A match run sharded over two real RQ worker processes writes exactly the rows of a one-process run."""

from __future__ import annotations

import subprocess

from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push import matchlog, shards
from jobs_feed.push.matches import load_candidates
from jobs_feed.push.scheduler import start_worker_process
from tests.push.test_crash import _db_url

WANTS = ["泉州", "哪里都行", "", "只在本地", "福州或者厦门"]
SKILLS = ["泥水工", "会砌砖", "没什么技术", "开货车，有A2驾照", "读完初三就没读了"]


def _rows(db, run_id: str) -> set[tuple]:
    q = select(matchlog.MatchLog).where(matchlog.MatchLog.run_id == run_id)
    return {(r.labourer_id, r.posting_id, r.rank, round(r.score or 0, 5), tuple(r.reasons or ()), r.note)
            for r in db.scalars(q)}


def test_two_workers_share_a_sharded_run_and_write_what_one_process_writes(
    settings, engine, db, people, postings, redis_client
):
    for i in range(12):
        people(1, skills=SKILLS[i % 5], wishes=WANTS[i % 5], county_code=["350583", "350128", "350821"][i % 3])
    postings(3)
    postings(2, title="电子厂普工")
    postings(1, title="货车司机")
    one = matchlog.run(db)
    db.commit()

    factory = make_sessionmaker(engine)
    url = _db_url(settings, engine)
    workers = [start_worker_process(settings, database_url=url) for _ in range(2)]
    try:
        run_id = shards.start(settings, factory, redis_client, shards=4)
        assert matchlog.latest_rows(db) is not None  # the unfinished run is not what the planner reads
        newest = {r[0] for r in matchlog.latest_rows(db) or []}
        total = shards.wait(settings, factory, redis_client, run_id, 4, timeout=120)
    finally:
        for w in workers:
            w.terminate()  # RQ's warm shutdown lets a job in hand finish first
        for w in workers:
            try:
                w.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a loaded machine: cleanup must not fail the test
                w.kill()
                w.wait()
    db.expire_all()
    assert _rows(db, run_id) == _rows(db, one.run_id)
    assert (total.people, total.matched, total.pairs) == (one.people, one.matched, one.pairs)
    assert newest  # before it finished, the planner read the one-process run
    cands, _ = load_candidates(db)
    assert cands  # the finished sharded run is read now
