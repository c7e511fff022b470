"""The /wechat endpoint as WeChat's servers use it, with real Redis and database."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import xmltodict
from pydantic import SecretStr
from wechatpy.crypto import WeChatCrypto

from bot.protocol import sign
from tests.bot.conftest import AES_KEY, APP_ID, TOKEN, content_of, post, signed, text_xml

FIXTURE_DIR = "fixtures/wechat"


def test_get_verification_echoes_echostr_verbatim(client):
    res = client.get("/wechat", params=signed() | {"echostr": "1234567890abc+/="})
    assert res.status_code == 200
    assert res.text == "1234567890abc+/="
    assert res.headers["content-type"].startswith("text/plain")


def test_get_verification_bad_signature_403(client):
    params = signed() | {"echostr": "x"}
    params["signature"] = "0" * 40
    assert client.get("/wechat", params=params).status_code == 403


def test_post_bad_signature_403_and_no_reply(client, wx_settings, redis_client):
    params = signed(token="someone-else")
    res = post(client, text_xml("人工", msg_id=77), params)
    assert res.status_code == 403
    assert "Content" not in res.text
    assert not list(redis_client.scan_iter(match=wx_settings.redis_prefix + "bot:dedup:*"))


def test_post_broken_xml_400(client):
    assert post(client, "<xml><FromUserName>oops</xml").status_code == 400
    assert post(client, "not xml at all").status_code == 400
    assert post(client, "<xml><Content>no sender</Content></xml>").status_code == 400


def test_post_huge_body_400_without_processing(client, wx_settings, redis_client):
    padding = "啊" * wx_settings.wechat_max_body
    res = post(client, text_xml("人工" + padding, msg_id=5))
    assert res.status_code == 400
    assert not list(redis_client.scan_iter(match=wx_settings.redis_prefix + "bot:*"))


def test_post_stale_timestamp_403(client):
    old = str(int(time.time()) - 3600)
    assert post(client, text_xml("菜单"), signed(timestamp=old)).status_code == 403


def test_text_reply_is_addressed_back_to_sender(client):
    res = post(client, text_xml("菜单", openid="oAlice"))
    doc = xmltodict.parse(res.text)["xml"]
    assert doc["ToUserName"] == "oAlice" and doc["FromUserName"] == "gh_test"
    assert "1 问政策" in doc["Content"] and "5 找人工" in doc["Content"]


def test_retries_run_once_and_repeat_the_first_reply(client, wx_settings):
    body = text_xml("人工", openid="oRetry", msg_id=424242)
    replies = [post(client, body) for _ in range(3)]
    assert all(r.status_code == 200 for r in replies)
    assert len({content_of(r.text) for r in replies}) == 1
    from bot.service import list_tickets

    with client.app.state.sessionmaker() as s:
        assert len([t for t in list_tickets(s) if t.openid == "oRetry"]) == 1


def test_events_deduplicated_by_sender_and_time(client):
    ts = int(time.time())
    sub = (
        "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oEv]]></FromUserName>"
        f"<CreateTime>{ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>"
    )
    first, second = post(client, sub), post(client, sub)
    assert first.text == second.text and "1 问政策" in content_of(first.text)


def test_a_follow_opens_a_one_minute_allowance_and_a_message_the_48_hour_window(client, wx_settings, redis_client):
    ts = int(time.time())
    sub = (
        "<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[oWin]]></FromUserName>"
        f"<CreateTime>{ts}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>"
    )
    post(client, sub)
    prefix = wx_settings.redis_prefix + "push:"
    assert redis_client.ttl(prefix + "wechat_event:oWin") > 0  # WeChat allows 3 messages within a minute
    assert not redis_client.exists(prefix + "wechat_seen:oWin")  # a follow is not a message
    post(client, text_xml("你好", openid="oWin"))
    assert redis_client.exists(prefix + "wechat_seen:oWin")


class _Answers:
    """Stands in for the knowledge base (another domain) to return awkward answer text."""

    knowledge_ready = knowledge_available = True

    def __init__(self, text: str):
        self.text = text

    def answer(self, q, key=None, topic=None, known=None):  # type: ignore[no-untyped-def]
        from bot.backends import Answer

        return Answer(q=q, answer=self.text, fallback=False, sources=[])


def test_reply_sanitised_and_capped_at_2048_bytes(client):
    client.app.state.bot_backends.answer = _Answers("危险]]><xml>\x07\x1b" + "补贴" * 2000).answer
    res = post(client, text_xml("创业补贴有多少"))
    assert res.status_code == 200
    content = content_of(res.text)  # parses: the CDATA was not broken out of
    assert "]]>" not in content and "\x07" not in content and "\x1b" not in content
    assert len(content.encode("utf-8")) <= 2048
    assert content.startswith("危险]] ><xml>")


def _crypto() -> WeChatCrypto:
    return WeChatCrypto(TOKEN, AES_KEY, APP_ID)


def test_encrypted_round_trip(client):
    nonce, ts = "n0nce", str(int(time.time()))
    enc = _crypto().encrypt_message(text_xml("菜单", openid="oSafe"), nonce, ts)
    encrypt = xmltodict.parse(enc)["xml"]["Encrypt"]
    safe_body = f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    params = signed(timestamp=ts, nonce=nonce) | {"encrypt_type": "aes", "msg_signature": sign(TOKEN, ts, nonce, encrypt)}
    res = post(client, safe_body, params)
    assert res.status_code == 200
    reply = xmltodict.parse(res.text)["xml"]
    assert "Content" not in reply  # nothing readable on the wire
    assert reply["MsgSignature"] == sign(TOKEN, reply["TimeStamp"], reply["Nonce"], reply["Encrypt"])
    plain = _crypto().decrypt_message(res.text, reply["MsgSignature"], reply["TimeStamp"], reply["Nonce"])
    assert "1 问政策" in content_of(plain)
    assert xmltodict.parse(plain)["xml"]["ToUserName"] == "oSafe"


def test_encrypted_bad_msg_signature_403(client):
    nonce, ts = "n0nce", str(int(time.time()))
    enc = _crypto().encrypt_message(text_xml("菜单"), nonce, ts)
    encrypt = xmltodict.parse(enc)["xml"]["Encrypt"]
    body = f"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    params = signed(timestamp=ts, nonce=nonce) | {"encrypt_type": "aes", "msg_signature": "f" * 40}
    assert post(client, body, params).status_code == 403


# --- Tencent's published vectors and samples (../shared) -----------------------------------
@pytest.fixture()
def fixtures(shared_dir: Path) -> Path:
    return shared_dir / FIXTURE_DIR


@pytest.fixture()
def tencent_client(wx_settings, fixtures, redis_client):
    """The app configured with the account of Tencent's Python sample (its timestamp is from 2014)."""
    from fastapi.testclient import TestClient

    from service.app import create_app

    vec = json.loads((fixtures / "vector_oa_python_sample.json").read_text())
    wx_settings.wechat_token = SecretStr(vec["token"])
    wx_settings.wechat_aes_key = SecretStr(vec["encoding_aes_key"])
    wx_settings.wechat_app_id = vec["app_id"]
    wx_settings.wechat_max_clock_skew = 0  # the vectors are years old
    with TestClient(create_app(wx_settings)) as c:
        yield c, vec


@pytest.mark.parametrize("body_key", ["body_file", "body_file_safe_mode_derived"])
def test_tencent_vector_decrypts_compatible_and_safe(tencent_client, fixtures, body_key):
    client, vec = tencent_client
    body = (fixtures / vec[body_key]).read_text().strip()
    res = post(client, body, dict(vec["query"]))
    assert res.status_code == 200
    reply = xmltodict.parse(res.text)["xml"]
    crypto = WeChatCrypto(vec["token"], vec["encoding_aes_key"], vec["app_id"])
    plain = xmltodict.parse(crypto.decrypt_message(res.text, reply["MsgSignature"], reply["TimeStamp"], reply["Nonce"]))
    assert plain["xml"]["ToUserName"] == vec["expected_fields"]["FromUserName"]
    assert plain["xml"]["FromUserName"] == vec["expected_fields"]["ToUserName"]


def test_tencent_vector_tampered_signature_403(tencent_client, fixtures):
    client, vec = tencent_client
    query = dict(vec["query"]) | {"msg_signature": "5d197aaffba7e9b25a30732f161a50dee96bd5fb"}
    assert post(client, (fixtures / vec["body_file"]).read_text().strip(), query).status_code == 403


def test_tencent_vector_refused_when_skew_enforced(tencent_client, fixtures):
    client, vec = tencent_client
    client.app.state.settings.wechat_max_clock_skew = 300
    assert post(client, (fixtures / vec["body_file"]).read_text().strip(), dict(vec["query"])).status_code == 403


def test_plain_signature_vectors(fixtures):
    from bot.protocol import check_signature

    for case in json.loads((fixtures / "vector_plain_signature.json").read_text())["cases"]:
        ok = check_signature(case["token"], case["signature"], case["timestamp"], case["nonce"])
        assert ok is case["valid"], case


EXPECTED = {
    "msg_text.xml": "",  # answered as a question
    "msg_image.xml": "看懂文字",
    "msg_voice.xml": "没听清语音",
    "msg_voice_recognition.xml": "",
    "msg_video.xml": "看懂文字",
    "msg_shortvideo.xml": "看懂文字",
    "msg_link.xml": "看懂文字",
    "msg_location.xml": "收到",
    "event_subscribe.xml": "1 问政策",
    "event_subscribe_qrscene.xml": "1 问政策",
    "event_scan.xml": "1 问政策",
    "event_click.xml": None,
    "event_view.xml": None,
    "event_location.xml": None,
    "event_unsubscribe.xml": None,
    "event_templatesendjobfinish_success.xml": None,
    "event_templatesendjobfinish_user_block.xml": None,
    "event_templatesendjobfinish_system_failed.xml": None,
    "event_subscribe_msg_popup.xml": None,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_official_plaintext_samples(client, fixtures, name):
    res = post(client, (fixtures / name).read_text().strip())
    assert res.status_code == 200
    expected = EXPECTED[name]
    if expected is None:
        assert res.text == "success"  # events that need no answer
    else:
        text = content_of(res.text)
        assert expected in text and text.strip()


def test_entity_expansion_refused_400(client, wx_settings, redis_client):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "啊啊啊啊啊啊啊啊"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<xml><ToUserName>gh</ToUserName><FromUserName>oBomb</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&b;</Content><MsgId>3</MsgId></xml>"
    )
    assert post(client, bomb).status_code == 400
    assert not list(redis_client.scan_iter(match=wx_settings.redis_prefix + "bot:*"))


@pytest.mark.timeout(20)
def test_utf16_entity_bomb_refused_400_quickly(client, wx_settings, redis_client):
    # A byte match for "<!DOCTYPE" missed UTF-16: entities then expanded (1 KB cost 5.4 s of CPU).
    levels = "".join(f'<!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, 9))
    bomb = (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE xml [<!ENTITY e0 "啊啊啊啊啊啊啊啊">{levels}]>'
        "<xml><ToUserName>gh</ToUserName><FromUserName>oBomb</FromUserName><CreateTime>1</CreateTime>"
        "<MsgType>text</MsgType><Content>&e8;</Content><MsgId>4</MsgId></xml>"
    )
    for data in (bomb.encode("utf-16"), bomb.replace("UTF-16", "UTF-16LE").encode("utf-16-le")):
        assert post(client, data).status_code == 400
    assert not list(redis_client.scan_iter(match=wx_settings.redis_prefix + "bot:*"))


def test_plaintext_signed_query_replayed_with_another_body_is_refused(client, wx_settings, redis_client):
    query, body = signed(), text_xml("菜单", openid="oReplay", msg_id=9001)
    first = post(client, body, query)
    assert first.status_code == 200 and "1 问政策" in content_of(first.text)
    # WeChat's retry: the same body under the same signature gets the first reply again
    retry = post(client, body, query)
    assert retry.status_code == 200 and content_of(retry.text) == content_of(first.text)
    # an attacker reusing the signed query within the skew window with a body of their own
    forged = post(client, text_xml("TD", openid="oVictim", msg_id=9002), query)
    assert forged.status_code == 403
    from bot.models import WechatUser

    with client.app.state.sessionmaker() as s:
        assert s.get(WechatUser, "oVictim") is None
