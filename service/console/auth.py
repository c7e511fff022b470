"""Login and logout pages."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from core.deps import RedisDep, SessionDep, SettingsDep, client_ip
from core.timeutil import utcnow
from service.console.render import render
from service.console.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    OptionalUser,
    TooManyAttempts,
    authenticate,
    check_login_allowed,
    clear_login_failures,
    cookie_options,
    end_session,
    make_session,
    new_csrf_token,
    record_login_failure,
)

log = logging.getLogger(__name__)
router = APIRouter()


def _safe_next(target: str | None) -> str:
    # Only same-site paths: never let ?next= send people to another site.
    if target and target.startswith("/console") and not target.startswith("//"):
        return target
    return "/console/"


@router.get("/login")
def login_page(request: Request, user: OptionalUser, next: str = "") -> Response:  # noqa: A002
    if user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", {"next": next, "error": ""})


@router.post("/login")
def login(
    request: Request,
    db: SessionDep,
    redis: RedisDep,
    settings: SettingsDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "",  # noqa: A002
) -> Response:
    ip = client_ip(request)
    try:
        check_login_allowed(redis, settings, username, ip)
    except TooManyAttempts as exc:
        log.warning("console login blocked for %r from %s", username, ip)
        return render(request, "login.html", {"next": next, "error": exc.message_zh, "username": username},
                      status_code=429)
    user = authenticate(db, username, password)
    if user is None:
        record_login_failure(redis, settings, username, ip)
        log.info("console login failed for %r from %s", username, ip)
        return render(request, "login.html", {"next": next, "error": "用户名或密码不对", "username": username},
                      status_code=400)
    clear_login_failures(redis, settings, username, ip)
    user.last_login_at = utcnow()
    csrf = new_csrf_token()
    response = RedirectResponse(_safe_next(next), status_code=303)
    opts = cookie_options(request)
    response.set_cookie(SESSION_COOKIE, make_session(settings, redis, user, csrf), max_age=SESSION_MAX_AGE, **opts)
    response.set_cookie(CSRF_COOKIE, csrf, **opts)
    log.info("console login: %s (%s)", user.username, user.role)
    return response


@router.post("/logout")
def logout(request: Request, redis: RedisDep, settings: SettingsDep) -> Response:
    end_session(settings, redis, request.cookies.get(SESSION_COOKIE))  # the cookie itself dies server-side
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response
