"""Conversation state per follower: a small JSON dict in Redis that expires when abandoned."""

from __future__ import annotations

import json
from typing import Any

import redis

from core.redis import key
from core.settings import Settings


def state_key(settings: Settings, openid: str) -> str:
    return key(settings, "bot", "state", openid)


def turn_key(settings: Settings, openid: str) -> str:
    """Held while one of the sender's messages is being handled."""
    return key(settings, "bot", "turn", openid)


def load(redis_client: redis.Redis, settings: Settings, openid: str) -> dict[str, Any]:
    """The follower's state, ``{}`` when none (or when it expired)."""
    return decode(redis_client.get(state_key(settings, openid)))


def decode(raw: bytes | str | None) -> dict[str, Any]:
    """Stored JSON → state dict (anything unreadable counts as no state)."""
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def save(pipe: redis.Redis, settings: Settings, openid: str, state: dict[str, Any]) -> None:
    """Store (with expiry) or drop the state; ``pipe`` may be a pipeline."""
    if state:
        pipe.set(state_key(settings, openid), json.dumps(state, ensure_ascii=False), ex=settings.wechat_state_ttl)
    else:
        pipe.delete(state_key(settings, openid))


# The last exchanges of a conversation, so a 人工 ticket shows the coordinator what led to it.
RECENT_TURNS = 8
RECENT_TTL_S = 7 * 24 * 3600
RECENT_CHARS = 300  # per message: a pasted essay is cut, the gist stays


def recent_key(settings: Settings, openid: str) -> str:
    return key(settings, "bot", "recent", openid)


def note_exchange(pipe: redis.Redis, settings: Settings, openid: str, *, at: str, said: str, replied: str) -> None:
    """Queue on ``pipe``: keep this message and the reply among the sender's last exchanges."""
    rkey = recent_key(settings, openid)
    entry = {"at": at, "said": said[:RECENT_CHARS], "replied": replied[:RECENT_CHARS]}
    pipe.rpush(rkey, json.dumps(entry, ensure_ascii=False))
    pipe.ltrim(rkey, -RECENT_TURNS, -1)
    pipe.expire(rkey, RECENT_TTL_S)


def recent(redis_client: redis.Redis, settings: Settings, openid: str) -> list[dict[str, str]]:
    """The sender's last exchanges, oldest first (entries that cannot be read are left out)."""
    out = []
    for raw in redis_client.lrange(recent_key(settings, openid), 0, -1):
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append({k: str(entry.get(k, "")) for k in ("at", "said", "replied")})
    return out
