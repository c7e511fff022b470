"""Eligibility facts the registry keeps beside its columns (低保, 特困, 已脱贫, 毕业情况, 养老保险 …).

The entitlement rules (knowledge/rules/entitlements.yaml) reason over a person's facts. Age, gender,
建档立卡 and status are registry columns; the rest live in ``Labourer.facts`` (JSON), written by
imports, the console and the bot. A fact that is absent is unknown: the rules ask for it rather than
guess. ``graduate: None`` is a known fact ("not a graduate"), so it is stored as null, not dropped.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from core.text import normalize

BOOL_FACTS = ("poverty_exited", "dibao", "tekun", "returning_migrant", "wants_training",
              "wants_technical_school", "market_job_failed")
SCHOOLS = ("全日制普通高校", "技工院校高级工班", "技工院校预备技师班", "技工院校中级工班", "特殊教育院校职业教育类", "初中", "高中")
FACT_KEYS = (*BOOL_FACTS, "pension", "business", "graduate")

_TRUE = {"是", "有", "对", "1", "true", "yes", "y", "√", "是的", "已", "已经", "要", "想", "愿意"}
_FALSE = {"否", "无", "没有", "不是", "0", "false", "no", "n", "×", "未", "不", "不要", "不想", "没"}
PENSION_WORDS = {
    "none": ("none", "未参保", "没参保", "没有参保", "没有", "无", "没参加", "没有参加", "未参加", "没交", "没买"),
    "urban_rural": ("urban_rural", "城乡居民养老保险", "城乡居民", "居民养老", "城乡居民养老", "新农保", "农保", "城乡养老"),
    "employee": ("employee", "职工养老保险", "职工养老", "职工", "企业职工", "社保", "城镇职工"),
}
BUSINESS_WORDS = {
    "none": ("none", "没有", "无", "否", "没创业", "没有创业", "不创业", "未创业"),
    "first": ("first", "首次", "首次创业", "第一次", "第一次创业", "刚开", "准备开", "新办", "首次创办", "正在筹办", "刚创业"),
    "existing": ("existing", "已经营", "已在经营", "在经营", "已经在经营", "开了几年", "老店", "已有", "已经开了"),
}
_NOT_GRADUATE = {"none", "null", "否", "不是", "没有", "无", "非毕业生", "不是毕业生"}


class FactError(ValueError):
    """A fact value that cannot be read; ``message_zh`` says why in Chinese."""

    def __init__(self, key: str, message_zh: str):
        super().__init__(f"{key}: {message_zh}")
        self.key, self.message_zh = key, message_zh


def read_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    s = normalize(str(value)).lower().rstrip("的了")
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise FactError(key, "应填“是”或“否”")


def _read_word(value: Any, key: str, words: dict[str, tuple[str, ...]], hint: str) -> str:
    s = normalize(str(value)).lower().replace(" ", "")
    for code, options in words.items():
        if s in options:
            return code
    for code, options in words.items():  # a longer phrase holding one of the words (长的先试)
        if any(len(w) > 1 and w in s for w in sorted(options, key=len, reverse=True)):
            return code
    raise FactError(key, hint)


def read_pension(value: Any) -> str:
    return _read_word(value, "pension", PENSION_WORDS, "养老保险应填“未参保”“城乡居民养老保险”或“职工养老保险”")


def read_business(value: Any) -> str:
    return _read_word(value, "business", BUSINESS_WORDS, "创业情况应填“没有”“首次创业”或“已在经营”")


def read_school(value: Any) -> str:
    s = normalize(str(value)).replace(" ", "")
    for school in SCHOOLS:
        if s == school:
            return school
    aliases = (("预备技师", "技工院校预备技师班"), ("高级工", "技工院校高级工班"), ("中级工", "技工院校中级工班"),
               ("特殊教育", "特殊教育院校职业教育类"), ("特教", "特殊教育院校职业教育类"), ("大学", "全日制普通高校"),
               ("本科", "全日制普通高校"), ("大专", "全日制普通高校"), ("专科", "全日制普通高校"),
               ("高校", "全日制普通高校"), ("高职", "全日制普通高校"), ("初中", "初中"), ("高中", "高中"))
    for word, school in aliases:
        if word in s:
            return school
    raise FactError("graduate.school", "毕业学校类别应为：" + "、".join(SCHOOLS))


def read_year(value: Any, key: str = "graduate.year") -> int:
    m = re.search(r"(19|20)\d\d", normalize(str(value)))
    if not m:
        raise FactError(key, "年份应写成四位数，例如 2026")
    return int(m.group(0))


def read_graduate(value: Any) -> dict[str, Any] | None:
    """``None`` (not a graduate) or ``{school, year, employed}`` with whatever is known."""
    if value is None:
        return None
    if isinstance(value, str):
        if normalize(value).lower() in _NOT_GRADUATE:
            return None
        return {"school": read_school(value)}
    if not isinstance(value, dict):
        raise FactError("graduate", "毕业情况应为空（不是毕业生）或包含学校类别、毕业年份")
    out: dict[str, Any] = {}
    if value.get("school") not in (None, ""):
        out["school"] = read_school(value["school"])
    if value.get("year") not in (None, ""):
        out["year"] = read_year(value["year"])
    if value.get("employed") not in (None, ""):
        out["employed"] = read_bool(value["employed"], "graduate.employed")
    return out


def clean_facts(data: dict[str, Any]) -> tuple[dict[str, Any], list[FactError]]:
    """The facts in one record (import row, JSON body); keys absent or blank stay unknown."""
    facts: dict[str, Any] = {}
    errors: list[FactError] = []
    readers = {"pension": read_pension, "business": read_business, "graduate": read_graduate}
    for key in FACT_KEYS:
        if key not in data:
            continue
        value = data[key]
        if value == "" or (value is None and key != "graduate"):
            continue
        try:
            facts[key] = readers[key](value) if key in readers else read_bool(value, key)
        except FactError as e:
            errors.append(e)
    # Spreadsheets write the graduate as three columns.
    cols = {k: data.get(f"graduate_{k}") for k in ("school", "year", "employed")}
    if any(v not in (None, "") for v in cols.values()):
        try:
            merged = {**(facts.get("graduate") or {}), **(read_graduate(cols) or {})}
            facts["graduate"] = merged
        except FactError as e:
            errors.append(e)
    return facts, errors


def age_on(row: Any, day: date) -> int | None:
    """A registry row's age on ``day``: from the birth date, else the recorded age, else the birth year."""
    born = getattr(row, "birth_date", None)
    if born:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    if getattr(row, "age", None) is not None:
        recorded = getattr(row, "age_recorded_on", None)
        return int(row.age) + (max(0, (day - recorded).days) // 365 if recorded else 0)
    if getattr(row, "birth_year", None):
        return day.year - int(row.birth_year)
    return None


def person_facts(row: Any, day: date) -> dict[str, Any]:
    """The facts dict the entitlement rules read, for one registry row on ``day``."""
    facts: dict[str, Any] = {k: v for k, v in (getattr(row, "facts", None) or {}).items() if k in FACT_KEYS}
    age = age_on(row, day)
    if age is not None:
        facts["age"] = age
    if getattr(row, "gender", None) in ("男", "女"):
        facts["gender"] = row.gender
    facts["poverty_registered"] = bool(row.poverty_registered)
    facts["status"] = row.status
    return facts


def merge_facts(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Known facts updated by ``new``; a graduate's known parts are kept when ``new`` adds others."""
    out = dict(old or {})
    for key, value in new.items():
        if key == "graduate" and isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out
