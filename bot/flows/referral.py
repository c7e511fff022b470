"""Needs outside the employment documents, pointed to whoever handles them (低保 → 民政, 看病报销 → 医保).

Used only when the documents give no answer: a bare "not covered" leaves an old person at a dead end,
while the office to ask is common knowledge every coordinator would give.
"""

from __future__ import annotations

import re

_TOPICS = (
    (re.compile(r"低保|救助|困难补助|特困|五保|生活补助"),
     "低保、救助由民政部门办：先找村委会或乡镇（街道）民政办申请，他们按家里情况审核，我这里判断不了。"),
    (re.compile(r"看病|住院|报销|医保|医疗|大病|药费|慢性病"),
     "看病报销归医保部门管：问县医保局、乡镇卫生院或村委会。"),
    (re.compile(r"(上学|读书|学费|助学|入学|念书)[^。]{0,8}(补助|补贴|资助|减免|钱|费)|(孙子|孙女|孩子|儿子|女儿|娃)[^。]{0,6}(上学|读书|念书)"),
     "孩子上学的补助（助学金、学费减免）问学校或县教育局学生资助中心；就业扶贫文件里只有技工院校的资助，孩子读技校可以问我。"),
    (re.compile(r"借(点|些|一点|一些)?钱|借款|手头紧|放款"),
     "我们不能借钱给个人。扶贫小额信贷问村委会、乡镇或当地农商银行；想创业的，一次性创业扶持补贴可以问我。"),
    (re.compile(r"危房|建房|住房|房子(漏|塌|修)"),
     "住房、危房改造问乡镇或县住建部门。"),
)
NOT_OURS = "这个不在就业扶贫的政策里，我答不了。"
WHAT_I_DO = "找工作、就业补贴、技能培训的事可以问我；要人帮忙回复“人工”。"


def reply(text: str) -> str | None:
    """Where to ask about a need the documents do not cover; None when it is not one we know."""
    hints = [hint for rx, hint in _TOPICS if rx.search(text or "")]
    return f"{NOT_OURS}{''.join(hints[:2])}\n{WHAT_I_DO}" if hints else None
