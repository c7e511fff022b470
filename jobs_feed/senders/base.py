"""The sender protocol and the registry that picks a vendor by a setting string."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from core.errors import InvalidInput
from core.settings import Settings


@dataclass(frozen=True)
class Message:
    """One push to one person; ``out_id`` is our idempotency key, passed to vendors that keep it."""

    text: str
    out_id: str
    params: dict[str, str] = field(default_factory=dict)  # template variables: job, place, pay, apply
    labourer_ref: str = ""  # external id of the person (for the log vendor's file)
    posting_ref: str = ""  # external id of the posting
    training_ref: str = ""  # external id of the training course (a training offer has no posting)
    template: str = ""  # a vendor template other than the push one (the verification code's)


@dataclass(frozen=True)
class DeliveryResult:
    """What a vendor answered.

    ``ok``: accepted. Otherwise ``fall_through`` means try the next channel (this one cannot reach
    the person now), ``retryable`` means the same channel may work later (outage, throttling).
    """

    ok: bool
    vendor_id: str | None = None
    code: str = ""
    error: str = ""
    retryable: bool = False
    fall_through: bool = False

    @classmethod
    def sent(cls, vendor_id: str | None, code: str = "OK") -> DeliveryResult:
        return cls(ok=True, vendor_id=vendor_id, code=code)

    @classmethod
    def failed(cls, code: str, error: str, *, retryable: bool = False, fall_through: bool = False) -> DeliveryResult:
        return cls(ok=False, code=code, error=error[:500], retryable=retryable, fall_through=fall_through)


class Sender(Protocol):
    """A delivery channel. ``to`` is a phone number or a WeChat openid."""

    channel: str

    def send(self, to: str, message: Message) -> DeliveryResult: ...


# setting value → "module:class"; each class is built with ``(settings)``
SMS_VENDORS: dict[str, str] = {
    "log": "jobs_feed.senders.log:LogSender",
    "aliyun": "jobs_feed.senders.aliyun:AliyunSender",
    "tencent": "jobs_feed.senders.tencent:TencentSender",
}
WECHAT_CHANNELS: dict[str, str] = {
    "wechat_cs": "jobs_feed.senders.wechat:CustomerServiceSender",
    "wechat_template": "jobs_feed.senders.wechat:TemplateSender",
    "wechat_subscribe": "jobs_feed.senders.wechat:SubscribeSender",
}


def _load(spec: str, settings: Settings) -> Sender:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)(settings)


def get_sender(settings: Settings, channel: str) -> Sender:
    """The sender for ``channel`` ("sms" uses ``settings.sms_vendor``; "wechat_cs", "wechat_template",
    "wechat_subscribe")."""
    if channel == "sms":
        spec = SMS_VENDORS.get(settings.sms_vendor)
        if spec is None:
            raise InvalidInput(
                f"unknown sms_vendor {settings.sms_vendor!r}",
                message_zh=f"未知的短信服务商：{settings.sms_vendor}（可选 {'、'.join(SMS_VENDORS)}）",
            )
        return _load(spec, settings)
    spec = WECHAT_CHANNELS.get(channel)
    if spec is None:
        raise InvalidInput(f"unknown channel {channel!r}", message_zh=f"未知的推送渠道：{channel}")
    return _load(spec, settings)


def endpoint_parts(endpoint: str) -> tuple[str, str]:
    """(scheme, host[:port]) from a configured endpoint; bare hosts mean https."""
    if "://" in endpoint:
        scheme, _, rest = endpoint.partition("://")
        return scheme.lower(), rest.rstrip("/")
    return "https", endpoint.rstrip("/")
