"""The database match log (``jiuye match run``) and the planner reading it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from jobs_feed.push import matchlog
from jobs_feed.push.matches import load_candidates


def test_match_run_logs_suitable_postings_with_reasons_and_notes_for_the_rest(db, people, postings):
    (mason,) = people(1)  # 泥水工 from 南安 wanting 泉州
    (driver,) = people(1)
    driver.skills, driver.wishes = "开货车，有A2驾照", "只在本地"
    db.commit()
    (job,) = postings(1)  # 建筑泥水工 in 南安
    summary = matchlog.run(db)
    db.commit()
    rows = db.scalars(select(matchlog.MatchLog).where(matchlog.MatchLog.run_id == summary.run_id)).all()
    by_person = {r.labourer_id: r for r in rows}
    assert by_person[mason.id].posting_id == job.id and by_person[mason.id].rank == 1
    assert by_person[mason.id].reasons and by_person[mason.id].engine_version
    assert by_person[driver.id].posting_id is None and by_person[driver.id].note
    assert summary.matched == 1 and summary.people == 2


def test_planner_reads_the_newest_run_until_people_or_postings_change(db, people, postings):
    (mason,) = people(1)
    (job,) = postings(1)
    matchlog.run(db)
    db.commit()
    rows = matchlog.latest_rows(db)
    assert rows is not None and (mason.id, job.id) in {(r[0], r[1]) for r in rows}
    cands, _ = load_candidates(db)
    assert [c.posting_id for c in cands[mason.id]] == [job.id]
    run_at = db.scalar(select(matchlog.MatchLog.created_at).limit(1))
    job.updated_at = run_at + timedelta(seconds=1)  # a posting edited after the run
    db.commit()
    assert matchlog.latest_rows(db) is None  # the planner asks the engine afresh instead
