"""电话通知: people with a suitable posting whom no channel reaches (no WeChat, no SMS consent).

The push planner leaves them a ``call`` row; the coordinator is their channel. Recording "已电话告知"
(or "已上门告知" for someone with no phone) makes the row a sent push, so it counts in coverage and
the 311 ledger like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.deps import SessionDep, SettingsDep
from core.errors import InvalidInput
from core.settings import Settings
from core.timeutil import as_utc, fmt_china, utcnow
from jobs_feed.push import templates
from jobs_feed.push.models import CALL, SENT, Push
from matching.models import Labourer, Posting
from service.console.render import flash_redirect, render
from service.console.security import ConsoleNotFound, CurrentCoordinator, county_scope
from service.models import User

router = APIRouter()
LIST_LIMIT = 500
NOTE_MAX = 200


@dataclass
class CallRow:
    push: Push
    person: Labourer
    posting: Posting
    script: str  # what to read out

    @property
    def visit(self) -> bool:
        """No phone on the record now (a number added after planning makes it a call, not a walk)."""
        return not self.person.phone


def script(person: Labourer, posting: Posting, reasons: list[str], settings: Settings) -> str:
    """The recommendation in words to read out on the phone."""
    p = templates.params(posting, settings)
    why = f"推荐理由：{'；'.join(reasons[:3])}。" if reasons else ""
    return (f"{person.name or ''}您好，我是村里的劳动保障协理员。给您推荐一个岗位：{p['job']}，在{p['place']}，"
            f"工资{p['pay']}，{p['apply']}。{why}您有意向的话，我帮您联系报名。")


def _query(user: User) -> Any:
    stmt = (
        select(Push, Labourer, Posting)
        .join(Labourer, Labourer.id == Push.labourer_id)
        .join(Posting, Posting.id == Push.posting_id)
        .where(Push.status == CALL, Labourer.status == "seeking", Labourer.pushes_opted_out.is_(False))
    )
    scope = county_scope(user)
    return stmt if scope is None else stmt.where(Labourer.county_code.in_(scope))


def open_calls(db: Session, user: User, settings: Settings) -> list[CallRow]:
    """Calls waiting for this user (their counties), oldest first."""
    rows = db.execute(_query(user).order_by(Push.created_at, Push.id).limit(LIST_LIMIT)).all()
    return [CallRow(push, person, posting, script(person, posting, list(push.reasons or []), settings))
            for push, person, posting in rows]


def count_open(db: Session, user: User) -> int:
    return int(db.scalar(select(func.count()).select_from(_query(user).subquery())) or 0)


def record(db: Session, user: User, settings: Settings, push_id: int, outcome: str, note: str = "") -> CallRow:
    """"told": the person was told (by phone or in person): the row becomes a sent push.
    "missed": nobody answered; the call stays on the list with a note."""
    row = db.execute(_query(user).where(Push.id == push_id)).first()
    if row is None:
        raise ConsoleNotFound(f"call {push_id}")
    push, person, posting = row
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        raise InvalidInput("note too long", message_zh=f"备注不能超过{NOTE_MAX}字")
    now = utcnow()
    done = CallRow(push, person, posting, script(person, posting, list(push.reasons or []), settings))
    if outcome == "told":
        push.status, push.sent_at, push.text = SENT, now, done.script
        push.channel = "visit" if done.visit else "phone"  # how they were reached in the end
        push.error = note or None
    elif outcome == "missed":
        push.attempts = (push.attempts or 0) + 1
        push.error = f"第{push.attempts}次未联系上" + (f"：{note}" if note else "")
    else:
        raise InvalidInput(f"unknown outcome {outcome!r}", message_zh="请选择“已告知”或“未联系上”")
    push.updated_at = now
    db.commit()
    return done


def next_push(db: Session, settings: Settings, person: Labourer) -> str:
    """When the next push can reach this person, or why it cannot, in words for the person page."""
    from datetime import timedelta

    from jobs_feed.push.delivery import channels_for
    from jobs_feed.push.models import REACHED
    from jobs_feed.push.planner import interval_days

    if person.status != "seeking":
        return "本人目前不在求职，不推送岗位。"
    if person.pushes_opted_out:
        return "本人已退订，不推送岗位（本人回复“订阅”可恢复）。"
    waiting = db.scalar(select(func.count(Push.id)).where(Push.labourer_id == person.id, Push.status == CALL))
    if waiting:
        return "推送不到（无微信、无同意短信的手机号）：已列入“电话通知”，请打电话告诉本人。"
    if not channels_for(settings, person):
        return "推送不到（无微信、无同意短信的手机号）：有合适岗位时会列入“电话通知”。"
    last = db.scalar(select(func.max(Push.created_at)).where(
        Push.labourer_id == person.id, Push.posting_id.is_not(None), Push.status.in_(REACHED)))
    plan_at = f"每天 {settings.push_plan_time}（北京时间）的推送计划" if settings.push_plan_time else "下一次推送计划"
    if last is not None:
        due = as_utc(last) + timedelta(days=interval_days(settings))
        if due > utcnow():
            return f"本周期已推送；{fmt_china(due)[:10]} 以后的{plan_at}会再推一个合适岗位。"
    return f"{plan_at}会推送上面最合适的岗位。"


@router.get("/calls")
def calls_page(request: Request, user: CurrentCoordinator, db: SessionDep, settings: SettingsDep) -> Response:
    return render(request, "calls.html", {"rows": open_calls(db, user, settings)})


@router.post("/calls/{push_id}")
def call_done(push_id: int, user: CurrentCoordinator, db: SessionDep, settings: SettingsDep,
              outcome: Annotated[str, Form()], note: Annotated[str, Form()] = "") -> Response:
    try:
        done = record(db, user, settings, push_id, outcome, note)
    except InvalidInput as exc:
        return flash_redirect("/console/calls", error=exc.message_zh)
    if outcome == "told":
        how = "上门告知" if done.visit else "电话告知"
        return flash_redirect("/console/calls", ok=f"已记录：{done.person.name}（{done.posting.title}）{how}，计入推送")
    return flash_redirect("/console/calls", ok=f"已记录：{done.person.name} 未联系上，仍在名单里")
