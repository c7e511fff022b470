"""Schooling as people and postings write it: 读完初三, 中专会计毕业; 中专以上学历, 学历要高中或中专.

Levels: 1 小学, 2 初中, 3 高中/中专/职高/技校, 4 大专, 5 本科. A posting's floor is a hard rule only
for a person whose own schooling is known; a person who did not say is never ruled out by it.
"""

from __future__ import annotations

import re

_LEVELS = (
    (5, r"本科|大学(?!生村官)"),
    (4, r"大专|专科|高职"),
    (3, r"高中|中专|职高|技校|中职|高三|职专"),
    (2, r"初中|初三|初二|初一"),
    (1, r"小学"),
)
_ANY = re.compile("|".join(f"(?P<l{level}>{rx})" for level, rx in _LEVELS))
# 学历要高中或中专 / 中专以上学历 / 要初中文化 / 高中以上文化: a floor the posting sets
_FLOOR_CUE = re.compile(r"以上|学历|文化|要求|要")
# 读完初三就没读了, 中专毕业, 初中文化, 大专学的计算机: what the person finished (or reached)
_PERSON_CUE = re.compile(r"毕业|读完|读到|没读|文化|学历|肄业|辍学|学的|专业|在读|读过|上过|念完|念到")
# A school-leaver with nothing else: work a newcomer can do suits.
SCHOOL_LEAVER = re.compile(
    r"(小学|初中|初三|高中|高三|中专|职高|技校|中职|大专)[^，,。；;]{0,8}(毕业|没毕业|读完|肄业|文化)|"
    r"读完(小学|初中|初三|高中|中专)|就没(读|念)了|辍学|刚毕业|今年毕业"
)


def _levels(text: str) -> list[int]:
    return [next(int(k[1:]) for k, v in m.groupdict().items() if v) for m in _ANY.finditer(text)]


def person_level(text: str) -> int | None:
    """The highest schooling the person says they reached; None when they do not say."""
    found = [lv for clause in re.split(r"[，,。；;！!\s]", text) if _PERSON_CUE.search(clause) for lv in _levels(clause)]
    return max(found) if found else None


def posting_floor(text: str) -> int | None:
    """The least schooling a posting asks for ('高中或中专以上' → 3); None when it sets none."""
    found = [min(lv) for clause in re.split(r"[，,。；;！!\n]", text) if _FLOOR_CUE.search(clause) and (lv := _levels(clause))]
    return min(found) if found else None


NAMES = {1: "小学", 2: "初中", 3: "高中或中专", 4: "大专", 5: "本科"}
