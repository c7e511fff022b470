"""Training courses: clean one (import row), create or update it, keep statuses current, list open ones."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.text import normalize
from core.timeutil import CHINA, utcnow
from jobs_feed.service import place_fields, text_error  # the postings' rules: place, text fields
from jobs_feed.training.models import TrainingCourse
from matching.importer import RowError

PROVIDER_MAX, TRADE_MAX, TITLE_MAX, LOCATION_MAX, DESCRIPTION_MAX, SUBSIDY_MAX = 100, 40, 100, 100, 2000, 200
SEATS_MAX = 10_000
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})")
_FREE = {"免费", "是", "free", "0", "0元", "不收费", "全免", "免费培训", "免学费", "y", "yes", "true", "1"}
_NOT_FREE = {"否", "不免费", "收费", "n", "no", "false"}
STATUS_WORDS = {
    "open": ("open", "招生中", "开放", "报名中", "正常"),
    "full": ("full", "已满", "满员", "名额已满", "招满"),
    "closed": ("closed", "关闭", "已关闭", "停办", "取消", "已取消"),
    "expired": ("expired", "已过期", "过期", "已结束"),
}


def china_today() -> date:
    return utcnow().astimezone(CHINA).date()


# --- cleaning ------------------------------------------------------------------------------------
def _text(data: dict[str, Any], field: str) -> str:
    return "" if data.get(field) is None else normalize(str(data[field]), keep_space=True).strip()


def clean_date(value: Any, field: str, label: str) -> date:
    """'2026-12-10', '2026年12月10日', '2026/12/10', '20261210' or an Excel date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    m = _DATE.fullmatch(normalize(str(value)).replace(" ", ""))
    if not m:
        raise RowError(field, f"{label}格式应为“2026-12-10”或“2026年12月10日”")
    y, mo, d = (int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return date(y, mo, d)
    except ValueError as exc:
        raise RowError(field, f"{label}不存在（{y}年{mo}月{d}日）") from exc


def _count(value: Any, field: str, label: str, low: int) -> int | None:
    s = re.sub(r"[人名个位]$", "", normalize(str(value)).strip())
    if s in ("", "若干", "不限"):
        return None
    if not re.fullmatch(r"\d+(\.0+)?", s):
        raise RowError(field, f"{label}应为整数")
    n = int(float(s))
    if not low <= n <= SEATS_MAX:
        raise RowError(field, f"{label}应在{low}到{SEATS_MAX}之间")
    return n


def clean_cost(value: Any, subsidy: str) -> str:
    """'free' or 'subsidised'; a course that is neither free nor subsidised is not one we offer."""
    s = normalize(str(value or "")).strip().lower()
    if not s:
        if subsidy:
            return "subsidised"
        raise RowError("cost", "是否免费不能为空：请填“免费”或“补贴”")
    if s in _FREE or ("免费" in s and "不免费" not in s):
        return "free"
    if "补贴" in s or "补助" in s or s in ("subsidised", "subsidized"):
        return "subsidised"
    if s in _NOT_FREE or re.search(r"\d+元", s):
        if subsidy:
            return "subsidised"
        raise RowError("cost", "不免费的培训须填写补贴标准（只推送免费或有补贴的培训）")
    raise RowError("cost", "是否免费应填“免费”或“补贴”")


def clean_status(value: Any) -> str:
    s = normalize(str(value)).strip().lower()
    for status, words in STATUS_WORDS.items():
        if s in words:
            return status
    raise RowError("status", "状态应为“招生中”“已满”“关闭”或“已过期”")


def clean_course(data: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Check one course (an import row); returns (fields, every problem found)."""
    out: dict[str, Any] = {}
    errors: list[RowError] = []

    def text(field: str, limit: int, label: str, *, required: bool = False) -> None:
        v = _text(data, field)
        problem = text_error(field, v, limit, label, required=required)
        if problem:
            errors.append(problem)
        else:
            out[field] = v

    def step(field: str, fn: Any) -> Any:
        try:
            return fn()
        except RowError as e:
            errors.append(e)
        return None

    text("provider", PROVIDER_MAX, "培训机构", required=True)
    text("trade", TRADE_MAX, "培训工种", required=True)
    text("title", TITLE_MAX, "培训名称")
    if not out.get("title") and out.get("trade"):
        out["title"] = f"{out['trade']}培训班"
    text("description", DESCRIPTION_MAX, "培训内容")
    text("location", LOCATION_MAX, "培训地点", required=True)
    text("subsidy", SUBSIDY_MAX, "补贴标准")
    if out.get("location"):
        step("location", lambda: place_fields(out["location"], out, label="培训地点"))
    if data.get("starts_on") in (None, ""):
        errors.append(RowError("starts_on", "开班日期不能为空"))
    else:
        out["starts_on"] = step("starts_on", lambda: clean_date(data["starts_on"], "starts_on", "开班日期"))
    for field, label in (("ends_on", "结业日期"), ("apply_by", "报名截止日期")):
        if data.get(field) not in (None, ""):
            out[field] = step(field, lambda f=field, lb=label: clean_date(data[f], f, lb))
    starts, ends, apply_by = out.get("starts_on"), out.get("ends_on"), out.get("apply_by")
    if starts and ends and ends < starts:
        errors.append(RowError("ends_on", "结业日期不能早于开班日期"))
    if apply_by and (ends or starts) and apply_by > (ends or starts):
        errors.append(RowError("apply_by", "报名截止日期不能晚于" + ("结业日期" if ends else "开班日期")))
    if data.get("seats") not in (None, ""):
        out["seats"] = step("seats", lambda: _count(data["seats"], "seats", "名额", 1))
    if data.get("enrolled") not in (None, ""):
        out["enrolled"] = step("enrolled", lambda: _count(data["enrolled"], "enrolled", "已报名人数", 0)) or 0
    if out.get("seats") and out.get("enrolled", 0) > out["seats"]:
        errors.append(RowError("enrolled", "已报名人数不能超过名额"))
    out["cost"] = step("cost", lambda: clean_cost(data.get("cost"), out.get("subsidy", "")))
    if data.get("status") not in (None, ""):
        out["status"] = step("status", lambda: clean_status(data["status"]))
    return out, errors


# --- storing -------------------------------------------------------------------------------------
def course_state(row: TrainingCourse, today: date) -> str:
    """What the status should be on ``today``: closed stays closed; past the deadline → expired; no seats → full."""
    if row.status == "closed":
        return "closed"
    if (row.apply_by or row.starts_on) < today:
        return "expired"
    if row.seats is not None and (row.enrolled or 0) >= row.seats:
        return "full"
    return "open"


def find_course(session: Session, fields: dict[str, Any], external_id: str | None) -> TrainingCourse | None:
    """The stored copy of this course: same file id, else (without one) same provider, trade, start and place."""
    if external_id:
        return session.scalar(select(TrainingCourse).where(TrainingCourse.external_id == external_id))
    return session.scalar(select(TrainingCourse).where(
        TrainingCourse.provider == fields.get("provider"), TrainingCourse.trade == fields.get("trade"),
        TrainingCourse.starts_on == fields.get("starts_on"), TrainingCourse.county_code == fields.get("county_code"),
        TrainingCourse.city_code == fields.get("city_code"),
    ).order_by(TrainingCourse.id))


def save_course(session: Session, fields: dict[str, Any], *, external_id: str | None = None, source: str = "import",
                today: date | None = None) -> tuple[TrainingCourse, str]:
    """Create the course or update its stored copy; returns (row, 'created'|'updated'|'unchanged')."""
    row = find_course(session, fields, external_id)
    created = row is None
    if row is None:
        row = TrainingCourse(external_id=external_id or f"jy-tmp-{utcnow().timestamp()}", source=source, status="open",
                             enrolled=0, description="", subsidy="", title="", location="")
        session.add(row)
    fields = dict(fields)
    asked = fields.pop("status", None)
    changed = created
    for key, value in fields.items():
        if getattr(row, key) != value:
            setattr(row, key, value)
            changed = True
    # an explicit 关闭/已满 is kept; otherwise the dates and seats decide (a later deadline reopens)
    status = asked if asked in ("closed", "full", "expired") else course_state(row, today or china_today())
    if row.status != status:
        row.status, changed = status, True
    session.flush()
    if not external_id and row.external_id.startswith("jy-tmp-"):
        row.external_id = f"jy-T{row.id}"
        session.flush()
    return row, "created" if created else ("updated" if changed else "unchanged")


def refresh_statuses(session: Session, today: date | None = None) -> int:
    """Mark open courses past their deadline expired and those without seats full; returns how many changed."""
    today = today or china_today()
    changed = 0
    for row in session.scalars(select(TrainingCourse).where(TrainingCourse.status == "open")):
        state = course_state(row, today)
        if state != row.status:
            row.status, changed = state, changed + 1
    session.flush()
    return changed


def open_courses(session: Session, today: date | None = None) -> list[TrainingCourse]:
    """Courses taking applications on ``today`` (China date), statuses refreshed first."""
    refresh_statuses(session, today)
    return list(session.scalars(select(TrainingCourse).where(TrainingCourse.status == "open").order_by(TrainingCourse.id)))
