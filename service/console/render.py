"""Jinja2 environment of the console and the one helper every page renders through."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from core.gazetteer import get_gazetteer
from core.logging import mask_id, mask_phone
from core.timeutil import fmt_china
from service.console.security import csrf_token

SERVICE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = SERVICE_DIR / "templates"
STATIC_DIR = SERVICE_DIR / "static"

STATUS_NAMES = {"seeking": "求职中", "employed": "已就业", "not_seeking": "暂无意愿"}
POSTING_STATUS_NAMES = {"open": "招聘中", "filled": "已招满", "closed": "已关闭", "expired": "已过期"}
PUSH_STATUS_NAMES = {"queued": "排队中", "sent": "已发送", "delivered": "已送达", "failed": "失败", "skipped": "跳过"}
CHANNEL_NAMES = {"wechat": "微信客服消息", "wechat_kf": "微信客服消息", "wechat_template": "微信模板消息",
                 "template": "微信模板消息", "sms": "短信"}

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


templates.env.globals.update(
    profile_json=profile_json,
    reasons_text=reasons_text,
    fmt_china=fmt_china,
    mask_phone=mask_phone,
    mask_id=mask_id,
    county_name=county_name,
    county_short=county_short,
    is_key_county=is_key_county,
    STATUS_NAMES=STATUS_NAMES,
    POSTING_STATUS_NAMES=POSTING_STATUS_NAMES,
    PUSH_STATUS_NAMES=PUSH_STATUS_NAMES,
    CHANNEL_NAMES=CHANNEL_NAMES,
)


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200) -> HTMLResponse:
    """Render a console template with the user, CSRF token and navigation filled in."""
    ctx = dict(context or {})
    ctx["user"] = getattr(request.state, "console_viewer", None)
    ctx["csrf_token"] = csrf_token(request)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)
