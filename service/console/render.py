"""Jinja2 environment of the console and the one helper every page renders through."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from core.gazetteer import get_gazetteer
from core.logging import mask_id, mask_phone, mask_text
from core.timeutil import fmt_china
from service.console.security import csrf_token

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"

STATUS_NAMES = {"seeking": "求职中", "employed": "已就业", "not_seeking": "暂无意愿"}
POSTING_STATUS_NAMES = {"open": "招聘中", "filled": "已招满", "closed": "已关闭", "expired": "已过期"}
PUSH_STATUS_NAMES = {"queued": "排队中", "sending": "发送中", "sent": "已发送", "delivered": "已送达", "failed": "失败",
                     "skipped": "跳过（无可用渠道）", "call": "待电话通知"}
# The push outbox's channels (jobs_feed/push/delivery.py), in the order the filter offers them.
CHANNEL_NAMES = {"wechat_cs": "微信客服消息", "wechat_template": "微信模板消息", "wechat_subscribe": "微信订阅通知",
                 "sms": "短信", "phone": "电话", "visit": "上门"}
# Where a status change came from (LabourerStatusChange.source).
SOURCE_NAMES = {"import": "导入", "console": "工作台", "bot": "微信机器人", "wechat": "微信", "api": "接口",
                "cli": "命令行"}
# Where an unanswered question was first asked (knowledge.models.CHANNELS).
ASK_CHANNEL_NAMES = {"cli": "命令行", "wechat": "微信", "console": "工作台", "api": "接口"}
# Import row-error fields (matching/importer.py, jobs_feed/importer.py, matching/facts.py) in Chinese.
FIELD_NAMES = {
    "id": "编号", "name": "姓名", "gender": "性别", "age": "年龄", "birth_date": "出生日期", "birth_year": "出生年份",
    "id_number": "身份证号", "phone": "手机号", "county": "户籍所在县", "township": "乡镇", "village": "村",
    "skills": "技能特长", "wishes": "就业意愿", "poverty_registered": "建档立卡", "status": "就业状态",
    "sms_consent": "同意短信", "wechat_openid": "微信openid",
    "poverty_exited": "已脱贫", "dibao": "低保", "tekun": "特困", "pension": "养老保险", "business": "创业情况",
    "returning_migrant": "返乡创业", "wants_training": "培训意愿", "wants_technical_school": "技工院校意愿",
    "market_job_failed": "市场渠道难就业", "graduate": "毕业情况", "graduate.school": "毕业学校类别",
    "graduate.year": "毕业年份", "graduate.employed": "毕业后是否就业", "graduate_school": "毕业学校类别",
    "graduate_year": "毕业年份", "graduate_employed": "毕业后是否就业",
    "title": "岗位名称", "employer": "用人单位", "location": "工作地点", "salary": "薪资", "salary_min": "最低工资",
    "salary_max": "最高工资", "salary_unit": "薪资单位", "age_min": "最低年龄", "age_max": "最高年龄",
    "headcount": "招聘人数", "description": "岗位描述", "expires_at": "截止日期", "tags": "标签",
    "certificates": "证书要求", "required_certificates": "证书要求", "local_only": "限本地",
}


def field_name(field: str | None) -> str:
    """An import error's field in Chinese (unknown ones as they are)."""
    return FIELD_NAMES.get(field or "", field or "")

templates = Jinja2Templates(directory=str(TEMPLATE_DIR))


def county_name(code: str | None) -> str:
    """'南平市浦城县' for a code; the code itself when unknown; '—' when empty."""
    if not code:
        return "—"
    c = get_gazetteer().get(code)
    return c.full_name if c else str(code)


def county_short(code: str | None) -> str:
    if not code:
        return "未填"
    c = get_gazetteer().get(code)
    return c.name if c else str(code)


def is_key_county(code: str | None) -> bool:
    c = get_gazetteer().get(code) if code else None
    return bool(c and c.key_poverty)


def _plain_reading(profile: object) -> list[tuple[str, str]]:
    from service.console.reading import plain_reading

    return plain_reading(profile if isinstance(profile, dict) else None)


def profile_json(profile: object) -> str:
    return json.dumps(profile, ensure_ascii=False, indent=2) if profile else ""


def reasons_text(reasons: object) -> str:
    """The matcher's reasons (list of strings or dicts, or a dict) as one readable line."""
    if not reasons:
        return ""
    if isinstance(reasons, str):
        return reasons
    if isinstance(reasons, dict):
        return "；".join(f"{k}：{v}" for k, v in reasons.items())
    if isinstance(reasons, list):
        return "；".join(str(r.get("text") or r.get("reason") or r) if isinstance(r, dict) else str(r)
                        for r in reasons)
    return str(reasons)


def fmt_iso(text: object) -> str:
    """A time kept as ISO text (the bot's conversation notes), in China time; '' when unreadable."""
    try:
        return fmt_china(datetime.fromisoformat(str(text)), "%m-%d %H:%M")
    except ValueError:
        return ""


templates.env.globals.update(
    fmt_iso=fmt_iso,
    profile_json=profile_json,
    plain_reading=_plain_reading,
    reasons_text=reasons_text,
    fmt_china=fmt_china,
    mask_phone=mask_phone,
    mask_id=mask_id,
    mask_text=mask_text,  # phone and ID numbers inside free text (questions, tickets)
    county_name=county_name,
    county_short=county_short,
    is_key_county=is_key_county,
    STATUS_NAMES=STATUS_NAMES,
    POSTING_STATUS_NAMES=POSTING_STATUS_NAMES,
    PUSH_STATUS_NAMES=PUSH_STATUS_NAMES,
    CHANNEL_NAMES=CHANNEL_NAMES,
    SOURCE_NAMES=SOURCE_NAMES,
    ASK_CHANNEL_NAMES=ASK_CHANNEL_NAMES,
    field_name=field_name,
)


FLASH_COOKIE = "jiuye_flash"


def flash_redirect(url: str, *, ok: str = "", error: str = "") -> RedirectResponse:
    """Redirect after a POST with a one-time banner message.

    The message rides in a short-lived cookie set by the console itself, never in the URL: a link
    with ``?error=请拨打…`` would otherwise print anyone's text in the console's own banner.
    """
    response = RedirectResponse(url, status_code=303)
    if ok or error:
        value = quote(json.dumps({"ok": ok[:200], "error": error[:200]}, ensure_ascii=False))
        response.set_cookie(FLASH_COOKIE, value, max_age=120, path="/console", httponly=True, samesite="strict")
    return response


def _flash(request: Request) -> dict[str, str]:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return {}
    try:
        data = json.loads(unquote(raw))
    except ValueError:
        return {}
    return {k: str(data.get(k) or "") for k in ("ok", "error")} if isinstance(data, dict) else {}


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200) -> HTMLResponse:
    """Render a console template with the user, CSRF token, navigation and any banner message filled in."""
    ctx = dict(context or {})
    ctx["user"] = getattr(request.state, "console_viewer", None)
    ctx["admin"] = getattr(ctx["user"], "role", None) == "admin"  # technical detail (match scores) for admins only
    ctx["csrf_token"] = csrf_token(request)
    ctx["flash"] = _flash(request)
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if ctx["flash"]:
        response.delete_cookie(FLASH_COOKIE, path="/console")  # shown once
    return response
