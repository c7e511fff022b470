"""People pages: filtered list, one person's record, edits, reveals, follow-ups and the help plan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from core.deps import SessionDep, SettingsDep, client_ip
from core.errors import InvalidInput
from core.gazetteer import get_gazetteer
from service.console import accounts, activity, calls, exports, followups, helpdesk, ledger, roster, suggest
from service.console.render import STATUS_NAMES, county_name, flash_redirect, render
from service.console.security import CurrentCoordinator, county_scope

router = APIRouter()


def county_choices(user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    gaz = get_gazetteer()
    scope = county_scope(user)
    codes = scope if scope is not None else sorted(gaz.counties)
    return [(c, gaz.counties[c].full_name) for c in codes if c in gaz.counties]


def back_to_person(person_id: int, *, ok: str = "", error: str = "", anchor: str = "") -> RedirectResponse:
    return flash_redirect(f"/console/people/{person_id}{anchor}", ok=ok, error=error)


@router.get("/people")
def people_list(
    request: Request, user: CurrentCoordinator, db: SessionDep, settings: SettingsDep,
    county: str = "", status: str = "", gap: int = 0, key: int = 0, overdue: int = 0, nocoord: int = 0,
    township: str = "", q: str = "", page: Annotated[int, Query(ge=1, le=100000)] = 1, why: int = 0,
    export: str = "", village: str = "", coord: int = 0, need: str = "",
    year: Annotated[int, Query(ge=0, le=2100)] = 0, covered: int = 0, nomatch: str = "",
) -> Response:
    f = roster.PeopleFilter(county=county, status=status, gap=bool(gap), key=bool(key), overdue=bool(overdue),
                            nocoord=bool(nocoord), township=township.strip()[:64], q=q.strip()[:32], page=page,
                            cycle_days=settings.push_cycle_days, village=village.strip()[:64], coord=coord,
                            need=need[:20], year=year, covered=bool(covered), nomatch=nomatch.strip()[:200])
    if export in ("csv", "xlsx"):  # the list as filtered, every page: a call list to print or share
        return exports.table_response(export, "人员名单", PEOPLE_HEADER,
                                      [_export_row(user, p) for p in roster.export_people(db, user, f)])
    result = roster.list_people(db, user, f)
    # Why is nobody reaching these people? The matcher answers for the page on screen; it takes a few
    # hundred ms, so the page asks for it afterwards (/people/why) unless ?why=1 wants it inline.
    reasons = _why_texts(suggest.suggest(db, result.rows), result.rows, settings) if f.gap and why else None
    return render(request, "people.html", {"f": f, "result": result, "counties": county_choices(user),
                                           "townships": roster.townships(db, user, f.county), "why": reasons})


PEOPLE_HEADER = ["姓名", "性别", "出生年份", "县（市、区）", "乡镇", "村", "状态", "手机号", "会做什么", "想做什么"]


def _export_row(user, p) -> list:  # type: ignore[no-untyped-def]
    return [p.name, p.gender or "", p.birth_year or "", county_name(p.county_code), p.township or "", p.village or "",
            STATUS_NAMES.get(p.status, p.status), exports.phone_for(user, p.phone), p.skills or "", p.wishes or ""]


def _why_texts(found: dict[int, suggest.Suggestion], people, settings) -> dict[int, dict[str, str]]:  # type: ignore[no-untyped-def]
    from jobs_feed.push.delivery import channels_for

    unreachable = {p.id for p in people if not channels_for(settings, p)}
    out = {}
    for pid, s in found.items():
        if not s.matches:
            out[pid] = {"text": s.note, "kind": "none"}
        elif pid in unreachable:  # no push can reach them: the coordinator's call is the channel
            out[pid] = {"text": f"有适配岗位，但推送不到（无微信、无同意短信的手机号），请电话通知：{s.matches[0][1]}",
                        "kind": "call"}
        else:
            out[pid] = {"text": f"有适配岗位待推送：{s.matches[0][1]}", "kind": "ok"}
    return out


@router.get("/people/why")
def people_why(user: CurrentCoordinator, db: SessionDep, settings: SettingsDep, ids: str = "") -> JSONResponse:
    """The matcher's word on up to 100 people (those the user may see): a suitable posting, or why none."""
    wanted = [int(x) for x in ids.split(",")[:100] if x.strip().isdigit()]
    people = roster.visible_people(db, user, wanted)
    return JSONResponse({str(k): v for k, v in _why_texts(suggest.suggest(db, people), people, settings).items()})


def _person_context(request: Request, db, user, person, settings, **extra):  # type: ignore[no-untyped-def]
    if person.profile is None:  # entered by hand or before the matcher: read now, so the page can show it
        from matching.service import refresh_profile

        refresh_profile(person)
    return render(request, extra.get("template", "person.html"), {
        "p": person,
        "history": list(person.history),
        "matches": activity.person_matches(db, person.id),
        "current": suggest.suggest(db, [person], top=5).get(person.id) if person.status == "seeking" else None,
        "pushes": activity.person_pushes(db, person.id),
        "questions": helpdesk.person_questions(db, person),
        "tickets": helpdesk.person_tickets(db, person),
        "next_push": calls.next_push(db, settings, person),
        "visits": followups.follow_ups(db, person.id),
        "FOLLOW_UP_KINDS": followups.KINDS, "FOLLOW_UP_OUTCOMES": list(followups.OUTCOMES),
        "plan": followups.help_plan(db, person.id),
        "today": followups.today_china(),
        "reveals": roster.reveal_log(db, person.id),
        "counties": county_choices(user),
        "coordinators": accounts.coordinators_for(db, person.county_code),
        "revealed": extra.get("revealed", {}),
        **ledger.person_ledger(db, person, followups.today_china().year),
    })


@router.get("/people/{person_id}")
def person_page(request: Request, person_id: int, user: CurrentCoordinator, db: SessionDep,
                settings: SettingsDep) -> Response:
    person = roster.get_person(db, user, person_id)
    return _person_context(request, db, user, person, settings)


@router.get("/people/{person_id}/plan/print")
def person_plan_print(request: Request, person_id: int, user: CurrentCoordinator, db: SessionDep,
                      settings: SettingsDep) -> Response:
    """The 帮扶计划书 on one A4 page: person, measures, postings, entitlements, 311, visits, signatures."""
    person = roster.get_person(db, user, person_id)
    return _person_context(request, db, user, person, settings, template="plan_print.html")


@router.post("/people/{person_id}/reveal")
def person_reveal(request: Request, person_id: int, user: CurrentCoordinator, db: SessionDep,
                  settings: SettingsDep, field: Annotated[str, Form()]) -> Response:
    person = roster.get_person(db, user, person_id)
    value = roster.reveal(db, user=user, person=person, field_name=field, ip=client_ip(request))
    # Shown in this response only: reloading the page masks it again.
    return _person_context(request, db, user, person, settings, revealed={field: value})


@router.post("/people/{person_id}")
async def person_edit(request: Request, person_id: int, user: CurrentCoordinator, db: SessionDep) -> Response:
    person = roster.get_person(db, user, person_id)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        changed = roster.update_person(db, user=user, person=person, form=form)
    except InvalidInput as exc:
        db.rollback()
        return back_to_person(person_id, error=exc.message_zh)
    if changed:
        suggest.refresh_log(db, person)  # 总览's reasons follow the fix at once
    return back_to_person(person_id, ok="已保存" if changed else "没有改动")


@router.post("/people/{person_id}/erase")
def person_erase(person_id: int, user: CurrentCoordinator, db: SessionDep,
                 confirm: Annotated[str, Form()] = "") -> Response:
    """删除个人信息 at the person's own request (e.g. "把我的信息删了" in WeChat)."""
    from service.console.erase import erase_person

    person = roster.get_person(db, user, person_id)
    try:
        erase_person(db, user=user, person=person, confirm=confirm)
    except InvalidInput as exc:
        db.rollback()
        return back_to_person(person_id, error=exc.message_zh, anchor="#erase")
    return back_to_person(person_id, ok="个人信息已删除，不再推送")


@router.post("/people/{person_id}/push")
def person_push_now(person_id: int, user: CurrentCoordinator, db: SessionDep, settings: SettingsDep) -> Response:
    """立即推送: the best new suitable posting, through the usual outbox (opt-out, quiet hours hold)."""
    from service.console.push_now import push_now

    person = roster.get_person(db, user, person_id)
    try:
        said = push_now(db, settings, person)
    except InvalidInput as exc:
        db.rollback()
        return back_to_person(person_id, error=exc.message_zh, anchor="#current")
    return back_to_person(person_id, ok=said, anchor="#current")


@router.post("/people/{person_id}/followups")
def person_follow_up(
    person_id: int, user: CurrentCoordinator, db: SessionDep,
    note: Annotated[str, Form()] = "",
    visit_date: Annotated[str, Form()] = "",
    next_visit_date: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    outcome: Annotated[str, Form()] = "",
) -> Response:
    person = roster.get_person(db, user, person_id)
    try:
        followups.add_follow_up(db, person=person, user=user, note=note, kind=kind, outcome=outcome,
                                visit_date=followups.parse_date(visit_date, "回访日期"),
                                next_visit_date=followups.parse_date(next_visit_date, "下次回访日期"))
    except InvalidInput as exc:
        return back_to_person(person_id, error=exc.message_zh, anchor="#visits")
    return back_to_person(person_id, ok="回访记录已保存", anchor="#visits")


@router.post("/people/{person_id}/plan")
def person_plan(person_id: int, user: CurrentCoordinator, db: SessionDep,
                text: Annotated[str, Form()] = "") -> Response:
    person = roster.get_person(db, user, person_id)
    try:
        followups.save_help_plan(db, person=person, user=user, text=text)
    except InvalidInput as exc:
        return back_to_person(person_id, error=exc.message_zh, anchor="#plan")
    return back_to_person(person_id, ok="帮扶计划书已保存", anchor="#plan")
