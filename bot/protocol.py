"""WeChat server protocol: signatures, clock skew, plaintext/compatible/safe modes, replies.

Pure functions over the query parameters and body bytes, so the rules are tested without a server.
``encrypt_type=aes`` covers both compatible mode (plaintext fields plus ``<Encrypt>``) and safe mode
(``<Encrypt>`` only): either way we trust only the decrypted payload and encrypt the reply.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException

from core.settings import Settings

MAX_REPLY_BYTES = 2048
SUCCESS = "success"  # WeChat's "received, no reply" answer
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ProtocolError(Exception):
    """A request WeChat would not send: ``status`` 400 (malformed) or 403 (not signed by us)."""

    def __init__(self, status: int, detail: str):
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Inbound:
    """One message or event, reduced to what the dialogue needs (independent of wechatpy)."""

    openid: str
    account: str
    kind: str  # text, voice, image, location, link, video, shortvideo, event, unknown
    create_time: int
    msg_id: int = 0
    text: str = ""  # Content, or voice Recognition
    event: str = ""  # subscribe, unsubscribe, click, view, scan, location, ...
    event_key: str = ""
    lat: float | None = None
    lon: float | None = None
    label: str = ""
    raw: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def dedup_key(self) -> str:
        """MsgId for messages; events carry none (wechatpy gives 0), so sender + time."""
        return f"m{self.msg_id}" if self.msg_id else f"e{self.openid}:{self.create_time}"


@dataclass(frozen=True)
class Request:
    """A verified, decoded POST: the message and how to wrap the reply."""

    message: Inbound
    encrypted: bool
    nonce: str
    timestamp: str


def sign(*parts: str) -> str:
    """WeChat's signature: sha1 of the sorted parts concatenated."""
    return hashlib.sha1("".join(sorted(parts)).encode("utf-8")).hexdigest()


def check_signature(token: str, signature: str, timestamp: str, nonce: str) -> bool:
    """The plain ``signature`` WeChat puts on every GET and POST."""
    return bool(signature) and hmac.compare_digest(sign(token, timestamp, nonce), signature.lower())


def check_timestamp(timestamp: str, max_skew: int, now: float | None = None) -> bool:
    """Replays with an old timestamp are refused; ``max_skew`` <= 0 disables the check."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if max_skew <= 0:
        return True
    return abs((now if now is not None else time.time()) - ts) <= max_skew


@lru_cache(maxsize=8)
def _crypto(token: str, aes_key: str, app_id: str) -> WeChatCrypto:
    return WeChatCrypto(token, aes_key, app_id)


def crypto_for(settings: Settings) -> WeChatCrypto:
    """The account's message crypto; a 400-class error when no EncodingAESKey is configured."""
    aes_key = settings.wechat_aes_key.get_secret_value()
    if len(aes_key) != 43:
        raise ProtocolError(400, "safe mode requested but JIUYE_WECHAT_AES_KEY is not set")
    return _crypto(settings.wechat_token.get_secret_value(), aes_key, settings.wechat_app_id)


def verify_url(settings: Settings, query: Mapping[str, str]) -> str:
    """GET /wechat: the ``echostr`` to return verbatim, or ProtocolError(403)."""
    token = settings.wechat_token.get_secret_value()
    if not check_signature(token, query.get("signature", ""), query.get("timestamp", ""), query.get("nonce", "")):
        raise ProtocolError(403, "bad signature")
    return query.get("echostr", "")


def _parse_xml(body: bytes | str) -> dict[str, object]:
    """WeChat's flat XML → {tag: text}; a nested level (e.g. ScanCodeInfo) becomes a dict.

    WeChat never sends a DTD: defusedxml refuses any, in whatever encoding the body declares (a byte
    match missed UTF-16, and entities then expanded), and never expands an entity or fetches anything.
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ProtocolError(400, "DTDs and entities are not accepted") from None
    except (ET.ParseError, ValueError) as exc:
        raise ProtocolError(400, f"malformed XML: {exc}") from None
    if root.tag != "xml":
        raise ProtocolError(400, "no <xml> root")
    out: dict[str, object] = {}
    for child in root:
        out[child.tag] = _nested(child) if len(child) else (child.text or "")
    return out


def _nested(node: ET.Element) -> dict[str, object]:
    """A nested element as {tag: text}; repeated inner records (订阅通知's <List>) as {tag: [{...}, …]}."""
    out: dict[str, object] = {}
    for sub in node:
        if len(sub):
            items = out.setdefault(sub.tag, [])
            if isinstance(items, list):
                items.append({leaf.tag: (leaf.text or "").strip() for leaf in sub})
        else:
            out[sub.tag] = sub.text or ""
    return out


def decode_request(settings: Settings, query: Mapping[str, str], body: bytes) -> Request:
    """Check size, signatures and time; decrypt in aes mode; return the message."""
    if len(body) > settings.wechat_max_body:
        raise ProtocolError(400, f"body over {settings.wechat_max_body} bytes")
    token = settings.wechat_token.get_secret_value()
    timestamp, nonce = query.get("timestamp", ""), query.get("nonce", "")
    encrypted = query.get("encrypt_type", "raw").lower() == "aes"
    signature = query.get("signature")
    # in aes mode msg_signature authenticates the payload; a plain signature, when sent, must match too
    if (not encrypted or signature is not None) and not check_signature(token, signature or "", timestamp, nonce):
        raise ProtocolError(403, "bad signature")
    if not check_timestamp(timestamp, settings.wechat_max_clock_skew):
        raise ProtocolError(403, "timestamp outside the allowed clock skew")
    root = _parse_xml(body)
    if encrypted:
        if not isinstance(root.get("Encrypt"), str):
            raise ProtocolError(400, "encrypt_type=aes without <Encrypt>")
        try:
            plain = crypto_for(settings).decrypt_message(root, query.get("msg_signature", ""), timestamp, nonce)
        except InvalidSignatureException:
            raise ProtocolError(403, "bad msg_signature") from None
        except InvalidAppIdException:
            raise ProtocolError(403, "message for another AppID") from None
        except (ValueError, UnicodeDecodeError, IndexError) as exc:
            raise ProtocolError(400, f"cannot decrypt: {exc}") from None
        root = _parse_xml(plain)
    return Request(to_inbound(root), encrypted, nonce, timestamp)


def _float(value: object) -> float | None:
    try:
        return float(str(value))
    except (TypeError, ValueError):
        return None


def _str(root: Mapping[str, object], name: str) -> str:
    value = root.get(name)
    return value.strip() if isinstance(value, str) else ""


KINDS = frozenset({"text", "voice", "image", "location", "link", "video", "shortvideo", "event"})


def to_inbound(root: Mapping[str, object]) -> Inbound:
    """Map WeChat's XML fields onto ``Inbound`` (names as in wechatpy's message classes)."""
    openid, msg_type = _str(root, "FromUserName"), _str(root, "MsgType").lower()
    if not openid or not msg_type:
        raise ProtocolError(400, "message without FromUserName/MsgType")
    try:
        create_time = int(_str(root, "CreateTime") or 0)
        msg_id = int(_str(root, "MsgId") or 0)
    except ValueError as exc:
        raise ProtocolError(400, f"bad message fields: {exc}") from None
    kind = msg_type if msg_type in KINDS else "unknown"
    if kind == "event":
        lat, lon = _float(root.get("Latitude")), _float(root.get("Longitude"))
    else:
        lat, lon = _float(root.get("Location_X")), _float(root.get("Location_Y"))
    text = _str(root, "Content") if kind == "text" else _str(root, "Recognition") if kind == "voice" else ""
    return Inbound(
        openid=openid,
        account=_str(root, "ToUserName"),
        kind=kind,
        create_time=create_time,
        msg_id=0 if kind == "event" else msg_id,  # a template receipt's MsgID is not a message id
        text=text,
        event=_str(root, "Event").lower() if kind == "event" else "",
        event_key=_str(root, "EventKey"),
        lat=lat,
        lon=lon,
        label=_str(root, "Label"),
        raw=dict(root),
    )


# subscription-message (订阅通知) events and the element holding their <List> records
SUBSCRIPTION_EVENTS = {
    "subscribe_msg_popup_event": "SubscribeMsgPopupEvent",
    "subscribe_msg_change_event": "SubscribeMsgChangeEvent",
    "subscribe_msg_sent_event": "SubscribeMsgSentEvent",
}


def subscription_items(msg: Inbound) -> list[dict[str, str]]:
    """A subscription event's records ({TemplateId, SubscribeStatusString} or {TemplateId, MsgID,
    ErrorCode, ErrorStatus}); WeChat's own sample of the change event uses the popup's element name."""
    for name in (SUBSCRIPTION_EVENTS.get(msg.event, ""), "SubscribeMsgPopupEvent"):
        block = msg.raw.get(name)
        if isinstance(block, dict) and isinstance(block.get("List"), list):
            return [dict(item) for item in block["List"]]
    return []


def sanitize(text: str) -> str:
    """Strip control characters and break ``]]>`` so a reply can never close its CDATA."""
    return _CONTROL.sub("", text).replace("]]>", "]] >")


def truncate_utf8(text: str, limit: int = MAX_REPLY_BYTES) -> str:
    """At most ``limit`` bytes of UTF-8, cut on a character boundary, marked with an ellipsis."""
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    cut = raw[: limit - len("…".encode())].decode("utf-8", "ignore")
    return cut + "…"


_TEXT_REPLY = (
    "<xml><ToUserName><![CDATA[{to}]]></ToUserName><FromUserName><![CDATA[{frm}]]></FromUserName>"
    "<CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content></xml>"
)


def render_text(message: Inbound, text: str, now: int | None = None) -> str:
    """Passive text reply XML (the layout of wechatpy's TextReply), sanitised, ≤2048 bytes of content."""
    return _TEXT_REPLY.format(
        to=sanitize(message.openid),
        frm=sanitize(message.account),
        now=now or int(time.time()),
        content=truncate_utf8(sanitize(text)),
    )


def wrap(settings: Settings, request: Request, reply_xml: str) -> str:
    """Encrypt the reply in aes mode; ``success`` and empty replies go out as they are."""
    if not request.encrypted or reply_xml in ("", SUCCESS):
        return reply_xml
    nonce = request.nonce or secrets.token_hex(8)
    return crypto_for(settings).encrypt_message(reply_xml, nonce, str(int(time.time())))
