"""Redis or the database stops under traffic: policy questions are still answered, nothing is a 500.

The servers are real; a loopback proxy in front of each is cut and restored (tests/faults.py).
"""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.degraded import BUSY
from bot.models import WechatUser
from tests.bot.conftest import content_of, post, say, text_xml
from tests.conftest import TEST_DB_URL
from tests.faults import Proxy

QUESTIONS = ["公益性岗位有哪些人可以去", "参加技能培训有什么补贴", "企业招用贫困劳动力有补贴吗", "就业扶贫车间有什么奖补",
             "贫困家庭孩子读技校有补助吗"]
OPENINGS = ["", "请问", "你好，", "麻烦问一下 ", "我想问下"]
CLOSINGS = ["", "？", " 谢谢", "呢", "啊"]


def distinct_questions(n: int) -> list[str]:
    out = [f"{o}{q}{c}" for c in CLOSINGS for o in OPENINGS for q in QUESTIONS]
    return out[:n]


@pytest.fixture()
def redis_proxy(wx_settings):  # type: ignore[no-untyped-def]
    proxy = Proxy.for_url(wx_settings.redis_url)
    wx_settings.redis_url = proxy.url_for(wx_settings.redis_url)
    yield proxy
    proxy.close()


def _outage_lines(records: list[logging.LogRecord]) -> list[logging.LogRecord]:
    return [r for r in records if r.name == "jiuye.outage" and "unreachable" in r.getMessage()]


def test_redis_stops_policy_answered_rest_asked_to_wait_and_back_when_it_returns(
    wx_settings, engine, redis_proxy, caplog
):
    from service.app import create_app

    with TestClient(create_app(wx_settings)) as client:
        assert BUSY not in say(client, "我想找工作", openid="oJobs")
        assert client.get("/healthz").json() == {"status": "ok"}

        redis_proxy.cut()
        caplog.clear()
        caplog.set_level(logging.WARNING)
        assert client.get("/healthz").json() == {"status": "degraded", "down": ["redis"]}
        replies = []
        for i, q in enumerate(distinct_questions(50)):
            res = post(client, text_xml(q, openid=f"oAsk{i}"))
            assert res.status_code == 200, res.text
            replies.append(content_of(res.text))
        qs = distinct_questions(50)
        waiting = [q for q, r in zip(qs, replies, strict=True) if BUSY in r or "没有找到" in r]
        assert len(waiting) <= 5, waiting
        assert BUSY in say(client, "我想找工作", openid="oJobs")  # needs the conversation: asked to wait
        # one warning, not a traceback per message
        assert len(_outage_lines(caplog.records)) <= 1
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]

        # an opt-out is recorded in the database even while Redis is away
        reply = say(client, "别再给我发短信了", openid="oStop")
        assert "退订" in reply
        with engine.connect() as conn:
            assert conn.execute(select(WechatUser.push_opt_out).where(WechatUser.openid == "oStop")).scalar_one() is True

        redis_proxy.restore()
        assert client.get("/healthz").json() == {"status": "ok"}
        assert BUSY not in say(client, "我想找工作", openid="oJobs")


@pytest.mark.skipif(not TEST_DB_URL, reason="needs a database server to stop (JIUYE_TEST_DATABASE_URL)")
def test_database_stops_policy_answered_rest_asked_to_wait_and_back_when_it_returns(wx_settings, engine, caplog):
    from service.app import create_app

    proxy = Proxy.for_url(wx_settings.database_url)
    wx_settings.database_url = proxy.url_for(wx_settings.database_url)
    try:
        with TestClient(create_app(wx_settings)) as client:
            assert BUSY not in say(client, "我想找工作", openid="oJobs")
            proxy.cut()
            caplog.clear()
            caplog.set_level(logging.WARNING)
            assert client.get("/healthz").json() == {"status": "degraded", "down": ["database"]}
            for i, q in enumerate(distinct_questions(10)):
                reply = say(client, q, openid=f"oAsk{i}")
                assert BUSY not in reply and "没有找到" not in reply, (q, reply)
            assert BUSY in say(client, "我想找工作", openid="oJobs2")
            assert BUSY in say(client, "退订", openid="oStop")  # cannot be recorded: the follower is told to resend
            assert len(_outage_lines(caplog.records)) <= 2  # database, and perhaps the replay check's first sight
            assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]

            proxy.restore()
            assert client.get("/healthz").json() == {"status": "ok"}
            assert BUSY not in say(client, "我想找工作", openid="oJobs")
            assert "退订" in say(client, "退订", openid="oStop")
    finally:
        proxy.close()
