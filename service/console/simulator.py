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


SIM_NAME = "模拟用户"


def sim_person(session_factory: Any, *, user_id: int, counties: list[str], blank: bool = False) -> int:
    """The throw-away person the simulator's follower is bound to, kept in the coordinator's own county.

    The simulator never binds a real person: registration updates this record (answers naming a
    registered person are refused by the bot), and it is never pushed to. ``blank`` resets it.
    """
    from sqlalchemy import select

    from bot.service import get_user
    from matching.models import Labourer

    openid, home = sim_openid(user_id), (counties[0] if counties else None)
    with session_factory() as db, db.begin():
        row = db.scalar(select(Labourer).where(Labourer.external_id == f"sim-{user_id}"))
        if row is None or blank:
            if row is None:
                row = Labourer(external_id=f"sim-{user_id}", facts={}, history=[])
                db.add(row)
            row.name, row.phone, row.gender, row.age, row.skills, row.wishes = SIM_NAME, None, None, None, "", ""
            row.status, row.poverty_registered, row.profile, row.county_code = "not_seeking", False, None, home
        if counties and row.county_code not in counties:
            row.county_code = home  # a simulated 改户籍 never moves it into another county's lists
        row.wechat_openid, row.sms_consent, row.pushes_opted_out = openid, False, True
        db.flush()
        get_user(db, openid).person_id = row.id
        return int(row.id)


def say(settings: Settings, redis: Any, session_factory: Any, backends: Any, *, openid: str, text: str,
        user_id: int | None = None, counties: list[str] | None = None) -> str:
    """One message from the simulated follower through the dialogue; returns the bot's reply."""
    from bot import state
    from bot.flows import Ctx, run_turn
    from bot.protocol import Inbound

    if user_id is not None:
        sim_person(session_factory, user_id=user_id, counties=counties or [])
    text = text.strip()[:MAX_TEXT]
    msg = Inbound(openid=openid, account=ACCOUNT, kind="text", create_time=int(time.time()),
                  msg_id=secrets.randbelow(10**18) + 1, text=text)
    before = state.load(redis, settings, openid)
    ctx = Ctx(settings=settings, backends=backends, session_factory=session_factory, can_defer=False)
    after, reply = run_turn(ctx, before, msg)
    if user_id is not None:
        sim_person(session_factory, user_id=user_id, counties=counties or [])
    if after != before:
        state.save(redis, settings, openid, after)
    now = fmt_china(utcnow(), "%H:%M:%S")
    _append(redis, settings, openid, [Line("me", text, now), Line("bot", reply or "（机器人没有回复）", now)])
    return reply


def reset(redis: Any, settings: Settings, openid: str) -> None:
    """Forget the simulated conversation and the dialogue's state (a half-done registration, say)."""
    from bot import state

    redis.delete(_log_key(settings, openid), state.state_key(settings, openid))
