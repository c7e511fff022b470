"""Dashboard: coverage per county at a glance, the weekly trend, and what waits for a person."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from core.deps import SessionDep, SettingsDep
from service.console import charts, followups, sources, stats
from service.console.render import render
from service.console.security import CurrentUser, county_scope

router = APIRouter()


@router.get("/")
def dashboard(request: Request, user: CurrentUser, db: SessionDep, settings: SettingsDep) -> Response:
    if user.role == "employer":
        return render(request, "employer_home.html", {})
    scope = county_scope(user)
    rows = stats.coverage_by_county(db, scope, settings.push_cycle_days)
    total = stats.totals(rows)
    has_pushes = sources.push_model(db) is not None
    pushes = stats.pushes_trend(db, scope)
    registrations = stats.registrations_trend(db, scope)
    series, label = (pushes, "每周推送成功条数") if pushes is not None else (registrations, "每周新登记人数")
    county_bars = stats.bars(rows)
    return render(request, "dashboard.html", {
        "rows": rows,
        "total": total,
        "cycle_days": settings.push_cycle_days,
        "has_pushes": has_pushes,
        # A wide and a phone-sized drawing; CSS shows one, so text stays legible on both.
        "chart": charts.coverage_bars(county_bars),
        "chart_narrow": charts.coverage_bars(county_bars, width=360),
        "trend": charts.trend_line(series, label=label),
        "trend_narrow": charts.trend_line(series, width=360, label=label),
        "trend_title": "每周推送成功条数（近12周）" if pushes is not None else "每周新登记人数（近12周）",
        "unanswered": sources.unanswered_questions(db),
        "handoffs": sources.handoff_waiting(db),
        "overdue": followups.overdue_count(db, scope),
    })
