"""未答问题 stay in the asker's county, with phone and ID numbers masked; unknown askers go to admins only."""

from __future__ import annotations

from sqlalchemy import select

from knowledge.models import UnansweredQuestion
from knowledge.service import record_unanswered
from matching.models import Labourer
from tests.console.conftest import csrf_of, login

GZ_Q = "我电话13700137000身份证350723197801011234请问光泽县的护林员补贴怎么领"
PC_Q = "浦城县的茶叶种植补贴什么时候发放"
API_Q = "匿名接口问的养老保险问题怎么办理"


def _seed(session_factory, seeded) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with session_factory() as db, db.begin():
        db.get(Labourer, seeded["people"]["王五"]).wechat_openid = "oGuangze"
        db.get(Labourer, seeded["people"]["张三"]).wechat_openid = "oPucheng"
        ids = {}
        for q, channel, openid in ((GZ_Q, "wechat", "oGuangze"), (PC_Q, "wechat", "oPucheng"),
                                   (API_Q, "api", None), ("陌生人问的低保问题怎么申请", "wechat", "oStranger")):
            ids[q] = record_unanswered(db, question=q, channel=channel, openid=openid).id
        return ids


def test_coordinator_sees_only_questions_of_their_county_masked(client, seeded, session_factory) -> None:  # type: ignore[no-untyped-def]
    _seed(session_factory, seeded)
    login(client, "guangze")
    page = client.get("/console/questions").text
    assert "护林员补贴" in page and "13700137000" not in page and "137****7000" in page
    assert "350723197801011234" not in page
    assert PC_Q not in page and API_Q not in page and "陌生人" not in page
    assert "茶叶种植" not in client.get("/console/").text


def test_admin_sees_every_question_including_unknown_askers(client, seeded, session_factory) -> None:  # type: ignore[no-untyped-def]
    _seed(session_factory, seeded)
    login(client, "admin")
    page = client.get("/console/questions").text
    assert all(q in page for q in (PC_Q, API_Q, "陌生人问的低保问题怎么申请")) and "护林员补贴" in page


def test_coordinator_cannot_mark_another_countys_question_handled(client, seeded, session_factory, db) -> None:  # type: ignore[no-untyped-def]
    ids = _seed(session_factory, seeded)
    login(client, "pucheng")
    token = csrf_of(client.get("/console/questions").text)
    for q in (GZ_Q, API_Q):
        r = client.post(f"/console/questions/{ids[q]}/handled", data={"csrf_token": token})
        assert r.status_code == 404 and "没有找到" in r.text
    r = client.post(f"/console/questions/{ids[PC_Q]}/handled", data={"csrf_token": token})
    assert r.status_code == 200 and "已标记为已处理" in r.text
    statuses = dict(db.execute(select(UnansweredQuestion.id, UnansweredQuestion.status)).all())
    assert statuses[ids[GZ_Q]] == "open" and statuses[ids[API_Q]] == "open" and statuses[ids[PC_Q]] == "answered"


def test_handoff_ticket_text_is_masked_for_coordinators(client, seeded, session_factory) -> None:  # type: ignore[no-untyped-def]
    from bot.service import open_ticket

    _seed(session_factory, seeded)
    with session_factory() as db, db.begin():
        open_ticket(db, openid="oPucheng", text="请打我电话13800138000")
    login(client, "pucheng")
    page = client.get("/console/handoffs").text
    assert "13800138000" not in page and "138****8000" in page
