"""Registration answers told in passing: "我叫吴德旺 今年六十岁 就会种地", "手机号码是幺八九 零五九八 七六五四 短信可以发".

People answer several questions at once, or a different one from the one asked, and say numbers
the way voice input writes them. ``read_fields`` picks out what a message states, so the flow
records it and asks only what is still missing.
"""

from __future__ import annotations

import re
from typing import Any

from core.gazetteer import get_gazetteer
from core.numbers import BORN, birth_year, numerals_to_digits, spoken_digits
from core.text import normalize
from core.timeutil import to_china, utcnow
from knowledge.message import PEOPLE, relative_at_start

MIN_AGE, MAX_AGE = 16, 80  # as the registry import: a 66-year-old grandfather is registered, not asked forever
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}")  # not inside an ID or card number
# around a number: it is the old one ("旧的…", "原来的…", "…不用了", "…停了")
_GIVEN_UP = re.compile(r"(?:旧|原来|以前|老)的?(?:号码?|手机|电话)?\S{0,1}#|#\S{0,1}(?:不用|停了|停机|作废|丢了|没用|换掉)")
# "登记：王金水，58岁", "我要报名 黄丽 43岁": the name right after the request counts as said
_NAME = re.compile(r"(?:我叫|我是|俺叫|阮叫|涯叫|名字(?:是|叫)|姓名(?:是)?|本人|(?:^|(?<=\s))叫"
                   r"|^(?:我要|我想|帮我)?(?:登记|报名)(?:一下)?[:：\s])\s*([\u4e00-\u9fff·]{2,4}?)"
                   r"(?=[啦啊呀哦嘞咯喔]?(?:\s|[,，。.!！]|今年|年龄|岁|男|女|查埔|查某|家住|住在|电话|手机|$))")
_FAMILY_NAME = re.compile(r"姓([\u4e00-\u9fff])\S{0,3}?\s*(?:叫)?(\1[\u4e00-\u9fff]{1,2})(?=\s|[,，。]|$)")
_BARE_NAME = re.compile(r"(?:^|(?<=\s))([\u4e00-\u9fff]{2,4})\s*[男女](?:的|性)?(?=\s|\d|$|[，,])")
_AGE = re.compile(r"(?:今年|年龄|岁数)?\s*(\d{2})\s*(?:周岁|岁|了)(?!以上|以下|以内|之前|之后)|(?:今年|年龄|年纪|岁数)\s*(\d{2})(?!\d)")
_MY_AGE = re.compile(r"(?:^|(?<=\s))(?:我|俺|阮|涯|本人)(?:今年)?\s?(\d{2})(?=\s|[，,。]|$)()")
# "六八年生的", "1975年出生", "我七五年的": the birth year, not an age of 68
_AFTER_NAME = re.compile(r"[\s，,]*([男女])(?:的|性)?[\s，,]*(?:(\d{2})(?!\d)(?:周?岁)?)?(?![\u4e00-\u9fff]{0,1}(?:人|子|儿|孩|装|工))")
_AGE_AFTER_NAME = re.compile(r"[\s，,]+(\d{2})(?:周?岁)?(?=[\s，,。]|$)")
# Minnan 查埔/查某 (man/woman); 阮, 涯 (Minnan, Hakka "I"); 屋下, 厝里 (home)
_MALE = re.compile(r"男的|男性|^阿(?:公|伯)(?:我|俺)|(?:我|俺|阮|涯)是男|查埔|查甫|(?:我|俺|阮|涯)(?:家|屋下|厝里)?(?:老婆|媳妇|某)(?!\S?[人的])")
_FEMALE = re.compile(r"女的|女性|^阿(?:婆|嬷|姆)(?:我|俺)|(?:我|俺|阮|涯)是女|查某|查娒|(?:(?:我|俺|阮|涯)(?:家|屋下|厝里)?|(?:屋下|厝里))(?:老公|男人|丈夫|翁)(?!\S?[人的])")
_SMS_NO = re.compile(r"(?:不要|别|莫|不用|不|免)\s*(?:给我)?发(?:短信)?|短信\S{0,2}(?:不要|别|不用|免)")
_SMS_YES = re.compile(r"短信发(?:我|我的|这个|我这个)号|短信\S{0,3}(?:可以|能|行|同意|发吧|都行|会使|做得|发就发|可(?![不否]))|短信发\S{0,4}?(?:就行|就好|吧)|(?:可以|同意|能)\S{0,2}发短信|同意发")
_SMS_SAID = re.compile(rf"(?:{_SMS_NO.pattern}|{_SMS_YES.pattern})(?:短信)?发?[吧啊哈了的]?")


def without_consent(text: str) -> str:
    """``text`` without what it says of SMS ("短信可以发"): an answer to that question, never a skill."""
    return _SMS_SAID.sub("", text)


_SKILLS = re.compile(r"(?:就会|只会|会干|会开|会做|干过|做过|学过)\s*([\u4e00-\u9fff、]{1,12})")
_SKILLS_BEFORE = re.compile(r"(?:^|[\s,，。])(?:我|俺)?([\u4e00-\u9fff、]{2,10}?)(?:都|也)?(?:干过|做过|学过)(?=$|[\s,，。])")
_POOR = re.compile(r"建档立卡|贫困户")
# "想在浦城或者建阳找装修的活", "最好在家门口上班": the work wanted, said in passing
_WISH = re.compile(r"(?:想|希望|打算|最好)(?:在|去|到|找|做|干|进|离)[^，。,.!！?？\s]{0,30}?"
                   r"(?:活|工作|打工|上班|进厂|岗位|近)[^，。,.!！?？\s]{0,15}")


_NOT_A_NAME = re.compile(r"[的了吗呢吧啊呀么嘛我你他她要想找问]|^人|工作|活")  # 叫人打电话: ask someone to  # 报名 好的, 登记 找份工作


_ASKING = re.compile(r"多少|什么|啥|怎么|咋|哪|吗|呢|能不能|有没有|是不是|可不可以|行不行")


def could_be_name(word: str) -> bool:
    """"我是贫困户", "我是村干部": one ordinary word of the dictionary is not a name; names are tagged
    as such or split into pieces (林 / 秀英)."""
    import jieba.posseg

    from bot.flows.reading import is_question

    if _ASKING.search(word) or is_question(word):  # "能给多少钱", "能报冇" at the name question ask something
        return False
    parts = list(jieba.posseg.cut(word))
    if len(parts) == 1:
        return parts[0].flag.startswith("nr")
    # pieces: no numeral or verb phrase first ("一个人", "打字慢" are no names; "我叫郑美华" is read past)
    first = parts[0]
    return not (first.flag.startswith("m") or (len(first.word) >= 2 and first.flag.startswith("v")))


_FOR_SOMEONE = re.compile(r"(?:帮|替|给|代)|(?:再|还要|接着)登记")
AGAIN = re.compile(r"(?:再|还要|接着)登记(?:一下)?")  # "再登记我奶奶": the next relative


def proxy_for(text: str) -> dict[str, str] | None:
    """"我帮我妈登记一下": registration on behalf of a relative — who, and their gender when the word says it."""
    from knowledge.message import split_message

    # "帮我弟问一下 他二十六 …": the one the message opens with is the one registered, whoever else
    # the story names after ("帮我爸登记 … 我是他闺女")
    t = normalize(text)
    again = AGAIN.match(t)  # "再登记我奶奶 张月娇 …": the next relative, as "帮我奶奶登记" would say
    opening = relative_at_start("帮" + t[again.end():] if again else t)
    facts = split_message(text).facts
    relation, gender = opening or (facts.get("relation", "self"), facts.get("gender"))
    if relation == "self" or not _FOR_SOMEONE.search(normalize(text)):
        return None
    return {"relation": relation, **({"gender": gender} if gender else {})}


def as_the_person(text: str) -> str:
    """A proxy's words about the person registered, as if the person said them ("她叫陈秀英 我妈电话是…"
    → "我叫陈秀英 我电话是…"), so the usual reading of names, ages and numbers applies."""
    if re.search(r"(?:他|她)(?:叫|名字叫|的名字是)", text):  # "我叫陈丽华 他叫陈木根": the writer's own name is not his
        text = _WRITER_NAME.sub("", text)
    return PEOPLE.sub("我", text)


_WRITER_NAME = re.compile(r"(?:我|俺)(?:叫|是|的名字是)[\u4e00-\u9fff]{2,4}(?=[\s,，。]|$)")


# How people spell a surname aloud: 双木林, 耳东陈, 弓长张 …
_SURNAME_PARTS = ("双木", "耳东", "弓长", "口天", "立早", "木子", "古月", "草头", "言午", "禾口", "人可", "三横")


def spelled_name(text: str) -> str | None:
    """"林德旺双木林道德的德兴旺的旺…": a name said first and then spelled character by character, as
    voice input writes it; every character of the name must be spelled within the next few words."""
    t = re.sub(r"^(?:我叫|我是|俺叫|名字叫|叫)", "", text.replace(" ", ""))
    for n in (4, 3, 2):
        name, rest = t[:n], t[n:n + 8 * n]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", name):
            continue
        spelled = all(re.search(rf"\S{{1,3}}的{ch}|(?:{'|'.join(_SURNAME_PARTS)}){ch}", rest) for ch in name)
        if spelled and re.match(rf"(?:{'|'.join(_SURNAME_PARTS)})|\S{{1,3}}的", rest):
            return name
    return None


def name_said(text: str) -> str:
    """"林秀瑛王字旁的瑛" → 林秀瑛: a name followed by how one of its characters is written."""
    spelled = spelled_name(text)
    if spelled:
        return spelled
    for n in (3, 2, 4):
        name, rest = text[:n], text[n:]
        if re.fullmatch(r"[\u4e00-\u9fff·]+", name) and re.match(
                r"[\u4e00-\u9fff]{1,3}(?:字旁|字头|字底|字边|旁)(?:的|那个)?(\S)", rest) and rest[-1] in name:
            return name
    return text


def born_age(text: str, year: int | None = None) -> int | None:
    """The age a birth year says ("六八年生的" → 58 in 2026), or None; ``year`` is this year in China."""
    born = birth_year(numerals_to_digits(normalize(text, keep_space=True)))
    if not born or someone_else_before(text, born[1]):
        return None
    age = (year or china_year()) - born[0]
    return age if MIN_AGE <= age <= MAX_AGE else None


def china_year() -> int:
    return to_china(utcnow()).year  # type: ignore[union-attr]  # a datetime in, a datetime out


def someone_else_before(text: str, at: int) -> bool:
    """A relative or 他/她 named before position ``at``: "我婆婆也想学 她56了" states someone else's age."""
    return bool(PEOPLE.search(text[:at]))


# "五十出头", "四十来岁", "五十多了", "六十好几", "快六十了": an age said roughly, read as its likely middle
_ROUGH_AGE = re.compile(r"(?<!\d)([2-9])0\s*(出头|来岁|多岁?|几岁|好几)(?![\d块元万千个天月年号])|快\s*([2-9])0(?![\d块元万千个天月年号])")
_ROUGH = {"出头": 2, "来岁": 0, "多": 5, "多岁": 5, "几岁": 5, "好几": 6}


def rough_age(m: re.Match[str]) -> int:
    if m.group(3):
        return int(m.group(3)) * 10 - 1
    return int(m.group(1)) * 10 + _ROUGH[m.group(2)]


def read_fields(text: str) -> dict[str, Any]:
    """The registration fields a free-text message states (only those it states)."""
    plain = normalize(text, keep_space=True)
    raw = numerals_to_digits(plain)
    out: dict[str, Any] = {}
    spoken = spoken_digits(plain)
    phones = list(_PHONE.finditer(spoken))
    if phones:
        # "旧的13906901234不用了 以后发18250871234": the number kept, not the one given up
        kept = [m for m in phones if not _GIVEN_UP.search(spoken[max(m.start() - 4, 0):m.start()] + "#" + spoken[m.end():m.end() + 5])]
        out["phone"] = (kept or phones)[0].group(0)
    # "我是诏安的 … 叫林志强": the first cue that is followed by a name, not the first cue
    name = next((m for m in _NAME.finditer(raw) if could_be_name(m.group(1)) and not _NOT_A_NAME.search(m.group(1))),
                None)
    bare = None
    if name:
        out["name"] = name.group(1)
    elif spelled := spelled_name(plain):
        out["name"] = spelled
    elif (family := _FAMILY_NAME.search(raw)) is not None:
        out["name"] = family.group(2)  # "涯姓赖 赖桂香": the surname said, then the whole name
    elif (bare := _BARE_NAME.search(raw)) is not None and could_be_name(bare.group(1)) and not _NOT_A_NAME.search(bare.group(1)) \
            and not get_gazetteer().find(bare.group(1)):
        out["name"] = bare.group(1)  # "那我打字 苏金花 女的 56岁": a name standing before the gender
    said_at = name if name and out.get("name") == name.group(1) else bare if out.get("name") and bare else None
    if said_at and (bare_age := _AGE_AFTER_NAME.match(raw, said_at.end(1))) and MIN_AGE <= int(bare_age.group(1)) <= MAX_AGE:
        out["age"] = int(bare_age.group(1))  # "我叫蓝金花 49 霞浦的": a bare number right after the name
    if said_at and (after := _AFTER_NAME.match(raw, said_at.end(1))):
        out["gender"] = after.group(1)  # "我叫许雅琴女三十六晋江…": gender and age right after the name
        if after.group(2) and MIN_AGE <= int(after.group(2)) <= MAX_AGE and not BORN.match(raw, after.start(2)):
            out["age"] = int(after.group(2))
    if "age" not in out and (born := born_age(raw)) is not None:
        out["age"] = born
    age = _AGE.search(raw)
    if "age" in out:
        age = None
    if age and someone_else_before(raw, age.start()):
        age = None
    if age is None and "age" not in out:
        age = _MY_AGE.search(raw)  # "我四十八 她四十六": the bare number after 我 is the writer's age
    if age:
        n = age.group(1) or age.group(2)
        value = int(n) - (1 if raw[max(0, age.start() - 1):age.start()] == "快" else 0)  # "快六十了": 59
        if MIN_AGE <= value <= MAX_AGE:
            out["age"] = value
    if "age" not in out and (rough := _ROUGH_AGE.search(raw)) and not someone_else_before(raw, rough.start()):
        out["age"] = rough_age(rough)  # "年纪嘛五十出头": an age said roughly, when none is said exactly
    if "gender" in out:
        pass
    elif _MALE.search(raw) and not _FEMALE.search(raw):
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
    elif skills:  # "会开挖掘机开了五六年了": the skill, not how long
        out["skills"] = re.sub(r"(?<=.)(?:开|做|干|学|跑)了.*$", "", skills.group(1))
    wish = _WISH.search(plain)
    if wish and len(wish.group(0)) >= 6:  # "想找工作" alone is a request, not a wish to record
        out["wishes"] = wish.group(0)
    if _SMS_NO.search(raw):
        out["sms_ok"] = False
    elif _SMS_YES.search(raw):
        out["sms_ok"] = True
    if _POOR.search(raw) and not re.search(r"不是(?:建档立卡|贫困户)", raw):
        out["poor"] = True
    return out
