"""Hours of the day: when a posting's work day runs, and when a person says they can work.

A posting: ``上午8:30-11:30、下午2:00-5:00``, ``早上五点半上班至下午一点半``, ``早上五点上工``, ``每天上午约3小时``;
``时间灵活``, ``可按接送孩子的时间请假``, ``上下班时间可商量`` or work taken home make its hours no limit.
A person: ``早上送完孩子八点多 下午四点半要去接``, ``孩子上学的时间``, ``只能上午``, ``下午才有空``, ``九点到三点``.
Both are (start, end) in minutes after midnight, either end None when not said. A posting that starts
before the person can come or ends after they must leave is not pushed (``rules.rule_hours``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.numbers import numerals_to_digits
from core.text import cn_to_int

Span = tuple[int | None, int | None]
SLACK = 30  # minutes: 17:00 against "四点半要去接" is a matter for the employer, 5:30 against 8:30 is not
SCHOOL = (8 * 60 + 30, 16 * 60 + 30)  # "孩子上学的时间": after drop-off, before pick-up

_PART = r"(早上|早晨|清早|凌晨|上午|中午|下午|傍晚|晚上|夜里)?"
_CLOCK = _PART + r"\s*(\d{1,2})(?:[:：](\d{2})|点(?:(半)|(\d{1,2})分?|(多))?)"
_TIME = re.compile(_CLOCK)
_RANGE = re.compile(_CLOCK + r"\s*(?:上班|上工|开工)?\s*(?:-|—|~|～|至|到)\s*(?:次日|第二天|隔天)?" + _CLOCK)  # 21:00—次日06:00
_FLEXIBLE = re.compile(r"时间灵活|时间自由|时间可(?:商量|调|自定)|上下班时间可商量|可(?:按|根据)[^，。；]{0,10}请假|弹性|"
                       r"可(?:领料|拿|带)回家|在家做|居家|随时(?:来|可以)")
_MORNING_ONLY = re.compile(r"每天上午|只(?:上|做|干)?上午|上午(?:班|半天)")
# a person's limits
_FROM = re.compile(r"(?:送完|送了|送)(?:孩子|小孩|娃|孙子|孙女)[^，,。；\s]{0,6}?" + _CLOCK + r"|" + _CLOCK +
                   r"(?:以后|之后|后)(?:才)?(?:有空|有时间|能|可以|才行)|" + _CLOCK + r"(?:送完|送好|送了)")  # 07:50送完
_UNTIL = re.compile(_CLOCK + r"(?:就|前|之前|以前)?(?:要|得|必须)?(?:去|回去|回家)?(?:接|做饭|回家|回去)"
                    r"|(?:最迟|最晚)?" + _CLOCK + r"(?:前|之前|以前)(?:就)?(?:要|得|必须)下班|(?:最迟|最晚)" + _CLOCK + r"下班")
_SCHOOL = re.compile(r"(?:孩子|小孩|娃|孙子|孙女)(?:上学|在学校|读书)(?:的)?(?:时间|时候|期间|那段)|趁(?:孩子|小孩|娃)上学|"
                     r"接送(?:孩子|小孩|娃|孙子|孙女)|送(?:孩子|小孩|娃|孙子|孙女)上学"
                     r"|(?:孩子|小孩|娃|孙子|孙女|细人仔?|细伢子?)\S{0,3}(?:要|得)接送")  # Hakka 两个细人仔要接送
# "早上没法太早出门" (Hakka 冇法): no early start; the school day's start stands for it
_LATE_START = re.compile(r"早上\S{0,3}(?:没法|冇法|不能|不好|出不了|去不了)\S{0,3}(?:太早|早出)|不能太早(?:出门|上班|出工)"
                         r"|不用起(?:那么|太|很)?早|(?:不要|别)太早(?:上班|出门|开工)?")
_TOO_EARLY = re.compile(_CLOCK + r"(?:就|要|得)?(?:上班|上工|开工|出门|到岗)?(?:也|就)?太早")
# "只能上午做": done by noon, however early it starts (早上5点半的早餐店 suits); "下午才有空": from noon on
_HALF_DAY: dict[str, Span] = {"上午": (None, 12 * 60), "下午": (12 * 60, None), "晚上": (18 * 60, None),
                              "夜": (18 * 60, None)}
# "白天要带孙子，只能上夜班": night work only, so a day job's start is too early
_HALF = re.compile(r"(?:只(?:有|能)?|就)(上午|下午|晚上)(?:有空|有时间|能干|能做|可以)?|(上午|下午|晚上)(?:才)?(?:有空|有时间|能干活|能出来)"
                   r"|只(?:能|上|做|干|想)\S{0,2}?(夜)班")
_SPAN_FREE = re.compile(_CLOCK + r"\s*(?:-|—|~|～|至|到)\s*" + _CLOCK + r"\s*(?:都)?(?:有空|有时间|能干|能做|可以|行)")


_CN_CLOCK = re.compile(r"([零一二两三四五六七八九十]{1,3})(?=点|[:：]\d)")


def _digits(text: str) -> str:
    """Clock hours in words as digits ("八点多" → "8点多", "五点半" → "5点半")."""
    return numerals_to_digits(_CN_CLOCK.sub(lambda m: str(cn_to_int(m.group(1)) or m.group(1)), text))


def _minutes(part: str | None, hour: str, minute: str | None, half: str | None, mins: str | None, more: str | None,
             after: int | None = None) -> int | None:
    h = int(hour)
    if h > 24:
        return None
    m = 30 if half or more else int(minute or mins or 0)
    if part in ("下午", "傍晚", "晚上", "夜里") and h < 12:
        h += 12
    elif part == "中午" and h < 3:
        h += 12
    elif part is None and after is not None and h * 60 + m <= after and h < 12:
        h += 12  # "8:00-5:30": the end is in the afternoon
    return h * 60 + m


def _clock(groups: tuple[str | None, ...], after: int | None = None) -> int | None:
    part, hour, minute, half, mins, more = groups[:6]
    return None if hour is None else _minutes(part, hour, minute, half, mins, more, after=after)


@lru_cache(maxsize=50_000)
def posting_hours(text: str) -> Span:
    """When the posting's work day starts and ends; (None, None) when not said or the hours are flexible."""
    t = _digits(text)
    if _FLEXIBLE.search(t):
        return None, None
    starts: list[int] = []
    ends: list[int] = []
    for m in _RANGE.finditer(t):
        g = m.groups()
        a = _clock(g[:6])
        next_day = bool(re.search(r"次日|第二天|隔天", m.group(0)))  # "21:00—次日06:00": the morning after
        b = _clock((g[6] or (None if next_day else g[0]), *g[7:12]), after=None if next_day else a)  # "下午2:00-5:00": the end shares the start's part of day
        if a is not None and b is not None:
            starts.append(a)
            ends.append(b if b > a else b + 24 * 60)  # "晚上8点到早上6点": the next morning
    if not starts:
        start = re.search(_CLOCK + r"\s*(?:上班|上工|开工|出工|到岗)", t)
        if start:
            return _clock(start.groups()), None
        if _MORNING_ONLY.search(t):
            return _HALF_DAY["上午"]
        return None, None
    return min(starts), max(ends)


def _matched_clock(m: re.Match[str]) -> tuple[str | None, ...]:
    """The six clock groups of whichever alternative of a pattern of several clocks matched."""
    g = m.groups()
    return next(g[i:i + 6] for i in range(0, len(g), 6) if g[i + 1] is not None)


@lru_cache(maxsize=50_000)
def free_hours(wishes: str) -> Span:
    """When in the day the person can work; (None, None) when not said."""
    t = _digits(wishes)
    if m := _SPAN_FREE.search(t):
        a = _clock(m.groups()[:6])
        return a, _clock(m.groups()[6:], after=a)
    start = end = None
    if m := _FROM.search(t):
        g = _matched_clock(m)
        start = _clock(g)
        if start is not None and start < 6 * 60 and not g[0]:
            start += 12 * 60  # "两点以后有空": nobody means two in the morning
    if m := _UNTIL.search(t):
        g = _matched_clock(m)
        part = g[0]
        end = _clock(g[:6])
        if end is not None and part is None and end < 12 * 60 and (start is None or end <= start):
            end += 12 * 60  # "四点半要去接" after a morning drop-off is in the afternoon
    if start is None and (m := _TOO_EARLY.search(t)) and (early := _clock(m.groups()[:6])) is not None:
        start = max(SCHOOL[0], early + 60)  # "五点半上班太早了": a later start, as the school day's
    if start is None and _LATE_START.search(t):
        start = SCHOOL[0]
    if start is None and end is None:
        if m := _HALF.search(t):
            return _HALF_DAY[m.group(1) or m.group(2) or m.group(3)]
        if _SCHOOL.search(t):
            return SCHOOL
        return None, None
    if _SCHOOL.search(t):  # the hours said win; the school day fills in the one not said
        start = SCHOOL[0] if start is None else start
        end = SCHOOL[1] if end is None else end
    return start, end


def flexible_words(text: str) -> str:
    """The words that make a posting's hours flexible ("可按接送孩子的时间请假"); '' when none."""
    m = _FLEXIBLE.search(_digits(text))
    return m.group(0) if m else ""


def clashes(free: Span, hours: Span) -> bool:
    """The posting's day starts before the person can come or ends after they must leave."""
    (f0, f1), (h0, h1) = free, hours
    return bool((f0 is not None and h0 is not None and h0 < f0 - SLACK)
                or (f1 is not None and h1 is not None and h1 > f1 + SLACK)
                or (f1 is not None and h0 is not None and h0 >= f1))


def said(minutes: int | None) -> str:
    """510 → '8:30'."""
    return "" if minutes is None else f"{minutes // 60}:{minutes % 60:02d}"


def describe(span: Span) -> str:
    a, b = span
    if a is not None and b is not None:
        return f"{said(a)}到{said(b)}"
    return f"{said(a)}以后" if a is not None else f"{said(b)}以前" if b is not None else ""
