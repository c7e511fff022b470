"""core.wechat against a real loopback HTTP server speaking WeChat's API, with real Redis."""

from __future__ import annotations

import threading
import time

import pytest
from pydantic import SecretStr

from core import wechat
from core.redis import get_redis
from tests.bot.wechat_server import FakeWeChat


@pytest.fixture()
def fake():
    with FakeWeChat() as server:
        yield server


@pytest.fixture()
def api_settings(settings, fake, redis_client):
    settings.wechat_api_base = fake.base
    settings.wechat_app_id = fake.appid
    settings.wechat_app_secret = SecretStr(fake.secret)
    settings.wechat_api_timeout = 1.0
    return settings


def test_two_processes_share_one_token(api_settings, fake):
    # two clients with their own Redis connections stand for two processes
    clients = [wechat.SharedTokenClient(api_settings, get_redis(api_settings)) for _ in range(2)]
    results: list[wechat.ApiResult] = []

    def send(c: wechat.SharedTokenClient, i: int) -> None:
        results.append(wechat.send_text(api_settings, f"oUser{i}", "你好", client=c))

    threads = [threading.Thread(target=send, args=(clients[i % 2], i)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r.ok for r in results)
    assert fake.token_fetches == 1
    assert {m["token"] for m in fake.received} == {"TOKEN-1"}
    assert fake.received[0]["data"]["text"]["content"] == "你好"


def test_expired_token_is_refetched_and_the_call_retried(api_settings, fake):
    client = wechat.SharedTokenClient(api_settings, get_redis(api_settings))
    assert wechat.send_text(api_settings, "oA", "一", client=client).ok
    fake.expire_tokens()
    assert wechat.send_text(api_settings, "oA", "二", client=client).ok
    assert fake.token_fetches == 2 and fake.received[-1]["token"] == "TOKEN-2"


@pytest.mark.parametrize("code", [43004, 45015, 45047])
def test_window_and_follow_errcodes_returned_for_fall_through(api_settings, fake, code):
    fake.refuse["oGone"] = code
    res = wechat.send_text(api_settings, "oGone", "岗位", client=wechat.SharedTokenClient(api_settings, get_redis(api_settings)))
    assert res.errcode == code and res.fall_through and not res.ok


def test_slow_api_times_out_instead_of_hanging(api_settings, fake):
    api_settings.wechat_api_timeout = 0.3
    client = wechat.SharedTokenClient(api_settings, get_redis(api_settings))
    client.access_token  # noqa: B018  (fetch the token before the server turns slow)
    fake.delay = 3.0
    started = time.monotonic()
    res = wechat.send_text(api_settings, "oA", "hi", client=client)
    assert res.errcode == wechat.NETWORK_ERROR
    assert time.monotonic() - started < 2.0


def test_wrong_secret_reported_not_raised(api_settings, fake):
    api_settings.wechat_app_secret = SecretStr("wrong")
    res = wechat.send_text(api_settings, "oA", "hi", client=wechat.SharedTokenClient(api_settings, get_redis(api_settings)))
    assert res.errcode == 40125 and not res.fall_through


def test_template_and_menu(api_settings, fake):
    from bot.flows.menu import menu_definition

    client = wechat.SharedTokenClient(api_settings, get_redis(api_settings))
    res = wechat.send_template(api_settings, "oA", "TPL", {"keyword1": {"value": "电焊工"}}, client=client)
    assert res.ok and res.msgid is not None
    assert wechat.create_menu(api_settings, menu_definition(), client=client).ok
    menu = fake.received[-1]
    assert menu["path"] == "/cgi-bin/menu/create" and menu["data"]["button"][0]["name"] == "问政策"
