"""Push storage and entry points other domains call (the bot: receipts, interactions, history)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

import redis
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from core.redis import key
from core.settings import Settings
from core.timeutil import utcnow
from jobs_feed.push import subscriptions
from jobs_feed.push.delivery import mark_receipt
from jobs_feed.push.models import Push
from jobs_feed.push.planner import Candidate, PlanResult, plan
from jobs_feed.senders.wechat import note_event, note_interaction

log = logging.getLogger(__name__)

__all__ = [
    "note_wechat_event",
    "note_wechat_interaction",
    "opt_out_by_sms_reply",
    "plan_pushes",
    "pushes_for",
    "record_sms_receipt",
    "record_subscription_event",
    "record_wechat_receipt",
]


def note_wechat_interaction(settings: Settings, redis_client: redis.Redis, openid: str) -> None:
    """The bot calls this on every message from ``openid``: opens the 48-hour customer-service window."""
    note_interaction(settings, redis_client, openid)


def note_wechat_event(settings: Settings, redis_client: redis.Redis, openid: str) -> None:
    """The bot calls this on a follow, scan or menu click: WeChat allows 3 messages within a minute."""
    note_event(settings, redis_client, openid)


def record_wechat_receipt(session: Session, msg_id: int | str, status: str) -> bool:
    """Apply a TEMPLATESENDJOBFINISH event (``status`` "success" or "failed:…"); False if unknown."""
    push = session.scalars(select(Push).where(Push.vendor_message_id == str(msg_id))).first()
    if push is None or push.channel != "wechat_template":
        return False
    mark_receipt(session, push, status.strip() == "success", status)
    return True


def record_subscription_event(session: Session, openid: str, event: str, items: list[dict[str, str]]) -> int:
    """Apply a subscription-message event: the follower's 同意/取消 (popup, settings change) or a send
    receipt (``subscribe_msg_sent_event``, matched by MsgID). Returns how many items were applied."""
    if event in ("subscribe_msg_popup_event", "subscribe_msg_change_event"):
        return subscriptions.record_choice(session, openid, items)
    if event != "subscribe_msg_sent_event":
        return 0
    applied = 0
    for item in items:
        msg_id = str(item.get("MsgID") or item.get("MsgId") or "").strip()
        push = session.scalars(
            select(Push).where(Push.vendor_message_id == msg_id, Push.channel == "wechat_subscribe")
        ).first() if msg_id else None
        if push is not None:
            code = str(item.get("ErrorCode") or "").strip()
            mark_receipt(session, push, code == "0", f"{code} {item.get('ErrorStatus') or ''}".strip())
            applied += 1
    return applied


def record_sms_receipt(
    session: Session, *, vendor_id: str | None, out_id: str | None, delivered: bool, detail: str = ""
) -> bool:
    """Apply an SMS delivery receipt found by the vendor's id or our out-id; False if unknown."""
    conds = []
    if vendor_id:
        conds.append(Push.vendor_message_id == vendor_id)
    if out_id and out_id.startswith("jy-push-") and out_id[8:].isdigit():
        conds.append(Push.id == int(out_id[8:]))
    if not conds:
        return False
    push = session.scalars(select(Push).where(or_(*conds), Push.channel == "sms")).first()
    if push is None:
        return False
    mark_receipt(session, push, delivered, detail)
    return True


OPT_OUT_WORDS = {"T", "TD", "N", "退订", "取消", "退订短信", "不要再发"}


def opt_out_by_sms_reply(session: Session, *, phone: str, text: str) -> int:
    """An SMS reply such as "T"/"TD"/"退订" stops pushes to everyone with that phone; how many."""
    from matching.models import Labourer

    word = text.strip().upper().strip("。.!！ ")
    if word not in OPT_OUT_WORDS:
        return 0
    digits = "".join(ch for ch in phone if ch.isdigit())[-11:]
    people = session.scalars(select(Labourer).where(Labourer.phone == digits)).all()
    for person in people:
        person.pushes_opted_out = True
    if people:
        log.info("sms opt-out from %s: %s people", digits, len(people))
    return len(people)


@dataclass
class PushView:
    posting_id: int
    channel: str | None
    status: str
    text: str
    sent_at: datetime | None
    reasons: list[str] = field(default_factory=list)


def pushes_for(session: Session, labourer_id: int, limit: int = 10) -> list[PushView]:
    """Postings pushed to one person, newest first (the bot's 我的推荐, the console); not training offers."""
    rows = session.scalars(
        select(Push).where(Push.labourer_id == labourer_id, Push.posting_id.is_not(None))
        .order_by(Push.created_at.desc(), Push.id.desc()).limit(limit)
    ).all()
    return [PushView(p.posting_id or 0, p.channel, p.status, p.text, p.sent_at, list(p.reasons or [])) for p in rows]


def plan_pushes(
    settings: Settings,
    factory: sessionmaker[Session],
    redis_client: redis.Redis,
    *,
    now: datetime | None = None,
) -> PlanResult:
    """Plan under a Redis lock (one planner at a time across processes) and commit."""
    from jobs_feed.push.matches import load_candidates

    lock = redis_client.lock(key(settings, "push", "plan_lock"), timeout=600, blocking_timeout=600)
    from jobs_feed.training.planner import plan_training

    now = now or utcnow()
    with lock, factory() as session:
        candidates, notes = load_candidates(session)
        result = plan(session, settings, candidates, notes, now=now)
        result.training = plan_training(session, settings, now=now)
        session.commit()
    log.info(
        "push plan: %s new, %s covered, %s without a suitable posting, %s unreachable",
        len(result.planned), result.covered, len(result.no_match), len(result.unreachable),
    )
    t = result.training
    log.info("training offers: %s new, %s offered this year, %s without a suitable course, %s unreachable",
             len(t.planned), t.covered, len(t.no_match), len(t.unreachable))
    return result


def candidates_from_rows(rows: list[tuple[int, int | None, float, list[str], str]]) -> tuple[dict[int, list[Candidate]], dict[int, str]]:
    """(labourer_id, posting_id or None, score, reasons, note) rows → candidates and notes."""
    cands: dict[int, list[Candidate]] = {}
    notes: dict[int, str] = {}
    for lab_id, post_id, score, reasons, note in rows:
        if post_id is None:
            if note:
                notes[lab_id] = note
            continue
        cands.setdefault(lab_id, []).append(Candidate(post_id, float(score), list(reasons or [])))
    return cands, notes
