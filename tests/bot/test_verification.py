"""Taking over a registered person's record by typing their name and phone: refused without the SMS code.

Over HTTP as WeChat sends it, with real Redis and the registry; the code goes through the configured
SMS channel (the log vendor's outbox here).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.bot.conftest import say
from tests.bot.test_flows import sent_code

VICTIM = {"name": "王五", "phone": "13700137000", "county_code": "350723", "skills": "驾驶", "age": 48}
ANSWERS = ["王五", "男", "30", "浦城县", "无", "无", "13700137000", "1", "1"]


@pytest.fixture()
def victim(client) -> int:  # type: ignore[no-untyped-def]
    from matching.service import upsert_labourer

    with client.app.state.sessionmaker() as s:
        row, _ = upsert_labourer(s, dict(VICTIM))
        s.commit()
        return int(row.id)


def _register(client, openid: str) -> str:  # type: ignore[no-untyped-def]
    say(client, "3", openid=openid)
    reply = ""
    for answer in ANSWERS:
        reply = say(client, answer, openid=openid)
    return reply


def _record(client, person_id: int):  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    with client.app.state.sessionmaker() as s:
        row = s.get(Labourer, person_id)
        return (row.name, row.age, row.county_code, row.skills, row.pushes_opted_out, row.wechat_openid)


def _bound(client, openid: str):  # type: ignore[no-untyped-def]
    from bot.models import WechatUser

    with client.app.state.sessionmaker() as s:
        user = s.get(WechatUser, openid)
        return user.person_id if user else None


def test_name_and_phone_alone_do_not_open_a_record(client, wx_settings, victim) -> None:  # type: ignore[no-untyped-def]
    before = _record(client, victim)
    reply = _register(client, "oAttacker")
    assert "验证码" in reply and "7000" in reply and "驾驶" not in reply
    assert _bound(client, "oAttacker") is None
    # until the code is given the chat shows and changes nothing of the record
    assert "还没有登记" in say(client, "2", openid="oAttacker")
    assert "还没有" in say(client, "4", openid="oAttacker")
    say(client, "TD", openid="oAttacker")
    say(client, "改年龄 60", openid="oAttacker")
    for _ in range(wx_settings.otp_max_tries - 1):
        assert "验证码不对" in say(client, "000000", openid="oAttacker")
    assert "错误次数过多" in say(client, "000000", openid="oAttacker")
    # the real code no longer works once the tries are spent
    code = sent_code(wx_settings, VICTIM["phone"])
    say(client, code, openid="oAttacker")
    assert _bound(client, "oAttacker") is None
    assert _record(client, victim) == before


def test_expired_code_binds_nothing(client, wx_settings, victim) -> None:  # type: ignore[no-untyped-def]
    wx_settings.otp_ttl = -1  # already past
    _register(client, "oLate")
    assert "已过期" in say(client, sent_code(wx_settings, VICTIM["phone"]), openid="oLate")
    assert _bound(client, "oLate") is None


def test_the_owner_binds_with_the_code_texted_to_the_record(client, wx_settings, victim) -> None:  # type: ignore[no-untyped-def]
    _register(client, "oOwner")
    done = say(client, sent_code(wx_settings, VICTIM["phone"]), openid="oOwner")
    assert "登记成功" in done
    assert _bound(client, "oOwner") == victim
    name, age, _county, skills, _out, openid = _record(client, victim)
    assert (name, age, openid) == ("王五", 30, "oOwner") and skills == "驾驶"  # "无" leaves skills alone


def test_a_bound_follower_cannot_move_onto_someone_elses_record(client, wx_settings, victim) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    say(client, "3", openid="oMine")
    for answer in ["李梅", "女", "35", "浦城县", "缝纫", "无", "13900139111", "1", "1"]:
        reply = say(client, answer, openid="oMine")
    assert "登记成功" in reply  # a new person: no code needed
    before = _record(client, victim)
    assert "您登记的信息" in say(client, "3", openid="oMine")  # 3 shows a registered person's record
    say(client, "登记", openid="oMine")
    for answer in ANSWERS:
        reply = say(client, answer, openid="oMine")
    assert "另一份档案" in reply
    assert _record(client, victim) == before
    with client.app.state.sessionmaker() as s:
        assert len(s.scalars(select(Labourer).where(Labourer.wechat_openid == "oMine")).all()) == 1
