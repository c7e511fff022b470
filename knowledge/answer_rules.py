"""The hand-set answer rules of the first answerer, kept as evidence for the learned decision.

``accept`` (does the clause cover enough of the question's informative words?) and the checks that a
"how much" / "how long" question is answered only by a clause stating one now feed the
answer-or-decline model as features (knowledge/features.py); they no longer decide alone.
"""

from __future__ import annotations

import re

from knowledge.index import Hit, PolicyIndex, general_pos
from knowledge.query import MONEY_WORDS, Analysed, TermGroup

MIN_COVERAGE = 0.625  # share of the question's informative (IDF-weighted) words the clause must cover
FULL_COVERAGE = 0.85  # a clause covering this much of the question needs no strength check
MIN_COVERED = 1.6  # and the covered words must weigh at least this much (补贴 alone is not a topic)
# A sum of money (or a share of one); "不低于当地最低工资标准" states a level by reference, which
# answers "生活补贴有多少" — unlike "随最低工资标准提高而逐步提高", which states none.
SUM = re.compile(r"\d+(?:\.\d+)?(?:[-—]\d+)?\s*(?:万元|元|%)|不低于[^，。；]{0,6}最低工资标准")
SPAN = re.compile(r"\d+(?:[-—]\d+)?\s*(?:个)?(?:年|个月|周|天|日)|每(?:半)?(?:年|季度|月)|半年")  # a length of time
SUM_WINDOW = 30  # characters between a quantity and the word saying what it is for
AMOUNT_CUE_SPAN = {"money": SUM, "span": SPAN}


def states_quantity_for(a: Analysed, hit: Hit, quantity: re.Pattern[str]) -> bool:
    """Does the clause state a quantity (a sum, a length of time) next to what the question asks about?

    低保 named in a list of 代缴 groups beside "50%" does not say what 低保 pays; a clause saying
    only that 失业保险待遇 rises with the minimum wage states no sum either.
    """
    topics = [g for g in a.groups if g.required and g.word not in MONEY_WORDS and not g.doc_ref]
    if not topics:
        return True
    for sentence in hit.clause.sentences or [hit.clause.text]:
        found = [m.span() for m in quantity.finditer(sentence)]
        if not found:
            continue
        for g in topics:
            for t in {g.word, *(t for t in (*g.terms, *g.cover) if len(t) >= 2)} - MONEY_WORDS:
                at = sentence.find(t)
                while at >= 0:
                    # A word inside the quantity itself (最低工资 in "不低于…最低工资标准") is what
                    # the level refers to, not what it is paid for.
                    if any(at - SUM_WINDOW <= e and s <= at + len(t) + SUM_WINDOW
                           and not (s <= at and at + len(t) <= e) for s, e in found):
                        return True
                    at = sentence.find(t, at + 1)
    return False


def states_what_is_asked(a: Analysed, hit: Hit) -> bool:
    """A "how much money" or "how long" question is answered only by a clause stating one."""
    if a.asks_money and not states_quantity_for(a, hit, SUM):
        return False
    return not (a.asks_duration and not states_quantity_for(a, hit, SPAN))


_PRICED = re.compile(r"(?:是|有|能|为|大概|一般){0,2}(?:多少|几)")


def priced_word(a: Analysed) -> TermGroup | None:
    """In "扶贫车间工人的最低工资是多少" the noun right before "(是)多少" is what the sum is asked for
    (a verb fragment such as 能补 or a time word such as 当年 is not)."""
    if not a.asks_money:
        return None
    for m in _PRICED.finditer(a.text):
        head = next((g for g in a.groups if g.span[1] == m.start() and g.required and not g.expansion
                     and g.word not in MONEY_WORDS and general_pos(g.word)[:1] == "n"), None)
        if head is not None:
            return head
    return None


def accept(index: PolicyIndex, hit: Hit, a: Analysed | None = None) -> bool:
    """Answer only when the clause covers the question's informative words well enough."""
    strong_enough = hit.strength >= index.min_strength_ or hit.coverage >= FULL_COVERAGE
    covered = (hit.coverage >= MIN_COVERAGE and hit.covered_weight >= MIN_COVERED
               and hit.score >= index.min_score_ and strong_enough)
    if a is None or not covered:
        return covered
    head = priced_word(a)
    if head is not None and not index.covers_word(head, hit.clause):  # a sum for something else
        return False
    return states_what_is_asked(a, hit)
