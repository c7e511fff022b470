"""Replies while Redis or the database cannot be reached: no conversation state, no dedup, no 500.

Policy answers need neither (the index and the intent model live in this process), so a question is
still answered with its citation. An opt-out is still recorded when only Redis is down. Anything
else that needs a follower's state or record gets a short "busy, send it again later".
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from bot import intents
from bot.backends import Backends
from bot.flows import ask, menu, router
from bot.flows.context import Ctx
from bot.protocol import SUCCESS, Inbound, render_text
from core import outage
from core.settings import Settings

BUSY = "系统正忙，请稍后再发。\n问政策的话，可以直接打字问，比如“参加技能培训有什么补贴”。"
OPT_FLOOR = 0.5  # an opt-out read less surely than this is not acted on without the conversation


def reply_text(
    settings: Settings, session_factory: Callable[[], Session], backends: Backends, msg: Inbound, down: str
) -> str:
    """The text to send (``""``: none) when ``down`` ("redis" or "database") cannot be reached."""
    if msg.kind == "event":
        if msg.event in ("subscribe", "subscribe_scan"):
            return menu.WELCOME
        return BUSY if msg.event == "click" else ""
    if not msg.text or msg.kind not in ("text", "voice"):
        return BUSY
    reading = intents.read_intent(msg.text)
    if reading.intent in ("opt_out", "opt_in") and (reading.exact or reading.score >= OPT_FLOOR):
        return _opt(settings, session_factory, backends, msg, out=reading.intent == "opt_out") if down == "redis" else BUSY
    asks = reading.intent == "policy_question" or reading.unsure or (
        reading.score < router.CONSULT_BELOW and reading.second == "policy_question")
    if asks and backends.knowledge_ready:
        ans = backends.answer(msg.text, key=msg.text.strip())
        if ans.answer.strip():  # a cited answer, or the documents' honest decline
            return ask.render_answer(ans)
    return BUSY


def _opt(settings: Settings, session_factory: Callable[[], Session], backends: Backends, msg: Inbound, *, out: bool) -> str:
    """Record an opt-out (or back in) in the database: refusing SMS must not wait for Redis."""
    from bot.flows import account

    ctx = Ctx(settings=settings, backends=backends, session_factory=session_factory, can_defer=False)
    try:
        _, text = account.opt_out(ctx, {}, msg, out=out)
        ctx.close(commit=True)
    except outage.UNREACHABLE as exc:
        ctx.close(commit=False)
        outage.note(exc, "opt-out not recorded; the follower was asked to send it again")
        return BUSY
    return text


def reply(
    settings: Settings, session_factory: Callable[[], Session], backends: Backends, msg: Inbound, exc: BaseException
) -> str:
    """The passive reply XML (or ``success``) for a message that met ``exc`` (an outage.UNREACHABLE)."""
    outage.note(exc, "answering policy questions without it; other messages are asked to wait")
    try:
        text = reply_text(settings, session_factory, backends, msg, outage.which(exc))
    except outage.UNREACHABLE as again:  # the other dependency is down as well
        outage.note(again, "answering policy questions without it")
        text = BUSY
    return render_text(msg, text) if text else SUCCESS

