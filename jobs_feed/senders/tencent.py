"""Tencent Cloud SMS (2021-01-11 SendSms) through the official SDK, which does the TC3 signing.

The endpoint is a setting, so tests point the SDK at a loopback server speaking the same API. The
template (``tencent_sms_template_id``) takes four parameters in order: job, place, pay, apply.
"""

from __future__ import annotations

import logging

from core.logging import mask_phone
from core.settings import Settings
from jobs_feed.senders.base import DeliveryResult, Message, endpoint_parts

log = logging.getLogger(__name__)

RETRYABLE_PREFIXES = (
    "RequestLimitExceeded",
    "InternalError",
    "ServerNetworkError",
    "ClientNetworkError",
    "LimitExceeded.PhoneNumberThirtySecondLimit",
    "LimitExceeded.PhoneNumberOneHourLimit",
    "LimitExceeded.PhoneNumberDailyLimit",
    "LimitExceeded.AppDailyLimit",
    "FailedOperation.InsufficientBalanceInSmsPackage",
    "ResourceUnavailable",
)


def _retryable(code: str) -> bool:
    return code.startswith(RETRYABLE_PREFIXES)


class TencentSender:
    channel = "sms"

    def __init__(self, settings: Settings):
        from tencentcloud.common import credential
        from tencentcloud.common.profile.client_profile import ClientProfile
        from tencentcloud.common.profile.http_profile import HttpProfile
        from tencentcloud.sms.v20210111 import sms_client

        scheme, host = endpoint_parts(settings.tencent_sms_endpoint)
        http = HttpProfile(endpoint=host, reqTimeout=int(max(settings.sms_timeout, 1)), keepAlive=True)
        http.scheme = scheme
        cred = credential.Credential(
            settings.tencent_sms_secret_id, settings.tencent_sms_secret_key.get_secret_value()
        )
        self.client = sms_client.SmsClient(cred, settings.tencent_sms_region, ClientProfile(httpProfile=http))
        self.configured = bool(settings.tencent_sms_secret_id)
        self.app_id = settings.tencent_sms_app_id
        self.template_id = settings.tencent_sms_template_id
        self.sign_name = settings.sms_sign_name

    def send(self, to: str, message: Message) -> DeliveryResult:
        from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException
        from tencentcloud.sms.v20210111 import models

        template = message.template or self.template_id
        if not (self.configured and self.app_id and template):
            return DeliveryResult.failed("not_configured", "tencent SMS key, app id or template not set")
        req = models.SendSmsRequest()
        req.PhoneNumberSet = [to if to.startswith("+") else "+86" + to]
        req.SmsSdkAppId = self.app_id
        req.SignName = self.sign_name
        req.TemplateId = template
        keys = ("code",) if message.template else ("job", "place", "pay", "apply")
        req.TemplateParamSet = [message.params.get(k, "") for k in keys]
        req.SessionContext = message.out_id  # echoed in receipts: our idempotency key
        try:
            resp = self.client.SendSms(req)
        except TencentCloudSDKException as exc:
            code = str(exc.get_code() or "unknown")
            log.warning("tencent sms to %s failed: %s %s", mask_phone(to), code, exc.get_message())
            return DeliveryResult.failed(code, str(exc.get_message()), retryable=_retryable(code))
        status = (resp.SendStatusSet or [None])[0]
        if status is None:
            return DeliveryResult.failed("empty_response", "no SendStatusSet", retryable=True)
        if status.Code == "Ok":
            return DeliveryResult.sent(status.SerialNo)
        log.warning("tencent sms to %s refused: %s %s", mask_phone(to), status.Code, status.Message)
        return DeliveryResult.failed(status.Code, status.Message or "", retryable=_retryable(status.Code))
