"""修改信息 corrects the fields where registry errors are: phone, ID number, age or birth date, 建档立卡 —
checked like an import, in Chinese, the masked numbers kept unless a new one is typed."""

from __future__ import annotations

import re

from matching.models import Labourer
from tests.console.conftest import csrf_of, login

GOOD_ID = "350722198503121236"


def _id(base17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return base17 + "10X98765432"[sum(int(d) * w for d, w in zip(base17, weights, strict=True)) % 11]


def _save(client, pid: int, **fields):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    return client.post(f"/console/people/{pid}", data={**fields, "csrf_token": token}, follow_redirects=True)


def test_phone_id_age_and_poverty_flag_are_corrected_with_the_imports_checks(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["李四"]  # no ID number on record: age and birth date can be typed
    page = client.get(f"/console/people/{pid}").text
    assert "139****9000" in page and "13900139000" not in page  # the form shows the number masked
    assert "已保存" in _save(client, pid, phone="139 0013 9111", age="37", poverty_registered="0").text
    db.expire_all()
    person = db.get(Labourer, pid)
    assert (person.phone, person.age, person.poverty_registered) == ("13900139111", 37, False)
    _save(client, pid, phone="")  # a blank phone field keeps the number on record
    db.expire_all()
    assert db.get(Labourer, pid).phone == "13900139111"
    wrong = _save(client, pid, phone="1390013")
    assert "手机号：手机号应为11位" in wrong.text
    new_id = _id("35072219900101222")
    bad_id = _save(client, pid, id_number=new_id[:-1] + ("0" if new_id[-1] != "0" else "1"))
    assert "身份证号：身份证号校验位不正确" in bad_id.text, re.findall(r'flash[^>]*>([^<]*)', bad_id.text)
    assert "已保存" in _save(client, pid, id_number=new_id).text
    db.expire_all()
    person = db.get(Labourer, pid)
    assert person.id_number == new_id and person.birth_year == 1990 and person.gender == "女"


def test_an_id_number_already_on_another_record_is_refused(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    taken = _id("35072219850101123")
    db.get(Labourer, seeded["people"]["张三"]).id_number = taken
    db.commit()
    r = _save(client, seeded["people"]["李四"], id_number=taken)
    assert "已登记在另一人名下" in r.text, re.findall(r'flash[^>]*>([^<]*)', r.text)


def test_erasing_a_persons_data_at_their_request_needs_the_name_and_clears_what_identifies_them(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from bot.models import HandoffTicket, WechatUser

    pid = seeded["people"]["张三"]
    from bot.service import open_ticket

    db.add(WechatUser(openid="oZhang", person_id=pid, draft={"name": "张三"}))
    db.get(Labourer, pid).wechat_openid = "oZhang"
    ticket = open_ticket(db, openid="oZhang", text="我儿子在厦门做电焊", conversation=[
        {"at": "2026-12-01T02:00:00+00:00", "said": "我住石陂镇高路村", "replied": "好的"}])
    db.commit()
    login(client, "guangze")  # another county's coordinator cannot
    token = csrf_of(client.get("/console/people").text)
    assert client.post(f"/console/people/{pid}/erase", data={"confirm": "张三", "csrf_token": token}).status_code == 403
    login(client, "pucheng")
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    slip = client.post(f"/console/people/{pid}/erase", data={"confirm": "张", "csrf_token": token}, follow_redirects=True)
    assert "请输入此人的姓名确认删除" in slip.text
    db.expire_all()
    assert db.get(Labourer, pid).phone == "13800138000"  # nothing half-done
    done = client.post(f"/console/people/{pid}/erase", data={"confirm": "张三", "csrf_token": token}, follow_redirects=True)
    assert "个人信息已删除" in done.text and "13800138000" not in done.text and "138****8000" not in done.text
    db.expire_all()
    person = db.get(Labourer, pid)
    assert (person.name, person.phone, person.id_number, person.wechat_openid, person.skills) == ("（已删除）", None, None, None, "")
    assert person.status == "not_seeking" and person.pushes_opted_out and not person.sms_consent
    assert "本人要求删除个人信息" in person.history[-1].note
    user = db.get(WechatUser, "oZhang")
    assert user.person_id is None and user.draft is None and user.push_opt_out
    kept = db.get(HandoffTicket, ticket.id)  # what they told staff and the bot goes too
    assert "电焊" not in kept.text and kept.conversation is None
