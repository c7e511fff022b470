"""Meals and lodging (包吃住): what a posting offers, and what a person requires or merely prefers.

Bits: ``FOOD`` (包吃, 管饭), ``LODGING`` (包住, 有宿舍). A posting's "不包吃住" / "包住不包吃" / "住宿自理"
offer less than the words 包吃住 alone suggest; a person's "要包吃包住" / "包住的才去" is a requirement
(a hard rule), "最好包吃住" a preference (a small score).
"""

from __future__ import annotations

import re
from functools import lru_cache

FOOD, LODGING = 1, 2

_FOOD = re.compile(r"包吃|管吃|包饭|管饭|包伙食|包食宿|包三餐|提供三餐|免费工作餐|工作餐")
_LODGING = re.compile(r"包住|管住|包食宿|提供住宿|免费住宿|有宿舍|提供宿舍|安排住宿|住宿免费")
_NOT = re.compile(r"(不|没有?|无)(提供)?$")
_SELF_FOOD = re.compile(r"(吃饭|伙食|餐|吃)(自理|自己解决)|食宿自理")
_SELF_LODGING = re.compile(r"(住宿|住)(自理|自己解决|自己找)|自己找(地方)?住|食宿自理")
# A requirement: 要/必须/一定要 … 包吃住, or 包住的才去
_NEED = re.compile(
    r"(要|必须|得|需要|一定要|要求|只找|只要)(有)?(包吃包住|包吃住|包食宿|管吃住|包住|包吃|管住|管吃|有宿舍|提供住宿|住宿)"
    r"|(包吃包住|包吃住|包食宿|管吃住|包住|包吃|有宿舍)的?(才去|才行|才干|才做|才考虑)"
    r"|没(地方|房子)住"
)


def _bits(text: str) -> int:
    out = 0
    for rx, bit in ((_FOOD, FOOD), (_LODGING, LODGING)):
        if any(not _NOT.search(text[max(0, m.start() - 3) : m.start()]) for m in rx.finditer(text)):
            out |= bit
    for m in re.finditer(r"(包|管)吃(包)?住", text):  # 包吃住 names both; 不包吃住 neither
        if not _NOT.search(text[max(0, m.start() - 3) : m.start()]):
            out |= FOOD | LODGING
    if _SELF_FOOD.search(text):
        out &= ~FOOD
    if _SELF_LODGING.search(text):
        out &= ~LODGING
    return out


@lru_cache(maxsize=50_000)
def offered(text: str, tags: tuple[str, ...] = ()) -> int:
    """FOOD | LODGING bits a posting offers, from its tags and its own words (which may take back a tag)."""
    out = 0
    for t in tags:
        out |= _bits(t)
    said = _bits(text)
    if _SELF_FOOD.search(text) or _SELF_LODGING.search(text) or re.search(r"(不|没有?)(包|管)", text):
        return said  # the text says what is not offered: it decides
    return out | said


@lru_cache(maxsize=50_000)
def required(wishes: str) -> int:
    """FOOD | LODGING bits the person says they must have (要包吃包住, 包住的才去); 0 for a mere preference."""
    out = 0
    for m in _NEED.finditer(wishes):
        said = m.group(0)
        if "没" in said:
            out |= LODGING
            continue
        out |= _bits(said) or (LODGING if "住" in said else 0)
    return out


def names(bits: int) -> str:
    """包吃住 / 包住 / 包吃, for reasons and notes."""
    return {FOOD | LODGING: "包吃住", LODGING: "包住", FOOD: "包吃"}.get(bits, "")
