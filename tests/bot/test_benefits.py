"""我能领什么补贴 by chat: only unknown facts are asked, one at a time; the list cites each policy."""

from __future__ import annotations

from sqlalchemy import select

from bot.flows import benefits
from bot.models import WechatUser
from jobs_feed.ledger.models import EntitlementRecord
from matching.models import Labourer
from matching.service import upsert_labourer
from tests.bot.test_flows import OPENID, Chat


def _registered(session_factory, **facts):  # type: ignore[no-untyped-def]
    """A person a coordinator imported, bound to the chat's openid."""
    with session_factory() as s:
        row, _ = upsert_labourer(s, {"name": "王秀英", "gender": "女", "age": 45, "county_code": "350722",
                                     "wechat_openid": OPENID, "facts": facts})
        s.add(WechatUser(openid=OPENID, person_id=row.id))
        s.commit()
        return row.id


def test_request_phrasings_start_the_flow_but_a_named_policy_question_does_not():
    for text in ("我能领什么补贴", "我可以享受哪些政策？", "俺能拿啥补贴", "我家能申请什么补助", "查补贴"):
        assert benefits.is_request(text), text
    for text in ("一次性求职创业补贴怎么领", "培训有补贴吗", "贫困户外出务工有什么补贴"):
        assert not benefits.is_request(text), text


def test_stranger_is_asked_one_fact_at_a_time_then_gets_numbered_cited_list(settings, session_factory):
    chat = Chat(settings, session_factory)
    first = chat("我能领什么补贴")
    assert "先问几个问题" in first and first.count("？") == 1  # one question, not a form
    asked = [first]
    answers = {"年纪": "22", "男性还是女性": "1", "建档立卡": "是", "哪一年": "2026", "找到工作了吗": "没有",
               "毕业": "2", "标注脱贫": "1", "低保": "2", "特困": "2", "找工作、已经有工作": "1",
               "养老保险": "2", "创业": "1", "返乡": "2", "培训": "2", "技工院校": "2", "市场渠道": "2"}
    reply = first
    for _ in range(20):
        if "可以享受" in reply or "没有查到" in reply:
            break
        key = next(k for k in answers if k in reply)
        reply = chat(answers[key])
        asked.append(reply)
    assert "可以享受" in reply
    assert "一次性求职创业补贴" in reply and "就业见习" in reply and "就业红娘" in reply
    assert "闽人社文〔" in reply and "办理：" in reply
    assert len(reply.encode()) <= 2048
    questions = [a for a in asked if "？" in a]
    assert len(questions) == len(set(questions))  # nothing asked twice
    detail = chat("1")
    assert "为什么" in detail and "到哪里办" in detail
    assert "1 问政策" in chat("菜单")  # the list does not trap the follower


def test_registered_person_is_not_asked_what_the_registry_knows(settings, session_factory):
    person_id = _registered(session_factory, poverty_exited=True, dibao=False, tekun=False, graduate=None,
                            pension="urban_rural", business="none", returning_migrant=False,
                            wants_technical_school=False, market_job_failed=False)
    chat = Chat(settings, session_factory)
    first = chat("我能领什么补贴")
    for known in ("年纪", "男性还是女性", "建档立卡", "低保", "养老保险"):
        assert known not in first
    assert "培训" in first  # the only fact left that decides anything
    reply = chat("1")
    assert "职业培训补贴" in reply and "免费职业技能培训" in reply
    with session_factory() as s:
        assert s.get(Labourer, person_id).facts["wants_training"] is True  # saved: not asked again
        told = {r.name: r.state for r in s.scalars(select(EntitlementRecord))}
    assert told["职业培训补贴"] == "told" and told["免费职业技能培训"] == "told"
    again = Chat(settings, session_factory)("我能领什么补贴")
    assert "可以享受" in again  # nothing left to ask


def test_skip_and_bad_answers_are_handled_kindly(settings, session_factory):
    chat = Chat(settings, session_factory)
    first = chat("我能领什么补贴").split("\n", 1)[1]
    assert chat("随便说说").startswith("请回复")  # a friendly retry names what to answer
    nxt = chat("不知道")
    assert nxt != first and "？" in nxt  # skipped, the next fact is asked
    assert "已取消" in chat("取消")
    assert chat("1").startswith("请直接打字问")  # menu choice again, not an answer
