"""Coordinator console: server-rendered pages for coordinators, province staff and employers.

``router`` gathers every page module; ``setup_app`` mounts the static files and installs the
handlers that turn guard failures into a login redirect or a Chinese 403 page.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from service.console import auth, dashboard, imports, logs, people, postings, reports
from service.console.render import STATIC_DIR, render
from service.console.security import (
    CSRF_COOKIE,
    ConsoleForbidden,
    LoginRequired,
    cookie_options,
    csrf_protect,
)

router = APIRouter(prefix="/console", dependencies=[Depends(csrf_protect)], include_in_schema=False)
for _module in (auth, dashboard, people, postings, logs, imports, reports):
    router.include_router(_module.router)


def setup_app(app: FastAPI) -> None:
    """Static files, the pre-login CSRF cookie, and HTML answers for the console's guard errors."""
    app.mount("/console/static", StaticFiles(directory=STATIC_DIR), name="console-static")

    @app.get("/", include_in_schema=False)
    def _home() -> RedirectResponse:
        return RedirectResponse("/console/", status_code=303)

    @app.middleware("http")
    async def _csrf_cookie(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        token = getattr(request.state, "new_csrf", None)
        if token and not request.cookies.get(CSRF_COOKIE):
            response.set_cookie(CSRF_COOKIE, token, **cookie_options(request))
        return response

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _exc: LoginRequired) -> Response:
        if request.method != "GET":
            return render(request, "error.html", {"message": "登录已过期，请重新登录"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/console/login?next={quote(target)}", status_code=303)

    @app.exception_handler(ConsoleForbidden)
    async def _forbidden(request: Request, exc: ConsoleForbidden) -> Response:
        return render(request, "error.html", {"message": exc.message_zh}, status_code=exc.http_status)
