"""Fixtures for push tests: registry rows made through the real models on the real database."""

from __future__ import annotations

import itertools

import pytest
from pydantic import SecretStr

from matching.models import Labourer, Posting
from tests.push.vendor_servers import WechatApiServer

_seq = itertools.count(1)


@pytest.fixture()
def people(db):
    def make(n: int = 1, **kw):
        out = []
        for _ in range(n):
            i = next(_seq)
            row = Labourer(
                external_id=kw.get("external_id", f"P{i:04d}"), name=f"测试{i}", gender="男", age=40,
                phone=kw.get("phone", f"1380000{i:04d}"), county_code=kw.get("county_code", "350583"),
                status=kw.get("status", "seeking"), skills=kw.get("skills", "泥水工"), wishes=kw.get("wishes", "泉州"),
                sms_consent=kw.get("sms_consent", True), wechat_openid=kw.get("wechat_openid"),
                pushes_opted_out=kw.get("pushes_opted_out", False), poverty_registered=True, facts=kw.get("facts", {}),
            )
            db.add(row)
            out.append(row)
        db.commit()
        return out

    return make


@pytest.fixture()
def postings(db):
    def make(n: int = 1, **kw):
        out = []
        for _ in range(n):
            i = next(_seq)
            row = Posting(
                external_id=f"D{i:04d}", title=kw.get("title", "建筑泥水工"), location="泉州市南安市",
                county_code="350583", salary_min=7000, salary_max=9000, salary_unit="month",
                status=kw.get("status", "open"), description="砌砖、抹灰",
            )
            db.add(row)
            out.append(row)
        db.commit()
        return out

    return make


@pytest.fixture()
def db_url(settings, engine) -> str:
    """A URL reaching this test's database from another process or app (PostgreSQL schema included)."""
    return settings.sqlalchemy_url  # on PostgreSQL it carries the test schema (conftest)


@pytest.fixture()
def wechat_api(settings):
    """WeChat's API on loopback (tests/push/vendor_servers.py), the settings pointed at it, no quiet hours."""
    server = WechatApiServer().start()
    settings.wechat_api_base = server.endpoint
    settings.wechat_app_id = server.app_id
    settings.wechat_app_secret = SecretStr(server.secret)
    settings.quiet_hours = ""
    yield server
    server.stop()
