"""Aliyun SMS (dysmsapi 2017-05-25 SendSms) through the official SDK.

The endpoint is a setting, so tests point the SDK at a loopback server speaking the same RPC API.
The template (``aliyun_sms_template_code``) takes the variables ``job``, ``place``, ``pay``, ``apply``.
"""

from __future__ import annotations

import json
import logging

from core.logging import mask_phone
from core.settings import Settings
from jobs_feed.senders.base import DeliveryResult, Message, endpoint_parts

log = logging.getLogger(__name__)

# Codes after which the same message may go through later: throttling, outages, balance.
RETRYABLE = {
    "isv.BUSINESS_LIMIT_CONTROL",
    "isv.OUT_OF_SERVICE",
    "isv.AMOUNT_NOT_ENOUGH",
    "isp.SYSTEM_ERROR",
    "isp.GATEWAY_ERROR",
    "Throttling",
    "Throttling.User",
    "ServiceUnavailable",
    "InternalError",
}


class AliyunSender:
    channel = "sms"

    def __init__(self, settings: Settings):
        from alibabacloud_dysmsapi20170525.client import Client
        from alibabacloud_tea_openapi import models as open_api_models
        from darabonba.runtime import RuntimeOptions

        scheme, host = endpoint_parts(settings.aliyun_sms_endpoint)
        config = open_api_models.Config(
            access_key_id=settings.aliyun_sms_access_key_id,
            access_key_secret=settings.aliyun_sms_access_key_secret.get_secret_value(),
            endpoint=host,
            protocol=scheme,
        )
        self.configured = bool(settings.aliyun_sms_access_key_id)
        self.client = Client(config)
        ms = int(settings.sms_timeout * 1000)
        # our own retry with backoff runs in the outbox; the SDK must not retry on its own
        self.runtime = RuntimeOptions(autoretry=False, read_timeout=ms, connect_timeout=ms)
        self.sign_name = settings.sms_sign_name
        self.template_code = settings.aliyun_sms_template_code

    def send(self, to: str, message: Message) -> DeliveryResult:
        from alibabacloud_dysmsapi20170525 import models
        from Tea.exceptions import TeaException

        template = message.template or self.template_code
        if not (self.configured and template):
            return DeliveryResult.failed("not_configured", "aliyun SMS key or template code not set")
        request = models.SendSmsRequest(
            phone_numbers=to,
            sign_name=self.sign_name,
            template_code=template,
            template_param=json.dumps(message.params, ensure_ascii=False),
            out_id=message.out_id,
        )
        try:
            body = self.client.send_sms_with_options(request, self.runtime).body
        except TeaException as exc:  # HTTP errors and network failures alike
            code = str(getattr(exc, "code", "") or "network_error")
            status = getattr(exc, "status_code", None)
            retryable = code in RETRYABLE or status is None or int(status) >= 500 or int(status) == 429
            detail = str(getattr(exc, "message", exc))[:200]
            log.warning("aliyun sms to %s failed: %s %s", mask_phone(to), code, detail)
            return DeliveryResult.failed(code, detail, retryable=retryable)
        if body.code == "OK":
            return DeliveryResult.sent(body.biz_id)
        log.warning("aliyun sms to %s refused: %s %s", mask_phone(to), body.code, body.message)
        return DeliveryResult.failed(body.code or "unknown", body.message or "", retryable=body.code in RETRYABLE)

    def lookup(self, out_id: str, to: str) -> DeliveryResult | None:
        """Whether a message with ``out_id`` went to ``to`` today or yesterday (QuerySendDetails).

        Raises on vendor trouble: "cannot tell" must not be mistaken for "not sent".
        """
        from datetime import timedelta

        from alibabacloud_dysmsapi20170525 import models

        from core.timeutil import CHINA, utcnow

        today = utcnow().astimezone(CHINA).date()
        for day in (today, today - timedelta(days=1)):
            request = models.QuerySendDetailsRequest(
                phone_number=to, send_date=day.strftime("%Y%m%d"), page_size=50, current_page=1
            )
            body = self.client.query_send_details_with_options(request, self.runtime).body
            if body.code != "OK":
                raise RuntimeError(f"aliyun QuerySendDetails: {body.code} {body.message}")
            dtos = body.sms_send_detail_dtos.sms_send_detail_dto if body.sms_send_detail_dtos else []
            for dto in dtos or []:
                if dto.out_id == out_id:
                    return DeliveryResult.sent(None, code="RECOVERED")
        return None
