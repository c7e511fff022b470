"""The matcher's current view of a few people: suitable postings with reasons, or why there are none.

No table keeps the matcher's "nothing suitable" notes, so the console asks the matcher itself for
the people on screen (a page at a time), through the shared fit of ``matching.live`` (refitted in
the background when the open postings change, so pages never wait for a refit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from matching import live
from matching.models import Labourer


@dataclass
class Suggestion:
    note: str = ""
    matches: list[tuple[int, str, float, list[str]]] = field(default_factory=list)  # (posting id, title, ...)


def suggest(db: Session, people: list[Labourer], top: int = 3) -> dict[int, Suggestion]:
    """Per labourer id: the best postings with reasons, or the matcher's note on why nothing fits."""
    from matching.service import labourer_to_record

    if not people:
        return {}
    fit = live.fitted(db)
    if fit is None:
        return {p.id: Suggestion(note="目前没有在招的岗位") for p in people}
    by_ref = {}
    records = []
    for p in people:
        rec = labourer_to_record(p)
        by_ref[rec["id"]] = p.id
        records.append(rec)
    out: dict[int, Suggestion] = {}
    for result in fit.matcher.match_many(records, top):
        pid = by_ref.get(result.labourer_id)
        if pid is None:
            continue
        s = Suggestion(note=result.note or "")
        for m in result.matches:
            if m.posting_id in fit.posting_ids:
                s.matches.append((fit.posting_ids[m.posting_id], fit.titles[m.posting_id], float(m.score),
                                  list(m.reasons)))
        if not s.matches and not s.note:
            s.note = "目前没有合适的岗位"
        out[pid] = s
    return out


def refresh_log(db: Session, person: Labourer) -> bool:
    """After a coordinator's change, the person's rows in the newest match run say what the matcher says
    now, so 总览's reasons are not the old ones. The rows keep the run's time: the push planner still sees
    the run as older than the change and asks the matcher itself. False when there is no run."""
    from sqlalchemy import delete, select

    from core.timeutil import utcnow
    from jobs_feed.push import matchlog
    from service.console import sources

    latest = sources.latest_run(db)
    if latest is None:
        return False
    run_id = latest[1]
    ran_at = db.scalar(select(matchlog.MatchLog.created_at).where(matchlog.MatchLog.run_id == run_id).limit(1))
    db.execute(delete(matchlog.MatchLog).where(matchlog.MatchLog.run_id == run_id,
                                               matchlog.MatchLog.labourer_id == person.id))
    if person.status == "seeking":
        now = suggest(db, [person], top=matchlog.TOP).get(person.id, Suggestion(note="目前没有合适的岗位"))
        found = [(person.id, pid, score, reasons, "") for pid, _title, score, reasons in now.matches]
        matchlog.write_rows(db, run_id, found or [(person.id, None, None, [], now.note)], ran_at or utcnow())
    db.flush()
    return True
