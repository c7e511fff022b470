"""FastAPI app factory: wires settings, database, Redis and every domain's routes onto one app."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from core import outage
from core.db import make_engine, make_sessionmaker
from core.logging import configure_logging
from core.redis import get_redis, stop_embedded
from core.settings import Settings, get_settings
from jobs_feed.senders.wechat import subscribe_fields
from service.errors import install_error_handlers
from service.middleware import BodyLimit, SecurityHeaders

log = logging.getLogger(__name__)

# "module:attribute" of each domain's APIRouter, included in this order when the module exists.
ROUTERS: list[str] = ["knowledge.views:router", "bot.views:router", "service.console:router", "jobs_feed.views:router", "jobs_feed.push.views:router"]


class InsecureSettings(RuntimeError):
    """A production start with a development secret; the message names the variables to set."""


def refuse_development_secrets(settings: Settings) -> None:
    """Raise InsecureSettings when a deployment would run on a development secret."""
    missing = settings.development_secrets()
    if missing:
        raise InsecureSettings("生产环境不能使用开发用的默认密钥，请先设置环境变量：" + "、".join(missing))


def body_limits(settings: Settings):  # type: ignore[no-untyped-def]
    """Per-path body cap: uploads may be large, /wechat keeps its own cap, everything else is small."""

    def limit_for(path: str) -> int | None:
        if path == "/wechat":
            return None
        if path == "/console/imports":
            return settings.max_upload_bytes
        return settings.max_body_bytes

    return limit_for


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    """Build the whole service for ``settings`` (from the environment when omitted)."""
    settings = settings or get_settings()
    settings.proxy_networks()  # a malformed JIUYE_TRUSTED_PROXIES fails the start, not the first login
    if settings.wechat_subscribe_template_id:  # a bad keyword map fails the start, not every push
        subscribe_fields(settings.wechat_subscribe_fields)
    if settings.is_production:
        refuse_development_secrets(settings)
    settings.ensure_dirs()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.sqlalchemy_url)
        if migrate:
            from core.migrate import upgrade

            upgrade(engine)
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        app.state.redis = get_redis(settings)
        for hook in app.state.startup_hooks:
            hook(app)
        app.state.ready = True
        log.info("jiuye ready (database %s)", engine.url.render_as_string(hide_password=True))
        try:
            yield
        finally:
            app.state.ready = False
            for hook in app.state.shutdown_hooks:
                hook(app)
            engine.dispose()
            if not settings.redis_url:
                stop_embedded(settings)

    docs = settings.docs_enabled  # the API's map is for developers, not for anyone on the internet
    app = FastAPI(title="就业帮扶助手 jiuye", version="0.1.0", lifespan=lifespan, docs_url="/docs" if docs else None,
                  redoc_url="/redoc" if docs else None, openapi_url="/openapi.json" if docs else None)
    app.state.settings = settings
    app.state.ready = False
    app.state.startup_hooks = []
    app.state.shutdown_hooks = []
    install_error_handlers(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        # 503 while starting or shutting down, so a load balancer or check never counts it ready
        if not getattr(app.state, "ready", False):
            return JSONResponse({"status": "starting"}, status_code=503)
        # Redis or the database down: still 200, policy questions are answered without them, and a
        # restart would not bring them back; "down" says which one to see to.
        down = outage.check(app.state.engine, app.state.redis)
        return JSONResponse({"status": "degraded", "down": down} if down else {"status": "ok"})

    for spec in ROUTERS:
        module_name, _, attr = spec.partition(":")
        module = importlib.import_module(module_name)
        app.include_router(getattr(module, attr))
        setup = getattr(module, "setup_app", None)
        if setup:
            setup(app)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limit_for=body_limits(settings))  # outermost: before anything reads
    return app
