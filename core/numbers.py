"""Numbers as people write them: 两千块, 一万二, 三百五, 五十九岁, 1.5万, 幺八九 — read by cn2an.

cn2an does the arithmetic; this module only finds where a number is written. Numerals inside fixed
words (三支一扶, 一条龙, 一次性, 统一) are left alone: only runs holding a magnitude (十百千万) or
followed by a unit of age, money, time or people are numbers.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache

_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
# A run of Chinese numerals (maybe after Arabic digits: 3千, 1万2) with what follows it.
_RUN = re.compile(rf"\d*(?:\.\d+)?[{_NUMERAL}]+(?:\d+)?|\d+(?:\.\d+)?[万千]\d*")
_UNIT_AFTER = re.compile(r"(?:周岁|岁|元|块|万|个月|月|年|天|日|号|人|亩|小时)")
# Everyday words that hold numerals but are no number: 万一, 十分, 千万别, 一一.
_FIXED = ("万一", "十分", "千万", "一一", "百分百")
_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)")
_MAGNITUDE = set("十百千万亿")
_SPOKEN = str.maketrans({"幺": "1", "妖": "1", "腰": "1", "洞": "0", "零": "0", "〇": "0", "一": "1",
                         "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7",
                         "八": "8", "九": "9"})
_SPOKEN_RUN = re.compile(r"[0-9幺妖腰洞零〇一二两三四五六七八九][0-9幺妖腰洞零〇一二两三四五六七八九\s\-—]{6,}[0-9幺妖腰洞零〇一二两三四五六七八九]")


@lru_cache(maxsize=4096)
def read_number(text: str) -> float | None:
    """'六千' → 6000, '一万二' → 12000, '三百五' → 350, '1.5万' → 15000, '7000' → 7000; None when not a number."""
    import cn2an

    s = (text or "").strip()
    if not s:
        return None
    if re.fullmatch(r"[+-]?\d+(?:\.\d+)?", s):  # float() would also take "nan" and "inf" (pinyin "nan" = 男)
        return float(s)
    if not re.search(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟\d]", s):
        return None
    if s[0] in _MAGNITUDE:  # 万 (过万), 十五: an implied 一
        s = "一" + s
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for mode in ("strict", "normal", "smart"):
            try:
                return float(cn2an.cn2an(s, mode))
            except (ValueError, KeyError, IndexError, TypeError):
                continue
    return None


def _as_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def numerals_to_digits(text: str) -> str:
    """Chinese numbers that are amounts, ages or counts become Arabic digits; fixed words stay.

    '俺五十九了 一个月两千块' → '俺59了 一个月2000块'; '三支一扶' and '一次性' are unchanged.
    """

    def swap(m: re.Match[str]) -> str:
        run = m.group(0)
        if any(f in text[max(m.start() - 1, 0): m.end() + 1] for f in _FIXED):
            return run
        after = text[m.end(): m.end() + 2]
        chinese = [c for c in run if c in _NUMERAL]
        if not chinese:
            return run
        if not (_MAGNITUDE.intersection(run) or len(chinese) >= 2 or _UNIT_AFTER.match(after)):
            return run
        if len(chinese) == 1 and run in ("一", "两") and (not _UNIT_AFTER.match(after) or after[:1] == "块" and after[1:2] != "钱"):
            return run  # 一块干 (together), 两个娃: no amount
        for end in range(len(run), 0, -1):  # 三百五一个月: the longest head that reads as a number
            value = read_number(run[:end])
            if value is not None and (end == len(run) or _MAGNITUDE.intersection(run[:end])):
                return _as_text(value) + run[end:]
        return run

    text = _PERCENT.sub(lambda m: f"{_as_text(v)}%" if (v := read_number(m.group(1))) is not None else m.group(0),
                        text)
    text = _TENS_AND.sub(r"\1十\2", text)  # "四十有八" (an old way of saying 48) → "四十八"
    return _RUN.sub(swap, text)


_TENS_AND = re.compile(r"([二三四五六七八九])十有([一二三四五六七八九])(?![十百千万])")


def spoken_digits(text: str) -> str:
    """Digits read out by voice input: '幺八九 零五九八 七六五四' → '18905987654' (inside longer text too)."""

    def swap(m: re.Match[str]) -> str:
        digits = re.sub(r"[\s\-—]", "", m.group(0).translate(_SPOKEN))
        return digits if digits.isdigit() else m.group(0)

    return _SPOKEN_RUN.sub(swap, text)


# "六八年生的", "1975年出生", "我七五年的": a birth year (after numerals_to_digits), not an age of 68
BORN = re.compile(r"(?<!\d)(19[4-9]\d|20[01]\d|[4-9]\d|0\d)\s*年(?:出生|生的|生人|生|的人|的(?=\s|[,，。]|$))")


def birth_year(text: str) -> tuple[int, int] | None:
    """The birth year a text states (digits, as ``numerals_to_digits`` leaves them) and where: (year, position)."""
    born = BORN.search(text)
    if not born:
        return None
    y = int(born.group(1))
    return (y if y >= 1000 else (1900 + y if y >= 40 else 2000 + y)), born.start()
