"""Follow-up visits (回访) and help plans (帮扶计划书): plain functions over the console tables."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from core.timeutil import CHINA, utcnow
from matching.models import Labourer
from service.models import FollowUp, HelpPlan, User


def today_china() -> date:
    return utcnow().astimezone(CHINA).date()


def parse_date(text: str, label: str) -> date | None:
    """A yyyy-mm-dd form field; None when empty, a Chinese error when malformed."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(text, message_zh=f"{label}格式应为 年-月-日，例如 2026-10-25") from exc


def _overdue(today: date | None = None) -> tuple:  # type: ignore[type-arg]
    """The newest visit set a next-visit date that has passed."""
    return FollowUp.is_latest.is_(True), FollowUp.next_visit_date < (today or today_china())


def overdue_filter(today: date | None = None):  # type: ignore[no-untyped-def]
    """Labourer ids whose newest visit set a next-visit date that has passed."""
    return select(FollowUp.labourer_id).where(*_overdue(today))


def overdue_soonest(db: Session, scope: list[str] | None, limit: int = 5) -> list[tuple[int, str, date]]:
    """The longest-overdue visits first: (person id, name, the next-visit date that passed)."""
    stmt = (select(Labourer.id, Labourer.name, FollowUp.next_visit_date)
            .join(Labourer, Labourer.id == FollowUp.labourer_id)
            .where(*_overdue())
            .order_by(FollowUp.next_visit_date, Labourer.id).limit(limit))
    if scope is not None:
        stmt = stmt.where(Labourer.county_code.in_(scope))
    return [(int(i), str(n), d) for i, n, d in db.execute(stmt) if d is not None]


def overdue_count(db: Session, scope: list[str] | None) -> int:
    stmt = select(func.count()).select_from(FollowUp).where(*_overdue())
    if scope is not None:
        stmt = stmt.join(Labourer, Labourer.id == FollowUp.labourer_id).where(Labourer.county_code.in_(scope))
    return int(db.scalar(stmt) or 0)


KINDS = ("电话", "上门", "微信")
# What a visit found, and the registry status it means (联系不上 changes nothing: the push planner keeps trying)
OUTCOMES = {"已上岗": "employed", "在找": "seeking", "暂不找工作": "not_seeking", "联系不上": None}


def add_follow_up(db: Session, *, person: Labourer, user: User, note: str, visit_date: date | None,
                  next_visit_date: date | None, kind: str = "", outcome: str = "") -> FollowUp:
    """Record a visit; it becomes the person's latest, which decides whether a visit is overdue. Its
    outcome sets the person's status (已上岗 stops the pushes, 在找 resumes them), with history."""
    from matching.service import set_status

    note, kind, outcome = note.strip(), kind.strip(), outcome.strip()
    if kind and kind not in KINDS:
        raise InvalidInput(kind, message_zh="回访方式请选 电话、上门 或 微信")
    if outcome and outcome not in OUTCOMES:
        raise InvalidInput(outcome, message_zh="回访结果请选 已上岗、在找、暂不找工作 或 联系不上")
    if not note:
        note = outcome  # the outcome is record enough for a quick phone call
    if not note:
        raise InvalidInput("empty note", message_zh="请填写回访记录，或选一个回访结果")
    if len(note) > 2000:
        raise InvalidInput("note too long", message_zh="回访记录不能超过2000字")
    visit_date = visit_date or today_china()
    if next_visit_date is not None and next_visit_date <= visit_date:
        raise InvalidInput("next visit not after visit", message_zh="下次回访日期应晚于本次回访日期")
    db.execute(update(FollowUp).where(FollowUp.labourer_id == person.id).values(is_latest=False))
    fu = FollowUp(labourer_id=person.id, user_id=user.id, note=note, visit_date=visit_date,
                  next_visit_date=next_visit_date, is_latest=True, kind=kind, outcome=outcome)
    db.add(fu)
    if status := OUTCOMES.get(outcome):
        set_status(db, person, status, source="console", note=f"{kind}回访：{outcome}")
    db.flush()
    return fu


def follow_ups(db: Session, person_id: int) -> list[tuple[FollowUp, str]]:
    """Visits of a person, newest first, each with the name of whoever recorded it."""
    stmt = (select(FollowUp, User.display_name, User.username)
            .outerjoin(User, User.id == FollowUp.user_id)
            .where(FollowUp.labourer_id == person_id)
            .order_by(FollowUp.created_at.desc(), FollowUp.id.desc()))
    return [(fu, display or username or "") for fu, display, username in db.execute(stmt)]


def help_plan(db: Session, person_id: int) -> HelpPlan | None:
    return db.scalar(select(HelpPlan).where(HelpPlan.labourer_id == person_id))


def save_help_plan(db: Session, *, person: Labourer, user: User, text: str) -> HelpPlan:
    text = text.strip()
    if len(text) > 10000:
        raise InvalidInput("plan too long", message_zh="帮扶计划书不能超过10000字")
    plan = help_plan(db, person.id)
    if plan is None:
        plan = HelpPlan(labourer_id=person.id, text=text, updated_by=user.id)
        db.add(plan)
    else:
        plan.text, plan.updated_by, plan.updated_at = text, user.id, utcnow()
    db.flush()
    return plan
