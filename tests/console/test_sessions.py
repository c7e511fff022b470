"""Sessions end server-side at logout; the login lock and the console's headers resist spoofing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from service.app import InsecureSettings, create_app
from service.console.security import LOGIN_MAX_FAILURES
from tests.console.conftest import PASSWORD, csrf_of, login


def test_a_cookie_copied_before_logout_is_dead_after_it(client, app) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    stolen = client.cookies.get("jiuye_session")
    assert client.get("/console/people").status_code == 200
    page = client.get("/console/people")
    r = client.post("/console/logout", data={"csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    with TestClient(app) as thief:
        thief.cookies.set("jiuye_session", stolen)
        r = thief.get("/console/people", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/console/login")


def test_a_minted_cookie_without_a_live_session_is_refused(client, app, seeded) -> None:  # type: ignore[no-untyped-def]
    # Anyone holding the signing key (the development default) could mint this: no live session id.
    from itsdangerous import URLSafeTimedSerializer

    from service.models import User

    with app.state.sessionmaker() as db:
        admin = db.query(User).filter_by(username="admin").one()
        from service.console.security import _fingerprint

        forged = URLSafeTimedSerializer(app.state.settings.secret_key.get_secret_value(),
                                        salt="jiuye-console-session").dumps(
            {"uid": admin.id, "fp": _fingerprint(admin), "csrf": "x", "sid": "guessed"})
    client.cookies.set("jiuye_session", forged)
    r = client.get("/console/people", follow_redirects=False)
    assert r.status_code == 303


def _fail_login(client: TestClient, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    page = client.get("/console/login")
    return client.post("/console/login", data={"username": "admin", "password": "wrong",
                                                "csrf_token": csrf_of(page.text)}, headers=headers)


def test_login_lock_ignores_forwarded_for_from_an_untrusted_peer(client) -> None:  # type: ignore[no-untyped-def]
    for i in range(LOGIN_MAX_FAILURES):
        assert _fail_login(client, {"x-forwarded-for": f"10.0.0.{i}"}).status_code == 400
    r = _fail_login(client, {"x-forwarded-for": "10.0.0.99"})
    assert r.status_code == 429 and "登录失败次数过多" in r.text


def test_login_lock_uses_forwarded_for_behind_a_configured_proxy(settings, engine, seeded,  # type: ignore[no-untyped-def]
                                                                  session_factory) -> None:
    settings.trusted_proxies = "192.0.2.10"
    app = create_app(settings, migrate=False)
    with TestClient(app, client=("192.0.2.10", 40000)) as proxied:
        app.state.engine, app.state.sessionmaker = engine, session_factory
        for _ in range(LOGIN_MAX_FAILURES):
            _fail_login(proxied, {"x-forwarded-for": "198.51.100.7"})
        assert _fail_login(proxied, {"x-forwarded-for": "198.51.100.7"}).status_code == 429
        # another client behind the same proxy is not locked out by the first one's failures
        page = proxied.get("/console/login")
        r = proxied.post("/console/login", data={"username": "admin", "password": PASSWORD,
                                                 "csrf_token": csrf_of(page.text)},
                         headers={"x-forwarded-for": "198.51.100.8"}, follow_redirects=False)
        assert r.status_code == 303


def test_console_pages_send_anti_framing_and_sniffing_headers(client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/console/login", "/console/people"):
        r = client.get(path)
        assert r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"


def test_banner_shows_only_messages_the_console_issued(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    lure = "账号异常，请拨打400-000-0000"
    for param in ("error", "ok"):
        r = client.get("/console/postings", params={param: lure})
        assert r.status_code == 200 and lure not in r.text
    page = client.get("/console/postings")
    r = client.post(f"/console/postings/{seeded['posting']}/close", data={"csrf_token": csrf_of(page.text)})
    assert "岗位已关闭" in r.text  # the console's own message still shows after the redirect


def test_console_body_over_the_cap_is_a_chinese_413(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    page = client.get("/console/postings")
    r = client.post("/console/postings", data={"title": "x" * (2 * 1024 * 1024), "csrf_token": csrf_of(page.text)})
    assert r.status_code == 413 and "提交的内容太大" in r.text


def test_api_docs_are_off_in_production_unless_asked_for(settings, engine) -> None:  # type: ignore[no-untyped-def]
    settings.secret_key = SecretStr("k" * 40)
    settings.wechat_token = SecretStr("t" * 20)
    settings.env = "production"
    with TestClient(create_app(settings, migrate=False)) as c:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert c.get(path).status_code == 404
    settings.api_docs = True
    with TestClient(create_app(settings, migrate=False)) as c:
        assert c.get("/openapi.json").status_code == 200


def test_production_app_refuses_development_secrets(settings) -> None:  # type: ignore[no-untyped-def]
    settings.env = "production"
    with pytest.raises(InsecureSettings, match="JIUYE_SECRET_KEY.*JIUYE_WECHAT_TOKEN"):
        create_app(settings, migrate=False)


@pytest.mark.parametrize("env, args", [({"JIUYE_ENV": "production"}, []),
                                       ({}, ["--host", "0.0.0.0"]),
                                       ({"JIUYE_SECRET_KEY": "k" * 40}, ["--host", "192.0.2.1"])])
def test_serve_outside_development_refuses_development_secrets(settings, monkeypatch, env, args) -> None:  # type: ignore[no-untyped-def]
    from core.settings import get_settings
    from service.cli import _register
    from service.cli import app as cli

    _register()
    monkeypatch.setenv("JIUYE_DATA_DIR", str(settings.data_dir))
    for name in ("JIUYE_ENV", "JIUYE_SECRET_KEY", "JIUYE_WECHAT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    try:
        r = CliRunner().invoke(cli, ["serve", *args])
    finally:
        get_settings.cache_clear()
    assert r.exit_code == 2, r.output
    assert "JIUYE_WECHAT_TOKEN" in r.output and "请设置环境变量" in r.output
    assert ("JIUYE_SECRET_KEY" in r.output) == ("JIUYE_SECRET_KEY" not in env)


def test_employer_console_form_with_a_huge_number_is_a_chinese_422(client, db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from matching.models import Posting

    login(client, "tea")
    before = db.scalar(select(func.count()).select_from(Posting))
    page = client.get("/console/postings")
    for salary in ("9" * 400, "9" * 12000):
        r = client.post("/console/postings", data={"title": "采茶工", "location": "浦城县", "salary": salary,
                                                   "csrf_token": csrf_of(page.text)})
        assert r.status_code == 422 and "薪资" in r.text, r.text[-500:]
    assert db.scalar(select(func.count()).select_from(Posting)) == before


def test_stored_ticket_and_question_text_loses_bidi_and_zero_width_characters(client, session_factory) -> None:  # type: ignore[no-untyped-def]
    from bot.service import open_ticket
    from knowledge.service import record_unanswered

    with session_factory() as db, db.begin():
        ticket = open_ticket(db, openid="oBidi", text="请\u202e回电\u200b话\x00")
        question = record_unanswered(db, question="补贴\u2066怎么\ufeff申请呢", channel="api")
        assert (ticket.text, question.question) == ("请回电话", "补贴怎么申请呢")
