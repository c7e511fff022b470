"""Certificates our licence list does not know (幼儿园教师资格证, 道路货物运输从业资格证, 导游证).

A posting that requires one (必须持有…证) is pushed only to people who say they hold a certificate of the
same kind: the same ending (资格证, 从业资格证, 上岗证 …) and a stem sharing at least two characters with it
(货运从业资格证 ~ 道路货物运输从业资格证). Not knowing a certificate is no reason to ignore the requirement.
"""

from __future__ import annotations

import re
from functools import lru_cache

from matching.certs import find_certs, plain_grades

_NAME = re.compile(r"([\u4e00-\u9fff]{2,10}?)(从业资格证书?|执业资格证书?|资格证书?|上岗证|执业证|操作证|合格证|职业证书|等级证书?|证书|证)")
_SKIP = re.compile(r"健康|身份|毕业|学历|学位|驾驶|驾照|居住|暂住|户口|结婚|准生|营业|残疾|贫困|保险|社保|银行|工作|务工|户籍|凭|保")
_BEFORE_STEM = re.compile(r"[有持拿考了的是及和或、到]")  # 有货运从业资格证: the stem starts after the verb
_HARD = re.compile(r"须|需|必须|要求|持|具备|具有|取得|凭")
_FILLER = re.compile(r"^(持有|持|具有|具备|取得|需|须|必须|要求|有效|相关|国家|职业|的|以上|及|和)+")
_NOT_HELD = re.compile(r"(没有|没|还没|未|无|不)(考|办|拿|取得|有)?[^，,。；;]{0,3}$")
_NOT_YET = re.compile(r"^[^，,。；;]{0,3}(还没|没)(考|办|拿|下来)|^[^，,。；;]{0,2}快(考|拿)")


def _names(text: str) -> list[tuple[str, str, int, int]]:
    """(stem, ending, where the stem starts, end) of each certificate named."""
    out = []
    for m in _NAME.finditer(text):
        stem = _FILLER.sub("", _BEFORE_STEM.split(m.group(1))[-1])
        if len(stem) >= 2 and not _SKIP.search(stem):
            out.append((stem, m.group(2), m.end(1) - len(stem), m.end()))
    return out


@lru_cache(maxsize=50_000)
def required(text: str) -> tuple[str, ...]:
    """Certificates a posting requires that the licence list does not know, as written (stem + ending)."""
    out: list[str] = []
    if "证" not in text:  # most postings name no certificate: the licence list is not consulted at all
        return ()
    for clause in re.split(r"[，,。；;！!\n]|\d[.、．]", text):
        if "证" not in clause or "优先" in clause or not _HARD.search(clause) or find_certs(clause):
            continue
        names = [stem + end for stem, end, _, _ in _names(clause)]
        if names and re.search(r"或|/", clause):  # 持海员证或渔业船员证: either will do
            names = ["|".join(names)]
        out += [n for n in names if n not in out]
    return tuple(out)


@lru_cache(maxsize=50_000)
def held(text: str) -> tuple[str, ...]:
    """Certificates a person says they hold that the licence list does not know (not 还没考下来)."""
    text = plain_grades(text)
    return tuple(
        stem + end
        for stem, end, a, b in _names(text)
        if not _NOT_HELD.search(text[max(0, a - 6) : a]) and not _NOT_YET.search(text[b : b + 8])
    )


def _stem(name: str) -> set[str]:
    m = _NAME.fullmatch(name)
    return set(m.group(1)) if m else set(name)


def covers(have: tuple[str, ...], need: str) -> bool:
    """One of the certificates held is of a kind required (their names share two characters before the
    ending: 货运从业资格证 ~ 道路货物运输从业资格证, 初级会计证 ~ 初级会计专业技术资格证书)."""
    return any(len(_stem(h) & _stem(n)) >= 2 for n in need.split("|") for h in have)


def missing(have: tuple[str, ...], needs: tuple[str, ...] | list[str]) -> list[str]:
    return [n for n in needs if not covers(have, n)]
