"""台账 pages: 311 gaps per county and coordinator (with exports), and the person page's ledger forms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from core.deps import SessionDep
from core.errors import InvalidInput, JiuyeError
from service.console import exports, ledger, roster
from service.console.followups import parse_date, today_china
from service.console.people import back_to_person, county_choices
from service.console.render import county_name, render
from service.console.security import CurrentCoordinator

router = APIRouter()


@router.get("/ledger")
def ledger_page(request: Request, user: CurrentCoordinator, db: SessionDep, year: int | None = None,
                export: str = "", county: str = "", township: str = "") -> Response:
    today = today_china()
    year = ledger.check_year(year or today.year, today)
    where = ledger.where_for(db, user, county, township)
    tables = ledger.gap_tables(db, user, year, where)
    if export in ("csv", "xlsx"):
        sheets = ledger.export_sheets(tables)
        name = f"311台账-{year}" + "".join(f"-{p}" for p in (county_name(where.county) if where.county else "",
                                                             where.township) if p)
        if export == "xlsx":
            return exports.download(exports.xlsx_bytes(sheets), f"{name}.xlsx", exports.XLSX_TYPE)
        finest = ledger.SHEET_NAMES[tables[-2].anchor if len(tables) > 2 else "by-county"]
        header, body = sheets[finest]
        return exports.table_response("csv", f"{name}-{finest}", header, body)
    return render(request, "ledger.html", {
        "tables": tables, "year": year, "years": ledger.year_choices(today), "where": where,
        "counties": county_choices(user), "townships": roster.townships(db, user, where.county) if where.county else [],
        "header": ledger.GAP_HEADER, "cells": ledger.gap_cells, "keys": ledger.GAP_KEYS})


@router.post("/people/{person_id}/entitlements")
def entitlement_advance(person_id: int, user: CurrentCoordinator, db: SessionDep,
                        name: Annotated[str, Form()], state: Annotated[str, Form()],
                        note: Annotated[str, Form()] = "") -> Response:
    from jobs_feed.ledger.models import STATE_ZH
    from jobs_feed.ledger.service import advance

    roster.get_person(db, user, person_id)
    try:
        advance(db, person_id, name, state, note=note.strip())
    except JiuyeError as exc:
        db.rollback()
        return back_to_person(person_id, error=exc.message_zh, anchor="#entitlements")
    return back_to_person(person_id, ok=f"“{name}”已记为{STATE_ZH[state]}", anchor="#entitlements")


@router.post("/people/{person_id}/guidance")
def guidance_add(person_id: int, user: CurrentCoordinator, db: SessionDep,
                 held_on: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "") -> Response:
    from jobs_feed.ledger.service import add_guidance

    roster.get_person(db, user, person_id)
    try:
        day = parse_date(held_on, "指导日期") or today_china()
        if day > today_china():
            raise InvalidInput(str(day), message_zh="指导日期不能晚于今天")
        if len(note.strip()) > 500:
            raise InvalidInput("note too long", message_zh="指导内容不能超过500字")
    except InvalidInput as exc:
        return back_to_person(person_id, error=exc.message_zh, anchor="#guidance")
    add_guidance(db, person_id, held_on=day, note=note.strip(), by=user.display_name or user.username)
    return back_to_person(person_id, ok="职业指导已记录", anchor="#guidance")


@router.post("/people/{person_id}/facts")
async def facts_edit(request: Request, person_id: int, user: CurrentCoordinator, db: SessionDep) -> Response:
    person = roster.get_person(db, user, person_id)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        changed = ledger.save_facts(db, person, ledger.facts_from_form(form))
    except InvalidInput as exc:
        return back_to_person(person_id, error=exc.message_zh, anchor="#facts")
    return back_to_person(person_id, ok="政策条件已保存" if changed else "政策条件没有改动", anchor="#facts")
