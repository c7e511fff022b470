"""Registration by chat end to end: signed XML over HTTP, state in real Redis, the person in the registry."""

from __future__ import annotations

from sqlalchemy import select

from tests.bot.conftest import say


def test_full_registration_over_http(client, wx_settings, redis_client):
    from matching.models import Labourer

    openid = "oHttpReg"
    assert "姓名" in say(client, "3", openid=openid)
    assert "多大年纪" in say(client, "我叫陈明", openid=openid)
    assert "性别" in say(client, "五十二岁", openid=openid)
    assert "哪个县" in say(client, "男", openid=openid)
    assert "浦城县" in say(client, "普城", openid=openid)
    assert "会什么" in say(client, "1", openid=openid)
    assert "想做什么" in say(client, "种茶，开拖拉机", openid=openid)
    assert "手机号" in say(client, "想在南平附近，3000就行", openid=openid)
    assert "11位手机号" in say(client, "1380013", openid=openid)
    assert "短信" in say(client, "138 0013 9000", openid=openid)
    assert "建档立卡" in say(client, "同意", openid=openid)
    done = say(client, "是", openid=openid)
    assert "登记成功：陈明，男，52岁，南平市浦城县" in done
    assert "改年龄 46" in done
    assert "已改为：53岁" in say(client, "改年龄53", openid=openid)
    with client.app.state.sessionmaker() as s:
        person = s.scalars(select(Labourer).where(Labourer.wechat_openid == openid)).one()
        assert (person.name, person.gender, person.age, person.county_code) == ("陈明", "男", 53, "350722")
        assert person.phone == "13800139000" and person.sms_consent is True and "拖拉机" in person.skills
        assert person.poverty_registered is True  # as the person said, until a coordinator checks
    # registration is over: no half-finished flow is left in the conversation state
    leftover = redis_client.get(wx_settings.redis_prefix + f"bot:state:{openid}") or b"{}"
    assert b'"flow"' not in leftover
