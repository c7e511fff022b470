"""A coordinator's labourer import keeps to their counties: rows elsewhere become row errors.

The registry's importer knows nothing of console accounts, so the console reads the file itself,
sets aside every row that names (or would update) a person outside the coordinator's counties, and
hands the rest to ``matching.importer.import_labourers(rows=...)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from core.gazetteer import get_gazetteer
from core.tabular import LABOURER_HEADERS, Row, read_rows
from core.timeutil import utcnow

OUT_OF_SCOPE = "不在您负责的县（市、区）"
Rejected = tuple[int, str, str, str]  # (row, label, field, reason) like ImportResult.errors


def _county_label(code: str | None) -> str:
    county = get_gazetteer().get(code) if code else None
    return county.full_name if county else (code or "未填")


def scoped_rows(factory: sessionmaker[Session], path: str | Path, scope: list[str],
                rejected: list[Rejected]) -> Iterator[Row]:
    """The file's rows that stay inside ``scope``; the others are appended to ``rejected``.

    A row is kept back when its county lies outside the scope, or when it describes a person already
    registered in another county (an import would update that person). Rows with other problems
    pass through, so the importer reports them in its usual words.
    """
    from matching.importer import validate_labourer
    from matching.service import find_labourer, labourer_by_external_id

    allowed = set(scope)
    today = utcnow().date()
    with factory() as db:
        for row in read_rows(path, LABOURER_HEADERS, required=["name"]):
            if row.error:
                yield row
                continue
            clean, problems = validate_labourer(row.data, today)
            label = str(row.data.get("name") or "")[:32]
            county = clean.get("county_code")
            if county and county not in allowed:
                rejected.append((row.number, label, "county", f"{_county_label(county)}{OUT_OF_SCOPE}"))
                continue
            if not problems:
                existing = find_labourer(db, clean)
                db.rollback()  # no snapshot held while the importer writes beside us
                if existing is not None and existing.county_code not in allowed:
                    # say only that: naming the other county tells who holds this ID number or phone
                    rejected.append((row.number, label, "county", f"此人已在其他地区登记，{OUT_OF_SCOPE}"))
                    continue
                ext = clean.get("external_id")
                holder = labourer_by_external_id(db, ext) if ext and existing is None else None
                db.rollback()
                if holder is not None and holder.county_code not in allowed:
                    rejected.append((row.number, label, "id", "编号已被其他地区的人员使用，请改用不重复的编号"))
                    continue
            yield row


def scoped_posting_rows(factory: sessionmaker[Session], path: str | Path, scope: list[str],
                        rejected: list[Rejected]) -> Iterator[Row]:
    """A coordinator's posting file, kept to their counties the same way (a posting file may also
    re-post, by 编号, a posting another county owns: that row is kept back too)."""
    from sqlalchemy import select

    from core.tabular import POSTING_HEADERS
    from jobs_feed.importer import validate_posting_row
    from matching.models import Posting

    allowed = set(scope)
    with factory() as db:
        for row in read_rows(path, POSTING_HEADERS, required=["title"]):
            if row.error:
                yield row
                continue
            clean, _problems = validate_posting_row(row.data)
            label = str(row.data.get("title") or "")[:32]
            county, city = clean.get("county_code"), clean.get("city_code")
            if county not in allowed:  # a city-level place has no county: no coordinator could manage it
                where = _county_label(county) if county else (get_gazetteer().city_name(str(city)) or "未写明县（市、区）")
                hint = "" if county else "，请写明县（市、区）"
                rejected.append((row.number, label, "location", f"{where}{OUT_OF_SCOPE}{hint}"))
                continue
            ext = clean.get("_external_id")
            found = db.execute(select(Posting.id, Posting.county_code).where(Posting.external_id == ext)).first() \
                if ext else None
            db.rollback()
            if found is not None and found.county_code not in allowed:  # NULL (city level) is outside too
                rejected.append((row.number, label, "id", f"编号{ext}已被其他地区的岗位使用，{OUT_OF_SCOPE}"))
                continue
            yield row


def console_may_not_update(scope: list[str] | None):  # type: ignore[no-untyped-def]
    """A console import's update check: never an employer's own posting (API, key or console account);
    for a coordinator never one outside their counties (a city-level one, without county, included)."""
    from sqlalchemy import select

    from jobs_feed.importer import employers_own
    from service.models import User

    allowed = set(scope) if scope is not None else None

    def check(session: Session, row) -> str | None:  # type: ignore[no-untyped-def]
        if reason := employers_own(session, row):
            return reason
        if row.employer_id is not None and session.scalar(
                select(User.id).where(User.employer_id == row.employer_id).limit(1)) is not None:
            return f"岗位{row.external_id}是用人单位自己发布的，导入不能修改它；如是另一个岗位，请换一个编号"
        if allowed is not None and row.county_code not in allowed:
            return f"编号{row.external_id}已被其他地区的岗位使用，{OUT_OF_SCOPE}"
        return None

    return check
