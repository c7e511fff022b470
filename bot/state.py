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
