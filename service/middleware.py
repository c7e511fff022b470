"""Plain ASGI middleware every route shares: request body caps and the console's security headers.

Plain ASGI rather than ``@app.middleware`` functions: those wrap every WeChat message in an extra
task and stream copy (see ``service.console.CsrfCookieMiddleware``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException

TOO_LARGE = "提交的内容太大"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a streamed body passes its cap (FastAPI re-raises HTTPExceptions)."""

    def __init__(self) -> None:
        super().__init__(413, TOO_LARGE)


class BodyLimit:
    """Refuse a request body over ``limit_for(path)`` bytes before anyone parses it (413, Chinese).

    A declared Content-Length over the cap is answered at once; a chunked body is counted as it
    arrives and stopped at the cap. ``limit_for`` returning None leaves the path alone (/wechat
    keeps its own, smaller cap).
    """

    def __init__(self, app: Any, limit_for: Callable[[str], int | None]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        limit = self.limit_for(scope["path"]) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(scope, send)
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)


async def _refuse(scope: Any, send: Any) -> None:
    if scope["path"].startswith("/console"):
        body = f"<!doctype html><meta charset=utf-8><p>{TOO_LARGE}</p>".encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": TOO_LARGE}, ensure_ascii=False).encode()
        ctype = b"application/json"
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


# Console pages: never framed by another site, no MIME sniffing, no full URL (with ?q=…) leaked onwards.
CONSOLE_HEADERS = [
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]
DOCS_PATHS = ("/docs", "/redoc", "/openapi.json")


class SecurityHeaders:
    """Adds ``CONSOLE_HEADERS`` to every response under /console (and to the API docs pages)."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path.startswith("/console") or path == "/" or path.startswith(DOCS_PATHS)):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in CONSOLE_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
