"""Where the planner's candidates come from: the matcher's log when there is one, else the engine
run directly on the registry's rows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from jobs_feed.push.planner import Candidate

log = logging.getLogger(__name__)
TOP = 5  # enough not-yet-pushed postings for the coming cycles
# (labourer id, posting id or None for a note, score, reasons, note)
Row = tuple[int, int | None, float, list[str], str]


def match_rows(session: Session, *, top: int = TOP, progress: Callable[[int], None] | None = None, jobs: int = 1) -> list[Row]:
    """Fit the matcher on open postings and match every seeking person now: the postings it would
    push (best first), or one note row for a person with none."""
    from matching.engine import Matcher
    from matching.service import open_postings, posting_to_record

    postings = open_postings(session)
    records, person_ids = seeking_records(session)
    if not postings:
        return [(person_ids[r["id"]], None, 0.0, [], "目前没有在招的岗位") for r in records]
    posting_records = [posting_to_record(p) for p in postings]
    posting_ids = {rec["id"]: row.id for rec, row in zip(posting_records, postings, strict=True)}
    if not records:
        return []
    matcher = Matcher(n_jobs=jobs, in_season=True).fit(posting_records)
    return rows_for(matcher, records, person_ids, posting_ids, top=top, progress=progress)


def seeking_records(session: Session, *, shard: int = 0, shards: int = 1) -> tuple[list[dict], dict[str, int]]:
    """Seeking people as matcher records (one shard of them: id mod ``shards``), read as plain rows."""
    from sqlalchemy import select

    from matching.models import Labourer
    from matching.service import labourer_to_record

    cols = [getattr(Labourer, c) for c in _RECORD_COLUMNS]
    q = select(*cols).where(Labourer.status == "seeking")
    if shards > 1:
        q = q.where(Labourer.id % shards == shard)
    records, ids = [], {}
    for row in session.execute(q.order_by(Labourer.id)):
        rec = labourer_to_record(row)  # type: ignore[arg-type]  # a Row has the same attributes
        records.append(rec)
        ids[rec["id"]] = row.id
    return records, ids


_RECORD_COLUMNS = (
    "id", "external_id", "name", "gender", "birth_date", "birth_year", "age", "age_recorded_on", "county_code",
    "poverty_registered", "status", "skills", "wishes", "phone", "sms_consent", "current_county_code", "profile",
)


def rows_for(matcher, records: list[dict], person_ids: dict[str, int], posting_ids: dict[str, int], *,  # type: ignore[no-untyped-def]
             top: int = TOP, progress: Callable[[int], None] | None = None) -> list[Row]:
    """The log rows of these people: pushes best first, or one note row."""
    rows: list[Row] = []
    for result in matcher.match_many(records, top):
        lab_id = person_ids[result.labourer_id]
        good = [m for m in result.matches if m.posting_id in posting_ids]
        rows.extend((lab_id, posting_ids[m.posting_id], float(m.score), list(m.reasons), "") for m in good)
        if not good:
            rows.append((lab_id, None, 0.0, [], result.note or "目前没有合适的岗位"))
        if progress:
            progress(1)
    return rows


def load_candidates(session: Session) -> tuple[dict[int, list[Candidate]], dict[int, str]]:
    """Candidates and notes per labourer id, best first: the newest match run (``jiuye match run``)
    when nothing changed since, else the engine on the registry's rows now."""
    from jobs_feed.push.matchlog import latest_rows
    from jobs_feed.push.service import candidates_from_rows

    rows = latest_rows(session)
    if rows is None:
        return candidates_from_rows(match_rows(session))
    log.info("push candidates from the match log (%s rows)", len(rows))
    return candidates_from_rows(rows)
