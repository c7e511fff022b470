"""Pay and requirement strings as people write them: '4-6千/月', '150元/天', '面议', '18-45岁'.

``parse_salary`` returns ``(min, max, unit)`` in yuan per unit; ``monthly`` puts any unit on a
monthly scale so postings can be compared with a person's wishes; ``parse_min_pay`` reads the
monthly minimum a person asks for.
"""

from __future__ import annotations

import re
import unicodedata

from core.text import cn_to_int
from matching.places import normalize

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


# --- what people say they want: '7000以上', '六千左右', '一天200', '最少七千，过万最好' -----------------
_NUM = r"(?:[0-9]+(?:\.[0-9]+)?\s*[kK千万]?[0-9]?|[零一二两三四五六七八九十百千万]+)"
_PAY = re.compile(
    r"(?P<pre>年薪|一年|月薪|月工资|工资|薪水|薪资|收入|待遇|每月|一个月|月入|每个月|一月|一天|每天|日薪|日工资|日结|天|"
    r"时薪|每小时|一小时|小时|周薪|一周|每周|一个星期|每星期|要求|最低|最少|至少|起码|不低于|不少于|不能低于|不要低于|超过|过)?"
    r"\s*(?P<num>" + _NUM + r")(?:\s*[-~到至]\s*(?P<hi>" + _NUM + r"))?\s*(?P<unit>元|块钱|块|圆)?"
    r"\s*(?P<post>以上|左右|上下|起|多|出头|往上|及以上|就行|也行|就可以|也可以|就好|都行)?"
)
_TWO = r"[一二三四五六七八九]{2}[千万]"
_DAY_CTX = re.compile(r"一天|每天|日薪|日工资|日结|天")
_HOUR_CTX = re.compile(r"时薪|小时")
_WEEK_CTX = re.compile(r"周薪|一周|每周|星期")
_YEAR_CTX = re.compile(r"年薪|一年|每年|一整年|年底")  # "一年能存两万": a year's figure, by the month
_EXACT_PRE = ("至少", "起码", "不低于", "不少于", "不能低于", "不要低于", "最低", "最少", "要求", "超过", "过")
_FLOOR_PRE = ("至少", "起码", "不低于", "不少于", "不能低于", "不要低于", "最低", "最少")
_HEARSAY = re.compile(r"听说|听讲|听人说|听人讲|据说|人家说|别人说|都说")
_HOPE = re.compile(r"(的话)?(最好|更好|就更好|最理想|理想|更佳|为佳|当然好|那最好)")
# "一天少于300块就不去了": less than that is refused, so the figure is a floor said in so many words
_BELOW = re.compile(r"少于|低于|不到|不够")
_REFUSED = re.compile(r"\s*(?:元|块钱|块)?\s*(?:的话|的)?\s*(?:就|也)?\s*(?:不去|不干|不做|免谈|不考虑|不要|算了|没意思)")
_EXACT_POST = ("以上", "起", "多", "出头", "往上", "及以上", "就行", "也行", "就可以", "也可以", "就好", "都行")


def parse_min_pay(text: str) -> tuple[int | None, str]:
    """Monthly minimum pay stated in ``text`` ('7000以上' → 7000, '六千左右' → 5400, '一天200' → 5200).

    '左右/上下' and a bare figure ('月薪一万') read as about that much: 90 % of it is the minimum.
    """
    t = normalize(text)
    found: list[tuple[int, str, int]] = []  # (minimum, words, 2 a stated floor / 1 a figure / 0 a hope)
    for m in _PAY.finditer(t):
        pre, post, unit = m.group("pre") or "", m.group("post") or "", m.group("unit") or ""
        refused_below = bool(_BELOW.search(t[max(0, m.start() - 3) : m.start()]) and _REFUSED.match(t, m.end()))
        if not (pre or post or unit or refused_below) and not re.search(r"[kK千万]", m.group("num")):
            continue
        value = _amount(m.group("num"))
        if value is None:
            continue
        near = pre + t[max(0, m.start() - 4) : m.start()] + t[m.end() : m.end() + 3]
        if _HOUR_CTX.search(near) and 8 <= value <= 300:
            value *= 8 * DAYS_PER_MONTH
        elif _WEEK_CTX.search(near) and 300 <= value <= 5000:
            value = round(value * WEEKS_PER_MONTH)
        elif _DAY_CTX.search(pre + t[max(0, m.start() - 4) : m.start()]) and 50 <= value <= 2000:
            value *= DAYS_PER_MONTH
        elif (pre in ("年薪", "一年") or _YEAR_CTX.search(t[max(0, m.start() - 6) : m.start()])) and value >= 12000:
            value //= 12
        elif value < 1000 or value > 100000:
            continue  # years, ages, children: not pay
        exact = (m.group("hi") or pre in _EXACT_PRE or post in _EXACT_POST or re.fullmatch(_TWO, m.group("num"))
                 or refused_below)
        minimum = value if exact else int(round(value * 0.9, -1))
        if _HEARSAY.search(t[max(0, m.start() - 12) : m.start()]):  # "听讲一个月能挣一万多": others' word, not his
            continue
        rank = 2 if pre in _FLOOR_PRE or refused_below else 0 if _HOPE.match(t, m.end()) else 1
        found.append((minimum, m.group(0).strip(), rank))
    if not found:
        return None, ""
    # '月入过万最好，最少七千': the floor said in so many words wins; a figure hoped for is no minimum.
    top = max(r for *_, r in found)
    best = max((f for f in found if f[2] == top), key=lambda f: f[0])
    return best[0], best[1]


def _amount(s: str) -> int | None:
    s = s.strip().replace(" ", "")
    two = re.fullmatch(_TWO, s)
    if two:  # 五六千 → the lower figure
        s = s[0] + s[2]
    m = re.fullmatch(r"([0-9.]+)([kK千万])([0-9])?", s)
    if m:
        unit = 10000 if m.group(2) == "万" else 1000
        return int(float(m.group(1)) * unit + (int(m.group(3)) * unit // 10 if m.group(3) else 0))
    if "万" in s and re.fullmatch(r"[一二两三四五六七八九]?万[一二两三四五六七八九]", s):
        head = cn_to_int(s[:-1]) or 10000
        return head + (cn_to_int(s[-1]) or 0) * 1000
    try:
        return cn_to_int(s)
    except (ValueError, KeyError):
        return None


def base_floor(text: str, pay_text: str) -> bool:
    """The floor is on the base pay ("底薪不能低于3000"): a 底薪+提成 posting is judged by its base."""
    return bool(pay_text) and bool(re.search(r"(底薪|保底)[^，,。；;]{0,6}" + re.escape(pay_text), normalize(text)))


_BASE = re.compile(r"(?:底薪|保底工资|保底)(?:为|是|约|:)?\s*(" + _NUM + r")")


def stated_base(text: str) -> int | None:
    """The base pay a 底薪+提成 posting states in its text (底薪2000+提成 → 2000), monthly."""
    if "底" not in text:
        return None
    m = _BASE.search(normalize(text))
    value = _amount(m.group(1)) if m else None
    return value if value and 500 <= value <= 50000 else None
