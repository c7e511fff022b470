"""Where the planner's candidates come from: the matcher's log when there is one, else the engine
run directly on the registry's rows.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from jobs_feed.push.planner import Candidate

log = logging.getLogger(__name__)
TOP = 5  # enough not-yet-pushed postings for the coming cycles


def from_engine(session: Session) -> tuple[dict[int, list[Candidate]], dict[int, str]]:
    """Fit the matcher on open postings and match every seeking person now."""
    from matching.engine import Matcher
    from matching.service import labourer_to_record, open_postings, posting_to_record, seeking_labourers

    people = seeking_labourers(session)
    postings = open_postings(session)
    cands: dict[int, list[Candidate]] = {}
    notes: dict[int, str] = {}
    if not people:
        return cands, notes
    if not postings:
        return cands, dict.fromkeys((p.id for p in people), "目前没有在招的岗位")
    posting_ids = {}
    records = []
    for row in postings:
        rec = posting_to_record(row)
        posting_ids[rec["id"]] = row.id
        records.append(rec)
    person_ids = {}
    people_records = []
    for person in people:
        rec = labourer_to_record(person)
        person_ids[rec["id"]] = person.id
        people_records.append(rec)
    matcher = Matcher().fit(records)
    for result in matcher.match_many(people_records, TOP):
        lab_id = person_ids.get(result.labourer_id)
        if lab_id is None:
            continue
        if result.note:
            notes[lab_id] = result.note
        cands[lab_id] = [
            Candidate(posting_ids[m.posting_id], float(m.score), list(m.reasons))
            for m in result.matches
            if m.posting_id in posting_ids
        ]
    return cands, notes


def load_candidates(session: Session) -> tuple[dict[int, list[Candidate]], dict[int, str]]:
    """Candidates and notes per labourer id, best first."""
    return from_engine(session)
