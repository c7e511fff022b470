"""Outbound WeChat API client shared by every process (bot replies, menus, pushes).

One access token lives in Redis (wechatpy session storage) and is fetched behind a Redis lock, so
N processes fetch it once, not N times. Every HTTP call has an explicit timeout. The helpers return
an ``ApiResult`` instead of raising, so callers can fall through to SMS on 43004 (not following),
45015 (outside the 48-hour customer-service window) and 45047 (too many messages).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

import redis
import requests
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session.redisstorage import RedisStorage

from core.redis import get_redis, key
from core.settings import Settings

log = logging.getLogger(__name__)

# errcodes after which a push should try another channel instead of retrying WeChat
NOT_FOLLOWING = 43004
OUTSIDE_WINDOW = 45015
TOO_MANY = 45047
NOT_SUBSCRIBED = 43101  # subscription message: the follower has not agreed (or used the allowance)
FALL_THROUGH = frozenset({NOT_FOLLOWING, OUTSIDE_WINDOW, TOO_MANY, NOT_SUBSCRIBED})
NETWORK_ERROR = -2  # our own code: no usable HTTP answer
# refresh a little before WeChat's 7200 s expiry so no caller ever holds a dying token
TOKEN_MARGIN_S = 300


@dataclass(frozen=True)
class ApiResult:
    """What WeChat answered: ``errcode`` 0 is success; ``msgid`` when the API returns one."""

    errcode: int
    errmsg: str = "ok"
    msgid: int | None = None

    @property
    def ok(self) -> bool:
        return self.errcode == 0

    @property
    def fall_through(self) -> bool:
        return self.errcode in FALL_THROUGH


class _TimeoutSession(requests.Session):
    """requests session that never waits forever (wechatpy's token fetch passes no timeout)."""

    def __init__(self, timeout: float):
        super().__init__()
        self.default_timeout = timeout

    def request(self, method: str, url: str | bytes, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kwargs)


class SharedTokenClient(WeChatClient):
    """wechatpy ``WeChatClient`` whose token is shared through Redis and fetched under a lock."""

    def __init__(self, settings: Settings, redis_client: redis.Redis):
        storage = RedisStorage(redis_client, prefix=key(settings, "wechat"))
        timeout = settings.wechat_api_timeout
        super().__init__(
            settings.wechat_app_id,
            settings.wechat_app_secret.get_secret_value(),
            session=storage,
            timeout=timeout,
        )
        self.API_BASE_URL = settings.wechat_api_base.rstrip("/") + "/cgi-bin/"
        self._http = _TimeoutSession(timeout)
        self._redis = redis_client
        self._lock_name = key(settings, "wechat", "token_lock", settings.wechat_app_id)
        self._lock_wait = timeout * 2

    @property
    def access_token(self) -> str:
        token = self.session.get(self.access_token_key)
        if token:
            return token
        with self._redis.lock(self._lock_name, timeout=self._lock_wait + 5, blocking_timeout=self._lock_wait):
            token = self.session.get(self.access_token_key)  # another process may have fetched it
            if not token:
                self.fetch_access_token()
                token = self.session.get(self.access_token_key)
        return token

    def fetch_access_token(self) -> dict[str, Any]:
        """Fetch from ``api_base`` (wechatpy hard-codes api.weixin.qq.com) and store with a margin."""
        res = self._http.get(
            self.API_BASE_URL + "token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )
        res.raise_for_status()
        result = res.json()
        if result.get("errcode"):
            raise WeChatClientException(result["errcode"], result.get("errmsg", ""), client=self)
        expires_in = int(result.get("expires_in", 7200))
        ttl = max(expires_in - TOKEN_MARGIN_S, 60)
        self.session.set(self.access_token_key, result["access_token"], ttl)
        log.info("wechat access token fetched (valid %ss)", expires_in)
        return result


_clients: dict[tuple[str, ...], SharedTokenClient] = {}
_clients_lock = threading.Lock()


def get_client(settings: Settings, redis_client: redis.Redis | None = None) -> SharedTokenClient:
    """A client per (api base, app id, Redis prefix), reused so its HTTP connections are kept."""
    ident = (settings.wechat_api_base, settings.wechat_app_id, settings.redis_prefix, str(settings.redis_url))
    with _clients_lock:
        client = _clients.get(ident)
        if client is None or redis_client is not None:
            client = SharedTokenClient(settings, redis_client or get_redis(settings))
            _clients[ident] = client
        return client


def _call(what: str, fn: Any, *args: Any, **kwargs: Any) -> ApiResult:
    try:
        res = fn(*args, **kwargs)
    except WeChatClientException as exc:
        code = exc.errcode if exc.errcode is not None else NETWORK_ERROR
        log.warning("wechat %s failed: %s %s", what, code, exc.errmsg)
        return ApiResult(int(code), str(exc.errmsg or ""))
    except (requests.RequestException, redis.exceptions.LockError, ValueError) as exc:
        log.warning("wechat %s failed: %s", what, exc)
        return ApiResult(NETWORK_ERROR, str(exc))
    res = res if isinstance(res, dict) else {}
    return ApiResult(int(res.get("errcode", 0)), str(res.get("errmsg", "ok")), res.get("msgid"))


def send_text(settings: Settings, openid: str, text: str, *, client: SharedTokenClient | None = None) -> ApiResult:
    """Customer-service text message (only inside the 48-hour window after the user's last message)."""
    client = client or get_client(settings)
    return _call("send_text", client.message.send_text, openid, text)


def send_template(
    settings: Settings,
    openid: str,
    template_id: str,
    data: dict[str, Any],
    *,
    url: str | None = None,
    client: SharedTokenClient | None = None,
) -> ApiResult:
    """Template message; ``data`` is ``{"field": {"value": "..."}}`` as WeChat expects."""
    client = client or get_client(settings)
    return _call("send_template", client.message.send_template, openid, template_id, data, url=url)


def send_subscribe(
    settings: Settings,
    openid: str,
    template_id: str,
    data: dict[str, Any],
    *,
    client: SharedTokenClient | None = None,
) -> ApiResult:
    """Subscription message (订阅通知, ``message/subscribe/bizsend``); needs the follower's 同意."""
    client = client or get_client(settings)
    return _call("send_subscribe", client.message.send_subscribe_message, openid, template_id, data)


def create_menu(settings: Settings, menu: dict[str, Any], *, client: SharedTokenClient | None = None) -> ApiResult:
    """Create (replace) the account's custom menu."""
    client = client or get_client(settings)
    return _call("create_menu", client.menu.create, menu)
