"""Push routes: SMS delivery receipts from the vendors; ``setup_app`` starts the push machinery."""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, Body, FastAPI, Query

from core.deps import SessionDep, SettingsDep
from core.errors import Forbidden, InvalidInput
from jobs_feed.push import scheduler
from jobs_feed.push.service import opt_out_by_sms_reply, record_sms_receipt

router = APIRouter(prefix="/api/v1/push", tags=["pushes"])


def _check_token(settings: Any, token: str) -> None:
    """Refuse unless JIUYE_SMS_RECEIPT_TOKEN is set and sent back as ``?token=``.

    Neither vendor signs its HTTP push (Aliyun's SmsReport/SmsUp and Tencent's status and reply
    callbacks carry no signature), so the secret in the callback URL is what proves the sender;
    with none configured anyone could unsubscribe any phone or mark pushes delivered.
    """
    expected = settings.sms_receipt_token.get_secret_value()
    if not expected:
        raise Forbidden("sms callbacks refused: JIUYE_SMS_RECEIPT_TOKEN not set",
                        message_zh="短信回执接口未启用：请先设置回执令牌（JIUYE_SMS_RECEIPT_TOKEN）")
    if not hmac.compare_digest(expected.encode(), token.encode()):
        raise Forbidden("bad receipt token", message_zh="回执令牌不正确")


@router.post("/receipts/sms/aliyun")
def aliyun_receipts(
    session: SessionDep, settings: SettingsDep, items: list[dict[str, Any]] = Body(...), token: str = Query("")
) -> dict[str, Any]:
    """Aliyun SmsReport push: a JSON array of {biz_id, out_id, success, err_code, err_msg, …}."""
    _check_token(settings, token)
    for item in items:
        record_sms_receipt(
            session, vendor_id=item.get("biz_id"), out_id=item.get("out_id"),
            delivered=bool(item.get("success")), detail=f"{item.get('err_code', '')} {item.get('err_msg', '')}".strip(),
        )
    return {"code": 0, "msg": "成功"}


@router.post("/receipts/sms/tencent")
def tencent_receipts(
    session: SessionDep, settings: SettingsDep, items: list[dict[str, Any]] = Body(...), token: str = Query("")
) -> dict[str, Any]:
    """Tencent Cloud status callback: a JSON array of {sid, report_status, errmsg, description, …}."""
    _check_token(settings, token)
    for item in items:
        status = str(item.get("report_status", "")).upper()
        if status not in ("SUCCESS", "FAIL"):
            raise InvalidInput("report_status not recognised", message_zh="回执状态无法识别")
        record_sms_receipt(
            session, vendor_id=item.get("sid"), out_id=ext if isinstance(ext := item.get("ext"), str) else None,
            delivered=status == "SUCCESS", detail=f"{item.get('errmsg', '')} {item.get('description', '')}".strip(),
        )
    return {"result": 0, "errmsg": "OK"}


@router.post("/replies/sms/aliyun")
def aliyun_replies(
    session: SessionDep, settings: SettingsDep, items: list[dict[str, Any]] = Body(...), token: str = Query("")
) -> dict[str, Any]:
    """Aliyun SmsUp push (people's replies): "T"/"TD"/"退订" stops pushes to that phone."""
    _check_token(settings, token)
    for item in items:
        opt_out_by_sms_reply(session, phone=str(item.get("phone_number", "")), text=str(item.get("content", "")))
    return {"code": 0, "msg": "成功"}


@router.post("/replies/sms/tencent")
def tencent_replies(
    session: SessionDep, settings: SettingsDep, item: dict[str, Any] = Body(...), token: str = Query("")
) -> dict[str, Any]:
    """Tencent Cloud reply callback (one object per reply): "T"/"TD"/"退订" stops pushes to that phone."""
    _check_token(settings, token)
    opt_out_by_sms_reply(session, phone=str(item.get("mobile", "")), text=str(item.get("text", "")))
    return {"result": 0, "errmsg": "OK"}


def setup_app(app: FastAPI) -> None:
    """Start the scheduler (and, on embedded Redis, one worker process) with the app; stop them after."""
    app.state.startup_hooks.append(scheduler.start)
    app.state.shutdown_hooks.append(scheduler.stop)
