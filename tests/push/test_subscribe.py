"""Subscription messages (订阅通知): sent only to followers who pressed 同意, filled within WeChat's limits,
falling through to SMS otherwise, and receipts that update the outbox."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push.delivery import Deliverer
from jobs_feed.push.models import DELIVERED, FAILED, SENT, Push
from jobs_feed.push.planner import Candidate, plan
from jobs_feed.push.service import record_subscription_event
from jobs_feed.push.subscriptions import WechatSubscription
from jobs_feed.senders import Message, get_sender
from jobs_feed.senders.wechat import subscribe_fields

TPL = "TPL-SUB-PUSH"


@pytest.fixture()
def wechat_api(wechat_api, settings):
    settings.sms_daily_cap = 0
    settings.wechat_subscribe_template_id = TPL
    return wechat_api


def _agree(db, openid, *, status="accept", event="subscribe_msg_popup_event"):
    """What the /wechat endpoint records when the follower answers the popup."""
    record_subscription_event(db, openid, event, [{"TemplateId": TPL, "SubscribeStatusString": status}])
    db.commit()


def _deliver_all(settings, engine, redis_client, db):
    ids = [p.id for p in db.scalars(select(Push).where(Push.status == "queued"))]
    with make_sessionmaker(engine)() as s:
        deliverer = Deliverer(settings, make_sessionmaker(engine), redis_client)
        for pid in ids:
            deliverer.deliver(s, pid)
    db.expire_all()
    return {p.id: p for p in db.scalars(select(Push))}


def _plan(settings, db, person, jobs):
    plan(db, settings, {person.id: [Candidate(job.id, 0.9, ["您做过泥水工"]) for job in jobs]})
    db.commit()


MSG = Message(text="", out_id="push-1", params={
    "job": "福建省宁德市蕉城区某某新能源科技有限公司锂电池生产线普工", "place": "宁德蕉城",
    "pay": "6000-8000元/月", "apply": "报名电话0593-28812345或到村委会找协理员"})


def test_sender_fills_the_mapped_thing_keywords_within_twenty_characters(settings, wechat_api):
    wechat_api.grant("oid-s", TPL)
    result = get_sender(settings, "wechat_subscribe").send("oid-s", MSG)
    assert result.ok and result.vendor_id == str(wechat_api.accepted[0]["msgid"])
    sent = wechat_api.accepted[0]
    assert sent["template_id"] == TPL and sent["touser"] == "oid-s"
    values = {k: v["value"] for k, v in sent["data"].items()}
    assert set(values) == {"thing1", "thing2", "thing3", "thing4"}
    assert values["thing1"].startswith("福建省宁德市") and len(values["thing1"]) <= 20
    assert values["thing4"].startswith("报名电话0593-28812345")  # how to apply is shown, the number whole
    # WeChat's own count: the one 同意 is used up, a second send is refused and falls through
    again = get_sender(settings, "wechat_subscribe").send("oid-s", MSG)
    assert not again.ok and again.code == "43101" and again.fall_through


def test_a_keyword_map_that_cannot_carry_chinese_is_refused_in_chinese(settings, wechat_api):
    assert subscribe_fields("thing2=job,thing5=apply") == [("thing2", "job"), ("thing5", "apply")]
    for bad in ("character_string1=job", "thing1=salary", "", "thing=job"):
        with pytest.raises(ValueError, match="JIUYE_WECHAT_SUBSCRIBE_FIELDS 设置有误"):
            subscribe_fields(bad)
    settings.wechat_subscribe_fields = "phrase1=pay"
    result = get_sender(settings, "wechat_subscribe").send("oid-s", MSG)
    assert result.fall_through and result.code == "bad_config" and wechat_api.accepted == []


def test_bad_keyword_map_stops_the_service_from_starting(settings):
    from service.app import create_app

    settings.wechat_subscribe_template_id = TPL
    settings.wechat_subscribe_fields = "time1=job"
    with pytest.raises(ValueError, match="thing 类关键词"):
        create_app(settings, migrate=False)


def test_follower_who_agreed_gets_one_subscription_message_then_sms(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    (person,) = people(1, wechat_openid="oid-a")
    _agree(db, "oid-a")
    wechat_api.grant("oid-a", TPL)
    first, second = postings(2)
    _plan(settings, db, person, [first])
    (push,) = _deliver_all(settings, engine, redis_client, db).values()
    assert push.status == SENT and push.channel == "wechat_subscribe"
    assert push.vendor_message_id == str(wechat_api.accepted[0]["msgid"])
    row = db.get(WechatSubscription, ("oid-a", TPL))
    assert row.allowance == 0 and row.sent == 1
    # the next push: the one 同意 is used, so WeChat is not even asked and SMS carries it
    db.add(Push(labourer_id=person.id, posting_id=second.id, status="queued", reasons=[]))
    db.commit()
    pushes = _deliver_all(settings, engine, redis_client, db)
    later = [p for p in pushes.values() if p.posting_id == second.id][0]
    assert later.status == SENT and later.channel == "sms"
    assert len(wechat_api.accepted) == 1


def test_no_agreement_means_no_wechat_call_and_sms_instead(settings, engine, db, people, postings, redis_client, wechat_api):
    (person,) = people(1, wechat_openid="oid-n")
    wechat_api.grant("oid-n", TPL)  # even if WeChat would take it, we have no 同意 on record
    _plan(settings, db, person, postings(1))
    (push,) = _deliver_all(settings, engine, redis_client, db).values()
    assert push.channel == "sms" and push.status == SENT and wechat_api.accepted == []


def test_wechat_saying_no_allowance_clears_ours_and_falls_through(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    (person,) = people(1, wechat_openid="oid-r")
    _agree(db, "oid-r")  # recorded here, but WeChat has no allowance (used on another device, say)
    _plan(settings, db, person, postings(1))
    (push,) = _deliver_all(settings, engine, redis_client, db).values()
    assert push.channel == "sms" and push.status == SENT
    assert db.get(WechatSubscription, ("oid-r", TPL)).allowance == 0


def test_turning_it_off_in_settings_stops_subscription_messages(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    settings.wechat_subscribe_long_term = True
    (person,) = people(1, wechat_openid="oid-l")
    _agree(db, "oid-l")
    wechat_api.grant("oid-l", TPL, times=5)
    _agree(db, "oid-l", status="reject", event="subscribe_msg_change_event")
    _plan(settings, db, person, postings(1))
    (push,) = _deliver_all(settings, engine, redis_client, db).values()
    assert push.channel == "sms" and wechat_api.accepted == []


def test_sent_event_marks_the_push_delivered_or_failed(settings, engine, db, people, postings, redis_client, wechat_api):
    settings.wechat_subscribe_long_term = True  # one 同意, several messages
    (a,), (b,) = people(1, wechat_openid="oid-x"), people(1, wechat_openid="oid-y")
    for openid in ("oid-x", "oid-y"):
        _agree(db, openid)
        wechat_api.grant(openid, TPL)
    jobs = postings(2)
    plan(db, settings, {a.id: [Candidate(jobs[0].id, 0.9, [])], b.id: [Candidate(jobs[1].id, 0.9, [])]})
    db.commit()
    pushes = list(_deliver_all(settings, engine, redis_client, db).values())
    assert {p.channel for p in pushes} == {"wechat_subscribe"}
    ok, bad = pushes
    assert record_subscription_event(db, "oid-x", "subscribe_msg_sent_event", [
        {"TemplateId": TPL, "MsgID": ok.vendor_message_id, "ErrorCode": "0", "ErrorStatus": "success"}]) == 1
    assert record_subscription_event(db, "oid-y", "subscribe_msg_sent_event", [
        {"TemplateId": TPL, "MsgID": bad.vendor_message_id, "ErrorCode": "43101", "ErrorStatus": "failed:user refuse"}])
    assert record_subscription_event(db, "oid-y", "subscribe_msg_sent_event", [{"MsgID": "999", "ErrorCode": "0"}]) == 0
    db.commit()
    assert db.get(Push, ok.id).status == DELIVERED
    assert db.get(Push, bad.id).status == FAILED and "43101" in db.get(Push, bad.id).error
