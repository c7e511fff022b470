"""WeChat events (follow, unfollow, menu clicks, receipts) and the main menu's numbers."""

from __future__ import annotations

from typing import Any

from bot import service
from bot.flows import menu
from bot.flows.acts import act
from bot.flows.context import Ctx, leave_flow
from bot.protocol import SUBSCRIPTION_EVENTS, Inbound, subscription_items

Reply = tuple[dict[str, Any], str]


# The main menu's numbers, as the intents they stand for (1 问政策 only prompts for a question).
MENU_INTENTS = {"2": "job_search", "3": "update_info", "4": "my_pushes", "5": "human", "6": "entitlements"}


def menu_choice(ctx: Ctx, state: dict[str, Any], msg: Inbound, choice: str) -> Reply:
    state = {k: v for k, v in leave_flow(state).items() if k not in ("pick", "posting")}
    if choice == "1":
        return state, menu.ASK_HINT
    return act(ctx, state, msg, MENU_INTENTS.get(choice, "human"))


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
    if msg.event in SUBSCRIPTION_EVENTS:  # 订阅通知: 同意/取消 in the popup or settings, or a send receipt
        ctx.backends.subscription_event(ctx.session, openid=msg.openid, event=msg.event, items=subscription_items(msg))
        return state, ""
    if msg.event == "click" and msg.event_key in menu.CLICK_KEYS:
        return menu_choice(ctx, state, msg, menu.CLICK_KEYS[msg.event_key])
    return state, ""
