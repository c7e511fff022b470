"""Employer REST API against the real test database (SQLite file or the test PostgreSQL schema)."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from core.timeutil import utcnow
from jobs_feed.service import add_employer, expire_postings
from matching.models import EmployerApiKey, Posting
from service.app import create_app

BODY = {"title": "注塑机操作工", "location": "厦门市同安区", "salary": "4500-5500元/月", "age_min": 18,
        "age_max": 45, "description": "两班倒，包吃住", "tags": ["包吃住"], "headcount": 10}


@pytest.fixture()
def keys(session_factory):
    with session_factory() as s, s.begin():
        _a, key_a = add_employer(s, name="同安塑胶厂", contact="王经理")
        _b, key_b = add_employer(s, name="别家公司")
    return key_a, key_b


@pytest.fixture()
def client(settings, session_factory, keys):
    app = create_app(settings, migrate=False)
    with TestClient(app) as c:
        app.state.sessionmaker = session_factory  # the fixture's migrated database (own schema on PostgreSQL)
        yield c


def _auth(key):
    return {"Authorization": f"Bearer {key}"}


def _count(session_factory):
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Posting))


def test_missing_or_wrong_key_is_401_in_chinese(client, keys):
    for headers in ({}, {"Authorization": "Bearer jy_wrong"}, {"X-API-Key": "nonsense"}):
        r = client.post("/api/v1/postings", json=BODY, headers=headers)
        assert r.status_code == 401
        assert "API 密钥" in r.json()["error"]
    assert client.get("/api/v1/postings").status_code == 401


def test_only_the_key_hash_is_stored(session_factory, keys):
    with session_factory() as s:
        stored = [k.key_hash for k in s.scalars(select(EmployerApiKey))]
    assert keys[0] not in stored and len(stored) == 2 and all(len(h) == 64 for h in stored)


def test_create_then_get_list_update_close(client, keys, session_factory):
    r = client.post("/api/v1/postings", json=BODY, headers={"X-API-Key": keys[0]})
    assert r.status_code == 201, r.text
    p = r.json()
    assert (p["county_code"], p["county"]) == ("350212", "厦门市同安区")
    assert (p["salary_min"], p["salary_max"], p["salary_unit"]) == (4500, 5500, "month")
    assert p["status"] == "open" and p["expires_at"]
    deadline = (utcnow() + timedelta(days=200)).date().isoformat()  # within a year (see test_postings_bounds)
    dated = client.post("/api/v1/postings", json={**BODY, "title": "仓库管理员", "expires_at": deadline},
                        headers=_auth(keys[0])).json()
    assert dated["expires_at"].startswith(f"{deadline}T23:59:59")  # a date means the end of that day
    pid = p["id"]
    assert client.get(f"/api/v1/postings/{pid}", headers=_auth(keys[0])).json()["title"] == "注塑机操作工"
    assert [x["id"] for x in client.get("/api/v1/postings", headers=_auth(keys[0])).json()] == [dated["id"], pid]
    assert client.get("/api/v1/postings", headers=_auth(keys[1])).json() == []
    assert client.get(f"/api/v1/postings/{pid}", headers=_auth(keys[1])).status_code == 404

    r = client.patch(f"/api/v1/postings/{pid}", json={"salary_max": 6000}, headers=_auth(keys[0]))
    assert r.status_code == 200 and (r.json()["salary_min"], r.json()["salary_max"]) == (4500, 6000)
    assert (r.json()["headcount"], r.json()["age_max"], r.json()["tags"]) == (10, 45, ["包吃住"])  # untouched
    r = client.patch(f"/api/v1/postings/{pid}", json={"salary_max": 3000}, headers=_auth(keys[0]))
    assert r.status_code == 422 and "薪资下限不能高于上限" in r.json()["error"]

    r = client.post(f"/api/v1/postings/{pid}/close", json={"status": "filled"}, headers=_auth(keys[0]))
    assert r.status_code == 200 and r.json()["status"] == "filled"
    with session_factory() as s:
        row = s.get(Posting, pid)
        assert (row.status, row.salary_max, row.source) == ("filled", 6000, "api")


def test_invalid_bodies_are_422_with_chinese_reasons_and_write_nothing(client, keys, session_factory):
    cases = [
        ({**BODY, "title": ""}, "岗位名称不能为空"),
        ({**BODY, "title": "工" * 61}, "不能超过60个字"),
        ({**BODY, "location": "普城"}, "浦城县"),  # suggestion for a misspelt county
        ({**BODY, "location": "火星"}, "工作地点"),
        ({**BODY, "salary": None, "salary_min": 8000, "salary_max": 5000, "salary_unit": "month"}, "薪资下限不能高于上限"),
        ({**BODY, "salary": "50元/月"}, "不合常理"),
        ({**BODY, "salary": "看心情"}, "无法识别薪资"),
        ({**BODY, "age_min": 10}, "16到80岁"),
        ({**BODY, "headcount": "很多"}, "招聘人数：应为整数"),
        ({**BODY, "colour": "red"}, "不认识的字段"),
        ({**BODY, "expires_at": "2020-01-01"}, "截止日期"),
        ([1, 2], "JSON 对象"),
    ]
    for body, expected in cases:
        r = client.post("/api/v1/postings", json=body, headers=_auth(keys[0]))
        assert r.status_code == 422, (body, r.text)
        assert expected in r.json()["error"], (body, r.json())
    assert _count(session_factory) == 0


def test_reposting_the_same_job_updates_it(client, keys, session_factory):
    first = client.post("/api/v1/postings", json=BODY, headers=_auth(keys[0])).json()
    client.post(f"/api/v1/postings/{first['id']}/close", headers=_auth(keys[0]))
    again = client.post("/api/v1/postings", json={**BODY, "title": "注塑机 操作工", "salary": "5000-6000元/月"},
                        headers=_auth(keys[0]))
    assert again.status_code == 200 and again.json()["updated_existing"] is True
    assert again.json()["id"] == first["id"] and again.json()["status"] == "open"
    other = client.post("/api/v1/postings", json=BODY, headers=_auth(keys[1]))  # another employer: a new job
    assert other.status_code == 201
    assert _count(session_factory) == 2


def test_expired_postings_close_on_list(client, keys, session_factory):
    pid = client.post("/api/v1/postings", json=BODY, headers=_auth(keys[0])).json()["id"]
    with session_factory() as s, s.begin():
        s.get(Posting, pid).expires_at = utcnow() - timedelta(minutes=1)
    listed = client.get("/api/v1/postings", headers=_auth(keys[0])).json()
    assert listed[0]["status"] == "expired"
    with session_factory() as s:
        assert expire_postings(s) == 0
