"""WeChat channels over the shared client in ``core.wechat``: customer-service and template messages.

Customer-service messages only reach people who wrote to the account in the last 48 hours, at most
``wechat_cs_quota`` per interaction. The bot tells us about interactions through
``note_interaction``; without one we do not try (and WeChat's own 45015/45047 fall through too).
"""

from __future__ import annotations

import time

import redis

from core import wechat
from core.redis import get_redis, key
from core.settings import Settings
from jobs_feed.senders.base import DeliveryResult, Message

WINDOW_S = 48 * 3600
REMEMBER_S = 30 * 24 * 3600
# A follow, scan or menu click (not a message) allows only 3 customer-service messages within 1 minute.
EVENT_WINDOW_S, EVENT_QUOTA = 60, 3


def _seen_key(settings: Settings, openid: str) -> str:
    return key(settings, "push", "wechat_seen", openid)


def _count_key(settings: Settings, openid: str) -> str:
    return key(settings, "push", "wechat_cs_count", openid)


def note_interaction(settings: Settings, redis_client: redis.Redis, openid: str, at: float | None = None) -> None:
    """Record that ``openid`` wrote to us: opens the 48-hour window and resets the quota."""
    pipe = redis_client.pipeline()
    pipe.set(_seen_key(settings, openid), str(at if at is not None else time.time()), ex=REMEMBER_S)
    pipe.delete(_count_key(settings, openid))
    pipe.execute()


def _event_key(settings: Settings, openid: str) -> str:
    return key(settings, "push", "wechat_event", openid)


def note_event(settings: Settings, redis_client: redis.Redis, openid: str) -> None:
    """Record a follow, scan or menu click from ``openid``: 3 messages may follow within a minute."""
    pipe = redis_client.pipeline()
    pipe.set(_event_key(settings, openid), 0, ex=EVENT_WINDOW_S)
    pipe.execute()


def _result(res: wechat.ApiResult) -> DeliveryResult:
    if res.ok:
        return DeliveryResult.sent(str(res.msgid) if res.msgid is not None else None)
    code = str(res.errcode)
    if res.fall_through:
        return DeliveryResult.failed(code, res.errmsg, fall_through=True)
    # network trouble, system busy (-1) and token problems may pass; anything else will not
    retryable = res.errcode in (wechat.NETWORK_ERROR, -1, 40001, 42001, 45009)
    return DeliveryResult.failed(code, res.errmsg, retryable=retryable, fall_through=not retryable)


class CustomerServiceSender:
    channel = "wechat_cs"

    def __init__(self, settings: Settings):
        self.settings = settings
        self.redis = get_redis(settings)

    def send(self, to: str, message: Message) -> DeliveryResult:
        seen = self.redis.get(_seen_key(self.settings, to))
        if seen is None or time.time() - float(seen) > WINDOW_S:
            # no message in 48 hours: only the minute after a follow, scan or menu click, 3 messages
            ekey = _event_key(self.settings, to)
            if not self.redis.exists(ekey) or self.redis.incr(ekey) > EVENT_QUOTA:
                return DeliveryResult.failed("45015", "no message from the person in the last 48 hours",
                                             fall_through=True)
            return _result(wechat.send_text(self.settings, to, message.text))
        ckey = _count_key(self.settings, to)
        if self.redis.incr(ckey) > self.settings.wechat_cs_quota:
            return DeliveryResult.failed("45047", "customer-service quota used up", fall_through=True)
        self.redis.expire(ckey, WINDOW_S)
        return _result(wechat.send_text(self.settings, to, message.text))


class TemplateSender:
    channel = "wechat_template"

    def __init__(self, settings: Settings):
        self.settings = settings

    def send(self, to: str, message: Message) -> DeliveryResult:
        template_id = self.settings.wechat_push_template_id
        if not template_id:
            return DeliveryResult.failed("not_configured", "no push template configured", fall_through=True)
        p = message.params
        # Since 2023-05 WeChat shows neither "first" nor "remark" and cuts keyword values: four keywords
        # (岗位, 地点, 工资, 报名方式), each one line of at most 20 characters.
        values = (p.get("job", ""), p.get("place", ""), p.get("pay", ""), p.get("apply", ""))
        data = {f"keyword{i}": {"value": keyword_value(v)} for i, v in enumerate(values, 1)}
        return _result(wechat.send_template(self.settings, to, template_id, data))


class SubscribeSender:
    """Subscription message (订阅通知): the template's keywords filled as ``wechat_subscribe_fields`` says.

    Whether the follower agreed is checked by the delivery step (it holds the database session);
    WeChat's 43101 (no allowance) falls through to the next channel.
    """

    channel = "wechat_subscribe"

    def __init__(self, settings: Settings):
        self.settings = settings
        # read once per worker; a bad map (caught at start when a template is set) makes every send fall through
        try:
            self.fields, self.bad_fields = subscribe_fields(settings.wechat_subscribe_fields), ""
        except ValueError as exc:
            self.fields, self.bad_fields = [], str(exc)

    def send(self, to: str, message: Message) -> DeliveryResult:
        template_id = self.settings.wechat_subscribe_template_id
        if not template_id:
            return DeliveryResult.failed("not_configured", "no subscription template configured", fall_through=True)
        if self.bad_fields:
            return DeliveryResult.failed("bad_config", self.bad_fields, fall_through=True)
        data = {name: {"value": keyword_value(message.params.get(what, ""))} for name, what in self.fields}
        return _result(wechat.send_subscribe(self.settings, to, template_id, data))


PARAMS = ("job", "place", "pay", "apply")


def subscribe_fields(spec: str) -> list[tuple[str, str]]:
    """"thing1=job,thing2=place" → [("thing1", "job"), ("thing2", "place")]; ValueError names what is wrong.

    Only ``thing`` keywords (20 characters of any text) can carry a posting's words: the other types
    (character_string, phrase, amount, time…) allow no Chinese or need fixed formats.
    """
    out = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, _, what = (x.strip() for x in part.partition("="))
        if what not in PARAMS:
            raise ValueError(f"JIUYE_WECHAT_SUBSCRIBE_FIELDS 设置有误：“{part}”应写成 关键词=内容，内容为 {'、'.join(PARAMS)} 之一")
        if name.rstrip("0123456789") != "thing" or name == "thing":
            raise ValueError(f"JIUYE_WECHAT_SUBSCRIBE_FIELDS 设置有误：“{name}”不是 thing 类关键词（thing1、thing2…），填不了中文")
        out.append((name, what))
    if not out:
        raise ValueError("JIUYE_WECHAT_SUBSCRIBE_FIELDS 设置有误：没有关键词")
    return out


KEYWORD_MAX = 20


def keyword_value(text: str, limit: int = KEYWORD_MAX) -> str:
    """One line of at most ``limit`` characters, cut after a whole word (never mid-word or mid-number)."""
    from core.text import jieba_instance

    line = " ".join(str(text or "").split())
    if len(line) <= limit:
        return line
    out = ""
    for word in jieba_instance().lcut(line):
        if len(out) + len(word) > limit - 1:
            break
        out += word
    return (out or line[: limit - 1]).rstrip("，,、；; ") + "…"
