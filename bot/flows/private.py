"""Registration questions people will not answer: a phone number (可以不填) or an ID number (not asked).

Rural followers fear fraud ("怕被骗电话"); refusing a number must not end registration or loop on the
question. No phone means no SMS: pushes come by WeChat only.
"""

from __future__ import annotations

import re
from typing import Any

from bot.flows import register
from bot.flows.answers import SKIP_PHONE
from bot.flows.context import Ctx
from bot.flows.safety import NEVER_ASKED
from bot.protocol import Inbound
from core.text import normalize

_WORRY = re.compile(r"怕被骗|怕骗|骗子|不放心|不安全|泄露|隐私")
ID_NOT_NEEDED = "登记不需要身份证号，放心。" + NEVER_ASKED


def refusal(text: str) -> str | None:
    """"phone" or "id" when the message declines to give that number; None otherwise."""
    t = normalize(text or "")
    if re.search(r"\d{5}", t) or not (SKIP_PHONE.search(t) or _WORRY.search(t)):
        return None
    if "身份证" in t:
        return "id"
    if re.search(r"电话|手机|号码", t):
        return "phone"
    return None


def skip(ctx: Ctx, state: dict[str, Any], msg: Inbound, kind: str) -> tuple[dict[str, Any], str]:
    if kind == "phone":
        return register.fill(ctx, state, msg, {"phone": ""})
    current = str(state.get("step") or "name")
    return state, ID_NOT_NEEDED + "\n" + register.question(state, current)
