"""People no push can reach get a call: listed for their coordinator, and a recorded call counts as their push."""

from __future__ import annotations

from sqlalchemy import select

from jobs_feed.push.models import CALL, SENT, Push
from jobs_feed.push.planner import Candidate, plan
from tests.console.conftest import csrf_of, login


def _plan(db, settings, seeded):  # type: ignore[no-untyped-def]
    # 张三 has a phone but neither WeChat nor SMS consent (the default); 王五 likewise, in 光泽县
    ids = seeded["people"]
    cands = {ids[name]: [Candidate(seeded["posting"], 0.9, ["您会电焊", "岗位就在浦城县"])] for name in ("张三", "王五")}
    result = plan(db, settings, cands)
    db.commit()
    return result


def test_a_person_no_channel_reaches_gets_a_call_not_silence(db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    result = _plan(db, settings, seeded)
    assert result.planned == [] and len(result.calls) == 2
    rows = db.scalars(select(Push).order_by(Push.id)).all()
    assert [(r.status, r.channel) for r in rows] == [(CALL, "phone"), (CALL, "phone")]
    again = _plan(db, settings, seeded)  # the next day's plan: the call is still waiting, nothing doubles
    assert again.calls == [] and again.covered == 2


def test_coordinator_calls_and_the_call_counts_as_the_push(client, db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    _plan(db, settings, seeded)
    login(client, "pucheng")
    assert "需电话通知的人：<a href=\"/console/calls\"><b>1</b>" in client.get("/console/").text
    page = client.get("/console/calls").text
    assert "张三" in page and "王五" not in page  # only her own county's people
    assert 'href="tel:13800138000"' in page and "采茶工" in page
    assert "您会电焊" in page  # the reasons, in words to read out
    before = client.get(f"/console/people/{seeded['people']['张三']}").text
    assert "已列入“电话通知”" in before and "待电话通知" in before.split('id="pushes"')[1]  # how the fit reaches him
    call = db.scalars(select(Push).where(Push.labourer_id == seeded["people"]["张三"])).one()
    r = client.post(f"/console/calls/{call.id}", data={"outcome": "missed", "csrf_token": csrf_of(page)},
                    follow_redirects=True)
    assert "未联系上" in r.text and "第1次未联系上" in r.text  # still on the list
    r = client.post(f"/console/calls/{call.id}", data={"outcome": "told", "note": "本人有意向",
                                                       "csrf_token": csrf_of(r.text)}, follow_redirects=True)
    assert "已记录：张三（采茶工）电话告知，计入推送" in r.text
    assert "没有需要电话通知的人" in r.text
    db.expire_all()
    done = db.get(Push, call.id)
    assert done.status == SENT and done.channel == "phone" and done.sent_at is not None
    assert "采茶工" in done.text
    person = client.get(f"/console/people/{seeded['people']['张三']}").text
    pushed = person.split('id="pushes"')[1]
    assert "电话" in pushed and "已发送" in pushed and "您会电焊" in pushed  # what was pushed, with its reasons


def test_a_coordinator_cannot_record_another_countys_call(client, db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    _plan(db, settings, seeded)
    other = db.scalars(select(Push).where(Push.labourer_id == seeded["people"]["王五"])).one()
    login(client, "pucheng")
    token = csrf_of(client.get("/console/calls").text)
    r = client.post(f"/console/calls/{other.id}", data={"outcome": "told", "csrf_token": token})
    assert r.status_code == 404
    db.expire_all()
    assert db.get(Push, other.id).status == CALL


def test_a_visit_becomes_a_call_once_a_phone_number_is_on_the_record(client, db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    zhang = db.get(Labourer, seeded["people"]["张三"])
    zhang.phone = None
    db.commit()
    _plan(db, settings, seeded)
    login(client, "pucheng")
    assert "没有手机号：请上门告知" in client.get("/console/calls").text
    zhang.phone = "13912345678"  # the coordinator found his number
    db.commit()
    page = client.get("/console/calls").text
    assert 'href="tel:13912345678"' in page and "请上门告知" not in page
    call = db.scalars(select(Push).where(Push.labourer_id == zhang.id)).one()
    r = client.post(f"/console/calls/{call.id}", data={"outcome": "told", "csrf_token": csrf_of(page)},
                    follow_redirects=True)
    assert "电话告知" in r.text
    db.expire_all()
    assert db.get(Push, call.id).channel == "phone"
