"""Quarterly progress and yearly reports (the yearly one is due 10月25日) as XLSX per county."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, null, select
from sqlalchemy.orm import Session

from core.deps import SessionDep, SettingsDep
from core.timeutil import CHINA, fmt_china, utcnow
from jobs_feed.ledger.service import PLACES
from jobs_feed.push.models import Push
from matching.models import Labourer, LabourerStatusChange
from service.console import exports, roster, stats
from service.console.ledger import where_for
from service.console.people import county_choices
from service.console.render import county_name, is_key_county, render
from service.console.security import CurrentCoordinator
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


def _counted(db: Session, stmt: Any) -> dict[tuple[str | None, str | None], int]:
    return {(code, at): int(n) for code, at, n in db.execute(stmt)}


def report_rows(db: Session, scope: list[str] | None, start: datetime, end: datetime,
                cycle_days: int, *, place: str | None = None, township: str = "") -> list[list[Any]]:
    """One row per county (or per 乡镇/村 of it, ``place``): registered, seeking, covered and pushes in the
    period, placements, visits, training offers; ``township`` keeps one 乡镇's people."""
    col = PLACES[place] if place else null()
    where = (Labourer.township == township,) if township else ()
    rows = stats.coverage_by_county(db, scope, cycle_days, since=start, until=end, count_pushes=True,
                                    place=col if place else None, where=where)

    def counted(stmt: Any, joined: Any, on: Any, *cond: Any) -> dict[tuple[str | None, str | None], int]:
        stmt = stmt.select_from(joined).join(Labourer, Labourer.id == on).where(*cond, *where)
        if scope is not None:
            stmt = stmt.where(Labourer.county_code.in_(scope))
        return _counted(db, stmt.group_by(Labourer.county_code, *([col] if place else [])))  # never GROUP BY NULL

    placed = counted(select(Labourer.county_code, col, func.count(func.distinct(LabourerStatusChange.labourer_id))),
                     LabourerStatusChange, LabourerStatusChange.labourer_id,
                     LabourerStatusChange.new_status == "employed", LabourerStatusChange.changed_at >= start,
                     LabourerStatusChange.changed_at < end)
    offers = counted(select(Labourer.county_code, col, func.count()), Push, Push.labourer_id,  # training offers sent
                     Push.training_id.is_not(None), Push.status.in_(stats.REACHED), Push.sent_at >= start,
                     Push.sent_at < end)
    visits = counted(select(Labourer.county_code, col, func.count()), FollowUp, FollowUp.labourer_id,
                     FollowUp.visit_date >= start.date(), FollowUp.visit_date < end.date())
    out = []
    for r in rows:
        k = (r.code, r.place)
        pct = f"{100 * r.covered / r.seeking:.1f}%" if r.seeking else ""
        first = [county_name(r.code), "是" if is_key_county(r.code) else ""]
        if place:
            first = [county_name(r.code), r.place or "（未填）"]
        out.append([*first, r.registered, r.seeking, r.covered, pct, r.pushes, placed.get(k, 0), visits.get(k, 0),
                    offers.get(k, 0)])
    return out


HEADER = ["县（市、区）", "重点县", "登记人数", "求职人数（现）", "期内已推送人数", "推送覆盖率", "期内推送条数",
          "期内实现就业人数", "期内回访次数", "期内培训机会推送条数"]


def _with_total(rows: list[list[Any]]) -> list[list[Any]]:
    totals: list[Any] = ["合计", "", *[sum(r[i] for r in rows) for i in range(2, 5)], "",
                         *[sum(r[i] for r in rows) for i in range(6, 10)]]
    if totals[3]:
        totals[5] = f"{100 * totals[4] / totals[3]:.1f}%"
    return [*rows, totals]


@router.get("/reports")
def reports_page(request: Request, user: CurrentCoordinator, db: SessionDep) -> Response:
    today = utcnow().astimezone(CHINA).date()
    return render(request, "reports.html", {"year": today.year, "quarter": (today.month - 1) // 3 + 1,
                                            "years": list(range(today.year, today.year - 5, -1)),
                                            "counties": county_choices(user), "townships": roster.townships(db, user)})


@router.get("/reports/download")
def report_download(user: CurrentCoordinator, db: SessionDep, settings: SettingsDep,
                    year: Annotated[int, Query(ge=2015, le=2100)],
                    quarter: Annotated[int, Query(ge=0, le=4)] = 0, county: str = "", township: str = "") -> Response:
    start, end, title = period(year, quarter or None)
    where = where_for(db, user, county, township)
    if county or where.township:
        title = f"{county_name(where.county)}{where.township}{title}"
    cycle = settings.push_cycle_days
    tw = where.township
    sheets = {"分县统计": (HEADER, _with_total(report_rows(db, where.scope, start, end, cycle, township=tw)))}
    if where.place:
        label = "村" if where.place == "village" else "乡镇"
        rows = report_rows(db, where.scope, start, end, cycle, place=where.place, township=tw)
        sheets[f"分{label}统计"] = (["县（市、区）", label, *HEADER[2:]], _with_total(rows))
    scope = where.scope
    place_said = f"{county_name(where.county)}{where.township}" if where.county else ""
    notes = [
        ["报告", title],
        ["统计期间", f"{start.date()} 至 {end.date() - timedelta(days=1)}"],
        ["生成时间（北京时间）", fmt_china(utcnow())],
        ["生成人", user.username],
        ["范围", place_said or ("全省" if scope is None else "、".join(county_name(c) for c in scope))],
        ["说明", "“期内已推送人数”为当前求职人员中期内至少收到1条适配岗位推送（已发送或已送达）的人数。"],
        ["说明", "“期内培训机会推送条数”为期内已发出（已发送或已送达）的免费/补贴培训班推送条数。"],
        ["说明", "选了县，另有分乡镇统计表；选了乡镇，另有分村统计表。乡镇、村按登记时填写的名称统计。"],
        ["说明", "年度报告请于10月25日前报送。"],
    ]
    data = exports.xlsx_bytes({**sheets, "说明": (["项目", "内容"], notes)})
    return exports.download(data, f"{title}.xlsx", exports.XLSX_TYPE)
