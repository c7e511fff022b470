"""WeChat retries an unanswered message about every 5 s, three times: each is handled once.

The first attempt claims the message's key (MsgId, or sender + CreateTime for events); retries never
run the work again and get the first attempt's reply once it is stored.
"""

from __future__ import annotations

import hashlib
import logging
import time

import redis

from core import outage
from core.redis import key
from core.settings import Settings

log = logging.getLogger(__name__)
PENDING = b"\x00pending"
POLL_S = 0.05
TURN_MS = 10_000  # a crashed worker's turn frees itself after this


def _key(settings: Settings, dedup_key: str) -> str:
    return key(settings, "bot", "dedup", dedup_key)


def claim_and_load(
    redis_client: redis.Redis, settings: Settings, dedup_key: str, state_key: str, turn_key: str
) -> tuple[bool, bool, bytes | str | None]:
    """One round trip: (first attempt?, got the sender's turn?, the sender's raw state).

    The turn serialises one sender's messages, so two quick messages never both start from the same
    state (the second would undo the first's step).
    """
    pipe = redis_client.pipeline(transaction=False)
    pipe.set(_key(settings, dedup_key), PENDING, nx=True, ex=settings.wechat_dedup_ttl)
    pipe.set(turn_key, 1, nx=True, px=TURN_MS)
    pipe.get(state_key)
    claimed, turn, raw = pipe.execute()
    return bool(claimed), bool(turn), raw


def wait_turn(redis_client: redis.Redis, turn_key: str, state_key: str, timeout: float) -> bytes | str | None:
    """Wait (bounded) for the sender's previous message to finish; then read the state it left."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not redis_client.set(turn_key, 1, nx=True, px=TURN_MS):
        time.sleep(POLL_S / 5)
    return redis_client.get(state_key)


def store(pipe: redis.Redis, settings: Settings, dedup_key: str, reply: str) -> None:
    """Keep the plaintext reply for retries (encrypted afresh per attempt); ``pipe`` may be a pipeline."""
    pipe.set(_key(settings, dedup_key), reply.encode("utf-8"), ex=settings.wechat_dedup_ttl)


def release(redis_client: redis.Redis, settings: Settings, dedup_key: str) -> None:
    """Forget a claim whose work failed, so WeChat's retry can try again."""
    redis_client.delete(_key(settings, dedup_key))


def stored(redis_client: redis.Redis, settings: Settings, dedup_key: str) -> str | None:
    """The stored reply, or None while the first attempt is still working (or unknown)."""
    raw = redis_client.get(_key(settings, dedup_key))
    if raw is None or raw == PENDING:
        return None
    return raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)


def wait(redis_client: redis.Redis, settings: Settings, dedup_key: str, timeout: float) -> str | None:
    """Poll for the first attempt's reply for up to ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        reply = stored(redis_client, settings, dedup_key)
        if reply is not None or time.monotonic() >= deadline:
            return reply
        time.sleep(POLL_S)


def same_body_or_new(redis_client: redis.Redis, settings: Settings, timestamp: str, nonce: str, body: bytes) -> bool:
    """Plaintext mode: the signature covers (timestamp, nonce) but not the body. Remember each pair
    with a hash of its body for the clock-skew window: the same body again is WeChat's retry (True,
    answered as before); another body under a used pair is a replay (False, refused).
    """
    k = key(settings, "bot", "sig", timestamp, nonce)
    digest = hashlib.sha256(body).hexdigest().encode()
    try:
        pipe = redis_client.pipeline(transaction=False)
        pipe.set(k, digest, nx=True, ex=max(settings.wechat_max_clock_skew, 60) * 2)
        pipe.get(k)
        _, seen = pipe.execute()
    except outage.UNREACHABLE as exc:  # no Redis: the reply comes without state (bot.degraded)
        outage.note(exc, "replay check skipped")
        return True
    return seen is None or seen == digest
