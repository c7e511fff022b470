"""A figure heard from the documents, asked about: "文件里那个三百五是给谁的", "那个2:4:4是指什么".

People repeat a number a cadre read out without the policy's name. The number is the evidence: the
clause that states that very figure (350 元, 25 年, 20 万人次, 2:4:4 — not 2万人次 for 20万人次) answers,
when exactly one clause states it and the message asks what it means. Figures are compared by value
and unit, so 三百五 finds 350元 and 一百五十万 finds 150万元.
"""

from __future__ import annotations

import re

from core.numbers import numerals_to_digits
from core.text import normalize
from knowledge.segment import Clause

_NUMBER = re.compile(r"(?<![\d.:：])(\d+(?:\.\d+)?)\s*(万|亿|千)?\s*(人次|周岁|块钱|块|元|名|人|个|年|所|户|家|次|期|岁|%|天|场|批|项|亩)?"
                     r"(?![\d.:：号])")  # 251号: a document's number
_RATIO = re.compile(r"\d+\s*[:：]\s*\d+(?:\s*[:：]\s*\d+)*")
_SCALE = {"万": 10_000, "亿": 100_000_000, "千": 1_000}
# what a figure is, who gets it, what it is for
_WHAT = re.compile(r"是指|指的是|指什么|指啥|啥意思|什么意思|是什么|是啥|干嘛的|干啥的|做什么的|给谁|用来|用在|说的是|讲的是"
                   r"|怎么回事|什么钱|啥钱|哪来的|是哪个|是哪些|什么东西")
_FUNCTION_UNITS = {"年"}  # a bare year (2018年) is a date, not a figure worth looking up


def figures(text: str) -> set[tuple[str, str]]:
    """(value, unit) pairs of a text's figures; a ratio is (its digits, ":")."""
    # 百人计划, 千村万户: a lone 百/千/万 names something, it is no figure
    t = re.sub(r"(?<![\d零〇一二两三四五六七八九十百千万])[百千万](?![\d零〇一二两三四五六七八九十])", "·", normalize(text))
    t = numerals_to_digits(t)
    out = {(re.sub(r"\s", "", m.group(0)).replace("：", ":"), ":") for m in _RATIO.finditer(t)}
    t = _RATIO.sub(" ", t)
    for m in _NUMBER.finditer(t):
        value = float(m.group(1)) * _SCALE.get(m.group(2) or "", 1)
        unit = {"块": "元", "块钱": "元"}.get(m.group(3) or "", m.group(3) or "")
        if unit in _FUNCTION_UNITS and value >= 1900:
            continue
        out.add((str(int(value)) if value.is_integer() else str(value), unit))
    return out


def _same(asked: tuple[str, str], have: tuple[str, str]) -> bool:
    """The figure asked is the one stated: the same value, and the same unit unless none was said (三百五)."""
    return asked[0] == have[0] and (not asked[1] or asked[1] == have[1])


def clause_for(clauses: list[Clause], found: list[set[tuple[str, str]]], question: str) -> tuple[Clause, str] | None:
    """The one clause stating the figure the question asks about, and its sentence; None otherwise."""
    t = normalize(question)
    if not _WHAT.search(t):
        return None
    # a figure worth looking up: a ratio, or 10 and more (一年, 两年, 3个 are everyday words)
    asked = {(v, u) for v, u in figures(question) if u == ":" or float(v) >= 10}
    if not asked:
        return None
    hits = [i for i, have in enumerate(found) if all(any(_same(f, h) for h in have) for f in asked)]
    texts = {clauses[i].text for i in hits}
    if len(texts) != 1:  # none, or two clauses saying different things with that figure
        return None
    clause = clauses[hits[0]]

    def states(piece: str) -> bool:
        return any(_same(f, h) for f in asked for h in figures(piece))

    whole = next((x for x in re.split(r"(?<=[。；;])", clause.text) if states(x)), clause.text)
    if len(whole) <= 90:  # the sentence stating the figure, whole
        return clause, whole.strip()
    parts = re.split(r"(?<=[，,])", whole)  # a long one: the piece with the figure and its neighbours
    at = next((i for i, x in enumerate(parts) if states(x)), 0)
    return clause, "".join(parts[max(0, at - 1) : at + 2]).strip("，, ")
