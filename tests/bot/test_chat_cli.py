"""`jiuye chat` against a real server on loopback, plaintext and safe mode."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn
from typer.testing import CliRunner

from tests.bot.conftest import AES_KEY, APP_ID, TOKEN


@pytest.fixture()
def live_url(wx_settings, redis_client):
    from service.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(wx_settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 240  # the first app of a run may fit the policy model (~85 s on 2 cores)
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/wechat"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture()
def cli(monkeypatch):
    from core.settings import get_settings
    from service.cli import _register, app

    monkeypatch.setenv("JIUYE_WECHAT_TOKEN", TOKEN)
    monkeypatch.setenv("JIUYE_WECHAT_AES_KEY", AES_KEY)
    monkeypatch.setenv("JIUYE_WECHAT_APP_ID", APP_ID)
    get_settings.cache_clear()
    _register()
    yield lambda *args: CliRunner().invoke(app, list(args))
    get_settings.cache_clear()


@pytest.mark.parametrize("mode", [[], ["--safe"]])
def test_chat_menu_and_registration_start(live_url, cli, mode):
    res = cli("chat", "--url", live_url, "--openid", "oCli", *mode, "--say", "菜单", "--say", "3")
    assert res.exit_code == 0, res.output
    assert "助手：您好，这里是就业帮扶助手（自动回复，找真人请回复“人工”）。" in res.output and "5 找人工" in res.output
    assert "请问您的姓名？" in res.output


def test_chat_with_wrong_token_reports_refusal(live_url, cli, monkeypatch):
    from core.settings import get_settings

    monkeypatch.setenv("JIUYE_WECHAT_TOKEN", "not-the-token")
    get_settings.cache_clear()
    res = cli("chat", "--url", live_url, "--say", "菜单")
    assert "HTTP 403" in res.output


def test_wechat_menu_command_creates_menu(cli, monkeypatch, redis_client, settings):
    from core.settings import get_settings
    from tests.bot.wechat_server import FakeWeChat

    with FakeWeChat() as fake:
        for name, value in {
            "JIUYE_WECHAT_API_BASE": fake.base, "JIUYE_WECHAT_APP_ID": fake.appid,
            "JIUYE_WECHAT_APP_SECRET": fake.secret, "JIUYE_DATA_DIR": str(settings.data_dir),
            "JIUYE_REDIS_URL": settings.redis_url, "JIUYE_REDIS_PREFIX": settings.redis_prefix,
        }.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        res = cli("wechat", "menu")
        assert res.exit_code == 0 and "菜单已创建" in res.output
        menus = [m["data"] for m in fake.received if m["path"] == "/cgi-bin/menu/create"]
    assert [b.get("name") for b in menus[0]["button"]] == ["问政策", "找工作", "找人工"]


def test_chat_finds_the_port_serve_was_started_on(live_url, cli, monkeypatch, tmp_path):
    from core.settings import get_settings
    from service.cli.serve import SERVE_FILE

    monkeypatch.setenv("JIUYE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    (tmp_path / SERVE_FILE).write_text(live_url + "\n", encoding="utf-8")  # as `jiuye serve --port N` leaves it
    res = cli("chat", "--openid", "oPort", "--say", "菜单")
    assert res.exit_code == 0, res.output
    assert "您好，这里是就业帮扶助手" in res.output  # reached the server on its own port, not 8000
