"""FastAPI app factory: wires settings, database, Redis and every domain's routes onto one app."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from core.db import make_engine, make_sessionmaker
from core.logging import configure_logging
from core.redis import get_redis, stop_embedded
from core.settings import Settings, get_settings
from service.errors import install_error_handlers

log = logging.getLogger(__name__)

# "module:attribute" of each domain's APIRouter, included in this order when the module exists.
ROUTERS: list[str] = ["knowledge.views:router", "bot.views:router", "service.console:router", "jobs_feed.views:router", "jobs_feed.push.views:router"]


def create_app(settings: Settings | None = None, *, migrate: bool = True) -> FastAPI:
    """Build the whole service for ``settings`` (from the environment when omitted)."""
    settings = settings or get_settings()
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

    app = FastAPI(title="就业帮扶助手 jiuye", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    app.state.ready = False
    app.state.startup_hooks = []
    app.state.shutdown_hooks = []
    install_error_handlers(app)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        # 503 while starting or shutting down, so a load balancer or check never counts it ready
        ready = bool(getattr(app.state, "ready", False))
        return JSONResponse({"status": "ok" if ready else "starting"}, status_code=200 if ready else 503)

    for spec in ROUTERS:
        module_name, _, attr = spec.partition(":")
        module = importlib.import_module(module_name)
        app.include_router(getattr(module, attr))
        setup = getattr(module, "setup_app", None)
        if setup:
            setup(app)
    return app
