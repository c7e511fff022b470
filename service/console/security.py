"""Console security as FastAPI dependencies: signed sessions, CSRF, login rate limit, role guards.

The session is an itsdangerous-signed cookie carrying the user id, a fingerprint of the password hash
(so a password change ends old sessions), the CSRF token and a random session id that must also be
live in Redis: logout deletes it, so a copied cookie dies with the logout. Every console POST
must echo the CSRF token: before login it is checked against the ``jiuye_csrf`` cookie
(double-submit), after login also against the token bound into the session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Depends, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.deps import SessionDep
from core.errors import Forbidden, JiuyeError
from core.redis import key as redis_key
from core.settings import Settings
from service.models import User

SESSION_COOKIE = "jiuye_session"
CSRF_COOKIE = "jiuye_csrf"
CSRF_FIELD = "csrf_token"
SESSION_MAX_AGE = 12 * 3600
LOGIN_MAX_FAILURES = 5
LOGIN_WINDOW = 15 * 60

_hasher = PasswordHasher()


class ConsoleForbidden(Forbidden):
    """Shown as a Chinese HTML page rather than JSON (handler installed by the console)."""


class LoginRequired(JiuyeError):
    http_status = 401
    message_zh = "请先登录"


class CsrfRejected(ConsoleForbidden):
    message_zh = "页面已过期或来源不明，请刷新后重试"


class TooManyAttempts(JiuyeError):
    http_status = 429
    message_zh = "登录失败次数过多，请15分钟后再试"


# --- passwords ------------------------------------------------------------------------------
def hash_password(password: str) -> str:
    """Argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; never raises on a malformed hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(db: Session, username: str, password: str) -> User | None:
    """The active user with these credentials, else None (same work whether or not the name exists)."""
    user = db.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        _hasher.hash(password)  # keep timing alike for unknown names
        return None
    return user if verify_password(user.password_hash, password) else None


# --- sessions -------------------------------------------------------------------------------
def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.secret_key.get_secret_value(), salt="jiuye-console-session")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def _session_key(settings: Settings, sid: object) -> str:
    return redis_key(settings, "console", "session", str(sid))


def make_session(settings: Settings, redis: Any, user: User, csrf: str) -> str:
    """Signed cookie value for a fresh login; its session id is live in Redis until logout or expiry."""
    sid = secrets.token_urlsafe(18)
    redis.set(_session_key(settings, sid), str(user.id), ex=SESSION_MAX_AGE)
    return _serializer(settings).dumps({"uid": user.id, "fp": _fingerprint(user), "csrf": csrf, "sid": sid})


def end_session(settings: Settings, redis: Any, raw: str | None) -> None:
    """Revoke the session a cookie carries (logout): the same cookie is refused from now on."""
    session = read_session(settings, raw)
    if session and session.get("sid"):
        redis.delete(_session_key(settings, session["sid"]))


def session_live(settings: Settings, redis: Any, session: dict[str, Any]) -> bool:
    """True while the session id is in Redis for this very user."""
    sid = session.get("sid")
    if not sid:
        return False
    owner = redis.get(_session_key(settings, sid))
    return owner is not None and (owner.decode() if isinstance(owner, bytes) else str(owner)) == str(session.get("uid"))


def read_session(settings: Settings, raw: str | None) -> dict[str, Any] | None:
    if not raw:
        return None
    try:
        data = _serializer(settings).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return None
    return data if isinstance(data, dict) else None


def cookie_options(request: Request) -> dict[str, Any]:
    """HttpOnly, SameSite=Lax, and Secure whenever the page came over https (directly or via a proxy)."""
    proto = request.headers.get("x-forwarded-proto", request.url.scheme)
    return {"httponly": True, "samesite": "lax", "secure": proto == "https", "path": "/"}


def csrf_token(request: Request) -> str:
    """The token forms must echo: the session's when logged in, else the pre-login cookie's."""
    session = getattr(request.state, "console_session", None)
    if session and session.get("csrf"):
        return str(session["csrf"])
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "new_csrf", None)
    if not token:
        token = new_csrf_token()
        request.state.new_csrf = token  # the middleware sets the cookie on the way out
    return str(token)


async def csrf_protect(request: Request) -> None:
    """Reject any state-changing request whose form field or header does not carry the token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.headers.get("x-csrf-token")
    if not sent:
        ctype = request.headers.get("content-type", "")
        if "form" in ctype:
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    cookie = request.cookies.get(CSRF_COOKIE)
    if not sent or not cookie or not hmac.compare_digest(sent, cookie):
        raise CsrfRejected("csrf token missing or wrong")
    session = read_session(request.app.state.settings, request.cookies.get(SESSION_COOKIE))
    if session and not hmac.compare_digest(sent, str(session.get("csrf", ""))):
        raise CsrfRejected("csrf token does not belong to this session")


# --- login rate limit -----------------------------------------------------------------------
def _attempt_key(settings: Settings, username: str, ip: str) -> str:
    who = hashlib.sha256(f"{username.strip().lower()}|{ip}".encode()).hexdigest()[:24]
    return redis_key(settings, "console", "login-fail", who)


def check_login_allowed(redis: Any, settings: Settings, username: str, ip: str) -> None:
    """Raise TooManyAttempts once this name has failed too often from this address."""
    count = redis.get(_attempt_key(settings, username, ip))
    if count is not None and int(count) >= LOGIN_MAX_FAILURES:
        raise TooManyAttempts(f"login blocked for {username!r}")


def record_login_failure(redis: Any, settings: Settings, username: str, ip: str) -> None:
    k = _attempt_key(settings, username, ip)
    pipe = redis.pipeline()
    pipe.incr(k)
    pipe.expire(k, LOGIN_WINDOW)
    pipe.execute()


def clear_login_failures(redis: Any, settings: Settings, username: str, ip: str) -> None:
    redis.delete(_attempt_key(settings, username, ip))


@dataclass(frozen=True)
class Viewer:
    """What pages show about the logged-in user; plain data, so error pages render after a rollback."""

    username: str
    display_name: str
    role: str
    role_name: str
    county_codes: list[str]


# --- guards ---------------------------------------------------------------------------------
def optional_user(request: Request, db: SessionDep) -> User | None:
    """The logged-in user, or None."""
    settings = request.app.state.settings
    session = read_session(settings, request.cookies.get(SESSION_COOKIE))
    if not session or not session_live(settings, request.app.state.redis, session):
        return None
    user = db.get(User, session.get("uid"))
    if user is None or not user.active or session.get("fp") != _fingerprint(user):
        return None
    request.state.console_session = session
    request.state.console_viewer = Viewer(user.username, user.display_name, user.role, user.role_name,
                                          list(user.county_codes or []))
    return user


def current_user(user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise LoginRequired("no valid session")
    return user


def current_coordinator(user: Annotated[User, Depends(current_user)]) -> User:
    """Admins and coordinators (people pages); employers are refused."""
    if user.role not in ("admin", "coordinator"):
        raise ConsoleForbidden(f"role {user.role} may not see people")
    return user


def current_admin(user: Annotated[User, Depends(current_user)]) -> User:
    if user.role != "admin":
        raise ConsoleForbidden(f"role {user.role} is not admin")
    return user


OptionalUser = Annotated[User | None, Depends(optional_user)]
CurrentUser = Annotated[User, Depends(current_user)]
CurrentCoordinator = Annotated[User, Depends(current_coordinator)]
CurrentAdmin = Annotated[User, Depends(current_admin)]


# --- scope ----------------------------------------------------------------------------------
def county_scope(user: User) -> list[str] | None:
    """Counties this user may see; None means the whole province."""
    if user.role == "admin":
        return None
    if user.role == "coordinator":
        return list(user.county_codes or [])
    return []


def check_county(user: User, county_code: str | None) -> None:
    """Raise ConsoleForbidden when ``county_code`` lies outside the user's counties."""
    scope = county_scope(user)
    if scope is not None and county_code not in scope:
        raise ConsoleForbidden(f"user {user.username} may not see county {county_code}")


class ConsoleNotFound(ConsoleForbidden):
    """A missing person or posting, shown as a Chinese HTML page."""

    http_status = 404
    message_zh = "没有找到"
