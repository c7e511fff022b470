"""The matcher's current view of a few people: suitable postings with reasons, or why there are none.

No table keeps the matcher's "nothing suitable" notes, so the console asks the matcher itself for
the people on screen (a page at a time). The fitted matcher is kept per process for a few minutes,
keyed by the open postings' count and last change, so paging does not refit it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.timeutil import utcnow
from matching.models import Labourer, Posting

TTL = 300.0
_lock = threading.Lock()
_cache: dict[str, Any] = {}


@dataclass
class Suggestion:
    note: str = ""
    matches: list[tuple[int, str, float, list[str]]] = field(default_factory=list)  # (posting id, title, ...)


def _fitted(db: Session) -> tuple[Any, dict[str, tuple[int, str]]] | None:
    from matching.engine import Matcher
    from matching.service import open_postings, posting_to_record

    now = utcnow()
    open_q = [Posting.status == "open", or_(Posting.expires_at.is_(None), Posting.expires_at > now)]
    count, changed = db.execute(select(func.count(), func.max(Posting.updated_at)).where(*open_q)).one()
    stamp = (int(count or 0), str(changed))
    with _lock:
        hit = _cache.get("matcher")
        if hit and hit[0] == stamp and hit[1] > time.monotonic():
            return hit[2]
    if not count:
        return None
    ids: dict[str, tuple[int, str]] = {}
    records = []
    for row in open_postings(db):
        rec = posting_to_record(row)
        ids[rec["id"]] = (row.id, row.title)
        records.append(rec)
    fitted = (Matcher().fit(records), ids)
    with _lock:
        _cache["matcher"] = (stamp, time.monotonic() + TTL, fitted)
    return fitted


def suggest(db: Session, people: list[Labourer], top: int = 3) -> dict[int, Suggestion]:
    """Per labourer id: the best postings with reasons, or the matcher's note on why nothing fits."""
    from matching.service import labourer_to_record

    if not people:
        return {}
    fitted = _fitted(db)
    if fitted is None:
        return {p.id: Suggestion(note="目前没有在招的岗位") for p in people}
    matcher, posting_ids = fitted
    by_ref = {}
    records = []
    for p in people:
        rec = labourer_to_record(p)
        by_ref[rec["id"]] = p.id
        records.append(rec)
    out: dict[int, Suggestion] = {}
    for result in matcher.match_many(records, top):
        pid = by_ref.get(result.labourer_id)
        if pid is None:
            continue
        s = Suggestion(note=result.note or "")
        for m in result.matches:
            if m.posting_id in posting_ids:
                post_id, title = posting_ids[m.posting_id]
                s.matches.append((post_id, title, float(m.score), list(m.reasons)))
        if not s.matches and not s.note:
            s.note = "目前没有合适的岗位"
        out[pid] = s
    return out
