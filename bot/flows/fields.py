"""Registration answers told in passing: "我叫吴德旺 今年六十岁 就会种地", "手机号码是幺八九 零五九八 七六五四 短信可以发".

People answer several questions at once, or a different one from the one asked, and say numbers
the way voice input writes them. ``read_fields`` picks out what a message states, so the flow
records it and asks only what is still missing.
"""

from __future__ import annotations

import re
from typing import Any

from core.gazetteer import get_gazetteer
from core.numbers import numerals_to_digits, spoken_digits
from core.text import normalize
from knowledge.message import PEOPLE

_PHONE = re.compile(r"1[3-9]\d{9}")
_NAME = re.compile(r"(?:我叫|我是|俺叫|名字(?:是|叫)|姓名(?:是)?|本人|(?:^|(?<=\s))叫)\s*([\u4e00-\u9fff·]{2,4}?)"
                   r"(?=\s|[,，。.!！]|今年|年龄|岁|男|女|家住|住在|电话|手机|$)")
_AGE = re.compile(r"(?:今年|年龄|岁数)?\s*(\d{2})\s*(?:周岁|岁|了)|(?:今年|年龄)\s*(\d{2})")
_MALE = re.compile(r"男的|男性|我是男|俺是男|(?:我|俺)(?:家)?(?:老婆|媳妇)")
_FEMALE = re.compile(r"女的|女性|我是女|俺是女|(?:我|俺)(?:家)?(?:老公|男人|丈夫)")
_SMS_NO = re.compile(r"(?:不要|别|莫|不用|不)\s*(?:给我)?发(?:短信)?|短信\S{0,2}(?:不要|别|不用)")
_SMS_YES = re.compile(r"短信\S{0,3}(?:可以|能|行|同意|发吧|都行)|(?:可以|同意|能)\S{0,2}发短信|同意发")
_SKILLS = re.compile(r"(?:就会|只会|会干|会开|会做|干过|做过|学过)\s*([\u4e00-\u9fff、]{1,12})")
_SKILLS_BEFORE = re.compile(r"(?:^|[\s,，。])(?:我|俺)?([\u4e00-\u9fff、]{2,10}?)(?:都|也)?(?:干过|做过|学过)(?=$|[\s,，。])")
_POOR = re.compile(r"建档立卡|贫困户")


def _could_be_name(word: str) -> bool:
    """"我是贫困户", "我是村干部": one ordinary word of the dictionary is not a name; names are tagged
    as such or split into pieces (林 / 秀英)."""
    import jieba.posseg

    parts = list(jieba.posseg.cut(word))
    return len(parts) > 1 or parts[0].flag.startswith("nr")


def someone_else_before(text: str, at: int) -> bool:
    """A relative or 他/她 named before position ``at``: "我婆婆也想学 她56了" states someone else's age."""
    return bool(PEOPLE.search(text[:at]))


def read_fields(text: str) -> dict[str, Any]:
    """The registration fields a free-text message states (only those it states)."""
    plain = normalize(text, keep_space=True)
    raw = numerals_to_digits(plain)
    out: dict[str, Any] = {}
    phone = _PHONE.search(spoken_digits(plain))
    if phone:
        out["phone"] = phone.group(0)
    name = _NAME.search(raw)
    if name and _could_be_name(name.group(1)):
        out["name"] = name.group(1)
    age = _AGE.search(raw)
    if age and someone_else_before(raw, age.start()):
        age = None
    if age:
        n = age.group(1) or age.group(2)
        value = int(n)
        if 16 <= value <= 65:
            out["age"] = value
    if _MALE.search(raw) and not _FEMALE.search(raw):
        out["gender"] = "男"
    elif _FEMALE.search(raw) and not _MALE.search(raw):
        out["gender"] = "女"
    for kind, code in get_gazetteer().find(raw):
        if kind == "county":
            out["county"] = code
            break
    before = _SKILLS_BEFORE.search(raw)  # "搬运仓库都干过": the work comes before the verb
    skills = _SKILLS.search(raw)
    if before:
        out["skills"] = before.group(1)
    elif skills:
        out["skills"] = skills.group(1)
    if _SMS_NO.search(raw):
        out["sms_ok"] = False
    elif _SMS_YES.search(raw):
        out["sms_ok"] = True
    if _POOR.search(raw) and not re.search(r"不是(?:建档立卡|贫困户)", raw):
        out["poor"] = True
    return out
