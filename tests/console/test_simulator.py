"""The console's bot simulator runs the real dialogue under one openid per account."""

from __future__ import annotations

from sqlalchemy import select

from bot import state
from bot.models import HandoffTicket
from service.console.simulator import sim_openid
from service.models import User
from tests.console.conftest import csrf_of, login


def _say(client, text: str, **extra: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/console/simulator").text)
    return client.post("/console/simulator", data={"text": text, "csrf_token": token, **extra})


def test_simulator_menu_gets_the_bot_reply(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    r = _say(client, "菜单")
    assert r.status_code == 200
    chat = r.text.split('id="chat"', 1)[1].split("</section>", 1)[0]
    assert "菜单" in chat and "1 问政策" in chat and "5 找人工" in chat


def test_simulator_keeps_dialogue_state_between_turns(client, settings, app, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    assert "请问您的姓名" in _say(client, "登记").text
    r = _say(client, "", quick="取消")
    assert "请问您的姓名" in r.text  # the earlier turn is still on the page
    r = _say(client, "登记")
    r = _say(client, "陈小明")
    assert "您今年多大年纪" in r.text
    uid = db.scalar(select(User.id).where(User.username == "pucheng"))
    assert state.load(app.state.redis, settings, sim_openid(uid))  # the dialogue's own state in Redis


def test_simulator_conversation_is_per_account(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    _say(client, "我想找人工")
    client.cookies.clear()
    login(client, "guangze")
    assert "我想找人工" not in client.get("/console/simulator").text


def test_simulator_handoff_uses_the_simulator_openid(client, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    _say(client, "人工")
    uid = db.scalar(select(User.id).where(User.username == "pucheng"))
    assert db.scalar(select(HandoffTicket).where(HandoffTicket.openid == sim_openid(uid))) is not None


def test_simulator_reset_clears_conversation(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    r = _say(client, "菜单")
    r = client.post("/console/simulator/reset", data={"csrf_token": csrf_of(r.text)})
    assert "已清空对话" in r.text and "还没有对话" in r.text


def test_simulator_post_without_csrf_rejected(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    assert client.post("/console/simulator", data={"text": "菜单"}).status_code == 403


def test_simulator_employer_forbidden(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "tea")
    assert client.get("/console/simulator").status_code == 403


def test_simulator_never_binds_a_real_person_of_another_county(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    wang = seeded["people"]["王五"]  # 光泽县, registered by a coordinator
    before = db.get(Labourer, wang)
    before = (before.age, before.birth_year, before.pushes_opted_out, before.wechat_openid, before.skills)
    login(client, "pucheng")
    _say(client, "登记")
    for answer in ["王五", "男", "30", "光泽县", "无", "无", "13700137000", "1", "1"]:
        r = _say(client, answer)
    assert "另一份档案" in r.text
    _say(client, "改年龄 30")
    _say(client, "TD")
    _say(client, "人工")
    db.expire_all()
    after = db.get(Labourer, wang)
    assert (after.age, after.birth_year, after.pushes_opted_out, after.wechat_openid, after.skills) == before
    sim = db.scalar(select(Labourer).where(Labourer.wechat_openid.like("console-sim-%")))
    assert sim is not None and sim.county_code == "350722" and sim.pushes_opted_out is True
    # the simulator's 人工 ticket belongs to 浦城县, not to the county of the person it named
    page = client.get("/console/")
    client.post("/console/logout", data={"csrf_token": csrf_of(page.text)})
    login(client, "guangze")
    assert db.scalar(select(HandoffTicket)) is not None
    assert "console-sim" not in client.get("/console/handoffs").text
    assert "模拟用户" not in client.get("/console/handoffs").text


def test_simulator_registration_works_on_its_throwaway_person(client, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    login(client, "pucheng")
    _say(client, "登记")
    for answer in ["陈小明", "男", "40", "浦城县", "电焊", "县城附近", "13511112222", "1", "1"]:
        r = _say(client, answer)
    assert "登记成功" in r.text
    sim = db.scalar(select(Labourer).where(Labourer.wechat_openid.like("console-sim-%")))
    assert (sim.name, sim.county_code, sim.pushes_opted_out, sim.sms_consent) == ("陈小明", "350722", True, False)
    assert db.scalar(select(Labourer).where(Labourer.name == "陈小明", Labourer.id != sim.id)) is None
