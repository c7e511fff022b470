"""Senders against loopback servers speaking each vendor's API, driven by the official SDKs."""

from __future__ import annotations

import json

import pytest
from pydantic import SecretStr

from jobs_feed.senders import Message, get_sender
from jobs_feed.senders.wechat import note_interaction
from tests.push.vendor_servers import AliyunSmsServer, TencentSmsServer

MSG = Message(
    text="【就业帮扶】为您推荐：泥水工，泉州南安，7000-9000元/月。详询12333",
    out_id="push-7",
    params={"job": "泥水工", "place": "泉州南安", "pay": "7000-9000元/月", "apply": "详询12333"},
    labourer_ref="P01",
    posting_ref="D03",
)


@pytest.fixture()
def aliyun(settings):
    server = AliyunSmsServer().start()
    settings.sms_vendor = "aliyun"
    settings.aliyun_sms_endpoint = server.endpoint
    settings.aliyun_sms_access_key_id = server.ak
    settings.aliyun_sms_access_key_secret = SecretStr(server.secret)
    settings.aliyun_sms_template_code = "SMS_100"
    settings.sms_timeout = 2
    yield server
    server.stop()


@pytest.fixture()
def tencent(settings):
    server = TencentSmsServer().start()
    settings.sms_vendor = "tencent"
    settings.tencent_sms_endpoint = server.endpoint
    settings.tencent_sms_secret_id = server.secret_id
    settings.tencent_sms_secret_key = SecretStr(server.secret_key)
    settings.tencent_sms_app_id = "1400000001"
    settings.tencent_sms_template_id = "100"
    settings.sms_timeout = 2
    yield server
    server.stop()


def test_log_sender_appends_one_json_line_with_external_ids(settings):
    result = get_sender(settings, "sms").send("13800002000", MSG)
    assert result.ok
    lines = settings.sms_outbox_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    line = json.loads(lines[0])
    assert {k: line[k] for k in ("labourer_id", "phone", "channel", "posting_id", "status")} == {
        "labourer_id": "P01", "phone": "13800002000", "channel": "sms", "posting_id": "D03", "status": "sent"}
    assert line["text"] == MSG.text
    sender = get_sender(settings, "sms")
    assert sender.lookup("push-7") is not None and sender.lookup("push-8") is None


def test_aliyun_sender_sends_through_official_sdk_with_valid_signature(settings, aliyun):
    result = get_sender(settings, "sms").send("13800002000", MSG)
    assert result.ok and result.vendor_id == aliyun.accepted[0]["BizId"]
    got = aliyun.accepted[0]
    assert got["PhoneNumbers"] == "13800002000" and got["SignName"] == settings.sms_sign_name
    assert got["OutId"] == "push-7" and json.loads(got["TemplateParam"])["job"] == "泥水工"


def test_aliyun_sender_wrong_secret_is_refused_not_retried(settings, aliyun):
    settings.aliyun_sms_access_key_secret = SecretStr("wrong")
    result = get_sender(settings, "sms").send("13800002000", MSG)
    assert not result.ok and result.code == "SignatureDoesNotMatch" and not result.retryable
    assert aliyun.accepted == []


def test_aliyun_sender_outage_and_throttling_are_retryable(settings, aliyun):
    sender = get_sender(settings, "sms")
    aliyun.down = True
    assert sender.send("13800002000", MSG).retryable
    aliyun.down = False
    aliyun.fail.append((200, {"Code": "isv.BUSINESS_LIMIT_CONTROL", "Message": "触发分钟级流控", "RequestId": "r"}))
    limited = sender.send("13800002000", MSG)
    assert not limited.ok and limited.retryable and limited.code == "isv.BUSINESS_LIMIT_CONTROL"
    bad = sender.send("not-a-phone", MSG)
    assert not bad.ok and not bad.retryable


def test_aliyun_sender_unreachable_vendor_is_retryable(settings):
    settings.sms_vendor = "aliyun"
    settings.aliyun_sms_endpoint = "http://127.0.0.1:9"
    settings.sms_timeout = 1
    assert get_sender(settings, "sms").send("13800002000", MSG).code == "not_configured"
    settings.aliyun_sms_access_key_id, settings.aliyun_sms_template_code = "ak", "SMS_1"
    result = get_sender(settings, "sms").send("13800002000", MSG)
    assert not result.ok and result.retryable


def test_tencent_sender_sends_through_official_sdk_with_valid_signature(settings, tencent):
    result = get_sender(settings, "sms").send("13800002000", MSG)
    assert result.ok and result.vendor_id == tencent.accepted[0]["SerialNo"]
    got = tencent.accepted[0]
    assert got["PhoneNumber"] == "+8613800002000" and got["SessionContext"] == "push-7"
    assert got["TemplateParamSet"] == ["泥水工", "泉州南安", "7000-9000元/月", "详询12333"]


def test_tencent_sender_bad_key_refused_and_outage_retryable(settings, tencent):
    settings.tencent_sms_secret_key = SecretStr("wrong")
    refused = get_sender(settings, "sms").send("13800002000", MSG)
    assert not refused.ok and refused.code.startswith("AuthFailure") and not refused.retryable
    settings.tencent_sms_secret_key = SecretStr(tencent.secret_key)
    tencent.down = True
    assert get_sender(settings, "sms").send("13800002000", MSG).retryable
    assert tencent.accepted == []


def test_unknown_sms_vendor_is_a_clear_error(settings):
    settings.sms_vendor = "nope"
    with pytest.raises(Exception, match="nope"):
        get_sender(settings, "sms")


def test_wechat_customer_service_message_and_fall_through_codes(settings, wechat_api, redis_client):
    cs = get_sender(settings, "wechat_cs")
    assert cs.send("oid-1", MSG).fall_through  # never wrote to us: not tried
    assert wechat_api.accepted == []
    note_interaction(settings, redis_client, "oid-1")
    note_interaction(settings, redis_client, "oid-2")
    assert cs.send("oid-1", MSG).ok
    assert wechat_api.accepted[0]["text"]["content"] == MSG.text
    for code in (43004, 45015, 45047):
        wechat_api.errcodes["oid-2"] = code
        result = cs.send("oid-2", MSG)
        assert not result.ok and result.fall_through and result.code == str(code)


def test_wechat_customer_service_respects_window_and_quota(settings, wechat_api, redis_client):
    import time

    cs = get_sender(settings, "wechat_cs")
    note_interaction(settings, redis_client, "oid-old", at=time.time() - 49 * 3600)
    old = cs.send("oid-old", MSG)
    assert old.fall_through and wechat_api.accepted == []
    note_interaction(settings, redis_client, "oid-new")
    results = [cs.send("oid-new", MSG) for _ in range(settings.wechat_cs_quota + 1)]
    assert [r.ok for r in results] == [True] * settings.wechat_cs_quota + [False]
    assert results[-1].fall_through
    note_interaction(settings, redis_client, "oid-new")  # writing again renews the quota
    assert cs.send("oid-new", MSG).ok


def test_wechat_template_message_when_configured(settings, wechat_api):
    tpl = get_sender(settings, "wechat_template")
    assert tpl.send("oid-1", MSG).fall_through  # not configured: next channel
    settings.wechat_push_template_id = "TPL-1"
    result = get_sender(settings, "wechat_template").send("oid-1", MSG)
    assert result.ok and result.vendor_id == str(wechat_api.accepted[0]["msgid"])
    data = wechat_api.accepted[0]["data"]
    assert data["keyword1"]["value"] == "泥水工"
    assert data["keyword4"]["value"] == "详询12333"  # how to apply is in a field WeChat still shows
    assert "first" not in data and "remark" not in data  # ignored by WeChat since 2023-05


def test_wechat_template_values_are_one_line_of_twenty_characters_cut_between_words(settings, wechat_api):
    settings.wechat_push_template_id = "TPL-1"
    long = Message(text="", out_id="push-8", labourer_ref="P01", posting_ref="D04", params={
        "job": "福建省宁德市蕉城区某某新能源科技有限公司锂电池生产线普工", "place": "宁德\n蕉城",
        "pay": "6000-8000元/月", "apply": "报名电话0593-28812345或到村委会找协理员"})
    assert get_sender(settings, "wechat_template").send("oid-2", long).ok
    values = [v["value"] for v in wechat_api.accepted[0]["data"].values()]
    assert all(len(v) <= 20 and "\n" not in v for v in values), values
    assert values[1] == "宁德 蕉城"
    assert values[0].endswith("…") and values[0].startswith("福建省宁德市")
    assert values[3].startswith("报名电话0593-28812345")  # the number is never cut


def test_a_follow_or_menu_click_allows_three_customer_service_messages_not_48_hours(settings, wechat_api, redis_client):
    from jobs_feed.senders.wechat import note_event

    cs = get_sender(settings, "wechat_cs")
    note_event(settings, redis_client, "oid-click")  # followed, or clicked the menu; wrote nothing
    results = [cs.send("oid-click", MSG) for _ in range(4)]
    assert [r.ok for r in results] == [True, True, True, False] and results[-1].fall_through
    redis_client.delete(*redis_client.keys(settings.redis_prefix + "push:wechat_event:*"))  # a minute later
    assert cs.send("oid-click", MSG).fall_through
