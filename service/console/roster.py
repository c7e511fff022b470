"""People queries for the console: filtered, paged lists (indexed filters, LIMIT/OFFSET) and one person."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from core.gazetteer import KEY_POVERTY_CODES, get_gazetteer
from core.timeutil import utcnow
from matching.models import LABOURER_STATUSES, Labourer
from service.console import sources, stats
from service.console.followups import overdue_filter
from service.console.security import ConsoleNotFound, check_county, county_scope
from service.models import RevealLog, User

PAGE_SIZE = 50


@dataclass
class PeopleFilter:
    county: str = ""
    status: str = ""
    gap: bool = False  # seeking and nothing pushed this cycle
    key: bool = False  # only the 23 provincial key poverty counties (重点县)
    overdue: bool = False  # follow-up visit overdue
    nocoord: bool = False  # nobody responsible (负责协理员 not set)
    township: str = ""  # 乡镇, as recorded
    q: str = ""  # part of a name, village or township; or a phone's / ID number's last digits
    page: int = 1
    cycle_days: int = 30
    village: str = ""  # 村, exactly as recorded (a ledger row's link)
    coord: int = 0  # the responsible coordinator's account (a ledger row's link)
    need: str = ""  # a 台账 column (jobs_feed.ledger.service.NEEDS) ...
    year: int = 0  # ... for this year
    covered: bool = False  # seeking and pushed a suitable posting this cycle
    nomatch: str = ""  # the newest match run found nothing: "1" any reason, else that reason's text

    def query_string(self, **changes: Any) -> str:
        from urllib.parse import urlencode

        values = {"county": self.county, "status": self.status, "gap": int(self.gap), "key": int(self.key),
                  "overdue": int(self.overdue), "nocoord": int(self.nocoord), "township": self.township,
                  "q": self.q, "page": self.page, "village": self.village, "coord": self.coord, "need": self.need,
                  "year": self.year, "covered": int(self.covered), "nomatch": self.nomatch}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", 0, None)})


@dataclass
class PeoplePage:
    rows: list[Labourer]
    total: int
    page: int
    pages: int
    notes: list[str] = field(default_factory=list)


def _conditions(db: Session, scope: list[str] | None, f: PeopleFilter) -> tuple[list[Any], list[str]]:
    where: list[Any] = []
    notes: list[str] = []
    if scope is not None:
        where.append(Labourer.county_code.in_(scope))
    if f.county:
        where.append(Labourer.county_code == f.county)
    if f.status in LABOURER_STATUSES:
        where.append(Labourer.status == f.status)
    if f.key:
        where.append(Labourer.county_code.in_(sorted(KEY_POVERTY_CODES)))
    if f.township:
        where.append(Labourer.township == f.township)
    if f.q:
        where.append(_search(f.q))
    if f.overdue:
        where.append(Labourer.id.in_(overdue_filter()))
    if f.nocoord:
        where.append(Labourer.coordinator_id.is_(None))
    if f.village:
        where.append(Labourer.village == f.village)
    if f.coord:
        where.append(Labourer.coordinator_id == f.coord)
    if f.need:
        from jobs_feed.ledger.service import NEEDS, need_where

        if f.need in NEEDS and f.year:
            where += need_where(f.need, f.year)
            notes.append(f"台账：{f.year}年{NEEDS[f.need]}")
    if f.nomatch:
        where.append(Labourer.status == "seeking")
        found = stats.no_match_people(db, None if f.nomatch == "1" else f.nomatch, scope)
        if found is None:
            notes.append("还没有批量匹配的记录。")
        else:
            where.append(Labourer.id.in_(found))
            notes.append("最近一次批量匹配没有找到合适岗位" + ("" if f.nomatch == "1" else f"：{f.nomatch}"))
    if f.gap or f.covered:  # not pushed / pushed a suitable posting this cycle
        where.append(Labourer.status == "seeking")
        reached = _reached(db, f.cycle_days)
        if reached is None and f.gap:
            notes.append("推送记录表尚未上线：“未覆盖”暂按全部求职人员显示。")
        elif reached is not None:
            where += ([~reached] if f.gap else []) + ([reached] if f.covered else [])
    return where, notes


def _reached(db: Session, cycle_days: int) -> Any:
    """EXISTS a suitable posting pushed to the person this cycle; None without the push table."""
    push = sources.push_model(db)
    if push is None:
        return None
    c = stats.push_columns(push)
    return exists().where(c["person"] == Labourer.id, c["status"].in_(stats.REACHED), c["posting"].is_not(None),
                          c["sent"] >= stats.cycle_start(cycle_days))


MIN_DIGITS = 4  # a search of fewer digits would match a phone or ID number by chance


def _search(q: str) -> Any:
    """"秀英", "南浦", "下洋村" find names, townships and villages containing it; "1234" (4+ digits, or an ID
    number's last digits with X) finds phones and ID numbers ending in it; an import's own id exactly."""
    q = q.strip().replace("%", "").replace("_", "")
    digits = q.upper()
    if len(digits) >= MIN_DIGITS and digits.rstrip("X").isdigit():
        return (Labourer.phone.like(f"%{digits}") | Labourer.id_number.like(f"%{digits}")
                | (Labourer.external_id == q))
    return (Labourer.name.contains(q) | Labourer.village.contains(q) | Labourer.township.contains(q)
            | (Labourer.external_id == q))


def townships(db: Session, user: User, county: str = "", limit: int = 300) -> list[str]:
    """The townships recorded for people the user may see (of one county when given), for a filter."""
    stmt = select(Labourer.township).where(Labourer.township.is_not(None), Labourer.township != "").distinct()
    scope = county_scope(user)
    if scope is not None:
        stmt = stmt.where(Labourer.county_code.in_(scope))
    if county:
        stmt = stmt.where(Labourer.county_code == county)
    return sorted(t for t in db.scalars(stmt.limit(limit)) if t)


def list_people(db: Session, user: User, f: PeopleFilter) -> PeoplePage:
    """One page of people in the user's counties matching ``f``, newest first."""
    scope = county_scope(user)
    if f.county:
        check_county(user, f.county)
    where, notes = _conditions(db, scope, f)
    total = int(db.scalar(select(func.count()).select_from(Labourer).where(*where)) or 0)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(f.page, 1), pages)
    rows = list(db.scalars(select(Labourer).where(*where).order_by(Labourer.id.desc())
                           .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)))
    return PeoplePage(rows, total, page, pages, notes)


EXPORT_MAX = 50_000


def export_people(db: Session, user: User, f: PeopleFilter) -> list[Labourer]:
    """Everyone matching ``f`` in the user's counties (at most EXPORT_MAX), by county, township, village, name."""
    if f.county:
        check_county(user, f.county)
    where, _ = _conditions(db, county_scope(user), f)
    stmt = (select(Labourer).where(*where)
            .order_by(Labourer.county_code, Labourer.township, Labourer.village, Labourer.name).limit(EXPORT_MAX))
    return list(db.scalars(stmt))


def get_person(db: Session, user: User, person_id: int) -> Labourer:
    """The person, if the user may see them (coordinators: only their counties)."""
    person = db.get(Labourer, person_id)
    if person is None:
        raise ConsoleNotFound(f"labourer {person_id}")
    if user.role == "employer":
        raise ConsoleNotFound(f"labourer {person_id}")  # employers never browse people
    check_county(user, person.county_code)
    return person


def visible_people(db: Session, user: User, ids: list[int]) -> list[Labourer]:
    """Those of ``ids`` the user may see (others are left out silently)."""
    if not ids or user.role == "employer":
        return []
    stmt = select(Labourer).where(Labourer.id.in_(ids))
    scope = county_scope(user)
    if scope is not None:
        stmt = stmt.where(Labourer.county_code.in_(scope))
    return list(db.scalars(stmt))


def reveal(db: Session, *, user: User, person: Labourer, field_name: str, ip: str) -> str:
    """The unmasked phone or ID number; every call is written to the reveal log."""
    if field_name not in ("phone", "id_number"):
        raise InvalidInput(field_name, message_zh="只能查看手机号或身份证号")
    db.add(RevealLog(user_id=user.id, labourer_id=person.id, field=field_name, ip=ip))
    db.flush()
    return str(getattr(person, field_name) or "")


def reveal_log(db: Session, person_id: int, limit: int = 20) -> list[tuple[RevealLog, str]]:
    stmt = (select(RevealLog, User.username).join(User, User.id == RevealLog.user_id)
            .where(RevealLog.labourer_id == person_id).order_by(RevealLog.id.desc()).limit(limit))
    return [(log, name) for log, name in db.execute(stmt)]


EDITABLE = ("name", "gender", "township", "village", "skills", "wishes")


def _record_fields(db: Session, person: Labourer, form: dict[str, str]) -> list[str]:
    """手机号, 身份证号, 年龄/出生日期, 建档立卡: checked as an import checks them (a blank phone or ID
    field keeps what is on record: the page shows them masked)."""
    from matching.importer import (
        RowError,
        clean_age,
        clean_birth_date,
        clean_id_number,
        clean_phone,
        id_facts,
    )

    changed: list[str] = []
    try:
        if form.get("phone", "").strip():
            phone = clean_phone(form["phone"])
            if phone != person.phone:
                person.phone = phone
                changed.append("phone")
        if form.get("id_number", "").strip():
            idn = clean_id_number(form["id_number"])
            holder = db.scalar(select(Labourer.id).where(Labourer.id_number == idn, Labourer.id != person.id))
            if holder is not None:
                raise InvalidInput("id taken", message_zh="这个身份证号已登记在另一人名下，请核对")
            if idn != person.id_number:
                person.id_number, changed = idn, [*changed, "id_number"]
                person.birth_date, person.gender = id_facts(idn)
                person.birth_year = person.birth_date.year
        if form.get("birth_date", "").strip() and not person.id_number:
            born = clean_birth_date(form["birth_date"])
            if born != person.birth_date:
                person.birth_date, person.birth_year = born, born.year
                changed.append("birth_date")
        if form.get("age", "").strip() and not person.birth_date:
            age = clean_age(form["age"])
            if age != person.age:
                person.age, person.age_recorded_on = age, utcnow().date()
                person.birth_year = person.age_recorded_on.year - age
                changed.append("age")
    except RowError as exc:
        raise InvalidInput(str(exc), message_zh=f"{_LABELS.get(exc.field, exc.field)}：{exc.message_zh}") from exc
    if "poverty_registered" in form:
        flag = form["poverty_registered"] == "1"
        if flag != person.poverty_registered:
            person.poverty_registered = flag
            changed.append("poverty_registered")
    return changed


_LABELS = {"phone": "手机号", "id_number": "身份证号", "birth_date": "出生日期", "age": "年龄"}


def update_person(db: Session, *, user: User, person: Labourer, form: dict[str, str]) -> list[str]:
    """Apply the edit form; returns what changed. Status changes go through the registry (history kept)."""
    from matching.service import set_status

    changed: list[str] = []
    for name in EDITABLE:
        if name in form:
            value = form[name].strip()
            if name == "name" and not value:
                raise InvalidInput("empty name", message_zh="姓名不能为空")
            if name == "gender" and value not in ("", "男", "女"):
                raise InvalidInput(value, message_zh="性别只能填“男”或“女”")
            if (getattr(person, name) or "") != value:
                setattr(person, name, value or None if name == "gender" else value)
                changed.append(name)
    if form.get("county"):
        county = get_gazetteer().resolve(form["county"]) or get_gazetteer().get(form["county"])
        if county is None:
            raise InvalidInput(form["county"], message_zh=f"没有找到这个县（市、区）：{form['county']}")
        if county.code != person.county_code:
            check_county(user, county.code)
            person.county_code = county.code
            changed.append("county")
    changed += _record_fields(db, person, form)
    if "coordinator_id" in form:  # 负责协理员: one of the coordinators of the person's county, or none
        from service.console.accounts import coordinators_for

        raw = form["coordinator_id"].strip()
        allowed = {u.id for u in coordinators_for(db, person.county_code)}
        chosen = int(raw) if raw.isdigit() else None
        if chosen is not None and chosen not in allowed:
            raise InvalidInput(raw, message_zh="只能选负责此人所在县（市、区）的协理员")
        if chosen != person.coordinator_id:
            person.coordinator_id = chosen
            changed.append("coordinator")
    if "sms_consent" in form:
        consent = form["sms_consent"] == "1"
        if consent != person.sms_consent:
            person.sms_consent = consent
            changed.append("sms_consent")
    if "reading_places" in form or "reading_pay" in form:  # the reading corrected in words
        from matching.service import refresh_profile
        from service.console.reading import corrected

        if person.profile is None:
            refresh_profile(person)
        fixed = corrected(person.profile, form.get("reading_places"), form.get("reading_pay"))
        if fixed is not None:
            person.profile = fixed
            changed.append("profile")
    if "profile" in form and user.role == "admin":  # the raw JSON: an administrator's detail
        raw = form["profile"].strip()
        try:
            profile = json.loads(raw) if raw else None
        except json.JSONDecodeError as exc:
            raise InvalidInput(str(exc), message_zh=f"画像JSON格式有误（第{exc.lineno}行）") from exc
        if profile is not None and not isinstance(profile, dict):
            raise InvalidInput("profile not an object", message_zh="画像JSON应是一个对象（{…}）")
        if profile != person.profile:
            person.profile = profile
            changed.append("profile")
    status = form.get("status", "")
    if status and status not in LABOURER_STATUSES:
        raise InvalidInput(status, message_zh="状态不正确")
    if status and set_status(db, person, status, source="console", note=form.get("status_note", "")):
        changed.append("status")
    db.flush()
    return changed
