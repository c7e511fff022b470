"""订阅通知 events through /wechat: the follower's 同意/取消 is recorded for pushes; nothing is replied."""

from __future__ import annotations

from jobs_feed.push.subscriptions import WechatSubscription
from tests.bot.conftest import post

_clock = 1764900000


def _event(openid: str, event: str, element: str, records: list[dict[str, str]]) -> str:
    global _clock
    _clock += 1  # WeChat tells events apart by sender and CreateTime (a repeat is a retry)
    items = "".join("<List>" + "".join(f"<{k}><![CDATA[{v}]]></{k}>" for k, v in r.items()) + "</List>" for r in records)
    return (f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
            f"<CreateTime>{_clock}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event>"
            f"<{element}>{items}</{element}></xml>")


def _row(client, openid, template_id):
    with client.app.state.sessionmaker() as s:
        return s.get(WechatSubscription, (openid, template_id))


def test_popup_answers_are_recorded_per_template(client):
    body = _event("oSub1", "subscribe_msg_popup_event", "SubscribeMsgPopupEvent", [
        {"TemplateId": "TPL-A", "SubscribeStatusString": "accept", "PopupScene": "2"},
        {"TemplateId": "TPL-B", "SubscribeStatusString": "reject", "PopupScene": "2"},
    ])
    res = post(client, body)
    assert res.status_code == 200 and res.text == "success"  # an event needs no reply
    a, b = _row(client, "oSub1", "TPL-A"), _row(client, "oSub1", "TPL-B")
    assert (a.status, a.allowance) == ("accept", 1) and (b.status, b.allowance) == ("reject", 0)
    post(client, _event("oSub1", "subscribe_msg_popup_event", "SubscribeMsgPopupEvent",
                        [{"TemplateId": "TPL-A", "SubscribeStatusString": "accept"}]))  # 同意 again, later
    assert _row(client, "oSub1", "TPL-A").allowance == 2


def test_turning_notices_off_in_settings_clears_the_allowance(client):
    post(client, _event("oSub2", "subscribe_msg_popup_event", "SubscribeMsgPopupEvent",
                        [{"TemplateId": "TPL-A", "SubscribeStatusString": "accept"}]))
    # WeChat's published sample of this event reuses the popup's element name; both are read
    for element in ("SubscribeMsgChangeEvent", "SubscribeMsgPopupEvent"):
        post(client, _event("oSub2", "subscribe_msg_popup_event", "SubscribeMsgPopupEvent",
                            [{"TemplateId": "TPL-A", "SubscribeStatusString": "accept"}]))
        res = post(client, _event("oSub2", "subscribe_msg_change_event", element,
                                  [{"TemplateId": "TPL-A", "SubscribeStatusString": "reject"}]))
        assert res.text == "success"
        row = _row(client, "oSub2", "TPL-A")
        assert (row.status, row.allowance) == ("reject", 0), element


def test_tencents_sample_popup_event_is_recorded(client, shared_dir):
    sample = (shared_dir / "fixtures/wechat/event_subscribe_msg_popup.xml").read_text(encoding="utf-8")
    assert post(client, sample.strip()).text == "success"
    openid = "otFpruAK8D-E6EfStSYonYSBZ8_4"
    assert _row(client, openid, "VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc").status == "accept"
    assert _row(client, openid, "9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI").status == "reject"
