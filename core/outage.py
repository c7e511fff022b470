"""Redis or the database unreachable: what counts as that, one warning a minute, and a live check.

The service keeps answering what needs neither (policy questions) while a dependency is down; a
traceback per message would bury the one line an operator needs.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import redis
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

log = logging.getLogger("jiuye.outage")
WARN_EVERY_S = 60.0
CHECK_TIMEOUT_S = 2.0
# Errors that mean "cannot reach it", not "our query is wrong": those must still fail loudly.
UNREACHABLE: tuple[type[BaseException], ...] = (
    redis.ConnectionError, redis.TimeoutError, OperationalError, InterfaceError, ConnectionError, TimeoutError,
)

_lock = threading.Lock()
_last_warned: dict[str, float] = {}


def which(exc: BaseException) -> str:
    """The dependency an UNREACHABLE error is about."""
    return "redis" if isinstance(exc, redis.RedisError) else "database"


def note(exc: BaseException, doing: str) -> None:
    """Log that a dependency is unreachable: at most one warning per dependency a minute, no traceback."""
    dependency = which(exc)
    now = time.monotonic()
    with _lock:
        last = _last_warned.get(dependency)
        if last is not None and now - last < WARN_EVERY_S:
            return
        _last_warned[dependency] = now
    log.warning("%s unreachable (%s: %s); %s", dependency, type(exc).__name__, str(exc)[:200], doing)


def recovered(dependency: str) -> None:
    """Forget an outage once the dependency answers again, so the next one is reported at once."""
    with _lock:
        if _last_warned.pop(dependency, None) is not None:
            log.warning("%s reachable again", dependency)


def check(engine: Engine | None, client: Any) -> list[str]:
    """The dependencies that do not answer right now (``[]`` when all do); never raises."""
    down = []
    try:
        client.ping()
        recovered("redis")
    except (redis.RedisError, OSError):
        down.append("redis")
    if engine is not None:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            recovered("database")
        except (OperationalError, InterfaceError, OSError):
            down.append("database")
    return down
