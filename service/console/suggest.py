"""The matcher's current view of a few people: suitable postings with reasons, or why there are none.

No table keeps the matcher's "nothing suitable" notes, so the console asks the matcher itself for
the people on screen (a page at a time). The fitted matcher is kept per process and database and
refitted in the background when the open postings change, so pages never wait for a refit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.timeutil import utcnow
from matching.models import Labourer, Posting

_lock = threading.Lock()
_cache: dict[str, dict[str, Any]] = {}  # per database: stamp, fitted matcher, whether a refit runs


@dataclass
class Suggestion:
    note: str = ""
    matches: list[tuple[int, str, float, list[str]]] = field(default_factory=list)  # (posting id, title, ...)


def _stamp(db: Session) -> tuple[int, str]:
    now = utcnow()
    open_q = [Posting.status == "open", or_(Posting.expires_at.is_(None), Posting.expires_at > now)]
    count, changed = db.execute(select(func.count(), func.max(Posting.updated_at)).where(*open_q)).one()
    return int(count or 0), str(changed)


def _fit(db: Session) -> tuple[Any, dict[str, tuple[int, str]]]:
    from matching.engine import Matcher
    from matching.service import open_postings, posting_to_record

    ids: dict[str, tuple[int, str]] = {}
    records = []
    for row in open_postings(db):
        rec = posting_to_record(row)
        ids[rec["id"]] = (row.id, row.title)
        records.append(rec)
    return Matcher().fit(records), ids


def _refit_later(db_key: str, bind: Any, stamp: tuple[int, str]) -> None:
    def work() -> None:
        try:
            with Session(bind) as session:
                fitted = _fit(session)
            with _lock:
                _cache[db_key].update(stamp=stamp, fitted=fitted)
        finally:
            with _lock:
                _cache[db_key]["refitting"] = False

    threading.Thread(target=work, name="console-matcher-refit", daemon=True).start()


def _fitted(db: Session) -> tuple[Any, dict[str, tuple[int, str]]] | None:
    """The matcher fitted on the open postings. The first call fits it (seconds with thousands of
    postings); after postings change, the previous fit keeps answering while a thread refits."""
    bind = db.get_bind()
    db_key = bind.url.render_as_string(hide_password=True) + str(bind.dialect.default_schema_name or "")
    stamp = _stamp(db)
    if not stamp[0]:
        return None
    with _lock:
        entry = _cache.get(db_key)
        if entry and entry["stamp"] != stamp and not entry["refitting"]:
            entry["refitting"] = True
            _refit_later(db_key, bind, stamp)
        if entry:
            return entry["fitted"]  # type: ignore[no-any-return]
    fitted = _fit(db)
    with _lock:
        _cache[db_key] = {"stamp": stamp, "fitted": fitted, "refitting": False}
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
