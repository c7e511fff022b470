"""GET/POST /wechat: the official account's server URL. Thin: protocol and dialogue live elsewhere."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response

from bot.backends import Backends
from bot.dedup import same_body_or_new
from bot.handler import handle
from bot.protocol import SUCCESS, ProtocolError, decode_request, verify_url, wrap

log = logging.getLogger(__name__)
router = APIRouter(tags=["wechat"])
WORKER_THREADS = 32  # blocking Redis/DB work runs here, never on the event loop


def setup_app(app: FastAPI) -> None:
    """Bot state on the app; the knowledge answerer is loaded before the service reports ready."""
    app.state.bot_executor = None

    def start(app: FastAPI) -> None:
        app.state.bot_backends = Backends(app.state.settings)
        app.state.bot_backends.warm()
        app.state.bot_executor = ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="wechat")

    def stop(app: FastAPI) -> None:
        if app.state.bot_executor is not None:
            app.state.bot_executor.shutdown(wait=True)

    app.state.startup_hooks.append(start)
    app.state.shutdown_hooks.append(stop)


def _plain(status: int, text: str = "") -> PlainTextResponse:
    return PlainTextResponse(text, status_code=status)


@router.get("/wechat", include_in_schema=False)
def verify(request: Request) -> PlainTextResponse:
    """URL verification: echo ``echostr`` verbatim when the signature is ours."""
    try:
        return _plain(200, verify_url(request.app.state.settings, request.query_params))
    except ProtocolError as exc:
        log.warning("wechat GET refused: %s", exc.detail)
        return _plain(exc.status, "signature mismatch")


async def _read_capped(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it exceeds ``limit`` (nothing more is read)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@router.post("/wechat", include_in_schema=False)
async def receive(request: Request) -> Response:
    """A message or event from WeChat; the reply is given within WeChat's 5 s or sent later."""
    app: Any = request.app
    settings = app.state.settings
    body = await _read_capped(request, settings.wechat_max_body)
    if body is None:
        return _plain(400, "body too large")
    try:
        req = decode_request(settings, request.query_params, body)
    except ProtocolError as exc:
        log.warning("wechat POST refused (%s): %s", exc.status, exc.detail)
        return _plain(exc.status, "bad request" if exc.status == 400 else "signature mismatch")
    if not req.encrypted and not same_body_or_new(app.state.redis, settings, req.timestamp, req.nonce, body):
        log.warning("wechat POST refused (403): signed query replayed with another body")
        return _plain(403, "signature mismatch")
    fut: Future[str] = app.state.bot_executor.submit(
        handle, settings, app.state.redis, app.state.sessionmaker, app.state.bot_backends, req.message
    )
    try:
        reply = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(fut)), settings.wechat_reply_budget)
    except TimeoutError:
        # too slow for a passive reply: acknowledge now, the finished reply goes out from the queue
        fut.add_done_callback(lambda f: _send_late(app, req.message.dedup_key, f))
        reply = SUCCESS
    xml = wrap(settings, req, reply)
    return Response(xml, media_type="application/xml" if xml.startswith("<") else "text/plain")


def _send_late(app: Any, dedup_key: str, fut: Future[str]) -> None:
    if fut.cancelled() or fut.exception() is not None:
        log.error("late wechat reply failed for %s", dedup_key, exc_info=fut.exception())
        return
    from bot.jobs import enqueue_send_stored

    enqueue_send_stored(app.state.settings, app.state.redis, dedup_key)
