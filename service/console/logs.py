"""Match log and push pages with filters, and their CSV/XLSX exports (masked by role)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from core.deps import SessionDep
from core.errors import InvalidInput
from core.timeutil import fmt_china
from service.console import activity, exports
from service.console.followups import parse_date
from service.console.people import county_choices
from service.console.render import CHANNEL_NAMES, PUSH_STATUS_NAMES, county_short, reasons_text, render
from service.console.security import CurrentCoordinator

router = APIRouter()


def _filter(since: str, until: str, county: str, posting: str, channel: str, status: str,
            page: int) -> tuple[activity.LogFilter, str]:
    if channel and channel not in CHANNEL_NAMES:
        return activity.LogFilter(page=page), "没有这个推送渠道"
    if status and status not in PUSH_STATUS_NAMES:
        return activity.LogFilter(page=page), "没有这个推送状态"
    try:
        f = activity.LogFilter(since=parse_date(since, "开始日期"), until=parse_date(until, "结束日期"),
                               county=county, posting=int(posting) if posting.strip() else None,
                               channel=channel, status=status, page=page)
    except ValueError:
        return activity.LogFilter(page=page), "岗位编号应为数字"
    except InvalidInput as exc:
        return activity.LogFilter(page=page), exc.message_zh
    return f, ""


Page = Annotated[int, Query(ge=1, le=10000)]


@router.get("/pushes")
def pushes_page(request: Request, user: CurrentCoordinator, db: SessionDep, since: str = "", until: str = "",
                county: str = "", posting: str = "", channel: str = "", status: str = "", page: Page = 1,
                export: str = "") -> Response:
    f, error = _filter(since, until, county, posting, channel, status, page)
    if export in ("csv", "xlsx"):
        found = activity.list_pushes(db, user, f, limit=activity.EXPORT_LIMIT) or []
        header = ["推送编号", "姓名", "县（市、区）", "手机号", "岗位", "渠道", "状态", "生成时间", "发送时间", "送达时间", "错误"]
        body = ([p.id, name, county_short(cc), exports.phone_for(user, phone), title,
                 CHANNEL_NAMES.get(p.channel, p.channel or ""), PUSH_STATUS_NAMES.get(p.status, p.status),
                 fmt_china(p.created_at), fmt_china(p.sent_at), fmt_china(p.delivered_at), p.error or ""]
                for p, name, cc, phone, title in found)
        return exports.table_response(export, "推送记录", header, body)
    rows = activity.list_pushes(db, user, f)
    return render(request, "pushes.html", {"f": f, "rows": rows, "error": error,
                                           "counties": county_choices(user)})


@router.get("/matches")
def matches_page(request: Request, user: CurrentCoordinator, db: SessionDep, since: str = "", until: str = "",
                 county: str = "", posting: str = "", channel: str = "", status: str = "", page: Page = 1,
                 export: str = "") -> Response:
    f, error = _filter(since, until, county, posting, channel, status, page)
    if export in ("csv", "xlsx"):
        found = activity.list_matches(db, user, f, limit=activity.EXPORT_LIMIT)
        rows = found[1] if found else []
        header = ["姓名", "县（市、区）", "手机号", "岗位编号", "岗位", "得分", "理由", "时间"]
        body = ([name, county_short(cc), exports.phone_for(user, phone), m.posting_id, title,
                 round(m.score, 3) if m.score is not None else "", reasons_text(m.reasons), fmt_china(m.created_at)]
                for m, name, cc, phone, title in rows)
        return exports.table_response(export, "匹配记录", header, body)
    found = activity.list_matches(db, user, f)
    return render(request, "matches.html", {
        "f": f, "source": found[0] if found else None, "rows": found[1] if found else None, "error": error,
        "counties": county_choices(user),
    })
