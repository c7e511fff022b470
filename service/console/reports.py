"""Quarterly progress and yearly reports (the yearly one is due 10月25日) as XLSX per county."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.deps import SessionDep, SettingsDep
from core.timeutil import CHINA, fmt_china, utcnow
from jobs_feed.push.models import Push
from matching.models import Labourer, LabourerStatusChange
from service.console import exports, stats
from service.console.render import county_name, is_key_county, render
from service.console.security import CurrentCoordinator, county_scope
from service.models import FollowUp

router = APIRouter()


def period(year: int, quarter: int | None) -> tuple[datetime, datetime, str]:
    """[start, end) in China time and a title; the yearly report runs 1 January to 31 December."""
    if quarter:
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        title = f"{year}年第{quarter}季度就业扶贫工作进展"
    else:
        start, end, title = date(year, 1, 1), date(year + 1, 1, 1), f"{year}年度就业扶贫工作报告"
    return (datetime.combine(start, time.min, tzinfo=CHINA), datetime.combine(end, time.min, tzinfo=CHINA), title)


def _by_county(db: Session, stmt: Any) -> dict[str | None, int]:
    return {code: int(n) for code, n in db.execute(stmt)}


def report_rows(db: Session, scope: list[str] | None, start: datetime, end: datetime,
                cycle_days: int) -> list[list[Any]]:
    """One row per county: registered, seeking, covered and pushes in the period, placements, visits."""
    rows = stats.coverage_by_county(db, scope, cycle_days, since=start, until=end, count_pushes=True)

    def scoped(stmt: Any) -> Any:
        return stmt if scope is None else stmt.where(Labourer.county_code.in_(scope))

    placed = _by_county(db, scoped(
        select(Labourer.county_code, func.count(func.distinct(LabourerStatusChange.labourer_id)))
        .select_from(LabourerStatusChange).join(Labourer, Labourer.id == LabourerStatusChange.labourer_id)
        .where(LabourerStatusChange.new_status == "employed", LabourerStatusChange.changed_at >= start,
               LabourerStatusChange.changed_at < end)
        .group_by(Labourer.county_code)))
    offers = _by_county(db, scoped(  # training offers that went out (the push rows with a course)
        select(Labourer.county_code, func.count()).select_from(Push).join(Labourer, Labourer.id == Push.labourer_id)
        .where(Push.training_id.is_not(None), Push.status.in_(stats.REACHED), Push.sent_at >= start, Push.sent_at < end)
        .group_by(Labourer.county_code)))
    visits = _by_county(db, scoped(
        select(Labourer.county_code, func.count()).select_from(FollowUp).join(Labourer, Labourer.id == FollowUp.labourer_id)
        .where(FollowUp.visit_date >= start.date(), FollowUp.visit_date < end.date())
        .group_by(Labourer.county_code)))
    out = []
    for r in rows:
        pct = f"{100 * r.covered / r.seeking:.1f}%" if r.seeking else ""
        out.append([county_name(r.code), "是" if is_key_county(r.code) else "", r.registered, r.seeking, r.covered,
                    pct, r.pushes, placed.get(r.code, 0), visits.get(r.code, 0), offers.get(r.code, 0)])
    return out


HEADER = ["县（市、区）", "重点县", "登记人数", "求职人数（现）", "期内已推送人数", "推送覆盖率", "期内推送条数",
          "期内实现就业人数", "期内回访次数", "期内培训机会推送条数"]


@router.get("/reports")
def reports_page(request: Request, user: CurrentCoordinator) -> Response:
    today = utcnow().astimezone(CHINA).date()
    return render(request, "reports.html", {"year": today.year, "quarter": (today.month - 1) // 3 + 1,
                                            "years": list(range(today.year, today.year - 5, -1))})


@router.get("/reports/download")
def report_download(user: CurrentCoordinator, db: SessionDep, settings: SettingsDep,
                    year: Annotated[int, Query(ge=2015, le=2100)],
                    quarter: Annotated[int, Query(ge=0, le=4)] = 0) -> Response:
    start, end, title = period(year, quarter or None)
    scope = county_scope(user)
    rows = report_rows(db, scope, start, end, settings.push_cycle_days)
    totals = ["合计", "", *[sum(r[i] for r in rows) for i in range(2, 5)], "",
              *[sum(r[i] for r in rows) for i in range(6, 10)]]
    if totals[3]:
        totals[5] = f"{100 * totals[4] / totals[3]:.1f}%"
    notes = [
        ["报告", title],
        ["统计期间", f"{start.date()} 至 {end.date() - timedelta(days=1)}"],
        ["生成时间（北京时间）", fmt_china(utcnow())],
        ["生成人", user.username],
        ["范围", "全省" if scope is None else "、".join(county_name(c) for c in scope)],
        ["说明", "“期内已推送人数”为当前求职人员中期内至少收到1条适配岗位推送（已发送或已送达）的人数。"],
        ["说明", "“期内培训机会推送条数”为期内已发出（已发送或已送达）的免费/补贴培训班推送条数。"],
        ["说明", "年度报告请于10月25日前报送。"],
    ]
    data = exports.xlsx_bytes({"分县统计": (HEADER, [*rows, totals]), "说明": (["项目", "内容"], notes)})
    return exports.download(data, f"{title}.xlsx", exports.XLSX_TYPE)
