from __future__ import annotations

from sqlalchemy import select

from service.models import RevealLog
from tests.console.conftest import PASSWORD, csrf_of, login


def test_pages_redirect_to_login_without_session(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/console/people", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/console/login?next=")


def test_login_sets_httponly_lax_session_cookie(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/console/login")
    r = client.post("/console/login", data={"username": "admin", "password": PASSWORD,
                                            "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    cookie = [h for h in r.headers.get_list("set-cookie") if h.startswith("jiuye_session=")][0]
    assert "httponly" in cookie.lower() and "samesite=lax" in cookie.lower()
    assert "secure" not in cookie.lower()  # plain http on loopback


def test_login_cookie_is_secure_behind_https_proxy(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/console/login")
    r = client.post("/console/login", data={"username": "admin", "password": PASSWORD,
                                            "csrf_token": csrf_of(page.text)},
                    headers={"x-forwarded-proto": "https"}, follow_redirects=False)
    cookie = [h for h in r.headers.get_list("set-cookie") if h.startswith("jiuye_session=")][0]
    assert "secure" in cookie.lower()


def test_login_without_csrf_is_rejected(client) -> None:  # type: ignore[no-untyped-def]
    client.get("/console/login")
    r = client.post("/console/login", data={"username": "admin", "password": PASSWORD})
    assert r.status_code == 403
    assert "刷新" in r.text


def test_post_without_csrf_after_login_is_rejected(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    r = client.post(f"/console/people/{pid}/followups", data={"note": "上门回访"})
    assert r.status_code == 403
    r = client.post(f"/console/people/{pid}/followups", data={"note": "上门回访", "csrf_token": "forged"})
    assert r.status_code == 403


def test_wrong_password_then_rate_limited(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/console/login")
    token = csrf_of(page.text)
    codes = [client.post("/console/login", data={"username": "admin", "password": "wrong-one",
                                                 "csrf_token": token}).status_code for _ in range(6)]
    assert codes[:5] == [400] * 5
    assert codes[5] == 429
    # even the right password is refused while blocked
    r = client.post("/console/login", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 429 and "15分钟" in r.text


def test_coordinator_cannot_open_other_county_person(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    assert client.get(f"/console/people/{seeded['people']['张三']}").status_code == 200
    r = client.get(f"/console/people/{seeded['people']['王五']}")
    assert r.status_code == 403
    assert "王五" not in r.text


def test_coordinator_list_shows_only_own_county(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    html = client.get("/console/people").text
    assert "张三" in html and "李四" in html
    assert "王五" not in html and "赵六" not in html
    assert client.get("/console/people?county=350723").status_code == 403


def test_employer_cannot_see_people(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "tea")
    assert client.get("/console/people").status_code == 403
    assert client.get(f"/console/people/{seeded['people']['张三']}").status_code == 403


def test_phone_masked_until_revealed_and_reveal_logged(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    page = client.get(f"/console/people/{pid}")
    assert "138****8000" in page.text and "13800138000" not in page.text
    assert "35072219850101123X" not in page.text
    r = client.post(f"/console/people/{pid}/reveal", data={"field": "phone", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 200 and "13800138000" in r.text
    logs = db.scalars(select(RevealLog).where(RevealLog.labourer_id == pid)).all()
    assert [(entry.field) for entry in logs] == ["phone"]
    # masked again on the next visit
    assert "13800138000" not in client.get(f"/console/people/{pid}").text


def test_logout_ends_session(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    page = client.get("/console/")
    client.post("/console/logout", data={"csrf_token": csrf_of(page.text)})
    assert client.get("/console/", follow_redirects=False).status_code == 303
