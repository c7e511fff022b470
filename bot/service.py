"""Storage for the bot: followers (opt-out, last interaction, registration draft) and 人工 tickets."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import redis
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.models import TICKET_CLOSED, TICKET_OPEN, HandoffTicket, WechatUser
from core.errors import NotFound
from core.redis import key
from core.settings import Settings
from core.text import clean_text
from core.timeutil import utcnow

SERVICE_WINDOW = timedelta(hours=48)  # WeChat's customer-service message window
DB_TOUCH_EVERY_S = 3600  # last_interaction_at in the database is refreshed at most hourly
PUSH_NOTE_EVERY_S = 60  # the push side's interaction note (window start, quota reset) at most per minute
TICKET_TURNS = 16  # exchanges a ticket keeps (a re-opened request adds its own)


def get_user(session: Session, openid: str) -> WechatUser:
    """The follower row, created on first sight."""
    user = session.get(WechatUser, openid)
    if user is None:
        # Two messages of a new follower may be handled at once (a slow answer on the queue, the next
        # message inline): whoever inserts second reads the row the first wrote.
        try:
            with session.begin_nested():
                user = WechatUser(openid=openid, following=True, push_opt_out=False)
                session.add(user)
        except IntegrityError:
            user = session.scalars(select(WechatUser).where(WechatUser.openid == openid)).one()
    return user


def set_following(session: Session, *, openid: str, following: bool) -> WechatUser:
    """Record a follow or unfollow event."""
    user = get_user(session, openid)
    user.following = following
    return user


def set_opt_out(session: Session, *, openid: str, opt_out: bool) -> WechatUser:
    """退订 (True) or 订阅 (False) job pushes."""
    user = get_user(session, openid)
    user.push_opt_out = opt_out
    return user


def save_draft(session: Session, *, openid: str, draft: dict[str, Any] | None, person_id: int | None = None) -> None:
    """Keep registration answers (and the bound person) on the follower row."""
    user = get_user(session, openid)
    user.draft = dict(draft) if draft is not None else None
    if person_id is not None:
        user.person_id = person_id


def interaction_due(pipe: redis.Redis, settings: Settings, *, openid: str) -> None:
    """Queue on ``pipe`` two flags: the push side's interaction note is due; the database copy is due.

    Throttled so a chatty follower costs no extra round trip per message; the window is 48 h.
    """
    pipe.set(key(settings, "bot", "seen_push", openid), 1, ex=PUSH_NOTE_EVERY_S, nx=True)
    pipe.set(key(settings, "bot", "seen_db", openid), 1, ex=DB_TOUCH_EVERY_S, nx=True)


def touch_user(session: Session, *, openid: str, now: datetime) -> None:
    """Write ``last_interaction_at`` (at most hourly per follower, see ``interaction_due``)."""
    get_user(session, openid).last_interaction_at = now


def in_service_window(session: Session, *, openid: str, now: datetime | None = None) -> bool:
    """True while a customer-service message can reach the user (48 h after their last message, ±1 h)."""
    user = session.get(WechatUser, openid)
    last = user.last_interaction_at if user else None
    if last is None:
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return (now or utcnow()) - last < SERVICE_WINDOW


def open_ticket(session: Session, *, openid: str, text: str,
                conversation: list[dict[str, str]] | None = None) -> HandoffTicket:
    """A 人工 request; a user with an open ticket keeps that one (latest question appended).

    ``conversation`` is the sender's last exchanges; a ticket extended later keeps both, without repeats.
    """
    text = clean_text(text)
    ticket = _open_ticket(session, openid)
    if ticket is None:
        ticket = HandoffTicket(openid=openid, text=text[:2000], status=TICKET_OPEN, created_at=utcnow())
        session.add(ticket)
    elif text and text not in ticket.text:
        ticket.text = (ticket.text + "\n" + text)[-2000:]
    if conversation:
        kept = list(ticket.conversation or [])
        kept += [turn for turn in conversation if turn not in kept]
        ticket.conversation = kept[-TICKET_TURNS:]
    session.flush()
    return ticket


def _open_ticket(session: Session, openid: str) -> HandoffTicket | None:
    return session.scalars(
        select(HandoffTicket).where(HandoffTicket.openid == openid, HandoffTicket.status == TICKET_OPEN)
    ).first()


def withdraw_ticket(session: Session, *, openid: str, said: str) -> HandoffTicket | None:
    """The follower's own open ticket closed at their word ("算了 不用人工了"); None when none is open."""
    ticket = _open_ticket(session, openid)
    if ticket is None:
        return None
    return close_ticket(session, ticket_id=ticket.id, note=f"本人撤回：{clean_text(said)[:200]}", by="本人")


def list_tickets(session: Session, *, status: str | None = TICKET_OPEN, limit: int = 200) -> list[HandoffTicket]:
    """Tickets, newest first (open ones by default)."""
    stmt = select(HandoffTicket).order_by(HandoffTicket.created_at.desc(), HandoffTicket.id.desc()).limit(limit)
    if status:
        stmt = stmt.where(HandoffTicket.status == status)
    return list(session.scalars(stmt))


def close_ticket(session: Session, *, ticket_id: int, note: str | None = None, by: str | None = None) -> HandoffTicket:
    """A coordinator handled the request."""
    ticket = session.get(HandoffTicket, ticket_id)
    if ticket is None:
        raise NotFound(f"handoff ticket {ticket_id}", message_zh=f"没有找到人工服务单 {ticket_id}")
    ticket.status = TICKET_CLOSED
    ticket.note = note
    ticket.closed_by = by
    ticket.closed_at = utcnow()
    return ticket


STAFF_REPLY_TTL = 30 * 24 * 3600  # a reply waits this long for the person to write again


def _staff_key(settings: Settings, openid: str) -> str:
    return key(settings, "bot", "staff_reply", openid)


def queue_staff_reply(redis_client: redis.Redis, settings: Settings, *, openid: str, question_id: int, text: str) -> None:
    """A coordinator's reply that WeChat would not carry now (no message in 48 hours): it goes with the
    bot's next reply to this person."""
    pipe = redis_client.pipeline()
    pipe.rpush(_staff_key(settings, openid), json.dumps({"id": question_id, "text": text}, ensure_ascii=False))
    pipe.expire(_staff_key(settings, openid), STAFF_REPLY_TTL)
    pipe.execute()


def take_staff_replies(redis_client: redis.Redis, settings: Settings, *, openid: str) -> list[dict[str, Any]]:
    """The replies waiting for this person, removed as they are taken (each goes out once)."""
    pipe = redis_client.pipeline()
    pipe.lrange(_staff_key(settings, openid), 0, -1)
    pipe.delete(_staff_key(settings, openid))
    raw, _ = pipe.execute()
    return [json.loads(r) for r in raw or []]

