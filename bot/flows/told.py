"""Registration answers typed as a list: "登记找活 黄秋菊 女 52 平和县建档立卡户 电话139…", "电话136…".

People who know what a registration asks type the answers one after another, bare, in any order.
``bare_answers`` reads the bare ones (a name right after the request, 男/女, an age number) that
``read_fields`` leaves because alone they carry no label; ``only_answers`` tells a message that is
nothing but answers (it is filled in, whatever a classifier makes of "电话…") from one that asks for
something while stating an answer in passing.
"""

from __future__ import annotations

import re
from typing import Any

from bot.flows.answers import VALIDATORS, read_name
from bot.flows.fields import could_be_name, read_fields, without_consent
from core.gazetteer import get_gazetteer
from core.numbers import numerals_to_digits
from core.text import normalize
from matching.certs import CLASS_SAID, HAS_CERT

_REQUEST = re.compile(r"登记|报名|找活|找工|找份|入档|建档(?!立卡)")
_NOT_NAME = re.compile(r"[啥咋都行谁哪么吗呢的了]|[那这]个|最后|第[一二三四五六七八九1-9]|县|市|镇|乡|村|建档|贫困|电话|手机|男|女|岁")
# what is left of a message of bare answers once the answers are taken out: labels and fillers
_LABELS = re.compile(r"(?:我的|俺的|我|俺|他|她)?(?:的)?(?:手机号码|手机号|电话号码|电话|号码|手机|姓名|名字|性别|年龄|今年|周岁|岁"
                     r"|户籍|家住|住在|建档立卡户|建档立卡|贫困户|是|叫|男的|女的|男|女|的|了|吧|哦|啊|呀|嗯|好)")
_COUNTY_SAID = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:县|市|区)")
_PLACE_TAIL = re.compile(r"[\u4e00-\u9fff]{1,4}(?:镇|乡|村|街道)")


def tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,，。;；、]+", normalize(text, keep_space=True)) if t]


def bare_answers(text: str, known: dict[str, Any], *, name_slot: bool = False) -> dict[str, Any]:
    """Gender and age said as bare tokens ("女 52", "男 五十七"), and with ``name_slot`` a name standing
    alone right after the request or first ("我要登记 施美玲 女 29", "郑秀英 女的 三十四岁")."""
    out: dict[str, Any] = {}
    words = tokens(text)
    if name_slot and "name" not in known and words:
        at = next((i + 1 for i, w in enumerate(words[:3]) if _REQUEST.search(w)), 0)  # "那行 我登记一下 张丽娟 …"
        if at + 1 < len(words) and get_gazetteer().find(words[at]):  # "寿宁鳌阳的 缪春燕 28岁": the place first
            at += 1
        if at < len(words):
            word = words[at]
            name, bad = read_name(word)
            if (not bad and not _NOT_NAME.search(word) and get_gazetteer().resolve(word) is None
                    and could_be_name(word)):
                out["name"] = name
    for token in words:
        for field in ("gender", "age"):
            if field in out or field in known or len(token) > 3:
                continue
            value, no = VALIDATORS[field](numerals_to_digits(token))
            if not no and (field != "gender" or token.strip("的性") in ("男", "女")):
                out[field] = value
                break
    return out


def all_told(text: str, known: dict[str, Any], *, name_slot: bool = False) -> dict[str, Any]:
    """Every registration answer a message states, labelled or bare, that is not already known."""
    found = {k: v for k, v in read_fields(text).items() if k not in known}
    found |= {k: v for k, v in bare_answers(text, known | found, name_slot=name_slot).items() if k not in found}
    return found


def _without(text: str, found: dict[str, Any]) -> str:
    """``text`` without the answers found, place names, numbers and labels (spaces kept)."""
    rest = numerals_to_digits(normalize(text, keep_space=True))
    if "sms_ok" in found:
        rest = without_consent(rest)
    for value in found.values():
        if isinstance(value, str) and len(value) >= 2:
            rest = rest.replace(value, "")
    rest = get_gazetteer().without_places(rest) if rest.strip() else rest
    rest = _PLACE_TAIL.sub("", rest)
    rest = re.sub(r"\d+", "", rest)
    return _LABELS.sub("", rest)


_OPENERS = re.compile(r"^(?:你好|您好|在吗)?\s*(?:我|俺)?(?:要|想)?\S{0,3}?(?:登记|报名)\S{0,4}?(?=\s|$)")


_PAY_SAID = re.compile(r"\d{3,}(?:块|元)?(?:以上|左右|起)|\d+[千万](?:块|元)?(?:以上|左右|起)")  # "三千以上": the pay wanted


_PLACE_WISH = re.compile(r"^(?:就|只|想|要|只想|就想|只要)?(?:在|去|到)")  # "就在长汀", "在建瓯做": the place wanted


_ANY_OF = re.compile(r"都行|都可以|也行|都好|都成")  # "福州宁德都行": the places wanted


def leftover(text: str, found: dict[str, Any]) -> str:
    """What a registration message says besides its answers ("要照顾婆婆 只能在家做点手工"): the
    person's own words on the work they can do, kept as the wish; '' when little is left."""
    rest = _OPENERS.sub("", normalize(text, keep_space=True)).strip()
    for value in found.values():
        if isinstance(value, str) and len(value) >= 2:
            rest = rest.replace(value, " ")
    kept = [w for w in re.split(r"[\s,，。]+", rest)
            if (len(re.findall(r"[\u4e00-\u9fff]", _without(w, {}))) >= 3 or _PAY_SAID.search(numerals_to_digits(w))
                or CLASS_SAID.search(w)  # "A2本": a driving licence class
                or HAS_CERT.search(w)  # "开过三年挖机 有证": the licence for the trade beside it
                or ((_PLACE_WISH.match(w) or _ANY_OF.search(w)) and get_gazetteer().find(w)))
            and not re.search(r"短信|发信|电话|手机", w)]
    return " ".join(kept)[:200] if sum(len(w) for w in kept) >= 4 else ""


def only_answers(text: str, known: dict[str, Any], *, name_slot: bool = False) -> dict[str, Any] | None:
    """The answers when a message is nothing else ("电话13600452718", "女 45 平和县的"); None when it
    also says something more (a request, a question, a story)."""
    found = all_told(text, known, name_slot=name_slot)
    if not found or set(found) <= {"skills", "wishes"}:
        return None
    rest = _COUNTY_SAID.sub("", _without(text, found))  # "蒲城县的": a county misspelt is an answer too
    rest = _POLITE.sub("", rest)  # "我叫洪水生 电话… 拜拜": a goodbye does not make it more than answers
    return found if len(re.findall(r"[\u4e00-\u9fffA-Za-z]", rest)) <= 1 else None


_POLITE = re.compile(r"谢谢你?|多谢|谢了|拜拜|再见|好的|麻烦(?:你|您)?了")



def about_writer(text: str, known: dict[str, Any]) -> dict[str, Any]:
    """Registration facts a message states about its writer, when it states at least two (one number
    alone could be anything); none when it speaks of someone else ("我妈今年五十八 …")."""
    from knowledge.message import split_message

    said = all_told(text, known)
    found = {k: v for k, v in said.items() if k not in ("skills", "wishes")}
    # "我家在寿宁": a home county said of oneself is a fact on its own
    home = set(found) == {"county"} and bool(_MY_HOME.search(normalize(text)))
    if (len(found) < 2 and not home) or split_message(text).facts.get("relation", "self") != "self":  # split last
        return {}
    # "我是建瓯的 44岁 男 … 会做岩茶": a trade said beside the facts is kept with them
    return found | ({"skills": said["skills"]} if said.get("skills") and "skills" not in known else {})


_MY_HOME = re.compile(r"^(?:我|俺|阮|涯)(?:家|屋里|厝|户口)?(?:是|在|住)(?:在)?\S{1,6}?(?:的|人|那边|这边)?$")
