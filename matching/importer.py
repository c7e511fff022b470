"""Labourer imports: validate each row, report bad ones in Chinese, commit good ones in batches.

``run_import`` is the shared loop (postings use it too): a row that fails validation or hits a
conflict is reported and skipped; good rows are committed every ``batch_size`` rows, so a crash
midway keeps every batch already committed, and a re-run updates instead of duplicating.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from core.errors import InvalidInput, UnknownCounty
from core.gazetteer import County, get_gazetteer
from core.tabular import LABOURER_HEADERS, Row, read_rows, write_csv
from core.text import clean_text, normalize
from core.timeutil import utcnow
from matching.facts import clean_facts

log = logging.getLogger(__name__)

MIN_AGE, MAX_AGE = 16, 80
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PHONE = re.compile(r"1[3-9]\d{9}")

STATUS_WORDS = {
    "seeking": ("seeking", "求职", "待业", "未就业", "有就业意愿", "寻找工作", "找工作", "失业", "求职中"),
    "employed": ("employed", "已就业", "就业", "在岗", "务工", "已务工", "在职", "已上岗", "外出务工", "外出打工",
                 "在外务工", "省外务工", "省内务工", "县外务工", "县内务工", "本地务工", "就地就业", "转移就业"),
    "not_seeking": ("not_seeking", "无就业意愿", "不求职", "暂不就业", "无意愿", "暂不找工作", "不找工作", "丧失劳动能力"),
}
_TRUE = {"true", "1", "是", "y", "yes", "有", "同意", "√", "t"}
_FALSE = {"false", "0", "否", "n", "no", "无", "不同意", "×", "f"}


class RowError(InvalidInput):
    """A field of one row is wrong; ``field`` names the column, message_zh says why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}", message_zh=reason)
        self.field = field


# --- field checks ----------------------------------------------------------------------------
def id_checksum_ok(number: str) -> bool:
    """GB 11643 check character of an 18-character resident ID number."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17]


def clean_id_number(value: Any) -> str:
    """Normalised 18-character ID number, or RowError."""
    if isinstance(value, float) or (isinstance(value, int) and value > 10**15) or re.search(r"\d[eE]\+", str(value)):
        # Excel keeps 15 significant digits: a number cell has already lost the last ones
        raise RowError("id_number", "身份证号被 Excel 存成了数字，后几位已丢失：请把该列设为“文本”后重新填写")
    s = normalize(str(value)).upper().replace("-", "")
    if len(s) != 18:
        raise RowError("id_number", f"身份证号应为18位（现为{len(s)}位）")
    if not id_checksum_ok(s):
        raise RowError("id_number", "身份证号校验位不正确，请核对")
    try:
        date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError as exc:
        raise RowError("id_number", "身份证号中的出生日期不存在") from exc
    return s


def id_facts(number: str) -> tuple[date, str]:
    """Birth date and gender a checked ID number states (GB 11643: 17th digit odd for men)."""
    return date(int(number[6:10]), int(number[10:12]), int(number[12:14])), "男" if int(number[16]) % 2 else "女"


def clean_phone(value: Any) -> str:
    s = re.sub(r"[\s\-()（）]", "", normalize(str(value)))
    s = re.sub(r"^(\+?86)", "", s)
    if not _PHONE.fullmatch(s):
        raise RowError("phone", "手机号应为11位手机号码（以1开头）")
    return s


def clean_gender(value: Any) -> str:
    s = normalize(str(value)).lower()
    if s in ("男", "男性", "m", "male", "1"):
        return "男"
    if s in ("女", "女性", "f", "female", "2"):
        return "女"
    raise RowError("gender", "性别应填“男”或“女”")


def clean_bool(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    s = normalize(str(value)).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise RowError(field, "应填“是”或“否”")


def clean_status(value: Any) -> str:
    s = normalize(str(value)).lower()
    for status, words in STATUS_WORDS.items():
        if s in words:
            return status
    raise RowError("status", "就业状态应为“求职”“已就业”或“无就业意愿”之一")


def clean_birth_date(value: Any) -> date:
    """'1985-03-12', '1985年3月', '198503', '1985.3' or an Excel date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = normalize(str(value))
    m = re.fullmatch(r"(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]?(\d{1,2})日?|月)?", s) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})?", s)
    if not m:
        raise RowError("birth_date", "出生日期格式应为“1985-03-12”或“1985年3月”")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError as exc:
        raise RowError("birth_date", "出生日期不存在") from exc


def clean_age(value: Any) -> int:
    try:
        age = int(float(str(value).replace("岁", "").strip()))
    except ValueError as exc:
        raise RowError("age", "年龄应为数字") from exc
    if not MIN_AGE <= age <= MAX_AGE:
        raise RowError("age", f"年龄应在{MIN_AGE}到{MAX_AGE}岁之间（现为{age}岁）")
    return age


def resolve_county(text: Any, field: str = "county") -> County:
    """The county named in ``text``; UnknownCounty (with suggestions) otherwise."""
    gaz = get_gazetteer()
    county = gaz.resolve(str(text))
    if county:
        return county
    if gaz.resolve_city(str(text)):
        raise UnknownCounty(str(text), message_zh=f"“{text}”只写到了设区市，请写到县（市、区）")
    hints = gaz.suggest(str(text))
    tail = f"，是不是：{'、'.join(hints)}？" if hints else "（只登记福建省内的县市区）"
    raise UnknownCounty(str(text), message_zh=f"没有找到县（市、区）“{text}”{tail}")


# --- one labourer row --------------------------------------------------------------------------


def _text(v: Any, limit: int) -> str:
    # Free text is kept as written (full-width punctuation included), minus control characters.
    return clean_text(str(v))[:limit] if v is not None else ""


def validate_labourer(data: dict[str, Any], today: date | None = None) -> tuple[dict[str, Any], list[RowError]]:
    """Clean one row; returns (person fields, every problem found)."""
    today = today or utcnow().date()
    out: dict[str, Any] = {}
    errors: list[RowError] = []

    def check(field: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except RowError as e:
            errors.append(e)
        except UnknownCounty as e:
            errors.append(RowError(field, e.message_zh))
        return None

    name = unicodedata.normalize("NFKC", _text(data.get("name"), 64)).replace(" ", "")
    if not name:
        errors.append(RowError("name", "姓名不能为空"))
    elif not re.fullmatch(r"[\u4e00-\u9fff·•A-Za-z]{2,32}", name):
        errors.append(RowError("name", "姓名只能包含汉字、字母或“·”，至少2个字"))
    out["name"] = name
    if data.get("id") is not None:
        out["external_id"] = str(data["id"]).strip()[:64]
    if data.get("id_number") is not None:
        out["id_number"] = check("id_number", lambda: clean_id_number(data["id_number"]))
    if data.get("phone") is not None:
        out["phone"] = check("phone", lambda: clean_phone(data["phone"]))
    gender = check("gender", lambda: clean_gender(data["gender"])) if data.get("gender") is not None else None
    idn = out.get("id_number")
    if idn:
        out["birth_date"], id_gender = id_facts(idn)
        if gender and gender != id_gender:
            errors.append(RowError("gender", f"性别“{gender}”与身份证号不符"))
        gender = id_gender
    id_failed = any(e.field == "id_number" for e in errors)  # its gender and birth date are unknown, not missing
    if not gender and not id_failed and not any(e.field == "gender" for e in errors):
        errors.append(RowError("gender", "性别不能为空"))
    out["gender"] = gender
    if data.get("birth_date") is not None and "birth_date" not in out:
        out["birth_date"] = check("birth_date", lambda: clean_birth_date(data["birth_date"]))
    if data.get("age") is not None:
        age = check("age", lambda: clean_age(data["age"]))
        if age is not None:
            out["age"], out["age_recorded_on"] = age, today
    if data.get("birth_year") is not None and not out.get("birth_date"):
        out["birth_year"] = check("birth_year", lambda: int(str(data["birth_year"])[:4]))
    born = out.get("birth_date")
    if born:
        out["birth_year"] = born.year
        age_now = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if out.get("age") is not None and abs(out["age"] - age_now) > 1:
            errors.append(RowError("age", f"年龄{out['age']}岁与出生日期（{age_now}岁）不符"))
        elif not MIN_AGE <= age_now <= MAX_AGE:
            errors.append(RowError("birth_date", f"年龄应在{MIN_AGE}到{MAX_AGE}岁之间（按出生日期为{age_now}岁）"))
    elif out.get("age") is not None:
        out["birth_year"] = today.year - out["age"]
    if out.get("birth_year") is None and not id_failed and not any(e.field in ("age", "birth_date") for e in errors):
        errors.append(RowError("age", "年龄或出生日期至少填一项"))
    county_text = data.get("county")
    if county_text is None and idn and get_gazetteer().get(idn[:6]):
        county_text = get_gazetteer().get(idn[:6]).full_name  # type: ignore[union-attr]
    if county_text is None:
        errors.append(RowError("county", "户籍所在县（市、区）不能为空"))
    else:
        county = check("county", lambda: resolve_county(county_text))
        out["county_code"] = county.code if county else None
    out["township"] = _text(data.get("township"), 64) or None
    out["village"] = _text(data.get("village"), 64) or None
    out["skills"] = _text(data.get("skills"), 2000)
    out["wishes"] = _text(data.get("wishes"), 2000)
    for flag in ("poverty_registered", "sms_consent"):
        if data.get(flag) is not None:
            out[flag] = check(flag, partial(clean_bool, data[flag], flag))
    if data.get("status") is not None:
        out["status"] = check("status", lambda: clean_status(data["status"]))
    if data.get("wechat_openid"):
        out["wechat_openid"] = str(data["wechat_openid"]).strip()[:64]
    facts, fact_errors = clean_facts(data)
    errors += [RowError(e.key, e.message_zh) for e in fact_errors]
    if facts:
        out["facts"] = facts
    return out, errors


# --- the shared loop ---------------------------------------------------------------------------
@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    valid: int = 0  # dry runs: rows that would be imported
    errors: list[tuple[int, str, str, str]] = field(default_factory=list)  # (row, label, field, reason)
    # rows imported that someone should look at (a village spelt like another); not errors
    warnings: list[tuple[int, str, str, str]] = field(default_factory=list)
    places: list[tuple[int, str, str | None, str | None, str | None]] = field(default_factory=list)
    report_path: Path | None = None

    @property
    def error_rows(self) -> int:
        return len({e[0] for e in self.errors})


Validator = Callable[[dict[str, Any]], tuple[dict[str, Any], list[RowError]]]
Applier = Callable[[Session, dict[str, Any]], str]


def run_import(
    factory: sessionmaker[Session],
    rows: Iterable[Row],
    validate: Validator,
    apply: Applier,
    *,
    batch_size: int = 200,
    dry_run: bool = False,
    on_row: Callable[[], None] | None = None,
    kind: str = "rows",
) -> ImportResult:
    """Validate and apply each row; commit every ``batch_size`` applied rows and at the end."""
    result = ImportResult()
    session = factory()
    pending = 0
    try:
        for row in rows:
            result.total += 1
            label = str(row.data.get("name") or row.data.get("title") or "")[:32]
            if row.error:
                result.errors.append((row.number, label, "", row.error))
            else:
                clean, problems = validate(row.data)
                for p in problems:
                    result.errors.append((row.number, label, p.field, p.message_zh))
                if not problems and dry_run:
                    result.valid += 1
                elif not problems:
                    try:
                        _ensure_transaction(session)
                        with session.begin_nested():
                            outcome = apply(session, clean)
                    except (RowError, UnknownCounty) as e:
                        result.errors.append((row.number, label, getattr(e, "field", ""), e.message_zh))
                    except IntegrityError:
                        reason = "与已登记的另一条记录冲突（身份证号、微信或编号重复）"
                        result.errors.append((row.number, label, "", reason))
                    else:
                        setattr(result, outcome, getattr(result, outcome) + 1)
                        result.valid += 1
                        if clean.get("village"):
                            result.places.append((row.number, label, clean.get("county_code"), clean.get("township"),
                                                  clean.get("village")))
                        pending += 1
                        if pending >= batch_size:
                            session.commit()
                            pending = 0
            if on_row:
                on_row()
        session.commit()
    except BaseException:
        session.rollback()  # only the batch in progress; earlier batches are committed
        log.warning("import stopped after %d rows; committed batches are kept", result.total)
        raise
    finally:
        session.close()
    log.info("%s import: %d rows, %d created, %d updated, %d bad rows",
             kind, result.total, result.created, result.updated, result.error_rows)
    return result


def _ensure_transaction(session: Session) -> None:
    # pysqlite opens its transaction lazily, so a SAVEPOINT issued first would run (and be released)
    # in autocommit mode: each row would commit alone and a crash could not roll the batch back.
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw = conn.connection.driver_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN")


def write_report(result: ImportResult, path: Path) -> Path | None:
    """CSV of every bad row (行号, 姓名/岗位, 字段, 原因); None when there were none."""
    if not result.errors:
        return None
    result.report_path = write_csv(path, ["行号", "姓名/岗位", "字段", "原因"], result.errors)
    return result.report_path


def report_path(data_dir: Path, kind: str) -> Path:
    stamp = utcnow().strftime("%Y%m%d-%H%M%S")
    return data_dir / "import_reports" / f"{kind}-{stamp}-errors.csv"


def import_labourers(
    factory: sessionmaker[Session], path: str | Path, *, rows: Iterable[Row] | None = None, **options: Any
) -> ImportResult:
    """Import a labourer file (CSV/XLSX/JSONL); ``options`` as for ``run_import``."""
    from matching.service import upsert_labourer
    from matching.villages import look_alikes

    today = utcnow().date()
    result = run_import(
        factory,
        rows if rows is not None else read_rows(path, LABOURER_HEADERS, required=["name"]),
        lambda data: validate_labourer(data, today),
        lambda session, person: upsert_labourer(session, person)[1],
        kind="labourers",
        **options,
    )
    if result.places:
        with factory() as session:
            result.warnings = look_alikes(session, result.places)
    return result
