"""Dashboard: coverage per county at a glance, the weekly trend, and what waits for a person."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from core.deps import RedisDep, SessionDep, SettingsDep
from core.redis import key as redis_key
from core.settings import Settings
from core.timeutil import fmt_china, utcnow
from service.console import calls, charts, followups, imports, sources, stats
from service.console.render import render
from service.console.security import CurrentUser, county_scope

router = APIRouter()
CACHE_SECONDS = 60  # the county figures scan every person and push; a minute old is fresh enough


def figures(db: Session, redis: Any, settings: Settings, scope: list[str] | None, *,
            refresh: bool = False) -> dict[str, Any]:
    """Per-county rows and the weekly trend, from a one-minute Redis cache shared by every worker."""
    scope_id = "all" if scope is None else hashlib.sha1(",".join(sorted(scope)).encode()).hexdigest()[:12]
    k = redis_key(settings, "console", "dashboard", scope_id)
    if not refresh:
        cached = redis.get(k)
        if cached:
            return json.loads(cached)
    rows = stats.coverage_by_county(db, scope, settings.push_cycle_days)
    pushes = stats.pushes_trend(db, scope)
    if pushes is not None:
        series, label = pushes, "每周推送成功条数"
    else:
        series, label = stats.registrations_trend(db, scope), "每周新登记人数"
    data = {"rows": [asdict(r) for r in rows], "series": series, "label": label,
            "has_pushes": pushes is not None, "at": fmt_china(utcnow(), "%H:%M:%S")}
    redis.set(k, json.dumps(data, ensure_ascii=False), ex=CACHE_SECONDS)
    return data


@router.get("/")
def dashboard(request: Request, user: CurrentUser, db: SessionDep, settings: SettingsDep, redis: RedisDep,
              refresh: int = 0) -> Response:
    if user.role == "employer":
        return render(request, "employer_home.html", {})
    scope = county_scope(user)
    data = figures(db, redis, settings, scope, refresh=bool(refresh))
    rows = [stats.CountyRow(**r) for r in data["rows"]]
    series = [tuple(p) for p in data["series"]]
    county_bars = stats.bars(rows)
    return render(request, "dashboard.html", {
        "rows": rows,
        "total": stats.totals(rows),
        "cycle_days": settings.push_cycle_days,
        "has_pushes": data["has_pushes"],
        "as_of": data["at"],
        # A wide and a phone-sized drawing; CSS shows one, so text stays legible on both.
        "chart": charts.coverage_bars(county_bars),
        "chart_narrow": charts.coverage_bars(county_bars, width=360),
        "trend": charts.trend_line(series, label=data["label"]),
        "trend_narrow": charts.trend_line(series, width=360, label=data["label"]),
        "trend_title": f"{data['label']}（近12周）",
        "unanswered": sources.unanswered_questions(db, scope),
        "handoffs": sources.handoff_waiting(db, scope),
        "calls": calls.count_open(db, user),
        "overdue": followups.overdue_count(db, scope),
        "overdue_first": followups.overdue_soonest(db, scope),
        "unassigned": _unassigned(db, scope),
        "no_match": stats.nothing_suitable(db, scope),
        "bad_imports": imports.recent_reports(settings, user.id),
    })


def _unassigned(db: Session, scope: list[str] | None) -> int:
    """People (of the viewer's counties) whom no coordinator is responsible for."""
    from sqlalchemy import func, select

    from matching.models import Labourer

    stmt = select(func.count()).select_from(Labourer).where(Labourer.coordinator_id.is_(None))
    if scope is not None:
        stmt = stmt.where(Labourer.county_code.in_(scope))
    return int(db.scalar(stmt) or 0)
