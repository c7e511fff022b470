"""Pages for what the bot hands over: waiting 人工 tickets and questions it could not answer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from core.deps import SessionDep, SettingsDep
from core.errors import InvalidInput
from core.logging import mask_text
from service.console import helpdesk, sources
from service.console.render import flash_redirect, render
from service.console.security import CurrentAdmin, CurrentCoordinator, county_scope

router = APIRouter()


def _back(path: str, *, ok: str = "", error: str = "") -> RedirectResponse:
    return flash_redirect(f"/console/{path}", ok=ok, error=error)


@router.get("/handoffs")
def handoffs_page(request: Request, user: CurrentCoordinator, db: SessionDep) -> Response:
    return render(request, "handoffs.html", {"rows": helpdesk.open_tickets(db, user),
                                             "waiting": sources.handoff_waiting(db, county_scope(user)) or 0,
                                             "closed": helpdesk.closed_tickets(db, user)})


@router.post("/handoffs/{ticket_id}/close")
def handoff_close(ticket_id: int, user: CurrentCoordinator, db: SessionDep,
                  note: Annotated[str, Form()] = "") -> Response:
    try:
        helpdesk.close(db, user, ticket_id, note)
    except InvalidInput as exc:
        return _back("handoffs", error=exc.message_zh)
    return _back("handoffs", ok=f"工单 {ticket_id} 已处理")


@router.get("/questions")
def questions_page(request: Request, user: CurrentCoordinator, db: SessionDep) -> Response:
    return render(request, "questions.html", {"rows": helpdesk.open_questions(db, user),
                                              "replied": helpdesk.recent_replies(db, user), "said": REPLY_SAID})


@router.post("/questions/{question_id}/handled")
def question_handled(question_id: int, user: CurrentCoordinator, db: SessionDep) -> Response:
    row = helpdesk.mark_handled(db, user, question_id)
    return _back("questions", ok=f"已标记为已处理：{mask_text(row.question)[:20]}")


REPLY_SAID = {"sent": "已通过微信发给提问人", "waiting": "提问人48小时内没有发过消息，微信暂时发不出去；等他下次发消息时随回复一起发出",
              "no_asker": "这条问题没有可以回复的微信提问人，答复已记下"}


@router.post("/questions/{question_id}/reply")
def question_reply(question_id: int, user: CurrentCoordinator, db: SessionDep, settings: SettingsDep,
                   reply: Annotated[str, Form()] = "") -> Response:
    try:
        row = helpdesk.reply(db, user, settings, question_id, reply)
    except InvalidInput as exc:
        return _back("questions", error=exc.message_zh)
    return _back("questions", ok=f"答复已保存：{REPLY_SAID.get(row.reply_status, '')}")


@router.post("/questions/{question_id}/curate")
def question_curate(question_id: int, user: CurrentAdmin, db: SessionDep,
                    on: Annotated[int, Form()] = 1) -> Response:
    row = helpdesk.curate(db, user, question_id, bool(on))
    said = "以后有人问同样的问题，机器人会给出这条答复" if row.curated else "机器人不再给出这条答复"
    return _back("questions", ok=said)

