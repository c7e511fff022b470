"""Console fixtures: accounts of each role and a few people in two counties, on the real test database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from core.db import session_scope
from matching.models import Employer, Labourer, Posting
from service.app import create_app
from service.console.accounts import add_user

PASSWORD = "s3cret-pass"
PUCHENG, GUANGZE = "350722", "350723"  # 浦城县, 光泽县 (both 重点县)
GULOU = "350102"  # 福州市鼓楼区


def seed(session_factory) -> dict:  # type: ignore[no-untyped-def]
    """Four people, an employer with a posting, and admin / two coordinators / an employer account."""
    with session_factory() as db, db.begin():
        emp = Employer(name="浦城县茶叶合作社", contact="王经理")
        db.add(emp)
        db.flush()
        people = [
            Labourer(name="张三", gender="男", birth_year=1985, phone="13800138000", id_number="35072219850101123X",
                     county_code=PUCHENG, township="南浦街道", status="seeking", skills="电焊", wishes="县城附近"),
            Labourer(name="李四", gender="女", birth_year=1990, phone="13900139000", county_code=PUCHENG,
                     status="employed", skills="缝纫"),
            Labourer(name="王五", gender="男", birth_year=1978, phone="13700137000", county_code=GUANGZE,
                     status="seeking", skills="驾驶"),
            # stays in 福州 (someone who names no place may be offered work across the province)
            Labourer(name="赵六", gender="女", birth_year=1995, county_code=GULOU, status="seeking", wishes="只在福州找"),
        ]
        db.add_all(people)
        post = Posting(employer_id=emp.id, employer_name=emp.name, title="采茶工", county_code=PUCHENG,
                       location="浦城县", salary_min=3000, salary_max=4500, salary_unit="month", source="form")
        db.add(post)
        db.flush()
        add_user(db, username="admin", password=PASSWORD, role="admin", display_name="省厅管理员")
        add_user(db, username="pucheng", password=PASSWORD, role="coordinator", counties=["浦城县"],
                 display_name="浦城协理员")
        add_user(db, username="guangze", password=PASSWORD, role="coordinator", counties=["光泽县"])
        add_user(db, username="tea", password=PASSWORD, role="employer", employer_id=emp.id)
        return {"people": {p.name: p.id for p in people}, "employer": emp.id, "posting": post.id,
                "today": date.today()}


@pytest.fixture()
def seeded(session_factory) -> dict:  # type: ignore[no-untyped-def]
    return seed(session_factory)


@pytest.fixture()
def app(settings, engine, seeded):  # type: ignore[no-untyped-def]
    return create_app(settings, migrate=False)  # the engine fixture migrated this database already


@pytest.fixture()
def client(app, engine, session_factory) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        # the fixture's database (its own schema on PostgreSQL, which a URL alone cannot select)
        app.state.engine, app.state.sessionmaker = engine, session_factory
        yield c


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "page has no CSRF field"
    return m.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    page = client.get("/console/login")
    r = client.post("/console/login", data={"username": username, "password": password,
                                            "csrf_token": csrf_of(page.text)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return client


__all__ = ["PASSWORD", "PUCHENG", "GUANGZE", "csrf_of", "login", "session_scope"]
