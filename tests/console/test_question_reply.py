"""A coordinator answers a question the bot could not: the reply reaches the asker by WeChat (a loopback
server speaking WeChat's API), now inside the 48-hour window, else with the bot's next reply to them."""

from __future__ import annotations

from pydantic import SecretStr

from jobs_feed.senders.wechat import note_interaction
from knowledge.models import UnansweredQuestion
from matching.models import Labourer
from tests.bot.conftest import TOKEN, say
from tests.bot.wechat_server import FakeWeChat
from tests.console.conftest import csrf_of, login


def _question(db, seeded, name: str, openid: str, text: str) -> int:  # type: ignore[no-untyped-def]
    db.get(Labourer, seeded["people"][name]).wechat_openid = openid
    row = UnansweredQuestion(question=text, normalized=text, channel="wechat", openid=openid, times_asked=1,
                             status="open")
    db.add(row)
    db.commit()
    return row.id


def _reply(client, qid: int, text: str) -> str:  # type: ignore[no-untyped-def]
    page = client.get("/console/questions")
    r = client.post(f"/console/questions/{qid}/reply", data={"reply": text, "csrf_token": csrf_of(page.text)})
    assert r.status_code == 200
    return r.text


def test_a_reply_goes_to_the_asker_now_or_with_the_next_bot_reply(client, seeded, db, settings, redis_client) -> None:  # type: ignore[no-untyped-def]
    now_q = _question(db, seeded, "张三", "oAskNow", "村里的护林员岗位啥时候招人")
    later_q = _question(db, seeded, "李四", "oAskLater", "镇上的扶贫车间在哪个位置")
    settings.wechat_app_id = "wxtest"
    settings.wechat_token = SecretStr(TOKEN)
    with FakeWeChat(appid="wxtest") as fake:
        settings.wechat_api_base = fake.base
        settings.wechat_app_secret = SecretStr(fake.secret)
        note_interaction(settings, redis_client, "oAskNow")  # 张三 wrote within 48 hours
        login(client, "pucheng")
        page = _reply(client, now_q, "护林员岗位每年三月由乡镇统一招，到时村委会会通知。")
        assert "已通过微信发给提问人" in page
        sent = [m["data"] for m in fake.received if m["path"].endswith("custom/send")]
        assert sent and sent[0]["touser"] == "oAskNow"
        assert "护林员岗位每年三月" in sent[0]["text"]["content"] and "工作人员答复" in sent[0]["text"]["content"]
        page = _reply(client, later_q, "车间在镇政府对面的老粮站，周一到周五上午去。")
        assert "等他下次发消息时" in page  # 李四 has not written in 48 hours: WeChat would refuse
        assert len([m for m in fake.received if m["path"].endswith("custom/send")]) == 1
        assert "老粮站" in page and "最近的答复" in page  # kept with the question, on the page
        reply = say(client, "你好", openid="oAskLater")  # 李四 writes again
        assert "老粮站" in reply and "工作人员答复" in reply
        assert "老粮站" not in say(client, "你好", openid="oAskLater")  # once only
    person = client.get(f"/console/people/{seeded['people']['李四']}").text
    assert "镇上的扶贫车间在哪个位置" in person and "老粮站" in person  # on the asker's page too
    db.expire_all()
    assert db.get(UnansweredQuestion, later_q).reply_status == "sent"
    assert db.get(UnansweredQuestion, now_q).status == "answered"


def test_a_reply_is_refused_empty_or_for_another_countys_asker(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    qid = _question(db, seeded, "王五", "oAskOther", "光泽县的问题")  # 王五: 光泽县
    login(client, "pucheng")
    page = client.get("/console/questions")
    r = client.post(f"/console/questions/{qid}/reply", data={"reply": "答复", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 404
    mine = _question(db, seeded, "张三", "oAskMine", "浦城的问题")
    assert "请写下答复内容" in _reply(client, mine, "   ")


def test_an_admin_makes_a_reply_the_bots_answer_to_the_same_question(client, seeded, db, settings) -> None:  # type: ignore[no-untyped-def]
    question = "县里的就业补贴申请表在哪里下载"
    qid = _question(db, seeded, "张三", "oAskFirst", question)
    settings.wechat_token = SecretStr(TOKEN)
    login(client, "pucheng")
    _reply(client, qid, "申请表在县人社局网站“办事指南”栏目，乡镇劳动保障事务所也有纸质的。")
    page = client.get("/console/questions")
    assert client.post(f"/console/questions/{qid}/curate",
                       data={"on": "1", "csrf_token": csrf_of(page.text)}).status_code == 403  # coordinators answer
    assert "办事指南" not in say(client, question, openid="oBefore")  # replied to one asker, not yet the bot's
    login(client, "admin")
    page = client.get("/console/questions")
    done = client.post(f"/console/questions/{qid}/curate", data={"on": "1", "csrf_token": csrf_of(page.text)})
    assert "机器人会给出这条答复" in done.text
    reply = say(client, "县里的就业补贴申请表，在哪里下载？", openid="oSomeoneElse")  # the same question
    assert "工作人员答复（浦城协理员" in reply and "办事指南" in reply and "不是政策文件原文" in reply
    assert "出处" not in reply and "依据" not in reply  # never passed off as a document citation
