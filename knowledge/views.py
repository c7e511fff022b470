"""Policy questions over HTTP: ``POST /api/v1/ask`` → the same JSON as ``jiuye ask --jsonl``."""

from __future__ import annotations

import logging
import secrets
import time
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from pydantic import BaseModel, Field

from core.deps import RedisDep, SessionDep, SettingsDep, client_ip
from core.errors import JiuyeError
from core.redis import key
from core.settings import Settings
from knowledge.service import get_answerer, record_unanswered, worth_recording

log = logging.getLogger(__name__)
router = APIRouter(tags=["knowledge"])


class AskIn(BaseModel):
    q: str = Field("", max_length=20000, description="问题")


class TooManyQuestions(JiuyeError):
    http_status = 429
    message_zh = "提问太频繁，请一分钟后再试"


def _rate_limit(request: Request, redis: Any, settings: Settings) -> None:
    """At most ``ask_rate_per_minute`` anonymous questions in any 60 seconds from one client address.

    A sliding window (a sorted set of request times): a clock-minute counter let twice the limit through
    across a minute boundary.
    """
    limit = settings.ask_rate_per_minute
    if limit <= 0:
        return
    now = time.time()
    k = key(settings, "ask", "rate", client_ip(request) or "unknown")
    pipe = redis.pipeline(transaction=True)
    pipe.zremrangebyscore(k, 0, now - 60)
    pipe.zcard(k)
    if int(pipe.execute()[1]) >= limit:  # refused requests are not stored: the set never outgrows the limit
        raise TooManyQuestions(f"ask rate over {limit}/min")
    pipe.zadd(k, {f"{now:.6f}:{secrets.token_hex(4)}": now})
    pipe.expire(k, 61)
    pipe.execute()


@router.post("/api/v1/ask")
def ask(body: AskIn, request: Request, session: SessionDep, settings: SettingsDep, redis: RedisDep) -> dict:
    """Answer one policy question; a "don't know" is recorded for coordinators. Rate-limited per client."""
    _rate_limit(request, redis, settings)
    ans = get_answerer(settings).answer(body.q)
    if ans.fallback and worth_recording(body.q):
        record_unanswered(session, question=body.q, channel="api")
    return ans.to_dict()


def setup_app(app: FastAPI) -> None:
    """Load (or build) the index while the service starts, so the first question is fast."""

    def warm(app: FastAPI) -> None:
        try:
            get_answerer(app.state.settings)
        except Exception:  # questions then load it on demand (and log why it failed)
            log.exception("knowledge index failed to load at start-up")

    app.state.startup_hooks.append(warm)
