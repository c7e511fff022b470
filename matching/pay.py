"""Pay and requirement strings as people write them: '4-6千/月', '150元/天', '面议', '18-45岁'.

``parse_salary`` returns ``(min, max, unit)`` in yuan per unit; ``monthly`` puts any unit on a
monthly scale so postings can be compared with a person's wishes.
"""

from __future__ import annotations

import re
import unicodedata

from core.text import cn_to_int

Salary = tuple[int | None, int | None, str | None]

DAYS_PER_MONTH = 26
HOURS_PER_DAY = 8
WEEKS_PER_MONTH = 4.33

_NEGOTIABLE = re.compile(r"面议|面谈|商议|协商|待定")
_UNIT_PATTERNS = [
    ("year", re.compile(r"年薪|/年|每年|一年|元年")),
    ("hour", re.compile(r"时薪|小时|/时|/h\b|每时")),
    ("day", re.compile(r"日薪|/天|/日|每天|一天|元天|元日|天\d|日结")),
    ("week", re.compile(r"周薪|/周|每周|一周|元周|/星期|每星期|周结")),
    ("month", re.compile(r"月薪|/月|每月|一个月|元月|月收入|月工资|综合工资|底薪")),
    ("piece", re.compile(r"/件|每件|/个|计件")),
]
MAX_TEXT = 100  # longer is no pay string; parse nothing rather than scan it
# Linear time: a number starts only where a run of digits starts (no retry from every digit inside
# a run) and possessive quantifiers never give back what they took. 12,000 nines took 10 s before.
_NUM = (r"(?<![\d.零〇一二两三四五六七八九十百千])"
        r"(\d++(?:\.\d++)?|[零〇一二两三四五六七八九十百千]++(?:点[一二三四五六七八九])?)\s*+(万|千|k|w|元)?")
_RANGE = re.compile(_NUM + r"\s*+(?:-++|~++|—++|到|至|－|–)\s*+" + _NUM)
_SINGLE = re.compile(_NUM)
_MULT = {"万": 10000, "w": 10000, "千": 1000, "k": 1000}
_ABOVE = re.compile(r"以上|起|\+|不低于|至少|保底|底薪")
_BELOW = re.compile(r"以下|以内|不超过|最高")


def _norm(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower()
    s = s.replace("～", "~").replace("〜", "~").replace("／", "/").replace("每个月", "/月")
    s = re.sub(r"(\d),(\d{3})", r"\1\2", s)  # 4,500
    return re.sub(r"\s+", "", s)


def _value(num: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", num):
        return float(num)
    whole, _, frac = num.partition("点")
    v = cn_to_int(whole)
    if v is None:
        return None
    return v + (cn_to_int(frac) or 0) / 10 if frac else float(v)


def _unit(s: str) -> str | None:
    for unit, pat in _UNIT_PATTERNS:
        if pat.search(s):
            return unit
    return None


def _guess_unit(top: float) -> str:
    # No unit written: small numbers are hourly or daily pay, anything else a month's pay.
    if top <= 60:
        return "hour"
    if top <= 600:
        return "day"
    return "month"


def parse_salary(text: str | None) -> Salary:
    """``(min, max, unit)`` from a pay string; ``(None, None, 'negotiable')`` for 面议; all None if unreadable.

    ``max`` is None for open-ended pay ('3000以上'); ``min`` is None for capped pay ('5000以下').
    """
    if text is None:
        return None, None, None
    s = _norm(str(text)[: MAX_TEXT * 2])
    if not s or len(s) > MAX_TEXT:
        return None, None, None
    unit = _unit(s)
    lo: float | None
    hi: float | None
    m = _RANGE.search(s)
    if m:
        a, am, b, bm = _value(m.group(1)), m.group(2), _value(m.group(3)), m.group(4)
        if a is None or b is None:
            return None, None, None
        mult_b = _MULT.get(bm or "", 1)
        mult_a = _MULT.get(am or "", 0) or (mult_b if a <= b else 1)  # '4-6千' → 4千
        lo, hi = a * mult_a, b * mult_b
        if hi < lo and lo <= hi * 10 <= lo * 2.5:
            hi *= 10  # a digit lost in the source: '5000~1000' means 5000~10000
        elif hi < lo and lo <= hi * 5:
            lo, hi = hi, lo  # written the wrong way round: '8000-5000元'
        if hi < lo:
            return None, None, None
        rest = s[m.end():]
        if _ABOVE.match(rest) or re.match(r"元?以上", rest):
            hi = None if lo == hi else hi
    else:
        m = _SINGLE.search(s)
        if not m:
            if _NEGOTIABLE.search(s):
                return None, None, "negotiable"
            return (None, None, "piece") if unit == "piece" else (None, None, None)
        v = _value(m.group(1))
        if v is None:
            return (None, None, "negotiable") if _NEGOTIABLE.search(s) else (None, None, None)
        v *= _MULT.get(m.group(2) or "", 1)
        lo = hi = v
        after, before = s[m.end():], s[: m.start()]
        if _ABOVE.search(after) or _ABOVE.search(before):
            hi = None
        elif _BELOW.search(after) or _BELOW.search(before):
            lo = None
    top = hi if hi is not None else lo
    if top is None or not 0 < top < 1e12:  # '9' * 400 reads as infinity: not a wage
        return None, None, None
    unit = unit or _guess_unit(top)
    return (round(lo) if lo is not None else None, round(hi) if hi is not None else None, unit)


def monthly(lo: int | float | None, hi: int | float | None, unit: str | None) -> tuple[int | None, int | None]:
    """The pay range on a monthly scale (26 working days, 8-hour days, 4.33 weeks); None where unknown."""
    factor = {"month": 1.0, "day": DAYS_PER_MONTH, "hour": DAYS_PER_MONTH * HOURS_PER_DAY, "year": 1 / 12,
              "week": WEEKS_PER_MONTH}.get(unit or "")
    if factor is None:
        return None, None
    return (round(lo * factor) if lo is not None else None, round(hi * factor) if hi is not None else None)


_AGE_RANGE = re.compile(r"(\d{2})\s*(?:周?岁)?\s*(?:-+|~|—|到|至)\s*(\d{2})")
_AGE_ONE = re.compile(r"(\d{2})\s*周?岁?\s*(以上|以下|以内|之间)?")


def parse_age_range(text: str | None) -> tuple[int | None, int | None]:
    """'18-45岁' → (18, 45); '45岁以下' → (None, 45); '不限' → (None, None)."""
    if text is None:
        return None, None
    s = _norm(str(text))
    if not s or "不限" in s:
        return None, None
    if m := _AGE_RANGE.search(s):
        lo, hi = int(m.group(1)), int(m.group(2))
        return (lo, hi) if lo <= hi else (hi, lo)
    if m := _AGE_ONE.search(s):
        v, word = int(m.group(1)), m.group(2) or ""
        if word == "以上":
            return v, None
        if word in ("以下", "以内"):
            return None, v
    return None, None
