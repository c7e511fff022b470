"""比对: our registry against another system's list (扶贫办, 培训/技能 systems).

People are paired the way imports pair them (ID number, else phone, else fuzzy name + county +
birth year); the report lists people only in ours, only in theirs, and fields that disagree.
Phone and ID numbers appear masked, so a report can be passed around without leaking them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.logging import mask_id, mask_phone
from core.tabular import LABOURER_HEADERS, read_rows, write_csv
from core.timeutil import utcnow
from matching.importer import validate_labourer
from matching.models import Labourer
from matching.service import county_name, find_labourer

COMPARED = {
    "name": "姓名", "gender": "性别", "birth_year": "出生年份", "id_number": "身份证号", "phone": "手机号",
    "county_code": "户籍地", "status": "就业状态", "poverty_registered": "是否建档立卡",
}
STATUS_ZH = {"seeking": "求职", "employed": "已就业", "not_seeking": "无就业意愿"}


@dataclass
class Comparison:
    only_ours: list[dict[str, str]] = field(default_factory=list)
    only_theirs: list[dict[str, str]] = field(default_factory=list)
    conflicts: list[dict[str, str]] = field(default_factory=list)
    matched: int = 0
    unreadable: int = 0  # rows of their file without even a name

    def rows(self) -> list[list[str]]:
        """One flat table: 类别, 我方编号, 对方行号, 姓名, 户籍地, 字段, 我方, 对方."""
        out = [["仅我方有", p["id"], "", p["name"], p["county"], "", "", ""] for p in self.only_ours]
        out += [["仅对方有", "", p["row"], p["name"], p["county"], "", "", ""] for p in self.only_theirs]
        out += [["信息不一致", c["id"], c["row"], c["name"], c["county"], c["field"], c["ours"], c["theirs"]]
                for c in self.conflicts]
        return out


HEADER = ["类别", "我方编号", "对方行号", "姓名", "户籍地", "字段", "我方", "对方"]


def _show(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field == "phone":
        return mask_phone(value)
    if field == "id_number":
        return mask_id(value)
    if field == "county_code":
        return county_name(value) or str(value)
    if field == "status":
        return STATUS_ZH.get(value, str(value))
    if field == "poverty_registered":
        return "是" if value else "否"
    return str(value)


def compare_file(session: Session, path: str | Path, *, counties: set[str] | None = None) -> Comparison:
    """Compare the labourers in ``path`` (CSV/XLSX/JSONL, any header spelling imports accept) with ours.

    ``counties`` limits our side to those county codes (a county's list against the province's registry).
    """
    today = utcnow().date()
    result = Comparison()
    seen: set[int] = set()
    for row in read_rows(path, LABOURER_HEADERS):
        person, _problems = validate_labourer(row.data, today)  # compare what is readable, flaws included
        person.pop("external_id", None)  # their numbering is not ours
        if not person.get("name"):
            result.unreadable += 1
            continue
        ours = find_labourer(session, person)
        county = _show("county_code", person.get("county_code"))
        if ours is None or ours.id in seen:
            result.only_theirs.append({"row": str(row.number), "name": person["name"], "county": county})
            continue
        seen.add(ours.id)
        result.matched += 1
        for f in COMPARED:
            theirs_v, ours_v = person.get(f), getattr(ours, f)
            if theirs_v is None or theirs_v == "" or ours_v is None or ours_v == "":
                continue
            if f == "birth_year" and abs(int(theirs_v) - int(ours_v)) <= 1 and not (
                person.get("birth_date") and ours.birth_date
            ):
                continue  # a year derived from an age may be one off
            if theirs_v != ours_v:
                result.conflicts.append({
                    "id": ours.external_id or str(ours.id), "row": str(row.number), "name": ours.name,
                    "county": _show("county_code", ours.county_code), "field": COMPARED[f],
                    "ours": _show(f, ours_v), "theirs": _show(f, theirs_v),
                })
    ours_q = select(Labourer).order_by(Labourer.id)
    if counties:
        ours_q = ours_q.where(Labourer.county_code.in_(sorted(counties)))
    for lab in session.scalars(ours_q):
        if lab.id not in seen:
            result.only_ours.append({"id": lab.external_id or str(lab.id), "name": lab.name,
                                     "county": _show("county_code", lab.county_code)})
    return result


def write_comparison(result: Comparison, path: str | Path) -> Path:
    return write_csv(path, HEADER, result.rows())
