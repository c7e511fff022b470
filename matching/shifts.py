"""Day work only: people who say they cannot work nights or rotating shifts, and postings that need them;
and spare time only: people free at weekends or for part-time work, and postings that can be fitted round it.

A person: 只上白班, 不能倒班, 不跑夜车, 晚上要照顾老人, 找白天的工, 晚上要回家睡, or a bare 白班 among the wishes. A posting: the tags 夜班 /
两班倒, or 夜班, 倒班, 两班轮换, 三班倒, 夜间发车, 20:00至次日6:00, 住家 (live-in) in its text — unless the text says the opposite
(长白班, 不倒班, 不上夜班, 不安排夜间行车). Such a posting is not pushed to such a person (``rules.rule_shift``).
"""

from __future__ import annotations

import re
from functools import lru_cache

_NIGHT = re.compile(
    r"夜班|倒班|两班倒|三班倒|两班轮换|三班轮换|轮班|晚班|通宵|夜间(发车|出车|作业|出货|行车|值班|上班|配送|运输|为主)|"
    r"(1[89]|2[0-3])[:：点]\d{0,2}\s*(至|到|-|—|~)\s*次日|"
    r"住家|住(在)?雇主家"  # a live-in post keeps the worker there at night
)
_NOT_NIGHT = re.compile(r"(不|无|没有|不用|不需|不安排)(上|加|排|安排|需要)?(夜班|倒班|晚班|夜间)|长白班|只(上|做|有)白班")
_DAY_ONLY = re.compile(
    r"只(上|做|干|要|能上|能做)白班|(不|不能|不想|不愿|不要|不上|不做|不干|没法|别)[^，,。；;]{0,4}(夜班|晚班|倒班)|不跑夜(车|路)|不开夜车|"
    r"夜(里|间)不(行|能|干)|晚上(要|得|需要)(照顾|带|接|陪|在家)|晚上(不行|没空|不能)|白天(才|可以|能)(干|做|上班)|"
    r"(找|要|想)[^，,。；;]{0,3}白天的?(工|活|班|工作)|晚上(要|得|都要|还要|必须)?回(家|厝|屋下?)(睡|住|去)?|"
    # "不要两班倒", "夜班不做": the shift named before or after the refusal
    r"(不|不能|不想|不要|不上|不做|别)[^，,。；;]{0,2}[两三]班倒|(夜班|晚班|倒班|[两三]班倒)[^，,。；;]{0,2}(不做|不干|不上|不行|不要|做不了|干不了|不能)"
)
# 白班夜班都行: no limit after all
_ANY_SHIFT = re.compile(r"(白班|夜班|倒班|晚班)[^，,。；;]{0,4}(都行|都可以|也行|也可以|无所谓|都能|没问题)")


@lru_cache(maxsize=50_000)
def needs_nights(text: str, tags: tuple[str, ...] = ()) -> bool:
    """The posting needs night or rotating shifts."""
    if any(t in ("夜班", "两班倒", "三班倒", "倒班") for t in tags):
        return True
    said = [m for m in _NIGHT.finditer(text) if not _NOT_NIGHT.search(text[max(0, m.start() - 4) : m.end()])]
    return bool(said) and not _NOT_NIGHT.search(text)


@lru_cache(maxsize=50_000)
def day_only(wishes: str) -> bool:
    """The person says they can work days only."""
    if _ANY_SHIFT.search(wishes):
        return False
    return bool(_DAY_ONLY.search(wishes)) or "白班" in wishes  # a day shift named among the wishes is the one wanted


_DAYS_OFF = r"(?:周末|礼拜六|礼拜天|礼拜日|礼拜|星期六|星期天|星期日|周六|周日|双休日?|节假日|放假的时候)"
_SPARE_ONLY = re.compile(
    _DAYS_OFF + r"[^，,。；;]{0,6}(?:有空|有闲|有时间|才能|才有|能做|能干|可以做|可以干|做的|干的)|"
    r"(?:周末|礼拜六|礼拜天|礼拜日|星期六|星期天|周六|周日)(?:做|干)?的?(?:零工|活|工作|工)|"
    r"(?:只能|只想|就想|只要)?(?:做|找|干)?(?:兼职|钟点工|小时工)|"
    r"(?:一个?(?:礼拜|星期)|一周|每周)(?:做|干|上)?[一二两三四五2-5]{1,2}天|不(?:要|想|能)天天(?:上班|做|干)|只(?:能|有|在)" + _DAYS_OFF + r"|平时(?:要|得)?(?:上班|上学|带|照顾)[^，,。；;]{0,8}" + _DAYS_OFF
)
# a posting that can be fitted round other days: weekend or part-time work, or hours and place of one's own
_SPARE_OK = re.compile(r"周末|双休日|节假日|兼职|钟点工|小时工|时间灵活|时间自由|自由安排|时间可(?:商量|自定)|领料回家|"
                       r"可?(?:拿|带)回家|可在家|在家做|居家")


@lru_cache(maxsize=50_000)
def spare_only(wishes: str) -> bool:
    """The person can only work at weekends or part-time (礼拜六礼拜日有闲 有无周末做的零工, 只能做兼职)."""
    return bool(_SPARE_ONLY.search(wishes))


@lru_cache(maxsize=50_000)
def spare_ok(text: str) -> bool:
    """The posting can be done at weekends or part-time, or in hours the worker sets."""
    return bool(_SPARE_OK.search(text))



# Days off a month: 双休 8, 大小周 6, 做六休一 / 单休 4, 月休2天 2, 全年无休 0.
_N = r"(\d{1,2}|[一二两三四五六七八九十])"
_REST = re.compile(r"(周末)?双休|大小周|做六休一|六休一|单休|(?:每周|一周|一个?礼拜|一个?星期)(?:只)?休(?:息)?(?:一天|1天)|周休一天"
                   r"|(?:全年|常年)?无休|(?:每月|一个?月|月)(?:只)?休(?:息)?" + _N + r"天")
_REST_DAYS = {"双休": 8, "大小周": 6, "做六休一": 4, "六休一": 4, "单休": 4}
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# "一个月只休两天那种不去": a rest that is refused; "最好双休": a hope, not a condition
_REST_REFUSED = re.compile(r"[^，,。；;]{0,4}?(?:不去|不要|不干|不做|不考虑|不行|免谈)")
_REST_HOPE = re.compile(r"(?:最好|能|有)[^，,。；;]{0,2}$")


def _days(m: re.Match[str]) -> int:
    word = m.group(0)
    if "无休" in word:
        return 0
    if m.group(2):
        n = m.group(2)
        return int(n) if n.isdigit() else _CN.get(n, 0)
    if "双休" in word:
        return 8
    return next((d for w, d in _REST_DAYS.items() if w in word), 4)


@lru_cache(maxsize=50_000)
def posting_rest(text: str) -> int:
    """Days off a month the posting states (the fewest when it states several); -1 when it says none."""
    days = [_days(m) for m in _REST.finditer(text)]
    return min(days) if days else -1


@lru_cache(maxsize=50_000)
def rest_floor(wishes: str) -> int:
    """The fewest days off a month the person accepts: the least of the rests asked for ("做六休一或者双休" → 4),
    or one more than a rest refused ("一个月只休两天那种不去" → 3); 0 when not said."""
    asked: list[int] = []
    refused: list[int] = []
    for m in _REST.finditer(wishes):
        if _REST_REFUSED.match(wishes, m.end()):
            refused.append(_days(m))
        elif not _REST_HOPE.search(wishes[max(0, m.start() - 4) : m.start()]) and re.search(
                r"要|得|必须|只做|只找|只要|才去|才行|以上|至少|起码", wishes[max(0, m.start() - 4) : m.end() + 3]):
            asked.append(_days(m))
    floor = min(asked) if asked else 0
    if refused:
        floor = max(floor, max(refused) + 1)
    return floor
