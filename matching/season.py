"""Months of the year: when a seasonal posting needs people, and when a person says they are free.

A posting: ``9月至11月``, ``12月到次年3月``, ``春茶季（4-5月）``, ``冬季``. A person: ``冬天到开春才有空``, ``农闲的时候
(冬天)``, ``只有七八月有空``. Both are sets of months (1–12); an empty set means "not said", which limits nothing.
A posting whose months the person is not free in is not pushed (``rules.rule_season``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from core.numbers import numerals_to_digits as to_arabic

_SEASONS = {
    "开春": (2, 3), "春节后": (2, 3), "春节": (2, 2), "过完年": (2, 3), "年后": (2, 3), "春": (3, 5), "夏": (6, 8), "秋": (9, 11),
    "冬": (12, 2), "年前": (12, 1), "年底": (11, 12), "暑假": (7, 8), "寒假": (1, 2),
    "清明": (4, 4), "端午": (6, 6), "中秋": (9, 9), "国庆": (10, 10),
}
_SEASON = r"(开春|春节后|春节|过完年|年后|年前|年底|暑假|寒假|清明|端午|中秋|国庆|春|夏|秋|冬)(天|季|季节|节)?"
_MONTH = r"(\d{1,2})月(份)?"
_POINT = rf"(?:{_MONTH}|{_SEASON})"
_RANGE = re.compile(rf"{_POINT}\s*(?:至|到|-|~|—|～)\s*(次年|第二年|明年|来年)?{_POINT}")
_TWO = re.compile(r"(\d{1,2})\s*[-~～、]\s*(\d{1,2})月")  # 4-5月, 七八月 (as 7、8月 after numerals)
_ONE = re.compile(_POINT)
# a person's free time: said with 有空/有时间/能出来/才能 … or as 农闲 with a season
_BUSY = re.compile(r"走不开|没空|没时间|抽不开身|要回家|得回家|不能出去|出不去|农忙")
_FREE = re.compile(r"有空|有时间|能出来|才能|才可以|才行|闲|能做|能干|可以做|可以干|出去做|出来做")


def _span(a: int, b: int) -> frozenset[int]:
    out, m = set(), a
    while True:
        out.add(m)
        if m == b:
            return frozenset(out)
        m = m % 12 + 1


def _point(month: str | None, season: str | None) -> tuple[int, int] | None:
    if month:
        n = int(month)
        return (n, n) if 1 <= n <= 12 else None
    return _SEASONS.get(season or "")


_CN = "一二三四五六七八九十"
_ADJACENT = re.compile(r"([一二三四五六七八九])([二三四五六七八九十])月")  # 七八月: July and August


def _months(text: str) -> frozenset[int]:
    text = _ADJACENT.sub(lambda m: f"{_CN.index(m.group(1)) + 1}-{_CN.index(m.group(2)) + 1}月"
                         if _CN.index(m.group(2)) == _CN.index(m.group(1)) + 1 else m.group(0), text)
    t = to_arabic(text)
    out: set[int] = set()
    for m in _RANGE.finditer(t):
        a, b = _point(m.group(1), m.group(3)), _point(m.group(6), m.group(8))
        if a and b:
            out |= _span(a[0], b[1])
    if out:
        return frozenset(out)
    for m in _TWO.finditer(t):
        first, last = int(m.group(1)), int(m.group(2))
        if 1 <= first <= 12 and 1 <= last <= 12:
            out |= _span(first, last)
    if out:
        return frozenset(out)
    for m in _ONE.finditer(t):
        p = _point(m.group(1), m.group(3))
        if p:
            out |= _span(*p)
    return frozenset(out)


@lru_cache(maxsize=50_000)
def posting_months(text: str, seasonal: bool) -> frozenset[int]:
    """Months a seasonal posting needs people in; empty when it is not seasonal or says none."""
    if not seasonal and not re.search(r"季节|临时|短期|采摘|采茶|\d{1,2}月\s*(至|到|-)", text):
        return frozenset()
    return _months(text)


# "只能做到春节前", "干到明年二月": free from now until then
_UNTIL = re.compile(r"(?:做|干|上班|待|干活)到|为止")
# "须签订一年合同", "长期住家", "做满一年": the post wants someone for a year or more (not 长期招聘)
_LONG_TERM = re.compile(
    r"长期(?:住家|稳定|工作|做|干)|签(?:订)?[一两二三四五1-5]年(?:以上)?(?:的)?(?:劳动)?合同|(?:干|做)满[一两二三1-3]年|"
    r"(?:要求|须|需)[^，,。；;]{0,4}(?:长期|一年以上)"
)


@lru_cache(maxsize=50_000)
def long_term(text: str) -> bool:
    """The posting wants someone for a year or more, so a person free only for some months does not fit."""
    return bool(_LONG_TERM.search(to_arabic(text)))


def _until(clause: str, now: int) -> frozenset[int]:
    t = to_arabic(clause)
    if not (m := _UNTIL.search(t)) or _RANGE.search(t):
        return frozenset()
    points = [p for p in (_point(x.group(1), x.group(3)) for x in _ONE.finditer(t, m.end())) if p]
    return _span(now, points[0][1]) if points else frozenset()


def free_months(wishes: str, now: int | None = None) -> frozenset[int]:
    """Months the person says they are free to work in (冬天到开春才有空); empty when not said.
    ``now``: the month "只能做到春节前" counts from (this month when not given)."""
    return _free_months(wishes, now or date.today().month)


@lru_cache(maxsize=50_000)
def _free_months(wishes: str, now: int) -> frozenset[int]:  # cached with the month: a new month reads anew
    for clause in re.split(r"[，,。；;！!\s]", wishes):
        if clause and (found := _until(clause, now)):
            return found
    for clause in re.split(r"[，,。；;！!\s]", wishes):
        if clause and _FREE.search(clause) and (found := _months(clause)):
            return found
    # "清明到五月底自家要采茶走不开": busy months said, so the rest of the year is free
    for clause in re.split(r"[，,。；;！!\s]", wishes):
        if clause and _BUSY.search(clause) and not _FREE.search(clause) and (found := _months(clause)):
            return frozenset(range(1, 13)) - found
    # 农闲的时候才有空，蜜柚摘完以后，冬天到开春这段: the months may come in the next clause
    if re.search(r"农闲|有空|有时间", wishes):
        for clause in re.split(r"[，,。；;！!\s]", wishes):
            if clause and _RANGE.search(to_arabic(clause)):
                return _months(clause)
    return frozenset()


SOON = 3  # months ahead a seasonal posting is worth pushing (采茶 in March, told in January)


def soon(months: list[int] | frozenset[int], now: int) -> bool:
    """The season is on, or starts within ``SOON`` months of ``now``."""
    return any((now + k - 1) % 12 + 1 in months for k in range(SOON + 1))


def describe(months: frozenset[int]) -> str:
    """'9月至11月' for reasons and notes."""
    if not months:
        return ""
    ms = sorted(months)
    start = next((m for m in ms if (m - 2) % 12 + 1 not in months), ms[0])
    end = start
    while end % 12 + 1 in months:
        end = end % 12 + 1
        if end == start:
            break
    return f"{start}月" if start == end else f"{start}月至{end}月"
