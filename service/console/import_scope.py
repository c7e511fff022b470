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
    from matching.service import find_labourer

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
                    rejected.append((row.number, label, "county",
                                     f"此人已登记在{_county_label(existing.county_code)}，{OUT_OF_SCOPE}"))
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
    cities = {c.city_code for code in allowed if (c := get_gazetteer().get(code))}
    with factory() as db:
        for row in read_rows(path, POSTING_HEADERS, required=["title"]):
            if row.error:
                yield row
                continue
            clean, _problems = validate_posting_row(row.data)
            label = str(row.data.get("title") or "")[:32]
            county, city = clean.get("county_code"), clean.get("city_code")
            outside = (county not in allowed) if county else (city is not None and city not in cities)
            if outside:
                where = _county_label(county) if county else (get_gazetteer().city_name(city) or city)
                rejected.append((row.number, label, "location", f"{where}{OUT_OF_SCOPE}"))
                continue
            ext = clean.get("_external_id")
            owner = db.scalar(select(Posting.county_code).where(Posting.external_id == ext)) if ext else None
            db.rollback()
            if owner and owner not in allowed:
                rejected.append((row.number, label, "id", f"编号{ext}是{_county_label(owner)}的岗位，{OUT_OF_SCOPE}"))
                continue
            yield row
