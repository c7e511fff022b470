"""Binding a WeChat follower to a record someone else created: a code texted to the phone on record.

Registration by chat creates new people freely. When the answers (name and phone) match a person a
coordinator already registered, the chat must not open that record to whoever typed them: a
six-digit code goes by SMS to the phone on record, and only the right code within ``otp_ttl``
seconds and ``otp_max_tries`` tries binds the follower. Until then the follower sees nothing of it.
The code is kept only as a keyed hash in the dialogue state (Redis, server side).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Any

from bot import service
from bot.flows.context import Ctx
from bot.protocol import Inbound
from core.logging import mask_phone

_CODE = re.compile(r"^\d{6}$")
RESEND_WORDS = {"重发", "重新发送", "再发一次", "没收到"}
NO_PHONE = "您填的信息和已登记的人员一致，但档案里没有可以接收验证码的手机号。请回复 5 找工作人员核实。"
NOT_SENT = "验证码暂时发不出去，请稍后回复“重发”，或回复 5 找工作人员核实。"
TOO_MANY = "验证码错误次数过多，已失效。请回复 5 找工作人员核实身份。"
EXPIRED = "验证码已过期。回复“重发”再发一次，或回复 5 找工作人员。"


def drop(state: dict[str, Any]) -> dict[str, Any]:
    """The state without a pending code."""
    return {k: v for k, v in state.items() if k != "verify"}


def _digest(ctx: Ctx, openid: str, person_id: int, code: str) -> str:
    key = ctx.settings.secret_key.get_secret_value().encode()
    return hmac.new(key, f"{openid}|{person_id}|{code}".encode(), hashlib.sha256).hexdigest()


def start(ctx: Ctx, state: dict[str, Any], msg: Inbound, *, person_id: int, sends: int = 0
          ) -> tuple[dict[str, Any], str]:
    """Text a fresh code to the record's phone and wait for it (``sends`` codes were sent before)."""
    state = drop(state)
    phone = ctx.backends.phone_of(ctx.session, person_id=person_id)
    if not phone:
        return state, NO_PHONE
    if sends >= ctx.settings.otp_max_sends:
        return state, TOO_MANY
    code = f"{secrets.randbelow(10**6):06d}"
    pending = {"person": person_id, "hash": _digest(ctx, msg.openid, person_id, code), "tries": 0,
               "until": ctx.now.timestamp() + ctx.settings.otp_ttl, "sends": sends + 1}
    waiting = state | {"verify": pending}
    if not ctx.backends.send_code(phone=phone, code=code, ref=f"{person_id}-{secrets.token_hex(4)}"):
        return waiting | {"verify": pending | {"hash": ""}}, NOT_SENT
    minutes = max(ctx.settings.otp_ttl // 60, 1)
    return waiting, (f"您填的信息和已登记的人员一致。为确认是您本人，我们给尾号{mask_phone(phone)[-4:]}的手机发了"
                     f"6位验证码，请在{minutes}分钟内回复这个验证码。\n没收到回复“重发”，不是您本人请回复“取消”。")


def step(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str) -> tuple[dict[str, Any], str] | None:
    """An answer while a code is awaited; None when the message is something else (handled as usual)."""
    pending = dict(state.get("verify") or {})
    word = text.strip()
    if word in RESEND_WORDS:
        return start(ctx, state, msg, person_id=int(pending["person"]), sends=int(pending.get("sends", 0)))
    if not _CODE.match(word):
        return None
    if ctx.now.timestamp() > float(pending.get("until", 0)):
        return state, EXPIRED
    tries = int(pending.get("tries", 0)) + 1
    expected = str(pending.get("hash") or "")
    if not expected or not hmac.compare_digest(expected, _digest(ctx, msg.openid, int(pending["person"]), word)):
        if tries >= ctx.settings.otp_max_tries:
            return drop(state), TOO_MANY
        left = ctx.settings.otp_max_tries - tries
        return state | {"verify": pending | {"tries": tries}}, f"验证码不对，还可以再试{left}次。"
    from bot.flows.register import save_and_greet

    user = service.get_user(ctx.session, msg.openid)
    return save_and_greet(ctx, drop(state), msg, dict(user.draft or {}), int(pending["person"]))
