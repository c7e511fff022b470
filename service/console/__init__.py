"""Coordinator console: server-rendered pages for coordinators, province staff and employers.

``router`` gathers every page module; ``setup_app`` mounts the static files and installs the
handlers that turn guard failures into a login redirect or a Chinese 403 page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.errors import JiuyeError
from service.console import (
    auth,
    calls,
    chat,
    dashboard,
    imports,
    inbox,
    ledger_pages,
    logs,
    people,
    postings,
    reports,
)
from service.console.render import STATIC_DIR, render
from service.console.security import (
    CSRF_COOKIE,
    ConsoleForbidden,
    LoginRequired,
    cookie_options,
    csrf_protect,
)

router = APIRouter(prefix="/console", dependencies=[Depends(csrf_protect)], include_in_schema=False)
for _module in (auth, dashboard, people, calls, postings, logs, imports, reports, inbox, chat, ledger_pages):
    router.include_router(_module.router)


class CsrfCookieMiddleware:
    """Sets the pre-login CSRF cookie a console page asked for (``request.state.new_csrf``).

    Plain ASGI and only under /console: an ``@app.middleware`` function would wrap every WeChat
    message in an extra task and stream copy, a large share of its time at hundreds a second.
    """

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/console"):
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Any) -> None:
            if message["type"] == "http.response.start":
                token = (scope.get("state") or {}).get("new_csrf")
                request = Request(scope)
                if token and not request.cookies.get(CSRF_COOKIE):
                    carrier = Response()
                    carrier.set_cookie(CSRF_COOKIE, token, **cookie_options(request))
                    cookie = [(k, v) for k, v in carrier.raw_headers if k == b"set-cookie"]
                    message = {**message, "headers": [*message.get("headers", []), *cookie]}
            await send(message)

        await self.app(scope, receive, send_with_cookie)


def setup_app(app: FastAPI) -> None:
    """Static files, the pre-login CSRF cookie, and HTML answers for the console's guard errors."""
    app.mount("/console/static", StaticFiles(directory=STATIC_DIR), name="console-static")

    @app.get("/", include_in_schema=False)
    def _home() -> RedirectResponse:
        return RedirectResponse("/console/", status_code=303)

    app.add_middleware(CsrfCookieMiddleware)

    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, _exc: LoginRequired) -> Response:
        if request.method != "GET":
            return render(request, "error.html", {"message": "登录已过期，请重新登录"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/console/login?next={quote(target)}", status_code=303)

    @app.exception_handler(ConsoleForbidden)
    async def _forbidden(request: Request, exc: ConsoleForbidden) -> Response:
        return render(request, "error.html", {"message": exc.message_zh}, status_code=exc.http_status)

    # Under /console people read pages, not JSON: unknown paths, bad query parameters and any other
    # named error get the Chinese error page. Elsewhere the app's own handlers answer as before.
    api_error = app.exception_handlers.get(JiuyeError)
    api_invalid = app.exception_handlers.get(RequestValidationError)

    def _is_console(request: Request) -> bool:
        return request.url.path == "/console" or request.url.path.startswith("/console/")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not _is_console(request):
            return await http_exception_handler(request, exc)
        message = HTTP_MESSAGES.get(exc.status_code, "请求有误")
        return render(request, "error.html", {"message": message}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if not _is_console(request) and api_invalid is not None:
            return await api_invalid(request, exc)  # type: ignore[misc,no-any-return]
        return render(request, "error.html", {"message": "网址中的参数有误，请从页面上的链接或按钮进入"},
                      status_code=422)

    @app.exception_handler(JiuyeError)
    async def _named_error(request: Request, exc: JiuyeError) -> Response:
        if not _is_console(request) and api_error is not None:
            return await api_error(request, exc)  # type: ignore[misc,no-any-return]
        return render(request, "error.html", {"message": exc.message_zh}, status_code=exc.http_status)


HTTP_MESSAGES = {404: "没有这个页面", 405: "不能这样打开这个页面", 413: "提交的内容太大"}
