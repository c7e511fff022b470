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


def match_rows(session: Session, *, top: int = TOP, progress: Callable[[int], None] | None = None) -> list[Row]:
    """Fit the matcher on open postings and match every seeking person now: the postings it would
    push (best first), or one note row for a person with none."""
    from matching.engine import Matcher
    from matching.service import labourer_to_record, open_postings, posting_to_record, seeking_labourers

    people = seeking_labourers(session)
    postings = open_postings(session)
    if not postings:
        return [(p.id, None, 0.0, [], "目前没有在招的岗位") for p in people]
    posting_records = [posting_to_record(p) for p in postings]
    posting_ids = {rec["id"]: row.id for rec, row in zip(posting_records, postings, strict=True)}
    person_records = [labourer_to_record(p) for p in people]
    person_ids = {rec["id"]: row.id for rec, row in zip(person_records, people, strict=True)}
    rows: list[Row] = []
    if not person_records:
        return rows
    matcher = Matcher().fit(posting_records)
    for result in matcher.match_many(person_records, top):
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
