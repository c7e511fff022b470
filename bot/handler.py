"""One inbound message, handled exactly once: dedup claim → state → dialogue → reply stored for retries.

Two Redis round trips on the common path (claim + state read; state + reply + bookkeeping write),
because this runs for every message and WeChat expects an answer within 5 s.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import redis
from sqlalchemy.orm import Session

from bot import dedup, degraded, service, state
from bot.backends import Backends
from bot.flows import Ctx, Defer, run_turn
from bot.protocol import SUCCESS, Inbound, render_text
from core import outage
from core.redis import key
from core.settings import Settings

log = logging.getLogger(__name__)
# events in which the user acts: WeChat then allows 3 customer-service messages within a minute
FAILED = "抱歉，这条消息没有处理好，请换个说法再发一次。\n回复“菜单”看能办的事，回复“人工”找工作人员。"
USER_EVENTS = frozenset({"subscribe", "subscribe_scan", "scan", "click", "view"})


def deferred_key(settings: Settings, dedup_key: str) -> str:
    return key(settings, "bot", "deferred", dedup_key)


def run_dialogue(
    settings: Settings,
    redis_client: redis.Redis,
    session_factory: Callable[[], Session],
    backends: Backends,
    msg: Inbound,
    *,
    before: dict[str, Any] | None = None,
    can_defer: bool = True,
    holds_turn: bool = False,
) -> str:
    """Run the dialogue for a claimed message; the reply XML (or ``success``) is stored for retries."""
    if before is None:
        before = state.load(redis_client, settings, msg.openid)
    ctx = Ctx(settings=settings, backends=backends, session_factory=session_factory, can_defer=can_defer,
              redis_client=redis_client)
    try:
        after, text = run_turn(ctx, before, msg)
    except Defer:
        reply = defer(settings, redis_client, msg)
        if holds_turn:
            redis_client.delete(state.turn_key(settings, msg.openid))
        return reply
    if msg.kind in ("text", "voice"):
        text = _with_staff_replies(ctx, redis_client, msg, text)
    reply = render_text(msg, text) if text else SUCCESS
    wrote = msg.kind != "event"  # only a message opens WeChat's 48-hour window; an event, one minute
    clicked = not wrote and msg.event in USER_EVENTS
    pipe = redis_client.pipeline(transaction=False)
    if after != before:
        state.save(pipe, settings, msg.openid, after)
    dedup.store(pipe, settings, msg.dedup_key, reply)
    if holds_turn:
        pipe.delete(state.turn_key(settings, msg.openid))
    if ctx.forget:  # the follower had the chat's copy erased: the kept exchanges go too
        pipe.delete(state.recent_key(settings, msg.openid))
    elif msg.kind in ("text", "voice"):
        state.note_exchange(pipe, settings, msg.openid, at=ctx.now.isoformat(), said=msg.text or "", replied=text)
    if wrote:
        service.interaction_due(pipe, settings, openid=msg.openid)
    try:
        results = pipe.execute()
        if clicked:
            backends.note_event(redis_client, openid=msg.openid)
        if wrote:
            push_due, db_due = results[-2:]
            if push_due:
                backends.note_interaction(redis_client, openid=msg.openid)
            if db_due:
                touch = Ctx(settings=settings, backends=backends, session_factory=session_factory)
                try:
                    service.touch_user(touch.session, openid=msg.openid, now=ctx.now)
                    touch.close(commit=True)
                except BaseException:
                    touch.close(commit=False)
                    raise
    except outage.UNREACHABLE as exc:  # the step itself is done and committed: still send its reply
        outage.note(exc, "a reply was sent without saving the conversation state or bookkeeping")
    return reply


def _with_staff_replies(ctx: Ctx, redis_client: redis.Redis, msg: Inbound, text: str) -> str:
    """A coordinator's answer that could not be sent when it was written goes before this reply."""
    waiting = service.take_staff_replies(redis_client, ctx.settings, openid=msg.openid)
    if not waiting:
        return text
    from knowledge.service import replies_sent

    after = Ctx(settings=ctx.settings, backends=ctx.backends, session_factory=ctx.session_factory)  # the turn's is closed
    try:
        replies_sent(after.session, question_ids=[item["id"] for item in waiting])
        after.close(commit=True)
    except BaseException:
        after.close(commit=False)
        raise
    return "\n——\n".join([item["text"] for item in waiting] + ([text] if text else []))


def defer(settings: Settings, redis_client: redis.Redis, msg: Inbound) -> str:
    """Answer ``success`` now; a queue job (given only the message key) replies as a customer-service message."""
    from bot.jobs import enqueue_reply_later

    raw = json.dumps(dict(msg.raw))
    redis_client.set(deferred_key(settings, msg.dedup_key), raw, ex=settings.wechat_dedup_ttl * 12)
    enqueue_reply_later(settings, redis_client, msg.dedup_key)
    dedup.store(redis_client, settings, msg.dedup_key, SUCCESS)
    log.info("deferred %s to the queue", msg.dedup_key)
    return SUCCESS


def handle(
    settings: Settings,
    redis_client: redis.Redis,
    session_factory: Callable[[], Session],
    backends: Backends,
    msg: Inbound,
) -> str:
    """First attempt runs the dialogue; a retry waits for (and repeats) the first attempt's reply.

    With Redis or the database unreachable the reply comes from ``degraded`` (never an HTTP 500).
    """
    try:
        return _handle(settings, redis_client, session_factory, backends, msg)
    except outage.UNREACHABLE as exc:
        return degraded.reply(settings, session_factory, backends, msg, exc)
    except Exception:
        # A bug in one flow must not become WeChat's "该公众号暂时无法提供服务": the follower gets a way
        # on, nothing of the turn was saved (its transaction rolled back), the traceback goes to the log.
        log.exception("dialogue failed on a %s message", msg.kind)
        return render_text(msg, FAILED) if msg.kind != "event" or msg.event == "click" else SUCCESS


def _handle(
    settings: Settings,
    redis_client: redis.Redis,
    session_factory: Callable[[], Session],
    backends: Backends,
    msg: Inbound,
) -> str:
    turn = state.turn_key(settings, msg.openid)
    skey = state.state_key(settings, msg.openid)
    claimed, got_turn, before = dedup.claim_and_load(redis_client, settings, msg.dedup_key, skey, turn)
    if not claimed:
        reply = dedup.wait(redis_client, settings, msg.dedup_key, max(settings.wechat_reply_budget - 0.5, 0.1))
        return reply if reply is not None else SUCCESS
    if not got_turn:
        before = dedup.wait_turn(redis_client, turn, skey, settings.wechat_reply_budget / 2)
    try:
        return run_dialogue(
            settings, redis_client, session_factory, backends, msg, before=state.decode(before), holds_turn=True
        )
    except BaseException:
        try:
            pipe = redis_client.pipeline(transaction=False)
            dedup.release(pipe, settings, msg.dedup_key)  # let WeChat's retry try again
            pipe.delete(turn)
            pipe.execute()
        except outage.UNREACHABLE as exc:  # the claim and turn expire by themselves
            outage.note(exc, "a failed message's claim was left to expire")
        raise
