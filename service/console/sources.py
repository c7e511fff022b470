"""Tables other domains own: the push outbox, the match log, unanswered questions, hand-off tickets.

Each accessor returns None while its table is not migrated on this database yet, and the page shows
the panel as not yet available instead of inventing figures. The modules themselves are ours and
always ship: an ImportError or a missing class in them is a bug and fails loudly.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from sqlalchemy import func, inspect, or_, select
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def _model(module: str, *names: str) -> Any:
    # Our own modules: an import error is a bug and propagates (never a silently empty panel).
    mod = importlib.import_module(module)
    for name in names:
        cls = getattr(mod, name, None)
        if cls is not None:
            return cls
    raise AttributeError(f"{module} defines none of {names}")


def col(model: Any, *names: str) -> Any:
    """The first of ``names`` that is a mapped column of ``model`` (schemas differ in naming)."""
    if model is None:
        return None
    columns = inspect(model).columns
    for name in names:
        if name in columns:
            return getattr(model, name)
    return None


_known: dict[tuple[int, str], bool] = {}


def _has_table(db: Session, model: Any) -> bool:
    # The class may exist in code before its migration ran on this database. Asked once per engine
    # and table: tables only appear at start-up (migrations), and catalog queries cost ~10 ms each.
    bind = db.get_bind()
    k = (id(bind), model.__tablename__)
    if k not in _known:
        try:
            _known[k] = bool(inspect(bind).has_table(model.__tablename__))
        except Exception:  # noqa: BLE001 - a missing table is the only thing asked here
            return False
    return _known[k]


def push_model(db: Session) -> Any:
    """The push outbox model (person, posting, channel, status, times), or None before its migration."""
    m = _model("jobs_feed.push.models", "Push")
    return m if m is not None and _has_table(db, m) else None


def match_model(db: Session) -> Any:
    """The match log model (person, posting, score, reasons), or None."""
    for module in ("jobs_feed.push.matchlog",):
        m = _model(module, "MatchLog")
        if m is not None and _has_table(db, m):
            return m
    return None


def newest_run(db: Session, match: Any) -> str | None:
    """The id of the match log's newest run (match logs written run by run), else None."""
    run_col = col(match, "run_id")
    if run_col is None:
        return None
    return db.scalar(select(run_col).order_by(match.id.desc()).limit(1))


def latest_run(db: Session) -> tuple[Any, str] | None:
    """(the match log's model, its newest run id), or None when there is no log table or no run yet."""
    match = match_model(db)
    run_id = newest_run(db, match) if match is not None else None
    return (match, run_id) if run_id is not None else None


def handoff_waiting(db: Session, scope: list[str] | None = None) -> int | None:
    """Open hand-off (人工) tickets, or None when the bot's table is absent.

    Within ``scope`` as the ticket page lists them (service/console/helpdesk.py): tickets of people in
    those counties and of senders not registered yet.
    """
    m = _model("bot.models", "HandoffTicket")
    if m is None or not _has_table(db, m):
        return None
    stmt = select(func.count()).select_from(m).where(m.status == "open")
    if scope is not None:
        from matching.models import Labourer

        stmt = stmt.outerjoin(Labourer, Labourer.wechat_openid == m.openid).where(
            or_(Labourer.id.is_(None), Labourer.county_code.in_(scope)))
    return int(db.scalar(stmt) or 0)


def unanswered_questions(db: Session, scope: list[str] | None = None, limit: int = 5
                         ) -> tuple[int, list[Any]] | None:
    """(count, most asked few) of open unanswered questions within ``scope`` (see helpdesk), or None."""
    from service.console.helpdesk import questions_in_scope

    m = _model("knowledge.models", "UnansweredQuestion")
    if m is None or not _has_table(db, m):
        return None
    waiting = m.status == "open"
    total = int(db.scalar(questions_in_scope(select(func.count()).select_from(m), m, scope).where(waiting)) or 0)
    rows = list(db.scalars(questions_in_scope(select(m), m, scope).where(waiting)
                           .order_by(m.times_asked.desc(), m.last_asked_at.desc()).limit(limit)))
    return total, rows
