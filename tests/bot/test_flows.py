"""Dialogue flows as plain functions: (state, message) → (state, reply), no HTTP."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select

from bot import service
from bot.backends import Answer, Backends
from bot.flows import Ctx, Defer, dispatch, run_turn
from bot.models import HandoffTicket, WechatUser
from bot.protocol import Inbound

OPENID = "oFlowUser"


def sent_code(settings, phone: str) -> str:  # type: ignore[no-untyped-def]
    """The last verification code the log SMS vendor wrote to the outbox for ``phone``."""
    import json
    import re

    lines = [json.loads(x) for x in settings.sms_outbox_path.read_text(encoding="utf-8").splitlines()]
    texts = [x["text"] for x in lines if x["phone"] == phone and "验证码" in x["text"]]
    return re.search(r"验证码(\d{6})", texts[-1]).group(1)  # type: ignore[union-attr]


def msg(text: str = "", *, kind: str = "text", openid: str = OPENID, **kw: Any) -> Inbound:
    return Inbound(openid=openid, account="gh", kind=kind, create_time=int(time.time()), msg_id=1, text=text, **kw)


class Chat:
    """Carries state between turns like the handler does (state in, state out)."""

    def __init__(self, settings, session_factory, backends=None):  # type: ignore[no-untyped-def]
        self.settings, self.session_factory = settings, session_factory
        self.backends = backends or Backends(settings)
        self.state: dict[str, Any] = {}

    def __call__(self, text: str = "", **kw: Any) -> str:
        ctx = Ctx(settings=self.settings, backends=self.backends, session_factory=self.session_factory, can_defer=False)
        self.state, reply = run_turn(ctx, self.state, msg(text, **kw))
        return reply


@pytest.fixture()
def chat(settings, session_factory):  # type: ignore[no-untyped-def]
    return Chat(settings, session_factory)


class FakeKnowledge(Backends):
    """The knowledge base is another engineer's domain: stand in for its answer only."""

    def __init__(self, settings, answers: dict[str, Answer]):  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.answers, self.recorded, self._loaded = answers, [], True
        self._answerer = object()

    def answer(self, text: str, key: str | None = None, topic: str | None = None, known: dict | None = None) -> Answer:
        return self.answers.get(text, Answer(q=text, answer="", fallback=True))

    def record_unanswered(self, session, *, question, openid):  # type: ignore[no-untyped-def]
        self.recorded.append((question, openid))


def test_menu_lists_five_numbered_options(chat):
    reply = chat("菜单")
    for line in ("1 问政策", "2 找工作", "3 登记/修改信息", "4 我的推荐", "5 找人工"):
        assert line in reply
    assert chat("帮助") == reply


def test_subscribe_event_welcomes_and_unsubscribe_is_recorded(chat, session_factory):
    assert "1 问政策" in chat(kind="event", event="subscribe")
    assert chat(kind="event", event="unsubscribe") == ""
    with session_factory() as s:
        assert s.get(WechatUser, OPENID).following is False


def test_question_gets_cited_answer(settings, session_factory):
    ans = Answer(q="交通补贴", answer="可以申请交通补贴。", fallback=False, sources=[{"citation": "闽人社文〔2018〕258号 第三条"}])
    chat = Chat(settings, session_factory, FakeKnowledge(settings, {"外出务工有交通补贴吗": ans}))
    reply = chat("外出务工有交通补贴吗")
    assert reply.startswith("可以申请交通补贴。") and "依据：闽人社文〔2018〕258号 第三条" in reply


def test_unknown_question_says_so_offers_human_and_is_recorded(settings, session_factory):
    kb = FakeKnowledge(settings, {})
    chat = Chat(settings, session_factory, kb)
    reply = chat("外省的贫困户来福建打工有没有补贴")
    assert "没有找到答案" in reply and "人工" in reply
    assert kb.recorded == [("外省的贫困户来福建打工有没有补贴", OPENID)]
    # 人工 then carries that question to the coordinator
    assert "工作人员" in chat("人工")
    with session_factory() as s:
        ticket = s.scalars(select(HandoffTicket).where(HandoffTicket.openid == OPENID)).one()
        assert "外省的贫困户来福建打工有没有补贴" in ticket.text and ticket.status == "open"


def test_question_defers_while_knowledge_base_loads(settings, session_factory):
    ctx = Ctx(settings=settings, backends=Backends(settings), session_factory=session_factory)
    with pytest.raises(Defer):
        dispatch(ctx, {}, msg("外出务工有交通补贴吗"))


def test_human_twice_keeps_one_open_ticket(chat, session_factory):
    chat("人工")
    chat("5")
    with session_factory() as s:
        assert len(service.list_tickets(s)) == 1


def test_opt_out_and_back(chat, session_factory):
    assert "已退订" in chat("TD")
    with session_factory() as s:
        assert s.get(WechatUser, OPENID).push_opt_out is True
    assert "恢复订阅" in chat("订阅")
    with session_factory() as s:
        assert s.get(WechatUser, OPENID).push_opt_out is False


def test_voice_uses_recognition_else_asks_to_type(chat):
    assert "1 问政策" in chat("菜单", kind="voice")
    assert "打字" in chat("", kind="voice")


def test_other_types_get_a_hint(chat):
    for kind in ("image", "video", "link", "shortvideo", "unknown"):
        assert "文字" in chat(kind=kind)


def test_location_sets_county_from_coordinates(chat):
    reply = chat(kind="location", lat=26.0745, lon=119.2965, label="")
    assert "福州市" in reply
    assert chat.state["place"].startswith("3501")


def test_location_outside_fujian_is_acknowledged(chat):
    assert "不在福建" in chat(kind="location", lat=39.9, lon=116.4, label="北京市")


REGISTRATION = ["张三", "45", "1", "浦城", "电焊、开叉车", "想去福州进厂，4000以上", "13800138000", "1", "1"]


def test_full_registration_one_question_at_a_time(chat, session_factory):
    assert "姓名" in chat("3")
    replies = [chat(answer) for answer in REGISTRATION]
    assert "多大年纪" in replies[0] and "性别" in replies[1] and "哪个县" in replies[2]
    assert "登记成功" in replies[-1] and "张三" in replies[-1] and "浦城县" in replies[-1]
    assert "flow" not in chat.state
    with session_factory() as s:
        user = s.get(WechatUser, OPENID)
        assert user.draft["age"] == 45 and user.draft["county"] == "350722" and user.draft["sms_ok"] is True


def test_registration_retries_bad_answers_kindly(chat):
    chat("登记")
    assert "2到6个汉字" in chat("123")
    chat("李四")
    assert "年龄数字" in chat("一百")
    assert "1 男" in chat("四十五")
    assert "1 男" in chat("不知道")
    assert "哪个县" in chat("女")
    assert "浦城县" in chat("普城")  # suggestion for a misspelt county
    assert "会什么" in chat("1")  # picks the first suggestion
    assert chat.state["data"]["county"] == "350722"


def test_correction_during_and_after_registration(chat, session_factory):
    chat("3")
    chat("王五")
    assert "已改为：王二" in chat("改姓名 王二")
    for answer in REGISTRATION[1:]:
        chat(answer)
    assert "已改为：46岁" in chat("改年龄 46")
    with session_factory() as s:
        draft = s.get(WechatUser, OPENID).draft
        assert draft["age"] == 46 and draft["name"] == "王二"
    assert "年龄数字" in chat("改年龄 300")


def test_cancel_leaves_registration_cleanly(chat):
    chat("3")
    chat("赵六")
    assert "已取消" in chat("取消")
    assert "flow" not in chat.state and "data" not in chat.state
    assert "1 问政策" in chat("菜单")


def test_correction_before_registering_points_to_registration(chat):
    assert "还没有登记" in chat("改年龄 40")


def test_registration_binds_person_imported_by_coordinator(chat, session_factory):
    from matching.models import Labourer
    from matching.service import upsert_labourer

    with session_factory() as s:
        imported, _ = upsert_labourer(s, {"name": "张三", "phone": "13800138000", "county_code": "350722"})
        s.commit()
        imported_id = imported.id
    chat("3")
    for answer in REGISTRATION:
        reply = chat(answer)
    # Binding an existing record takes the code texted to its phone (see test_verification.py).
    assert "验证码" in reply and "8000" in reply
    with session_factory() as s:
        assert s.get(WechatUser, OPENID).person_id is None
    assert "登记成功" in chat(sent_code(chat.settings, "13800138000"))
    with session_factory() as s:
        assert s.get(WechatUser, OPENID).person_id == imported_id
        rows = s.scalars(select(Labourer)).all()
        assert len(rows) == 1  # bound, not duplicated
        assert rows[0].wechat_openid == OPENID and rows[0].sms_consent is True and rows[0].age == 45
    chat("TD")
    with session_factory() as s:
        assert s.get(Labourer, imported_id).pushes_opted_out is True


def test_real_knowledge_base_cites_and_records_what_it_cannot_answer(settings, session_factory):
    from knowledge.models import UnansweredQuestion

    chat = Chat(settings, session_factory)
    reply = chat("扶贫车间吸纳贫困劳动力就业有什么补贴")
    assert "闽人社文" in reply  # the answer names its document
    reply = chat("外省的贫困户来福建打工有没有补贴")
    assert "没有找到答案" in reply and "人工" in reply
    assert "您是想" in chat("我家的猫不吃饭怎么办")  # neither a job request nor a policy question: asked back
    with session_factory() as s:
        rows = s.scalars(select(UnansweredQuestion)).all()
        assert [(r.question, r.channel, r.openid) for r in rows] == [("外省的贫困户来福建打工有没有补贴", "wechat", OPENID)]


def test_find_jobs_after_registration_lists_postings_with_reasons(chat, session_factory):
    from matching.models import Posting

    with session_factory() as s:
        s.add(Posting(title="电焊工", employer_name="福州某机械厂", location="福州市闽侯县", county_code="350121",
                      city_code="350100", salary_min=5000, salary_max=7000, salary_unit="month",
                      description="招电焊工，有焊工证优先，包吃住", status="open"))
        s.commit()
    assert "先登记一下" in chat("找工作")  # asking for work starts registration at once
    replies = [chat(answer) for answer in REGISTRATION]
    assert "电焊工" in replies[-1]  # registration ends with the best matches right away
    reply = chat("我想找个工作")
    assert reply.startswith("给您找到这些岗位") and "1 电焊工（福州闽侯，5000-7000元/月）" in reply
    assert "回复序号看详情" in reply
    detail = chat("1")  # the first job of the list, not menu item 1
    assert "【电焊工】" in detail and "5000-7000元/月" in detail and "包吃住" in detail
    assert "包吃住" in chat("这个包住吗")
    mine = chat("4")  # the list has one job: 4 is the menu's 我的推荐, and the job shown counts
    assert "电焊工" in mine and "聊天里推荐过" in mine


def test_registration_updates_person_already_linked_to_this_openid(chat, session_factory):
    from matching.models import Labourer
    from matching.service import upsert_labourer

    with session_factory() as s:
        linked, _ = upsert_labourer(s, {"name": "张三", "phone": "13900000000", "wechat_openid": OPENID})
        s.commit()
        linked_id = linked.id
    chat("3")
    for answer in REGISTRATION:  # a different phone than the one on file
        chat(answer)
    with session_factory() as s:
        rows = s.scalars(select(Labourer)).all()
        assert [r.id for r in rows] == [linked_id] and rows[0].phone == "13800138000"


def test_my_pushes_and_template_receipts(chat, session_factory):
    from core.timeutil import utcnow
    from jobs_feed.push.models import Push
    from matching.models import Posting

    chat("3")
    for answer in REGISTRATION:
        chat(answer)
    with session_factory() as s:
        person_id = s.get(WechatUser, OPENID).person_id
        posting = Posting(title="叉车司机", location="泉州市南安市", county_code="350583", city_code="350500",
                          salary_min=6000, salary_max=8000, salary_unit="month", status="open")
        waiting = Posting(title="未发出的岗位", location="福州市", status="open")
        s.add_all([posting, waiting])
        s.flush()
        s.add(Push(labourer_id=person_id, posting_id=posting.id, channel="wechat_template", status="sent",
                   sent_at=utcnow(), vendor_message_id="200163836", text="叉车司机"))
        s.add(Push(labourer_id=person_id, posting_id=waiting.id, channel=None, status="queued", text="未发出"))
        s.commit()
    reply = chat("我的推荐")
    assert reply.startswith("给您推荐过的岗位") and "叉车司机（泉州南安，6000-8000元/月）" in reply
    assert "未发出的岗位" not in reply
    receipt = {"MsgID": "200163836", "Status": "success"}
    assert chat(kind="event", event="templatesendjobfinish", raw=receipt) == ""
    with session_factory() as s:
        push = s.scalars(select(Push).where(Push.vendor_message_id == "200163836")).one()
        assert push.status == "delivered" and push.delivered_at is not None


def test_opt_out_before_registering_still_holds_after_registering(chat, session_factory):
    from matching.models import Labourer

    assert "已退订" in chat("TD")
    for answer in ["3", *REGISTRATION[:-1], "2"]:  # says 不是 建档立卡
        chat(answer)
    with session_factory() as s:
        person = s.scalars(select(Labourer)).one()
        assert person.pushes_opted_out is True
        assert person.poverty_registered is False  # never assumed for someone who registered by chat


def test_county_suggested_in_a_correction_can_be_picked_by_number(chat, session_factory):
    from matching.models import Labourer

    chat("3")
    for answer in REGISTRATION:
        chat(answer)
    assert "已改为：三明市宁化县" in chat("改县 宁化")
    reply = chat("改县 普城")  # misspelt: suggestions
    assert "回复数字选择" in reply and "1 浦城县" in reply
    assert "已改为：南平市浦城县" in chat("1")
    with session_factory() as s:
        assert s.scalars(select(Labourer)).one().county_code == "350722"


def test_no_suitable_job_reply_is_short_and_plain(chat):
    chat("3")
    for answer in REGISTRATION:
        chat(answer)
    reply = chat("2")
    assert reply.startswith("暂时没有适合您的岗位") and "本人" not in reply  # not the coordinator's note
