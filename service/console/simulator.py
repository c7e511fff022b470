"""The bot simulator: a coordinator talks to the real dialogue under an openid of their own.

Each turn runs ``bot.flows.dispatch`` with the follower's state from Redis, exactly as the /wechat
handler does (minus the protocol and dedup layers, which the simulator has no use for). The
conversation is kept beside the state, a few dozen lines, and expires with it.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from core.settings import Settings
from core.timeutil import fmt_china, utcnow

ACCOUNT = "gh_jiuye_console_simulator"
KEEP_LINES = 60
MAX_TEXT = 600


@dataclass
class Line:
    who: str  # "me" (the coordinator, as the follower) or "bot"
    text: str
    at: str


def sim_openid(user_id: int) -> str:
    """The follower the coordinator plays; one per console account, never a real WeChat openid."""
    return f"console-sim-{user_id}"


def _log_key(settings: Settings, openid: str) -> str:
    from core.redis import key

    return key(settings, "console", "simulator", openid)


def transcript(redis: Any, settings: Settings, openid: str) -> list[Line]:
    return [Line(**json.loads(raw)) for raw in redis.lrange(_log_key(settings, openid), 0, -1)]


def _append(redis: Any, settings: Settings, openid: str, lines: list[Line]) -> None:
    k = _log_key(settings, openid)
    pipe = redis.pipeline(transaction=False)
    for line in lines:
        pipe.rpush(k, json.dumps(line.__dict__, ensure_ascii=False))
    pipe.ltrim(k, -KEEP_LINES, -1)
    pipe.expire(k, settings.wechat_state_ttl)
    pipe.execute()


def say(settings: Settings, redis: Any, session_factory: Any, backends: Any, *, openid: str, text: str) -> str:
    """One message from the simulated follower through the dialogue; returns the bot's reply."""
    from bot import state
    from bot.flows import Ctx, run_turn
    from bot.protocol import Inbound

    text = text.strip()[:MAX_TEXT]
    msg = Inbound(openid=openid, account=ACCOUNT, kind="text", create_time=int(time.time()),
                  msg_id=secrets.randbelow(10**18) + 1, text=text)
    before = state.load(redis, settings, openid)
    ctx = Ctx(settings=settings, backends=backends, session_factory=session_factory, can_defer=False)
    after, reply = run_turn(ctx, before, msg)
    if after != before:
        state.save(redis, settings, openid, after)
    now = fmt_china(utcnow(), "%H:%M:%S")
    _append(redis, settings, openid, [Line("me", text, now), Line("bot", reply or "（机器人没有回复）", now)])
    return reply


def reset(redis: Any, settings: Settings, openid: str) -> None:
    """Forget the simulated conversation and the dialogue's state (a half-done registration, say)."""
    from bot import state

    redis.delete(_log_key(settings, openid), state.state_key(settings, openid))
