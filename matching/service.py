"""Registry storage: find, add and update labourers; read postings; rows as match_dev-shaped records."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from core.errors import UnknownCounty
from core.gazetteer import get_gazetteer
from core.timeutil import to_china, utcnow
from matching.facts import merge_facts
from matching.importer import RowError
from matching.models import Labourer, LabourerStatusChange, Posting

FUZZY_NAME_MIN = 85  # rapidfuzz ratio for "same person" when only name + county + birth year agree
# A shared family phone must not merge two people: 张伟/张芳 score 50, a one-character slip in a
# three-character name 67; gender and birth year must not contradict either.
PHONE_NAME_MIN = 65
ID_NAME_MIN = 60  # the same file id on another sheet is another person unless the name is close


# --- reading -------------------------------------------------------------------------------
def seeking_labourers(session: Session, *, county_code: str | None = None) -> list[Labourer]:
    """Labourers whose status is seeking (optionally in one county), oldest registration first."""
    q = select(Labourer).where(Labourer.status == "seeking")
    if county_code:
        q = q.where(Labourer.county_code == county_code)
    return list(session.scalars(q.order_by(Labourer.id)))


def open_postings(session: Session, now: datetime | None = None, *, county_code: str | None = None) -> list[Posting]:
    """Postings open for applications at ``now`` (status open and not past expires_at)."""
    now = now or utcnow()
    q = select(Posting).where(Posting.status == "open")
    q = q.where(or_(Posting.expires_at.is_(None), Posting.expires_at > _utc(now)))
    if county_code:
        q = q.where(Posting.county_code == county_code)
    return list(session.scalars(q.order_by(Posting.id)))


def labourer_by_external_id(session: Session, external_id: str) -> Labourer | None:
    return session.scalar(select(Labourer).where(Labourer.external_id == str(external_id)))


def posting_by_external_id(session: Session, external_id: str) -> Posting | None:
    return session.scalar(select(Posting).where(Posting.external_id == str(external_id)))


def _utc(dt: datetime) -> datetime:
    # SQLite keeps the wall time without its offset, so every stored and compared time must be UTC.
    return dt.astimezone(UTC) if dt.tzinfo else dt


# --- records (the JSONL shape of ../shared/eval/match_dev) -----------------------------------
def age_of(row: Labourer, today: date | None = None) -> int | None:
    """Age today, from the birth date, else the age recorded at import, else the birth year."""
    today = today or utcnow().date()
    if row.birth_date:
        b = row.birth_date
        return today.year - b.year - ((today.month, today.day) < (b.month, b.day))
    if row.age is not None and row.age_recorded_on:
        r = row.age_recorded_on
        return row.age + today.year - r.year - ((today.month, today.day) < (r.month, r.day))
    if row.age is not None:
        return row.age
    return today.year - row.birth_year if row.birth_year else None


def county_name(code: str | None) -> str:
    """'南平市浦城县' for a county code; empty when unknown."""
    c = get_gazetteer().get(code)
    return c.full_name if c else ""


def labourer_to_record(row: Labourer, today: date | None = None) -> dict[str, Any]:
    """The labourer as one line of match_dev/labourers.jsonl (phone unmasked: callers must not log it)."""
    return {
        "id": row.external_id or f"jy-L{row.id}",
        "name": row.name,
        "gender": row.gender,
        "age": age_of(row, today),
        "county": county_name(row.county_code),
        "poverty_registered": bool(row.poverty_registered),
        "status": row.status,
        "skills": row.skills or "",
        "wishes": row.wishes or "",
        "phone": row.phone,
        "sms_consent": bool(row.sms_consent),
        "current_county_code": row.current_county_code,
        "profile": row.profile,  # used as is once a coordinator has corrected it (matching.profile)
    }


def posting_to_record(row: Posting) -> dict[str, Any]:
    """The posting as one line of match_dev/jobs.jsonl."""
    return {
        "id": row.external_id or f"jy-J{row.id}",
        "title": row.title,
        "employer": row.employer_name or (row.employer.name if row.employer else ""),
        "location": row.location or county_name(row.county_code),
        "salary_min": row.salary_min,
        "salary_max": row.salary_max,
        "salary_unit": row.salary_unit,
        "age_min": row.age_min,
        "age_max": row.age_max,
        "gender": row.gender,
        "description": row.description or "",
        "tags": list(row.tags or []),
        "local_only": bool(row.local_only),
        "required_certificates": list(row.required_certificates or []),
        "headcount": row.headcount,
        "status": row.status,
        "expires_at": _china_day(row.expires_at),
        "created_at": _china_day(row.created_at),
    }


def _china_day(dt: datetime | None) -> str | None:
    c = to_china(dt)
    return c.date().isoformat() if c else None


# --- writing -------------------------------------------------------------------------------
def set_status(session: Session, row: Labourer, status: str, *, source: str = "console", note: str = "") -> bool:
    """Change a labourer's status and record the change; False when it was already so."""
    if row.status == status:
        return False
    old, row.status = row.status, status
    row.history.append(LabourerStatusChange(old_status=old, new_status=status, source=source, note=note[:200]))
    session.flush()
    return True


def name_score(a: str, b: str) -> float:
    """rapidfuzz ratio of two names; names that sound the same (欧阳秋香 / 欧阳秋芗) score 100."""
    from rapidfuzz import fuzz

    from core.text import pinyin_key

    if a and b and len(a) == len(b) and a != b and pinyin_key(a) == pinyin_key(b):
        return 100.0
    return float(fuzz.ratio(a, b))


def _contradicts(row: Labourer, person: dict[str, Any]) -> bool:
    """Gender or birth year (±1) that cannot be the same person's; unknown values contradict nothing."""
    if row.gender and person.get("gender") and row.gender != person["gender"]:
        return True
    year = person.get("birth_year")
    return bool(row.birth_year and year and abs(row.birth_year - year) > 1)


def _same_holder(row: Labourer, person: dict[str, Any]) -> bool:
    """Whether the registered holder of a file id is the person of this row.

    Different ID numbers settle it; else a close name does; else (a renamed person) nothing else
    may disagree: phone, county, gender, birth year.
    """
    if row.id_number and person.get("id_number"):
        return bool(row.id_number == person["id_number"])
    name = person.get("name") or ""
    if not name or name_score(name, row.name) >= ID_NAME_MIN:
        return True
    phone, county = person.get("phone"), person.get("county_code")
    return not (
        (phone and row.phone and phone != row.phone)
        or (county and row.county_code and county != row.county_code)
        or _contradicts(row, person)
    )


def find_labourer(session: Session, person: dict[str, Any]) -> Labourer | None:
    """The registered person this record describes: same external id, ID number, phone, or fuzzy name.

    A file id held by someone else (two county sheets both numbering rows 1, 2 …) does not count.
    """
    if person.get("external_id"):
        found = labourer_by_external_id(session, person["external_id"])
        if found and _same_holder(found, person):
            return found
    if person.get("id_number"):
        found = session.scalar(select(Labourer).where(Labourer.id_number == person["id_number"]))
        if found:
            return found
    name = person.get("name") or ""

    def compatible(row: Labourer) -> bool:
        # Two different ID numbers are two different people, whatever else agrees.
        return not (row.id_number and person.get("id_number") and row.id_number != person["id_number"])

    if person.get("phone"):
        rows = session.scalars(select(Labourer).where(Labourer.phone == person["phone"]))
        best = max(((name_score(name, r.name), r) for r in rows if compatible(r) and not _contradicts(r, person)),
                   default=None, key=lambda t: t[0])
        if best and best[0] >= PHONE_NAME_MIN:
            return best[1]
    year = person.get("birth_year")
    if name and person.get("county_code") and year:
        q = select(Labourer).where(
            Labourer.county_code == person["county_code"], Labourer.birth_year.between(year - 1, year + 1)
        )
        # Namesakes are common in a county: a different phone on both sides means a different person.
        phone = person.get("phone")
        best = max(
            ((name_score(name, r.name), r) for r in session.scalars(q)
             if compatible(r) and not (phone and r.phone and r.phone != phone)),
            default=None,
            key=lambda t: t[0],
        )
        if best and best[0] >= FUZZY_NAME_MIN:
            return best[1]
    return None


UPDATABLE = (
    "name", "gender", "birth_date", "birth_year", "age", "age_recorded_on", "phone", "id_number", "county_code",
    "township", "village", "poverty_registered", "skills", "wishes", "sms_consent", "wechat_openid",
)


def _shorter_telling(new: str, old: str | None) -> bool:
    """The new text says less of the same: every word of it is already in the longer old text."""
    if not old or len(new) >= len(old):
        return False
    words = [w for w in re.split(r"[\s,，、;；/。]+", new) if w]
    return bool(words) and all(w in old for w in words)


def upsert_labourer(session: Session, person: dict[str, Any], *, source: str = "import") -> tuple[Labourer, str]:
    """Add the person or update the matching registered one; returns (row, 'created'|'updated'|'unchanged')."""
    row = find_labourer(session, person)
    ext = person.get("external_id")
    holder = labourer_by_external_id(session, ext) if ext and (row is None or row.external_id != ext) else None
    if holder is not None and holder is not row:
        # Two sheets numbering their rows 1, 2 …: the id stays with its holder; this row is refused.
        where = county_name(holder.county_code) or "另一县"
        raise RowError("id", f"编号“{ext}”已属于另一人（{holder.name}，{where}），不是同一人：请改用不重复的编号（如加上县名）后重新导入")
    created = row is None
    if row is None:
        row = Labourer(name=person["name"], status=person.get("status") or "seeking", skills="", wishes="", facts={},
                       poverty_registered=True, sms_consent=False, pushes_opted_out=False)
        session.add(row)
    changed = created
    for field in UPDATABLE:
        value = person.get(field)
        if value is None or value == "":
            continue  # a file that leaves a column blank does not erase what we know
        if field == "skills" and not created and _shorter_telling(value, row.skills):
            continue  # "电焊" re-imported over "电焊、开叉车，做过五年装修": the detail stays
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
            if field in ("skills", "wishes") and not created:
                row.profile = None  # parsed from the old text (a correction of it too): parsed again below
    if person.get("facts"):
        facts = merge_facts(row.facts, person["facts"])
        if facts != (row.facts or {}):
            row.facts, changed = facts, True
    if ext and (row.external_id is None or row.external_id.startswith("jy-")):
        if row.external_id != ext:
            row.external_id, changed = ext, True
    session.flush()
    if row.external_id is None:
        row.external_id = f"jy-L{row.id}"
    status = person.get("status")
    if created:
        row.history.append(LabourerStatusChange(old_status=None, new_status=row.status, source=source, note="登记"))
        session.flush()
    elif status and status != row.status:
        set_status(session, row, status, source=source)
        changed = True
    if changed or row.profile is None:
        refresh_profile(row)
    return row, "created" if created else ("updated" if changed else "unchanged")


def refresh_profile(row: Labourer) -> None:
    """Store the profile the matcher reads from the row's text; a coordinator's correction is kept."""
    from matching.profile import is_corrected, parse_profile, stored

    if not is_corrected(row.profile):
        row.profile = stored(parse_profile({**labourer_to_record(row), "profile": None}))


def set_current_county(session: Session, *, person_id: int, county_code: str) -> bool:
    """Where the person is now (the bot calls it on a WeChat location); False when unknown or unchanged."""
    county = get_gazetteer().get(county_code)
    if county is None:
        raise UnknownCounty(str(county_code), message_zh=f"没有找到县（市、区）代码“{county_code}”")
    row = session.get(Labourer, person_id)
    if row is None or row.current_county_code == county.code:
        return False
    row.current_county_code = county.code
    refresh_profile(row)
    session.flush()
    return True
