"""Queue jobs for replies that could not be given within WeChat's 5 s: they take message keys only."""

from __future__ import annotations

import json
import logging

import redis
import xmltodict

from core.redis import key
from core.settings import Settings

log = logging.getLogger(__name__)


def _queue(settings: Settings, redis_client: redis.Redis):  # type: ignore[no-untyped-def]
    """The push queue, so the worker ``jiuye serve`` embeds (or ``jiuye worker``) runs these jobs too."""
    from bot.backends import optional

    get_queue = optional("jobs_feed.push.tasks", "get_queue")
    if get_queue is not None:
        return get_queue(settings, redis_client)
    from rq import Queue

    return Queue(key(settings, "bot"), connection=redis_client)


def enqueue_reply_later(settings: Settings, redis_client: redis.Redis, dedup_key: str) -> None:
    """Run the dialogue for a stored message in a worker and send the reply."""
    _queue(settings, redis_client).enqueue(reply_later, dedup_key, job_timeout=120, retry=_retry())


def enqueue_send_stored(settings: Settings, redis_client: redis.Redis, dedup_key: str) -> None:
    """Send a reply that was ready only after we had already answered ``success``."""
    _queue(settings, redis_client).enqueue(send_stored_reply, dedup_key, job_timeout=60, retry=_retry())


def _retry():  # type: ignore[no-untyped-def]
    from rq import Retry

    return Retry(max=3, interval=[10, 30, 60])


def _runtime():  # type: ignore[no-untyped-def]
    """Settings, Redis and a session factory for a worker process (built once per process)."""
    from core.db import make_engine, make_sessionmaker
    from core.redis import get_redis
    from core.settings import get_settings

    global _RUNTIME
    if _RUNTIME is None:
        settings = get_settings()
        from bot.backends import Backends

        _RUNTIME = (settings, get_redis(settings), make_sessionmaker(make_engine(settings.sqlalchemy_url)), Backends(settings))
    return _RUNTIME


_RUNTIME = None


def _send(settings: Settings, openid: str, reply_xml: str) -> None:
    from core.wechat import send_text

    content = xmltodict.parse(reply_xml)["xml"].get("Content") or ""
    if not content:
        return
    result = send_text(settings, openid, content)
    if not result.ok and not result.fall_through:
        raise RuntimeError(f"customer-service message failed: {result.errcode} {result.errmsg}")  # RQ retries
    if not result.ok:
        log.warning("reply to %s not delivered: %s %s", openid, result.errcode, result.errmsg)


def reply_later(dedup_key: str) -> None:
    """Job: the dialogue for a deferred message, then its reply as a customer-service message."""
    from bot.handler import deferred_key, run_dialogue
    from bot.protocol import SUCCESS, to_inbound

    settings, redis_client, session_factory, backends = _runtime()
    raw = redis_client.get(deferred_key(settings, dedup_key))
    if raw is None:
        log.warning("deferred message %s expired before a worker took it", dedup_key)
        return
    msg = to_inbound(json.loads(raw))
    reply = run_dialogue(settings, redis_client, session_factory, backends, msg, can_defer=False)
    if reply != SUCCESS:
        _send(settings, msg.openid, reply)
    redis_client.delete(deferred_key(settings, dedup_key))


def send_stored_reply(dedup_key: str) -> None:
    """Job: send the reply stored for a message we had to acknowledge with ``success``."""
    from bot import dedup
    from bot.protocol import SUCCESS

    settings, redis_client, _, _ = _runtime()
    reply = dedup.stored(redis_client, settings, dedup_key)
    if not reply or reply == SUCCESS:
        return
    openid = xmltodict.parse(reply)["xml"].get("ToUserName") or ""
    _send(settings, openid, reply)
