"""Conditions on the employer: social insurance ("五险一金要有" against "不缴社保") and its size ("只进大厂" against 个体工商户)."""

from __future__ import annotations

import re
from functools import lru_cache

_INSURANCE = r"(?:五险一金|五险|社保|社会保险|养老保险)"
# 不交社保也行 / 社保无所谓 / 有没有社保都行: no condition
_INDIFFERENT = re.compile(_INSURANCE + r"[^，,。；;]{0,4}(?:也行|也可以|无所谓|不要紧|没关系|都行|随便)|"
                          r"(?:不交|不缴|不买|没有|不要)" + _INSURANCE + r"(?:也行|也可以|都行|没关系)")
_WANTS = re.compile(
    r"(?:要|要有|得有|必须有?|一定要有?|需要|要求)(?:交|缴|买)?" + _INSURANCE + "|"
    + _INSURANCE + r"(?:一定|必须|得)?(?:要有|要交|要缴|要买|得有|得交|必须有|必须交|要)(?![^，,。；;]{0,2}(?:也行|都行))"
)
_NONE = re.compile(r"(?:不缴|不交|不买|无|没有|不含|不提供|不给交)" + _INSURANCE)


@lru_cache(maxsize=50_000)
def wants_insurance(wishes: str) -> bool:
    """The person makes social insurance a condition (五险一金要有, 必须交社保)."""
    return bool(_WANTS.search(wishes)) and not _INDIFFERENT.search(wishes)


@lru_cache(maxsize=50_000)
def without_insurance(text: str) -> bool:
    """The posting says it pays no social insurance (不缴社保, 无五险)."""
    return bool(_NONE.search(text))


# "只进大厂或者国企，小作坊、私人老板的不去": small or private employers refused
_BIG_ONLY = re.compile(r"只(?:进|去|找|要|考虑)\S{0,2}(?:大厂|大公司|国企|国有|上市公司|正规大)"
                       r"|(?:小作坊|小厂|私人老板|私人的|个体户?|家庭作坊|夫妻店)\S{0,6}?(?:不去|不要|不进|不考虑|不干|不做)"
                       r"|(?:不去|不要|不进|不考虑)\S{0,2}(?:小作坊|小厂|私人老板|个体|家庭作坊)")
_SMALL = re.compile(r"个体工商户|个体户|[（(]个体[)）]|家庭作坊|小作坊|私人小厂|夫妻店|小厂")


@lru_cache(maxsize=50_000)
def big_only(wishes: str) -> bool:
    """The person refuses small or private employers (只进大厂, 小作坊不去)."""
    return bool(_BIG_ONLY.search(wishes))


@lru_cache(maxsize=50_000)
def small_employer(employer: str, text: str) -> bool:
    """The posting names a small or one-person employer (个体工商户, 家庭作坊, 私人小厂)."""
    return bool(_SMALL.search(employer or "") or _SMALL.search(text or ""))
