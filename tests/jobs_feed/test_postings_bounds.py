"""Attacks on the employer API's input: huge numbers, quadratic pay strings, huge bodies, lures, odd text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jobs_feed.service import add_employer
from matching.models import Posting
from service.app import create_app

BODY = {"title": "注塑机操作工", "location": "厦门市同安区", "salary": "4500-5500元/月"}


@pytest.fixture()
def key(session_factory):  # type: ignore[no-untyped-def]
    with session_factory() as s, s.begin():
        return add_employer(s, name="同安塑胶厂")[1]


@pytest.fixture()
def client(settings, session_factory, key):  # type: ignore[no-untyped-def]
    app = create_app(settings, migrate=False)
    with TestClient(app) as c:
        app.state.sessionmaker = session_factory
        yield c


def _count(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s:
        return int(s.scalar(select(func.count()).select_from(Posting)) or 0)


def _post(client: TestClient, key: str, body):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/postings", json=body, headers={"X-API-Key": key})


@pytest.mark.timeout(20)
def test_salary_of_twelve_thousand_nines_is_a_quick_chinese_422(client, key, session_factory) -> None:
    # The pay regex was quadratic: this body took 10 s of CPU and stalled /healthz behind it.
    for salary in ("9" * 12000, "9" * 6000 + "-" + "9" * 6000, "一" * 12000, "9" * 400):
        r = _post(client, key, {**BODY, "salary": salary})
        assert r.status_code == 422, r.text
        assert "薪资" in r.json()["error"] and "过长" in r.json()["error"] or "无法识别" in r.json()["error"]
    assert _count(session_factory) == 0


@pytest.mark.timeout(20)
def test_pay_parser_is_linear_in_its_input() -> None:
    from matching.pay import _RANGE, _SINGLE

    for text in ("9" * 200_000, "一" * 200_000, "1" + "-" * 200_000, "9." * 100_000):
        _RANGE.search(text)
        _SINGLE.search(text)


def test_overflowing_numbers_are_a_chinese_422_not_a_500(client, key, session_factory) -> None:
    huge = int("9" * 400)
    for field in ("salary_min", "salary_max", "age_min", "headcount"):
        r = _post(client, key, {**BODY, "salary": None, field: huge, "salary_unit": "month"})
        assert r.status_code == 422, (field, r.text)
        assert "数字太大" in r.json()["error"], r.json()
    r = _post(client, key, {**BODY, "salary": "9" * 59 + "万"})  # short enough to parse: still no 500
    assert r.status_code == 422 and "薪资" in r.json()["error"]
    assert _count(session_factory) == 0


def test_api_body_over_the_cap_is_refused_before_parsing(client, key, session_factory) -> None:
    big = {**BODY, "description": "工" * (2 * 1024 * 1024)}
    r = _post(client, key, big)
    assert r.status_code == 413 and r.json()["error"] == "提交的内容太大"

    def chunks():  # no Content-Length: counted as it streams
        yield b'{"title": "' + b"x" * (1024 * 1024) + b'"'
        yield b', "location": "' + b"x" * (1024 * 1024) + b'"}'

    r = client.post("/api/v1/postings", content=chunks(), headers={"X-API-Key": key,
                                                                   "Content-Type": "application/json"})
    assert r.status_code == 413 and "太大" in r.text
    assert _count(session_factory) == 0
    assert client.get("/healthz").status_code == 200


def test_far_future_deadline_is_refused(client, key, session_factory) -> None:
    r = _post(client, key, {**BODY, "expires_at": "9999-12-31"})
    assert r.status_code == 422 and "不能晚于一年以后" in r.json()["error"]
    assert _count(session_factory) == 0


def test_links_and_phone_numbers_in_pushed_text_are_refused(client, key, session_factory) -> None:
    cases = [
        ({**BODY, "title": "点此领补贴 http://evil.example/x"}, "岗位名称不能包含网址"),
        ({**BODY, "title": '=HYPERLINK("www.evil.cn","领补贴")'}, "岗位名称不能包含网址"),
        ({**BODY, "title": "急招普工 138 0013 8000"}, "岗位名称不能包含电话号码"),
        ({**BODY, "location": "厦门市同安区 咨询400-123-4567"}, "工作地点不能包含电话号码"),
    ]
    for body, expected in cases:
        r = _post(client, key, body)
        assert r.status_code == 422, (body, r.text)
        assert expected in r.json()["error"], r.json()
    assert _count(session_factory) == 0
    ok = _post(client, key, {**BODY, "description": "联系电话 0592-1234567"})  # the description may
    assert ok.status_code == 201, ok.text


def test_bidi_zero_width_and_nul_are_stripped_from_stored_text(client, key, session_factory) -> None:
    r = _post(client, key, {**BODY, "title": "注塑\u202e工\u200b操作\x00员", "description": "两班倒\u2066\ufeff"})
    assert r.status_code == 201, r.text
    with session_factory() as s:
        row = s.get(Posting, r.json()["id"])
        assert (row.title, row.description) == ("注塑工操作员", "两班倒")


def test_api_errors_carry_no_internal_detail(client, key) -> None:
    r = client.get("/api/v1/postings/999999", headers={"X-API-Key": key})
    assert r.status_code == 404 and r.json() == {"error": "没有找到这个岗位"}
