"""The 政策落实到人 ledger in the console: gap tables, one person's ledger, and the facts form.

Storage and rules are the ledger's (jobs_feed/ledger/service.py) and the registry's
(matching/facts.py); this module scopes them to the console user and shapes them for pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput
from matching.models import Labourer
from service.console.render import county_short
from service.console.security import check_county, county_scope
from service.models import User

GAP_HEADER = ["求职人数", "岗位推荐不足3次", "未做职业指导", "有培训意愿", "未推送培训", "未告知的政策", "已享受的政策"]
FIRST_YEAR = 2018  # the documents' year (闽人社文〔2018〕258号)


@dataclass
class GapTable:
    label: str  # what the first column names
    rows: list[tuple[str, Any, str]]  # (display name, GapRow, link to the people it counts or "")
    total: Any  # GapRow summing the rows
    anchor: str = ""
    total_link: str = ""  # the people the total row counts


@dataclass
class Where:
    """The part of the province a ledger or report covers: the user's counties, one county, one 乡镇."""

    scope: list[str] | None  # counties (None: the whole province)
    county: str = ""
    township: str = ""

    @property
    def place(self) -> str | None:
        """The finer table shown: 乡镇 within a county, 村 within a 乡镇."""
        if self.township:
            return "village"
        return "township" if self.county else None

    def people_link(self, county: str | None = None, township: str = "", village: str = "", **more: Any) -> str:
        args = [("county", county or self.county), ("township", township or self.township), ("village", village),
                *more.items()]
        return "/console/people?" + urlencode([(k, v) for k, v in args if v])


def where_for(db: Session, user: User, county: str = "", township: str = "") -> Where:
    """The user's counties, narrowed to ``county`` (which must be theirs) and ``township`` (which must be
    recorded for someone there: a typo gets a Chinese error, not an empty table).

    A coordinator of one county gets that county's 乡镇 table without choosing it.
    """
    from service.console.render import county_name
    from service.console.roster import townships

    scope = county_scope(user)
    county = county.strip()
    if county:
        check_county(user, county)
        scope = [county]
    elif scope is not None and len(scope) == 1:
        county = scope[0]
    where = Where(scope, county, township.strip() if county else "")
    if where.township and where.township not in townships(db, user, county):
        raise InvalidInput(where.township,
                           message_zh=f"{county_name(county)}没有登记在“{where.township}”的人员，请检查乡镇名称")
    return where


def year_choices(today: date) -> list[int]:
    return list(range(today.year, FIRST_YEAR - 1, -1))


def check_year(year: int, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise InvalidInput(str(year), message_zh=f"年份应在{FIRST_YEAR}到{today.year}年之间")
    return year


def _total(rows: list[Any]) -> Any:
    from jobs_feed.ledger.service import GapRow

    total = GapRow(key="合计")
    for g in rows:
        for name in ("people", "jobs_short", "no_guidance", "wants_training", "no_training", "untold", "granted"):
            setattr(total, name, getattr(total, name) + getattr(g, name))
    return total


def coordinator_names(db: Session, ids: list[int]) -> dict[int, str]:
    """Console account id → the name people know (display name, else the login name)."""
    if not ids:
        return {}
    rows = db.execute(select(User.id, User.display_name, User.username).where(User.id.in_(ids)))
    return {uid: display or username for uid, display, username in rows}


def gap_tables(db: Session, user: User, year: int, where: Where | None = None) -> list[GapTable]:
    """The 311 gaps and untold entitlements per county, per 乡镇 or 村 (within one county or 乡镇), and per
    coordinator, in the user's counties."""
    from jobs_feed.ledger.service import gap_totals_both

    where = where or where_for(db, user)
    by_county, by_coord, by_place = gap_totals_both(db, year=year, counties=where.scope, township=where.township or None,
                                                    place=where.place)
    names = coordinator_names(db, [g.key for g in by_coord if isinstance(g.key, int)])
    county_rows = [(county_short(str(g.key) if g.key is not None else None), g,
                    where.people_link(str(g.key)) if g.key else "") for g in by_county]
    coord_rows = [(names.get(g.key, f"账号{g.key}") if g.key is not None else "未分配协理员", g,  # type: ignore[arg-type]
                   where.people_link(coord=g.key) if g.key is not None else where.people_link(nocoord=1))
                  for g in by_coord]
    tables = [GapTable("县（市、区）", county_rows, _total(by_county), "by-county", where.people_link())]
    if where.place:
        village = where.place == "village"
        place_rows = [(str(g.key) or "（未填）", g,
                       where.people_link(village=str(g.key)) if village else where.people_link(township=str(g.key)))
                      for g in by_place]
        tables.append(GapTable("村" if village else "乡镇", place_rows, _total(by_place),
                               "by-village" if village else "by-township", where.people_link()))
    tables.append(GapTable("协理员", coord_rows, _total(by_coord), "by-coordinator", where.people_link()))
    return tables


GAP_KEYS = ["people", "jobs_short", "no_guidance", "wants_training", "no_training", "untold", "granted"]


def gap_cells(g: Any) -> list[int]:
    return [getattr(g, k) for k in GAP_KEYS]


def export_sheets(tables: list[GapTable]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Workbook sheets (or, for CSV, the first) of the gap tables, totals last."""
    out = {}
    for table in tables:
        body = [[name, *gap_cells(g)] for name, g, _ in table.rows] + [["合计", *gap_cells(table.total)]]
        out[SHEET_NAMES[table.anchor]] = ([table.label, *GAP_HEADER], body)
    return out


SHEET_NAMES = {"by-county": "分县", "by-township": "分乡镇", "by-village": "分村", "by-coordinator": "分协理员"}


# --- one person ---------------------------------------------------------------------------------
def person_ledger(db: Session, person: Labourer, year: int) -> dict[str, Any]:
    """The person page's ledger sections: entitlements (refreshed now), guidance sessions, 311 counts."""
    from sqlalchemy.exc import IntegrityError

    from jobs_feed.ledger.models import STATE_ZH
    from jobs_feed.ledger.service import (
        GUIDANCE_PER_YEAR,
        JOBS_PER_YEAR,
        TRAINING_PER_YEAR,
        evaluate_person,
        guidance_sessions,
        records,
        refresh,
        year_services,
    )
    from matching.facts import SCHOOLS

    result = evaluate_person(person)
    try:
        with db.begin_nested():
            refresh(db, person, result=result)
    except IntegrityError:  # the daily refresh saved the same new records a moment ago: read theirs
        pass
    return {
        "entitlements": records(db, person.id),
        "fact_questions": result.questions,
        "guidance": guidance_sessions(db, person.id),
        "services": year_services(db, [person], year)[person.id],
        "standard": {"jobs": JOBS_PER_YEAR, "guidance": GUIDANCE_PER_YEAR, "training": TRAINING_PER_YEAR},
        "ledger_year": year,
        "facts": person.facts or {},
        "fact_form": {"bools": BOOL_LABELS, "pension": PENSION_LABELS, "business": BUSINESS_LABELS,
                      "schools": SCHOOLS},
        "STATE_ZH": STATE_ZH,
        "next_states": next_states,
    }


def next_states(state: str) -> list[str]:
    """States an entitlement in ``state`` may move to (forward only)."""
    from jobs_feed.ledger.models import STATES

    return list(STATES[STATES.index(state) + 1:]) if state in STATES else []


# --- facts form ---------------------------------------------------------------------------------
BOOL_LABELS = {"poverty_exited": "已标注脱贫", "dibao": "低保对象", "tekun": "特困人员", "returning_migrant": "返乡农民工",
               "wants_training": "有培训意愿", "wants_technical_school": "想读技工院校", "market_job_failed": "市场渠道难以就业"}
PENSION_LABELS = {"none": "未参保", "urban_rural": "城乡居民养老保险", "employee": "职工养老保险"}
BUSINESS_LABELS = {"none": "没有创业", "first": "首次创业", "existing": "已在经营"}


def facts_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The facts the form states, validated by the registry's readers; a blank choice means unknown.

    Raises InvalidInput listing every problem in Chinese.
    """
    from matching.facts import BOOL_FACTS, clean_facts

    data: dict[str, Any] = {}
    for key in (*BOOL_FACTS, "pension", "business"):
        value = form.get(key, "").strip()
        if value:
            data[key] = {"1": "是", "0": "否"}.get(value, value) if key in BOOL_FACTS else value
    graduate = form.get("graduate", "").strip()
    if graduate == "no":
        data["graduate"] = None
    elif graduate == "yes":
        data["graduate"] = {}
        for part in ("school", "year", "employed"):
            value = form.get(f"graduate_{part}", "").strip()
            if value:
                data[f"graduate_{part}"] = {"1": "是", "0": "否"}.get(value, value) if part == "employed" else value
    elif graduate:
        raise InvalidInput(graduate, message_zh="毕业情况应选“不是毕业生”或“是毕业生”")
    facts, errors = clean_facts(data)
    if errors:
        from service.console.render import field_name

        raise InvalidInput("; ".join(str(e) for e in errors),
                           message_zh="；".join(f"{field_name(e.key)}：{e.message_zh}" for e in errors))
    return facts


def save_facts(db: Session, person: Labourer, facts: dict[str, Any]) -> bool:
    """Replace the person's eligibility facts with the form's (other keys kept); True when changed."""
    from matching.facts import FACT_KEYS

    new = {k: v for k, v in (person.facts or {}).items() if k not in FACT_KEYS}
    new.update(facts)
    if new == (person.facts or {}):
        return False
    person.facts = new
    db.flush()
    return True
