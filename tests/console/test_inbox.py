"""Hand-off tickets and unanswered questions: listed in the coordinator's scope, closed and handled by form."""

from __future__ import annotations

from bot import service as bot_service
from bot.models import HandoffTicket
from knowledge.models import UnansweredQuestion
from knowledge.service import record_unanswered
from matching.models import Labourer
from tests.console.conftest import csrf_of, login


def _tickets(db, seeded) -> dict[str, int]:  # type: ignore[no-untyped-def]
    db.get(Labourer, seeded["people"]["张三"]).wechat_openid = "oZhang"
    db.get(Labourer, seeded["people"]["王五"]).wechat_openid = "oWang"
    ids = {who: bot_service.open_ticket(db, openid=openid, text=text).id for who, openid, text in (
        ("张三", "oZhang", "我想问问公益性岗位"), ("王五", "oWang", "光泽县的问题"), ("stranger", "oNobody", "怎么登记"))}
    db.commit()
    return ids


def test_handoffs_list_scoped_to_coordinator_counties(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _tickets(db, seeded)
    login(client, "pucheng")
    html = client.get("/console/handoffs").text
    assert "我想问问公益性岗位" in html and "怎么登记" in html  # own county, and a sender not registered yet
    assert "光泽县的问题" not in html
    assert "待处理 2 件" in html
    assert "人工客服工单待处理：<a href=\"/console/handoffs\"><b>2</b>" in client.get("/console/").text


def test_handoffs_admin_sees_all(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _tickets(db, seeded)
    login(client, "admin")
    assert "待处理 3 件" in client.get("/console/handoffs").text


def test_handoff_close_with_note(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    ids = _tickets(db, seeded)
    login(client, "pucheng")
    token = csrf_of(client.get("/console/handoffs").text)
    r = client.post(f"/console/handoffs/{ids['张三']}/close", data={"note": "已电话联系", "csrf_token": token})
    assert r.status_code == 200 and f"工单 {ids['张三']} 已处理" in r.text
    waiting, done = r.text.split('id="closed"')
    assert "我想问问公益性岗位" not in waiting and "我想问问公益性岗位" in done and "已电话联系" in done
    db.expire_all()
    ticket = db.get(HandoffTicket, ids["张三"])
    assert ticket.status == "closed" and ticket.note == "已电话联系" and ticket.closed_at is not None


def test_handoff_close_other_county_forbidden(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    ids = _tickets(db, seeded)
    login(client, "pucheng")
    token = csrf_of(client.get("/console/handoffs").text)
    r = client.post(f"/console/handoffs/{ids['王五']}/close", data={"csrf_token": token})
    assert r.status_code == 403
    assert client.post("/console/handoffs/99999/close", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/console/handoffs/{ids['张三']}/close", data={"note": "x"}).status_code == 403  # no CSRF
    db.expire_all()
    assert db.get(HandoffTicket, ids["王五"]).status == "open"


def _questions(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rare = record_unanswered(db, question="医保报销比例是多少", channel="wechat")
    common = record_unanswered(db, question="残疾人有什么补贴吗", channel="wechat")
    record_unanswered(db, question="残疾人有什么补贴吗？", channel="wechat")
    done = record_unanswered(db, question="公积金怎么提取出来", channel="cli")
    done.status = "answered"
    db.commit()
    return {"rare": rare.id, "common": common.id, "done": done.id}


# Questions without a registered asker are for province staff only (issue 16 #5: every coordinator
# saw them before); county scoping is in test_questions_scope.py.
def test_unanswered_count_leaves_out_handled(client, db) -> None:  # type: ignore[no-untyped-def]
    _questions(db)
    login(client, "admin")
    html = client.get("/console/").text
    assert "机器人未能回答的问题：<a href=\"/console/questions\"><b>2</b>" in html
    assert "公积金怎么提取出来" not in html


def test_questions_listed_most_asked_first_and_marked_handled(client, db) -> None:  # type: ignore[no-untyped-def]
    ids = _questions(db)
    login(client, "admin")
    html = client.get("/console/questions").text
    assert html.index("残疾人有什么补贴吗") < html.index("医保报销比例是多少")
    assert "公积金怎么提取出来" not in html and "微信" in html
    r = client.post(f"/console/questions/{ids['common']}/handled", data={"csrf_token": csrf_of(html)})
    assert "已标记为已处理" in r.text and "残疾人有什么补贴吗</td>" not in r.text
    db.expire_all()
    assert db.get(UnansweredQuestion, ids["common"]).status == "answered"
    assert client.post("/console/questions/99999/handled", data={"csrf_token": csrf_of(html)}).status_code == 404
