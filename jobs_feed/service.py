"""Employers, their API keys, and postings: clean, create, update, close, expire, dedup."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.errors import InvalidInput, NotFound, UnknownCounty
from core.gazetteer import get_gazetteer
from core.text import clean_text, normalize
from core.timeutil import CHINA, utcnow
from matching.importer import RowError, clean_bool, clean_gender, resolve_county
from matching.models import SALARY_UNITS, Employer, EmployerApiKey, Posting
from matching.pay import monthly, parse_age_range, parse_salary

KEY_PREFIX = "jy_"
PUSHED_TEXT = ("title", "location")  # and the employer's name: what a push shows a labourer
TITLE_MAX, DESCRIPTION_MAX, LOCATION_MAX = 60, 2000, 100
MONTHLY_PAY_RANGE = (300, 100_000)
FUZZY_TITLE_MIN = 85
MAX_EXPIRY = timedelta(days=366)  # a deadline further out is a typo (9999-12-31) or a posting left to rot
SHORT_FIELD_MAX = 60  # pay, age, gender, headcount, deadline … as text: bounded before any parsing
LIST_FIELD_MAX = 500  # tags / certificates written as one string
INT_MAX = 10**9  # no count or wage comes near it; a 400-digit number must not reach float()
# What reaches a labourer's SMS or WeChat (title, employer, place) carries no link and no phone
# number of its own: the vendors forbid links in template variables, and a push is no place for a lure.
_LINK = re.compile(r"(?:https?|ftp)[:：]|www\.|[a-z0-9-]+(?:\.|。)(?:com|cn|net|org|top|xyz|vip|cc|me|io|info|club|site"
                   r"|shop|link|ink|ltd|work|wang|fun|online|tk|ml|ga|asia|mobi|tv|ly|to|co)\b|t\.me/|weixin://",
                   re.IGNORECASE)
_SEP = r"[\s\-—－.]?"
_PHONE_LIKE = re.compile(rf"(?<!\d)(?:1[3-9]\d(?:{_SEP}\d){{8}}|0\d{{2,3}}{_SEP}\d{{7,8}}|[48]00(?:{_SEP}\d){{7}})(?!\d)")
UNIT_WORDS = {"月": "month", "天": "day", "日": "day", "小时": "hour", "时": "hour", "件": "piece", "年": "year",
              "面议": "negotiable"}


# --- employers and keys --------------------------------------------------------------------------
def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def add_employer(session: Session, *, name: str, contact: str = "", phone: str | None = None,
                 verified: bool = True) -> tuple[Employer, str]:
    """A new employer with one API key; the key is returned once and only its hash is kept."""
    name = normalize(name, keep_space=True)[:100]
    if not name:
        raise InvalidInput("empty employer name", message_zh="单位名称不能为空")
    employer = Employer(name=name, contact=contact[:64], phone=phone, verified=verified)
    session.add(employer)
    session.flush()
    return employer, issue_key(session, employer)


def issue_key(session: Session, employer: Employer) -> str:
    """A fresh API key for ``employer`` (random, 256 bits)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(EmployerApiKey(employer_id=employer.id, prefix=key[:10], key_hash=_hash_key(key), revoked=False))
    session.flush()
    return key


def employer_for_key(session: Session, key: str | None) -> Employer | None:
    """The employer owning a live API key, or None."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    row = session.scalar(
        select(EmployerApiKey).where(EmployerApiKey.key_hash == _hash_key(key), EmployerApiKey.revoked.is_(False))
    )
    return row.employer if row else None


def employer_by_name(session: Session, name: str, *, create: bool = True) -> Employer | None:
    """The employer with this name (imports name employers in free text); created unverified if new."""
    name = normalize(name, keep_space=True)[:100]
    if not name:
        return None
    found = session.scalar(select(Employer).where(Employer.name == name).order_by(Employer.id))
    if found or not create:
        return found
    found = Employer(name=name, contact="", verified=False)
    session.add(found)
    session.flush()
    return found


# --- cleaning one posting --------------------------------------------------------------------------
def _int(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RowError(field, "应为整数")
    if isinstance(value, int):
        f: float | int = value
    else:
        raw = str(value).strip()
        if len(raw) > 20:
            raise RowError(field, "数字太大")
        try:
            f = float(raw)
        except ValueError as exc:
            raise RowError(field, "应为整数") from exc
        if not f.is_integer():
            raise RowError(field, "应为整数")
    if abs(f) > INT_MAX:
        raise RowError(field, "数字太大")
    return int(f)


def _list(value: Any, field: str, *, items: int = 10, each: int = 20) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[|,，、;；/\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RowError(field, "应为文字列表")
    value = [v.strip() for v in value if v.strip()]
    if len(value) > items or any(len(v) > each for v in value):
        raise RowError(field, f"最多{items}项，每项不超过{each}个字")
    return value


def _expires(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime.combine(value, time(23, 59, 59), CHINA)
    else:
        s = normalize(str(value)).replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
        try:
            dt = datetime.fromisoformat(s)
        except ValueError as exc:
            raise RowError("expires_at", "截止日期格式应为“2026-12-31”") from exc
        if len(s) <= 10:  # a date alone means the end of that day, China time
            dt = datetime.combine(dt.date(), time(23, 59, 59))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=CHINA)
    dt = dt.astimezone(UTC)
    if dt > utcnow() + MAX_EXPIRY:
        raise RowError("expires_at", "截止日期不能晚于一年以后，请填写实际的截止日期")
    return dt


def _salary(data: dict[str, Any], out: dict[str, Any]) -> None:
    text = data.get("salary_text") or data.get("salary")
    lo, hi = _int(data.get("salary_min"), "salary_min"), _int(data.get("salary_max"), "salary_max")
    unit = data.get("salary_unit")
    if unit is not None:
        unit = UNIT_WORDS.get(str(unit).strip().lstrip("元/").lstrip("每"), str(unit).strip())
        if unit not in SALARY_UNITS:
            raise RowError("salary_unit", "薪资单位应为 month/day/hour/piece/year/negotiable（月/天/小时/件/年/面议）")
    if lo is None and hi is None and text:
        lo, hi, parsed_unit = parse_salary(str(text))
        if parsed_unit is None:
            raise RowError("salary", f"无法识别薪资“{str(text)[:30]}”，请写成“4000-6000元/月”“150元/天”或“面议”")
        unit = unit or parsed_unit
    if lo is None and hi is None and unit is None:
        return
    unit = unit or "month"
    if lo is not None and hi is not None and lo > hi:
        raise RowError("salary_min", "薪资下限不能高于上限")
    if (lo is not None and lo < 0) or (hi is not None and hi < 0):
        raise RowError("salary_min", "薪资不能为负数")
    m_lo, m_hi = monthly(lo, hi, unit)
    low_ok = m_lo is None or m_lo >= MONTHLY_PAY_RANGE[0]
    high_ok = m_hi is None or m_hi <= MONTHLY_PAY_RANGE[1]
    if not (low_ok and high_ok):
        raise RowError("salary_min" if not low_ok else "salary_max",
                       "薪资明显不合常理（折合每月低于300元或高于10万元），请核对金额和单位")
    out.update(salary_min=lo, salary_max=hi, salary_unit=unit, salary_text=str(text or "")[:60])


def lure_error(field: str, value: str, label: str) -> RowError | None:
    """A link or a phone number in text that is pushed to labourers, else None."""
    flat = unicodedata.normalize("NFKC", value)
    if _LINK.search(flat):
        return RowError(field, f"{label}不能包含网址或链接，联系方式请写在岗位描述里")
    if _PHONE_LIKE.search(flat):
        return RowError(field, f"{label}不能包含电话号码，联系方式请写在岗位描述里")
    return None


def _too_long(data: dict[str, Any]) -> list[RowError]:
    """Fields that are far too long to be what they claim; checked before any of them is parsed."""
    errors = []
    for field, value in data.items():
        if field in ("title", "description", "location"):
            continue  # their own limits, with the length shown
        limit = LIST_FIELD_MAX if field in ("tags", "required_certificates", "certificates") else SHORT_FIELD_MAX
        if isinstance(value, str) and len(value) > limit:
            errors.append(RowError(field, f"内容过长（不能超过{limit}个字）"))
        elif isinstance(value, list) and (len(value) > 50 or any(len(str(v)) > limit for v in value)):
            errors.append(RowError(field, f"内容过长（最多50项，每项不超过{limit}个字）"))
    return errors


def text_error(field: str, value: str, limit: int, label: str, *, required: bool) -> RowError | None:
    """The problem with one text field (blank when required, longer than ``limit``), else None."""
    if required and not value:
        return RowError(field, f"{label}不能为空")
    if len(value) > limit:
        return RowError(field, f"{label}不能超过{limit}个字（现为{len(value)}个字）")
    return None


def place_fields(location: str, out: dict[str, Any], *, label: str = "工作地点") -> None:
    """Set ``county_code``/``city_code`` from a place (a county, else a city); RowError naming ``label``."""
    gaz = get_gazetteer()
    county = gaz.resolve(location)
    if county:
        out.update(county_code=county.code, city_code=county.city_code)
        return
    city = gaz.resolve_city(location)
    if city:  # "福州市" is a real posting location; the county stays unknown
        out.update(county_code=None, city_code=city)
        return
    try:
        resolve_county(location)
    except UnknownCounty as e:
        raise RowError("location", e.message_zh.replace("县（市、区）", label, 1)) from e


def _place_in_text(text: str) -> str | None:
    """The one county (else city) named in free text, as a full name; None if none or several."""
    gaz = get_gazetteer()
    found = gaz.find_in_prose(text)
    counties = {code for kind, code in found if kind == "county"}
    if len(counties) == 1:
        return gaz.counties[counties.pop()].full_name
    cities = {code for kind, code in found if kind == "city"}
    return gaz.cities[cities.pop()] if len(cities) == 1 and not counties else None


def clean_posting(data: dict[str, Any], *, partial: bool = False) -> tuple[dict[str, Any], list[RowError]]:
    """Check one posting (API body or import row); ``partial`` for updates (absent fields untouched)."""
    out: dict[str, Any] = {}
    errors = _too_long(data)
    data = {k: v for k, v in data.items() if k not in {e.field for e in errors}}

    def text(field: str, limit: int, label: str, required: bool) -> None:
        if field not in data and partial:
            return
        v = "" if data.get(field) is None else clean_text(str(data[field]))
        problem = text_error(field, v, limit, label, required=required)
        if problem is None and field in PUSHED_TEXT:
            problem = lure_error(field, v, label)
        if problem:
            errors.append(problem)
        else:
            out[field] = v

    text("title", TITLE_MAX, "岗位名称", True)
    text("description", DESCRIPTION_MAX, "岗位描述", False)
    if not partial and not str(data.get("location") or "").strip():
        found = _place_in_text(f"{data.get('title') or ''} {data.get('description') or ''}")
        if found:
            data = {**data, "location": found}  # '浦城县扶贫车间招工' names its own place
    text("location", LOCATION_MAX, "工作地点", True)
    steps = [
        ("location", lambda: place_fields(out["location"], out) if out.get("location") else None),
        ("salary", lambda: _salary(data, out) if any(k in data for k in
                                                     ("salary", "salary_text", "salary_min", "salary_max",
                                                      "salary_unit")) else None),
        ("age", lambda: _ages(data, out)),
        ("gender", lambda: out.update(gender=None if str(data["gender"] or "").strip() in ("", "不限", "男女不限")
                                      else clean_gender(data["gender"])) if "gender" in data else None),
        ("headcount", lambda: _headcount(data, out)),
        ("tags", lambda: out.update(tags=_list(data["tags"], "tags")) if "tags" in data else None),
        ("required_certificates", lambda: out.update(required_certificates=_list(
            data.get("required_certificates", data.get("certificates")), "required_certificates"))
            if ("required_certificates" in data or "certificates" in data) else None),
        ("local_only", lambda: out.update(local_only=clean_bool(data["local_only"], "local_only"))
            if data.get("local_only") not in (None, "") else None),
        ("expires_at", lambda: out.update(expires_at=_expires(data["expires_at"])) if "expires_at" in data else None),
    ]
    for field, step in steps:
        try:
            step()
        except RowError as e:
            errors.append(e)
        except (ValueError, TypeError):
            errors.append(RowError(field, "格式不正确"))
    return out, errors


def _ages(data: dict[str, Any], out: dict[str, Any]) -> None:
    lo, hi = _int(data.get("age_min"), "age_min"), _int(data.get("age_max"), "age_max")
    if lo is None and hi is None and data.get("age") not in (None, ""):
        lo, hi = parse_age_range(str(data["age"]))
    if lo is None and hi is None and not ({"age_min", "age_max", "age"} & set(data)):
        return
    for v, f in ((lo, "age_min"), (hi, "age_max")):
        if v is not None and not 16 <= v <= 80:
            raise RowError(f, "年龄要求应在16到80岁之间")
    if lo is not None and hi is not None and lo > hi:
        raise RowError("age_min", "最低年龄不能高于最高年龄")
    out.update(age_min=lo, age_max=hi)


def _headcount(data: dict[str, Any], out: dict[str, Any]) -> None:
    if "headcount" not in data:
        return
    raw = data["headcount"]
    if isinstance(raw, str):
        raw = re.sub(r"[人名个位]$", "", raw.strip())
        if raw in ("", "若干", "不限", "数", "多", "数十", "大量"):
            raw = None  # '若干人', '不限人', '数名': no number given
    if raw is None:
        out["headcount"] = None
        return
    n = _int(raw, "headcount")
    if n == 0:
        out["headcount"] = None  # job boards write 0 for "not stated"
        return
    if n is not None and not 1 <= n <= 10000:
        raise RowError("headcount", "招聘人数应在1到10000之间")
    out["headcount"] = n


# --- storing ---------------------------------------------------------------------------------------
def find_duplicate(session: Session, fields: dict[str, Any], employer: Employer | None) -> Posting | None:
    """An earlier posting by the same employer with a fuzzy-same title in the same place."""
    from rapidfuzz import fuzz

    if employer is None:
        return None  # without a known employer two 保洁员 postings in one county may be different jobs
    q = select(Posting).where(Posting.employer_id == employer.id)
    if fields.get("county_code"):
        q = q.where(Posting.county_code == fields["county_code"])
    else:
        q = q.where(Posting.county_code.is_(None), Posting.city_code == fields.get("city_code"))
    title = normalize(fields.get("title", ""))
    for row in session.scalars(q.order_by(Posting.id.desc())):
        if fuzz.ratio(title, normalize(row.title)) >= FUZZY_TITLE_MIN:
            return row
    return None


def earlier_copy(session: Session, fields: dict[str, Any], *, employer: Employer | None,
                 external_id: str | None) -> Posting | None:
    """The posting ``save_posting`` would update: same external id, else a re-posted duplicate."""
    if external_id:
        return session.scalar(select(Posting).where(Posting.external_id == external_id))
    return find_duplicate(session, fields, employer)


def save_posting(session: Session, fields: dict[str, Any], *, employer: Employer | None, source: str,
                 external_id: str | None = None) -> tuple[Posting, str]:
    """Create the posting, or update its earlier copy (same external id, or a re-posted duplicate)."""
    row = earlier_copy(session, fields, employer=employer, external_id=external_id)
    created = row is None
    if row is None:
        row = Posting(external_id=external_id, source=source, status="open", required_certificates=[], tags=[],
                      local_only=False, salary_text="", description="", employer_name="")
        session.add(row)
    changed = created
    if employer is not None and row.employer_id != employer.id:
        row.employer_id, row.employer_name, changed = employer.id, employer.name, True
    for key, value in fields.items():
        if not _same(getattr(row, key), value):
            setattr(row, key, value)
            changed = True
    if not created and row.status != "open" and (
        not external_id or (row.status == "expired" and _later(fields.get("expires_at")))
    ):
        row.status, changed = "open", True  # a re-post (or a later deadline) reopens the vacancy
    session.flush()
    if row.external_id is None:
        row.external_id = f"jy-J{row.id}"
        session.flush()
    return row, "created" if created else ("updated" if changed else "unchanged")


def merged_for_update(row: Posting, data: dict[str, Any]) -> dict[str, Any]:
    """An update's fields plus the stored values they must be checked with (a new max against the old min)."""
    data = dict(data)
    pay_keys = ("salary_min", "salary_max", "salary_unit")
    if any(k in data for k in pay_keys) and "salary" not in data:
        for k in pay_keys:
            data.setdefault(k, getattr(row, k))
        if data.get("salary_unit") == "negotiable" and (data.get("salary_min") or data.get("salary_max")):
            data["salary_unit"] = "month"
    if ("age_min" in data) != ("age_max" in data):
        data.setdefault("age_min", row.age_min)
        data.setdefault("age_max", row.age_max)
    return data


def _same(old: Any, new: Any) -> bool:
    # SQLite hands back stored times without their (UTC) offset.
    if isinstance(old, datetime) and isinstance(new, datetime):
        old, new = (d if d.tzinfo else d.replace(tzinfo=UTC) for d in (old, new))
    return bool(old == new)


def _later(dt: datetime | None) -> bool:
    return dt is not None and dt > utcnow()


def employer_posting(session: Session, employer: Employer, posting_id: int) -> Posting:
    """One of this employer's postings; NotFound for anyone else's (no hint that it exists)."""
    row = session.get(Posting, posting_id)
    if row is None or row.employer_id != employer.id:
        raise NotFound(f"posting {posting_id}", message_zh="没有找到这个岗位")
    return row


def employer_postings(session: Session, employer: Employer, *, status: str | None = None) -> list[Posting]:
    q = select(Posting).where(Posting.employer_id == employer.id)
    if status:
        q = q.where(Posting.status == status)
    return list(session.scalars(q.order_by(Posting.id.desc())))


def close_posting(session: Session, row: Posting, *, status: str = "closed") -> Posting:
    row.status = status
    session.flush()
    return row


def expire_postings(session: Session, now: datetime | None = None) -> int:
    """Mark open postings past their expires_at as expired; returns how many."""
    now = (now or utcnow()).astimezone(UTC)
    res = session.execute(
        update(Posting)
        .where(Posting.status == "open", Posting.expires_at.is_not(None), Posting.expires_at <= now)
        .values(status="expired", updated_at=utcnow())
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return int(res.rowcount or 0)  # type: ignore[attr-defined]


def default_expiry(days: int = 60) -> datetime:
    return utcnow() + timedelta(days=days)
