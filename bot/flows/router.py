"""Routes one message to its step: events, commands that work anywhere, the open flow, else a question."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot import service
from bot.flows import account, ask, benefits, menu, register, verification
from bot.flows.context import Ctx, leave_flow
from bot.protocol import Inbound
from core.text import normalize as _normalize

Reply = tuple[dict[str, Any], str]

MENU_WORDS = {"菜单", "帮助", "help", "menu", "0", "?", "？", "你好", "您好", "hi", "hello", "在吗"}
CANCEL_WORDS = {"取消", "退出", "算了", "不登记了"}
HUMAN_WORDS = {"人工", "找人工", "转人工", "人工服务", "客服"}
OPT_OUT_WORDS = {"退订", "td", "t", "取消订阅", "不要推送"}  # "t": as the SMS says 回T退订
OPT_IN_WORDS = {"订阅", "恢复订阅", "恢复推送"}
JOBS_WORDS = {"找工作", "找岗位", "推荐工作", "有什么工作"}
MINE_WORDS = {"我的推荐", "推荐记录"}
REGISTER_WORDS = {"登记", "注册", "登记信息", "修改信息", "登记/修改信息", "我要登记"}
_TRAILING = re.compile(r"[。.!！~～]+$")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """core.text.normalize, cached: people send the same few words and questions again and again."""
    return _normalize(text)


def _menu_choice(ctx: Ctx, state: dict[str, Any], msg: Inbound, choice: str) -> Reply:
    state = leave_flow(state)
    if choice == "1":
        return state, menu.ASK_HINT
    if choice == "2":
        return account.find_jobs(ctx, state, msg)
    if choice == "3":
        return register.start(ctx, state, msg)
    if choice == "4":
        return account.my_pushes(ctx, state, msg)
    if choice == "6":
        return benefits.start(ctx, state, msg)
    return account.handoff(ctx, state, msg)


def on_event(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """Follow/unfollow, menu clicks; other events (template receipts, location reports) need no reply."""
    if msg.event in ("subscribe", "subscribe_scan", "scan"):
        if msg.event != "scan":
            service.set_following(ctx.session, openid=msg.openid, following=True)
        return {}, menu.WELCOME
    if msg.event == "unsubscribe":
        service.set_following(ctx.session, openid=msg.openid, following=False)
        return {}, ""  # WeChat shows nothing to someone who just left
    if msg.event == "templatesendjobfinish":  # delivery receipt of a pushed template message
        msg_id = str(msg.raw.get("MsgID") or msg.raw.get("MsgId") or "")
        ctx.backends.template_receipt(ctx.session, msg_id=msg_id, status=str(msg.raw.get("Status") or ""))
        return state, ""
    if msg.event == "click" and msg.event_key in menu.CLICK_KEYS:
        return _menu_choice(ctx, state, msg, menu.CLICK_KEYS[msg.event_key])
    return state, ""


def dispatch(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """One message in, the new state and the reply text out ("" means no reply)."""
    if msg.kind == "event":
        return on_event(ctx, state, msg)
    if msg.kind == "location":
        return account.location(ctx, state, msg)
    if msg.kind == "voice" and not msg.text:
        return state, menu.VOICE_HINT
    if msg.kind not in ("text", "voice"):
        return state, menu.OTHER_HINT
    text = normalize(msg.text)
    word = _TRAILING.sub("", text).lower()
    if not word:
        return state, menu.WELCOME
    in_flow = state.get("flow") == "register"
    if word in CANCEL_WORDS:
        return verification.drop(leave_flow(state)), menu.CANCELLED
    if word in MENU_WORDS:
        return leave_flow(state), menu.WELCOME
    if word in HUMAN_WORDS:
        return account.handoff(ctx, state, msg)
    if word in OPT_OUT_WORDS:
        return account.opt_out(ctx, state, msg, out=True)
    if word in OPT_IN_WORDS:
        return account.opt_out(ctx, state, msg, out=False)
    fix = register.correction(text)
    if fix:
        return register.correct(ctx, state, msg, *fix)
    picks = state.get("fix_choices")
    if picks and word.isdigit() and 1 <= int(word) <= len(picks):  # picking a suggested county
        return register.correct(ctx, state, msg, "county", picks[int(word) - 1])
    state = {k: v for k, v in state.items() if k != "fix_choices"}
    if in_flow:
        return register.step(ctx, state, msg)
    if state.get("verify"):  # a code texted to the phone on record is awaited (kept across other messages)
        reply = verification.step(ctx, state, msg, word)
        if reply is not None:
            return reply
    if state.get("flow") == "benefits":
        reply = benefits.step(ctx, state, msg)
        if reply is not None:
            return reply
        state = leave_flow(state)  # not an answer to the list: handle the message as usual
    if benefits.is_request(text):
        return benefits.start(ctx, state, msg)
    if word in {"1", "2", "3", "4", "5", "6"}:
        return _menu_choice(ctx, state, msg, word)
    if word in JOBS_WORDS:
        return account.find_jobs(ctx, state, msg)
    if word in MINE_WORDS:
        return account.my_pushes(ctx, state, msg)
    if word in REGISTER_WORDS:
        return register.start(ctx, state, msg)
    if word in ("问政策",):
        return state, menu.ASK_HINT
    return ask.answer(ctx, state, msg, text)


def run_turn(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """``dispatch``, then commit what the step wrote; on any error (``Defer`` too) roll back and re-raise."""
    try:
        out = dispatch(ctx, state, msg)
    except BaseException:
        ctx.close(commit=False)
        raise
    ctx.close(commit=True)
    return out
