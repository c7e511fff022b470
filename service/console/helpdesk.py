"""Hand-off tickets (人工) and unanswered questions: what coordinators pick up from the bot.

Tickets belong to the bot (bot.service) and questions to the knowledge base (knowledge.service);
these functions add the console's scope. A ticket's person is the registered labourer bound to the
sender's WeChat openid: a coordinator sees tickets of people in their counties and tickets of senders
not registered yet (nobody else could answer them); admins see every ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from core.text import clean_text
from matching.models import Labourer
from service.console.security import ConsoleNotFound, check_county, county_scope
from service.models import User

OPEN_SHOWN = 30  # a page a phone can scroll; the heading gives the full count
HISTORY_LIMIT = 30
NOTE_MAX = 500


@dataclass
class TicketRow:
    ticket: Any  # bot.models.HandoffTicket
    person: Labourer | None


def _people_by_openid(db: Session, openids: list[str]) -> dict[str, Labourer]:
    if not openids:
        return {}
    rows = db.scalars(select(Labourer).where(Labourer.wechat_openid.in_(openids)))
    return {r.wechat_openid: r for r in rows if r.wechat_openid}


def _tickets(db: Session, user: User, status: str, order: Any, limit: int) -> list[TicketRow]:
    """Tickets in ``status`` the user may see (scoped in SQL, so a busy province cannot crowd a county out)."""
    from bot.models import HandoffTicket

    stmt = select(HandoffTicket).where(HandoffTicket.status == status)
    scope = county_scope(user)
    if scope is not None:
        stmt = stmt.outerjoin(Labourer, Labourer.wechat_openid == HandoffTicket.openid).where(
            or_(Labourer.id.is_(None), Labourer.county_code.in_(scope)))
    tickets = list(db.scalars(stmt.order_by(*order, HandoffTicket.id).limit(limit)))
    people = _people_by_openid(db, sorted({t.openid for t in tickets}))
    return [TicketRow(t, people.get(t.openid)) for t in tickets]


def open_tickets(db: Session, user: User, limit: int = OPEN_SHOWN) -> list[TicketRow]:
    """Waiting tickets the user may handle, longest waiting first (a queue), each with its person."""
    from bot.models import TICKET_OPEN, HandoffTicket

    return _tickets(db, user, TICKET_OPEN, [HandoffTicket.created_at], limit)


def closed_tickets(db: Session, user: User, limit: int = HISTORY_LIMIT) -> list[TicketRow]:
    """Handled tickets the user may see, most recently closed first: what was asked and what was done."""
    from bot.models import TICKET_CLOSED, HandoffTicket

    return _tickets(db, user, TICKET_CLOSED, [HandoffTicket.closed_at.desc()], limit)


def person_tickets(db: Session, person: Labourer) -> list[Any]:
    """Every ticket of the person's WeChat follower, newest first (the person page's history)."""
    from bot.models import HandoffTicket

    if not person.wechat_openid:
        return []
    return list(db.scalars(select(HandoffTicket).where(HandoffTicket.openid == person.wechat_openid)
                           .order_by(HandoffTicket.created_at.desc(), HandoffTicket.id.desc()).limit(HISTORY_LIMIT)))


def close(db: Session, user: User, ticket_id: int, note: str) -> Any:
    """Close a ticket the user may see, with what was done."""
    from bot.models import HandoffTicket
    from bot.service import close_ticket

    note = clean_text(note)
    if len(note) > NOTE_MAX:
        raise InvalidInput("note too long", message_zh=f"处理说明不能超过{NOTE_MAX}字")
    ticket = db.get(HandoffTicket, ticket_id)
    if ticket is None:
        raise ConsoleNotFound(f"handoff ticket {ticket_id}")
    person = _people_by_openid(db, [ticket.openid]).get(ticket.openid)
    if person is not None:
        check_county(user, person.county_code)
    ticket = close_ticket(db, ticket_id=ticket_id, note=note or None, by=user.display_name or user.username)
    db.flush()
    return ticket


def questions_in_scope(stmt: Any, model: Any, scope: list[str] | None) -> Any:
    """``stmt`` kept to questions whose asker is a registered person of ``scope``.

    The asker is the person bound to the question's WeChat openid; a question from an unknown asker
    (the anonymous API, a follower not registered) is for province staff only (scope None).
    """
    if scope is None:
        return stmt
    return stmt.join(Labourer, Labourer.wechat_openid == model.openid).where(Labourer.county_code.in_(scope))


def open_questions(db: Session, user: User, limit: int = 200) -> list[Any]:
    """Questions the documents did not answer and nobody has handled, most asked first, in the user's scope."""
    from knowledge.models import UnansweredQuestion as Q

    stmt = select(Q).where(Q.status == "open").order_by(Q.times_asked.desc(), Q.last_asked_at.desc()).limit(limit)
    return list(db.scalars(questions_in_scope(stmt, Q, county_scope(user))))


def mark_handled(db: Session, user: User, question_id: int) -> Any:
    """Mark a question the user may see as handled; another county's (or an unknown asker's) is not found."""
    from knowledge.service import mark_answered

    return mark_answered(db, question_id=_visible_question(db, user, question_id).id)


def _visible_question(db: Session, user: User, question_id: int) -> Any:
    from knowledge.models import UnansweredQuestion as Q

    row = db.scalar(questions_in_scope(select(Q).where(Q.id == question_id), Q, county_scope(user)))
    if row is None:
        raise ConsoleNotFound(f"unanswered question {question_id}")
    return row


def reply(db: Session, user: User, settings: Any, question_id: int, text: str) -> Any:
    """Answer a question the user may see: sent to the asker by WeChat now when WeChat allows (a message
    from them in the last 48 hours), else with the bot's next reply to them; kept with the question."""
    from bot.service import queue_staff_reply
    from core.redis import get_redis
    from core.timeutil import fmt_china, utcnow
    from jobs_feed.senders.base import Message
    from jobs_feed.senders.wechat import CustomerServiceSender
    from knowledge.service import REPLY_MAX, record_reply

    text = clean_text(text).strip()
    if not text:
        raise InvalidInput("empty reply", message_zh="请写下答复内容")
    if len(text) > REPLY_MAX:
        raise InvalidInput("reply too long", message_zh=f"答复不能超过{REPLY_MAX}字")
    row = _visible_question(db, user, question_id)
    who = user.display_name or user.username
    asked = row.question if len(row.question) <= 20 else row.question[:20] + "…"
    message = (f"工作人员答复您问的“{asked}”：\n{text}\n"
               f"（{who}，{fmt_china(utcnow(), '%m月%d日')}；还有疑问请回复“人工”）")
    status = "no_asker"
    if row.openid:
        sent = CustomerServiceSender(settings).send(row.openid, Message(text=message, out_id=f"reply-{row.id}"))
        status = "sent" if sent.ok else "waiting"
        if not sent.ok:
            queue_staff_reply(get_redis(settings), settings, openid=row.openid, question_id=row.id, text=message)
    return record_reply(db, question_id=row.id, reply=text, by=who, status=status)


def recent_replies(db: Session, user: User, limit: int = 20) -> list[Any]:
    """The latest answered questions with a coordinator's reply, in the user's scope."""
    from knowledge.models import UnansweredQuestion as Q

    stmt = select(Q).where(Q.reply.is_not(None)).order_by(Q.replied_at.desc()).limit(limit)
    return list(db.scalars(questions_in_scope(stmt, Q, county_scope(user))))


def curate(db: Session, user: User, question_id: int, on: bool) -> Any:
    """An admin (province staff decide what the bot says) lets the bot give a reply to whoever asks the
    same question next, or stops it."""
    from knowledge.service import curate as set_curated

    row = _visible_question(db, user, question_id)
    return set_curated(db, question_id=row.id, on=on)


def person_questions(db: Session, person: Labourer, limit: int = 20) -> list[Any]:
    """Questions this person asked the bot that the documents did not answer, with any reply (newest first)."""
    from knowledge.models import UnansweredQuestion as Q

    if not person.wechat_openid:
        return []
    stmt = select(Q).where(Q.openid == person.wechat_openid).order_by(Q.last_asked_at.desc()).limit(limit)
    return list(db.scalars(stmt))

