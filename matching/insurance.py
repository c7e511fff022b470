"""Social insurance as a condition: "五险一金要有" against a posting's "不缴社保"."""

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
