"""What an ask wants to know (a sum, a count, a date, a length, an age, a unit, contact details,
materials) and whether a piece of document text states that kind of thing.

"指导目录每年几月份发布 在哪个网站查" asks a date and contact details; the clause on 指导目录 states
neither, so it does not answer although it names the topic. These kinds are evidence for the
learned decider (knowledge/features.py), which weighs them against everything else.
"""

from __future__ import annotations

import re

from knowledge.query import DATE_CUES, DURATION_CUE, MONEY_CUE, UNIT_CUES, UNIT_PATTERN

KINDS = ("money", "count", "date", "span", "age", "ratio", "who", "where", "contact", "materials")
NAMES = {"money": "具体金额", "count": "具体数量", "date": "具体时间", "span": "具体期限", "age": "年龄要求",
         "ratio": "具体比例", "who": "负责单位", "where": "到哪里办理", "contact": "联系电话或网址",
         "materials": "需要哪些材料"}

ASKS: dict[str, re.Pattern[str]] = {
    "money": MONEY_CUE,
    "count": re.compile(r"多少(?:个|名|人|家|场|次|所|岗位|名额|户|期)|几(?:个|名|场|次|家|所|户|期|批)(?!月)|名额|规模"),
    "date": re.compile("|".join(map(re.escape, DATE_CUES)) + r"|几月|哪年|几号|哪一年|年底前|啥时候"),
    "span": re.compile(DURATION_CUE.pattern + r"|几年|多久|多长时间|服务期|期限|几个月"),
    "age": re.compile(r"多大(?:岁数|年纪)?|多少岁|几岁|年龄|岁数|年纪(?:大|多)"),
    "ratio": re.compile(r"比例|百分之|几成|多少%|占多少"),
    "who": re.compile("|".join(map(re.escape, UNIT_CUES)) + "|" + UNIT_PATTERN.pattern),
    "where": re.compile(r"去哪|哪里(?:办|申请|领|报名|弄|交)|在哪(?:里)?(?:办|申请|领|报名)|到哪|找谁|找哪"),
    "contact": re.compile(r"电话|网站|网址|地址|热线|公众号|联系方式|二维码|窗口|几楼|门牌|官网|链接|APP|app"),
    "materials": re.compile(r"材料|证明|手续|流程|步骤|带什么|带啥|表格|申请表|要哪些东西|需要啥东西|证件"),
}
STATES: dict[str, re.Pattern[str]] = {
    "money": re.compile(r"\d+(?:\.\d+)?\s*(?:万元|元)|不低于[^，。；]{0,6}最低工资标准|全额|减免|免费|免学费"),
    "count": re.compile(r"\d+(?:\.\d+)?\s*(?:名|人次|人|个|家|场|次|所|万人|户|期|批|项)|[一二三四五六七八九十]+(?:名|个|家|次|批)"),
    "date": re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}日)?|年底|年内|每年|每半年|每季度|前将|之前|期限"),
    "span": re.compile(r"\d+(?:[-—]\d+)?\s*(?:个)?(?:年|个月|周|天|日)|每(?:半)?(?:年|季度|月)|半年|服务期"),
    "age": re.compile(r"\d+\s*周岁|\d+岁|年龄"),
    "ratio": re.compile(r"\d+(?:\.\d+)?\s*%|百分之|全额|部分或全部"),
    "who": re.compile(r"由[^，。；]{1,20}(?:负责|牵头|组织|承担)|负责|牵头"),
    "where": re.compile(r"由[^，。；]{1,20}(?:负责|给予|发放|组织|办理)|向[^，。；]{1,16}申请|到[^，。；]{1,16}(?:办理|申请|报名)"
                        r"|户籍(?:所在)?地|创业地|所在地|劳动保障事务所|服务平台|公共就业服务机构|就业服务"),
    "contact": re.compile(r"\d{3,4}-\d{7,8}|\d{11}|www\.|http"),
    "materials": re.compile(r"材料|证明|凭[^，。]{1,8}(?:申请|领取)|持[^，。]{1,8}(?:申请|办理)|提交"),
}


def asked(text: str) -> frozenset[str]:
    """Kinds of thing the ask wants to know."""
    return frozenset(k for k, p in ASKS.items() if p.search(text))


def stated(text: str) -> frozenset[str]:
    """Kinds of thing a piece of document text states."""
    return frozenset(k for k, p in STATES.items() if p.search(text))
