"""One fitted matcher over the open postings, shared by everything that asks "what suits this person now".

Fitting reads and vectorises every open posting (tens of seconds at 20k), so nobody should wait for
it per request. A fit is kept per process and database and stamped with (open count, newest
update); when the postings change, the previous fit keeps answering while a thread refits. With a
``cache_dir`` the fit is also saved, so other processes (more HTTP workers, the CLI) load it instead
of fitting again.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from core.timeutil import utcnow
from matching.models import Posting

log = logging.getLogger(__name__)
_lock = threading.Lock()
_cache: dict[str, Fitted] = {}
_refitting: set[str] = set()
SYNC_REFIT_BELOW = 300  # postings: a small fit is quicker to redo now than to serve stale


@dataclass
class Fitted:
    """A matcher fitted on the open postings, and what its posting ids are in the database."""

    matcher: Any
    stamp: tuple[int, str]
    posting_ids: dict[str, int] = field(default_factory=dict)  # record id → posting.id
    titles: dict[str, str] = field(default_factory=dict)  # record id → title


def stamp(session: Session) -> tuple[int, str]:
    """What the fit depends on: how many postings are open and when one last changed."""
    now = utcnow()
    count, changed = session.execute(
        select(func.count(), func.max(Posting.updated_at)).where(
            Posting.status == "open", or_(Posting.expires_at.is_(None), Posting.expires_at > now))
    ).one()
    return int(count or 0), str(changed)


def fit(session: Session, at: tuple[int, str] | None = None) -> Fitted:
    """Fit a matcher on the open postings now."""
    from matching.engine import Matcher
    from matching.service import open_postings, posting_to_record

    out = Fitted(matcher=None, stamp=at or stamp(session))
    records = []
    for row in open_postings(session):
        rec = posting_to_record(row)
        out.posting_ids[rec["id"]], out.titles[rec["id"]] = row.id, row.title
        records.append(rec)
    out.matcher = Matcher(in_season=True).fit(records)
    return out


def _key(session: Session) -> str:
    bind = session.get_bind()
    engine: Any = getattr(bind, "engine", bind)  # a Connection's engine, or the Engine itself
    return engine.url.render_as_string(hide_password=True) + "|" + str(bind.dialect.default_schema_name or "")


def _path(cache_dir: Path, key: str, at: tuple[int, str]) -> Path:
    from matching.engine import ENGINE_VERSION

    digest = hashlib.sha256(f"{ENGINE_VERSION}|{key}|{at}".encode()).hexdigest()[:16]
    return cache_dir / f"matcher-{digest}.pkl"


def _load(cache_dir: Path | None, key: str, at: tuple[int, str]) -> Fitted | None:
    if cache_dir is None:
        return None
    path = _path(cache_dir, key, at)
    try:
        with path.open("rb") as fh:
            blob = pickle.load(fh)  # noqa: S301 - our own file, written by _save below
        if not isinstance(blob, Fitted) or blob.stamp != at:
            return None
        return blob
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError):  # missing, torn or from older code
        return None


def _save(cache_dir: Path | None, key: str, fitted: Fitted) -> None:
    if cache_dir is None:
        return
    path = _path(cache_dir, key, fitted.stamp)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("matcher-*.pkl"):  # one fit per database is enough
            old.unlink(missing_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as fh:
            pickle.dump(fitted, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # never a half-written file
    except OSError as exc:
        log.warning("could not save the fitted matcher: %s", exc)


def _refit_later(key: str, bind: Any, at: tuple[int, str], cache_dir: Path | None) -> None:
    def work() -> None:
        try:
            with Session(bind) as session:
                fresh = _load(cache_dir, key, at) or fit(session, at)
            _save(cache_dir, key, fresh)
            with _lock:
                _cache[key] = fresh
        except Exception:  # a failed refit keeps the previous fit answering; the next call retries
            log.exception("matcher refit failed")
        finally:
            with _lock:
                _refitting.discard(key)

    threading.Thread(target=work, name="matcher-refit", daemon=True).start()


def fitted(session: Session, *, cache_dir: Path | None = None) -> Fitted | None:
    """The shared fit (None when no posting is open). Only the first call in a process waits."""
    key, at = _key(session), stamp(session)
    if not at[0]:
        return None
    with _lock:
        current = _cache.get(key)
        if current is not None and (current.stamp == at or max(at[0], current.stamp[0]) >= SYNC_REFIT_BELOW):
            if current.stamp != at and key not in _refitting:
                _refitting.add(key)
                _refit_later(key, session.get_bind(), at, cache_dir)
            return current
    fresh = _load(cache_dir, key, at)
    if fresh is None:
        fresh = fit(session, at)
        _save(cache_dir, key, fresh)
    with _lock:
        _cache[key] = fresh
    return fresh


def forget() -> None:
    """Drop every fit this process holds (tests, or after a bulk change)."""
    with _lock:
        _cache.clear()
