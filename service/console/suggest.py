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
