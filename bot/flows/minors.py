"""Under-age job seekers ("我16岁 能不能先去打工"): no posting fits them, so the law's limit is said and
technical school offered instead (251号 二（二）9: 单列招生计划、免试入学、减免相关费用 for poor families' children)."""

from __future__ import annotations

import re

from core.numbers import numerals_to_digits
from knowledge.message import read_facts

ADULT = 18
_WORK = re.compile(r"打工|找活|找工作|找个?工作|找事做|上班|干活|做工|赚钱|挣钱|进厂|出去做|出门做|招不招|要不要我")
TOO_YOUNG = ("按国家规定，不满16周岁的不能招用；16、17岁的未成年工不能干重活、夜班和有危险的活，"
             "我们这里的岗位一般要求18周岁以上。\n"
             "建议先读技校学门手艺：技工院校对农村贫困家庭子女有单列招生计划、免试入学、减免相关费用等措施"
             "（闽人社文〔2017〕251号）。想了解技校就问“读技校要交学费吗”，或回复“人工”请工作人员帮您。")


def too_young(text: str) -> bool:
    """The message asks for work for someone it says is under 18."""
    if not _WORK.search(text):
        return False
    age = read_facts(numerals_to_digits(text)).get("age")
    return age is not None and age < ADULT
