"""Postings: list, create and close by form (employers: their own; coordinators: their counties)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.deps import SessionDep
from matching.models import POSTING_STATUSES, Employer, Posting
from service.console.render import flash_redirect, render
from service.console.security import (
    ConsoleForbidden,
    ConsoleNotFound,
    CurrentUser,
    check_county,
    county_scope,
)
from service.models import User

router = APIRouter()
PAGE = 50


def _visible(user: User) -> list[Any]:
    if user.role == "employer":
        return [Posting.employer_id == user.employer_id]
    scope = county_scope(user)
    return [] if scope is None else [Posting.county_code.in_(scope)]


def _editable(db: Session, user: User, posting_id: int) -> Posting:
    row = db.get(Posting, posting_id)
    if row is None:
        raise ConsoleNotFound(f"posting {posting_id}")
    if user.role == "employer":
        if row.employer_id != user.employer_id:
            raise ConsoleNotFound(f"posting {posting_id}")  # no hint that someone else's exists
    else:
        check_county(user, row.county_code)
    return row


@router.get("/postings")
def postings_page(request: Request, user: CurrentUser, db: SessionDep, status: str = "open", q: str = "",
                  page: Annotated[int, Query(ge=1, le=10000)] = 1) -> Response:
    where = _visible(user)
    if status in POSTING_STATUSES:
        where.append(Posting.status == status)
    if q.strip():
        where.append(Posting.title.like(f"%{q.strip()[:30]}%"))
    total = int(db.scalar(select(func.count()).select_from(Posting).where(*where)) or 0)
    rows = list(db.scalars(select(Posting).where(*where).order_by(Posting.id.desc())
                           .limit(PAGE).offset((page - 1) * PAGE)))
    employer = db.get(Employer, user.employer_id) if user.employer_id else None
    return render(request, "postings.html", {"rows": rows, "total": total, "status": status, "q": q,
                                             "page": page, "more": page * PAGE < total, "employer": employer,
                                             "form": {}, "problems": []})


@router.post("/postings")
async def posting_create(request: Request, user: CurrentUser, db: SessionDep) -> Response:
    from jobs_feed.service import clean_posting, earlier_copy, employer_by_name, lure_error, save_posting
    from matching.importer import RowError
    from service.console.import_scope import console_may_not_update

    form = {k: v.strip() for k, v in (await request.form()).items() if isinstance(v, str) and k != "csrf_token"}
    data: dict[str, Any] = {k: v for k, v in form.items() if v and k != "employer"}
    fields, problems = clean_posting(data)
    employer = None
    if user.role == "employer":
        employer = db.get(Employer, user.employer_id)
    elif form.get("employer"):
        employer = employer_by_name(db, form["employer"][:100])
    if not problems and user.role != "employer":
        scope = county_scope(user)
        if scope is not None and fields.get("county_code") not in scope:
            problems = [RowError("location", "只能发布本人负责县（市、区）的岗位")]
        elif form.get("employer") and (lure := lure_error("employer", form["employer"], "单位名称")):
            problems = [lure]
        elif (earlier := earlier_copy(db, fields, employer=employer, external_id=None)) is not None and (
                reason := console_may_not_update(scope)(db, earlier)):
            problems = [RowError("title", reason)]  # the same job the employer posted itself: theirs to change
    if problems:
        db.rollback()
        rows = list(db.scalars(select(Posting).where(*_visible(user)).order_by(Posting.id.desc()).limit(PAGE)))
        return render(request, "postings.html", {
            "rows": rows, "total": len(rows), "status": "", "q": "", "page": 1, "more": False,
            "employer": employer, "form": form, "problems": [(p.field, p.message_zh) for p in problems],
        }, status_code=422)
    row, outcome = save_posting(db, fields, employer=employer, source="form")
    msg = "岗位已发布" if outcome == "created" else "已有相同岗位，已更新"
    return flash_redirect("/console/postings", ok=msg)


@router.post("/postings/{posting_id}/close")
def posting_close(posting_id: int, user: CurrentUser, db: SessionDep,
                  status: Annotated[str, Form()] = "closed") -> Response:
    from jobs_feed.service import close_posting

    if status not in ("closed", "filled"):
        raise ConsoleForbidden(f"status {status}")
    row = _editable(db, user, posting_id)
    close_posting(db, row, status=status)
    return flash_redirect("/console/postings", ok="岗位已关闭")
