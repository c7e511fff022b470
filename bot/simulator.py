"""Speak to /wechat exactly as WeChat's servers do (signed XML, optional safe mode): for ``jiuye chat``,
the load benchmark and the console's simulator."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from urllib.parse import urlencode
from xml.sax.saxutils import escape

import xmltodict
from wechatpy.crypto import WeChatCrypto

from bot.protocol import SUCCESS, sign

ACCOUNT = "gh_jiuye_simulator"


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def message_xml(openid: str, msg_type: str, fields: dict[str, str], *, msg_id: int | None = None) -> str:
    """A message or event as WeChat posts it; ``msg_id`` None gives a fresh random MsgId (events: none)."""
    parts = [
        f"<ToUserName>{_cdata(ACCOUNT)}</ToUserName>",
        f"<FromUserName>{_cdata(openid)}</FromUserName>",
        f"<CreateTime>{int(time.time())}</CreateTime>",
        f"<MsgType>{_cdata(msg_type)}</MsgType>",
    ]
    parts += [f"<{k}>{_cdata(v)}</{k}>" if not v.replace(".", "").isdigit() else f"<{k}>{escape(v)}</{k}>" for k, v in fields.items()]
    if msg_type != "event":
        parts.append(f"<MsgId>{msg_id if msg_id is not None else secrets.randbelow(10**18)}</MsgId>")
    return "<xml>" + "".join(parts) + "</xml>"


def text_xml(openid: str, text: str, *, msg_id: int | None = None) -> str:
    return message_xml(openid, "text", {"Content": text}, msg_id=msg_id)


@dataclass
class Account:
    """The official account's server settings as WeChat knows them."""

    token: str
    aes_key: str = ""
    app_id: str = ""
    safe: bool = False

    def request(self, body_xml: str) -> tuple[str, bytes]:
        """Query string and body for one POST (encrypted in safe mode)."""
        ts, nonce = str(int(time.time())), secrets.token_hex(5)
        query = {"timestamp": ts, "nonce": nonce, "signature": sign(self.token, ts, nonce)}
        if self.safe:
            enc = WeChatCrypto(self.token, self.aes_key, self.app_id).encrypt_message(body_xml, nonce, ts)
            encrypt = xmltodict.parse(enc)["xml"]["Encrypt"]
            body_xml = f"<xml><ToUserName>{_cdata(ACCOUNT)}</ToUserName><Encrypt>{_cdata(encrypt)}</Encrypt></xml>"
            query |= {"encrypt_type": "aes", "msg_signature": sign(self.token, ts, nonce, encrypt)}
        return urlencode(query), body_xml.encode("utf-8")

    def reply_text(self, status: int, body: str) -> str:
        """The text a user would see ("" for ``success``); raises ValueError on a refused request."""
        if status != 200:
            raise ValueError(f"HTTP {status}: {body[:200]}")
        if not body or body == SUCCESS:
            return ""
        doc = xmltodict.parse(body)["xml"]
        if "Encrypt" in doc:
            if sign(self.token, doc["TimeStamp"], doc["Nonce"], doc["Encrypt"]) != doc.get("MsgSignature"):
                raise ValueError("reply signature mismatch")
            plain = WeChatCrypto(self.token, self.aes_key, self.app_id).decrypt_message(
                body, doc["MsgSignature"], doc["TimeStamp"], doc["Nonce"]
            )
            doc = xmltodict.parse(plain)["xml"]
        return str(doc.get("Content") or "")
