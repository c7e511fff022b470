"""Whether a posting suits what the person says of themselves: free hours ("四点半要去接孩子") or age ("我46了 他们要吗")."""

from __future__ import annotations

import re

from bot.backends import PostingView
from core.numbers import numerals_to_digits

_FITS_ASKED = re.compile(r"行不行|可以吗|可不可以|能行吗|行吗|来得及|赶得上|能不能|中不中|成不成|咋办|怎么办"
                         r"|(?:做得|行|可以|来得及|赶得上)(?:冇|无|毋)")  # Hakka 做得冇, Minnan 会使无


def hours_fit(view: PostingView, text: str) -> str:
    """Whether the posting's hours suit the hours the person says they have; '' when none are said."""
    from matching.hours import clashes, describe, flexible_words, free_hours, posting_hours

    free = free_hours(text)
    if free == (None, None) or not _FITS_ASKED.search(text):
        return ""
    flexible = flexible_words(view.text)
    if flexible:
        return f"岗位写了“{flexible}”，时间可以跟招聘方商量好（{view.apply}），或回复“人工”请工作人员帮您问。"
    hours = posting_hours(view.text)
    if hours == (None, None):
        return f"岗位信息里没有写上下班时间，{ask_employer(view)}"
    if clashes(free, hours):
        return f"岗位上班时间{describe(hours)}，您{describe(free)}有空，时间对不上；回复“找工作”看别的岗位。"
    return f"岗位上班时间{describe(hours)}，在您{describe(free)}有空的时间里，对得上。"



def ask_employer(view: PostingView) -> str:
    """Where to ask what a posting does not say."""
    return f"可以问问招聘方（{view.apply}），或回复“人工”请工作人员帮您问。"

# two digits standing alone: "转了他300了" holds no age
_OWN_AGE = re.compile(r"(?:我|俺|阮|涯|𠊎|他|她|今年|都)\S{0,3}?(?<!\d)(\d{2})\s*(?:岁|周岁|了)")
_LIMIT = re.compile(r"年龄\S{0,3}?(\d{2})\s*[-—~到至]\s*(\d{2})\s*(?:周)?岁|年龄\S{0,4}?(\d{2})\s*(?:周)?岁以下")


_SOMEONE = re.compile(r"有个|有人|老人家|他(?!们)|她(?!们)|我(?:爸|妈|爹|娘|老公|老婆)|俺(?:爸|妈|爹|娘)")


def age_limit(view: PostingView) -> tuple[int, int] | None:
    """The posting's age range ("年龄要求18-50岁", "年龄55岁以下" from 16); None when it states none."""
    limit = _LIMIT.search(view.text)
    if not limit:
        return None
    return (int(limit.group(1)), int(limit.group(2))) if limit.group(1) else (16, int(limit.group(3)))


def age_fit(view: PostingView, text: str) -> str:
    """"我46了 他们要吗": the age told against the posting's limit; '' when no age or no limit is said."""
    own = _OWN_AGE.search(numerals_to_digits(text))
    limit = age_limit(view)
    if not own or not limit:
        return ""
    age = int(own.group(1))
    lo, hi = limit
    who = "" if _SOMEONE.search(text) else "您"  # "有个老人家都六十七了": someone else's age
    if lo <= age <= hi:
        return f"【{view.title}】年龄要求{lo}-{hi}岁，{who}{age}岁，符合。"
    return (f"【{view.title}】年龄要求{lo}-{hi}岁，{who}{age}岁，{'超过了' if age > hi else '还不到'}，一般不会要。"
            + ("回复“找工作”看适合您年龄的岗位。" if who else ""))


# "我户口就在宁化 建档立卡户 能报冇", "我这样的能去不": whether the person meets what the posting asks
ELIGIBLE_ASKED = re.compile(r"能报|能不能报|可以报|报得了|报得上|要不要我|要我(?:吗|不|冇|无|么)|收不收|收我|符合|够条件|够格|合格"
                            r"|证\S{0,8}(?:能干|能去|能做|行不行|可以吗)"  # "就是没有月嫂证 能干不"
                            # "能做/能去" ask the conditions only beside a fact they turn on (户口, 建档立卡, age)
                            r"|(?:户口|户籍|建档立卡|贫困户|\d{2}岁|岁数)\S{0,12}(?:能去|能做|能干|做得|干得)(?!到)")
_LOCAL_ONLY = re.compile(r"限本县|本县户籍|本地户籍|限本地|本县建档立卡|本村")
_POOR_ONLY = re.compile(r"建档立卡|贫困人口|贫困户|贫困劳动力")
_ANY_PLACE = re.compile(r"不限户籍|户籍不限|外地\S{0,2}(?:可|也|均)|欢迎周边")


# "须持低压电工证", "须持母婴护理证（月嫂证）和健康证": a certificate the posting requires (优先 is no requirement)
_CERT_NEEDED = re.compile(r"(?:须|需|必须|要求)(?:持有?|有|具备)?(?:有效)?([\u4e00-\u9fff（）()]{1,12}?证)(?:（([\u4e00-\u9fff]{1,6}证)）)?(?:和([\u4e00-\u9fff]{1,6}证))?")
_NO_CERT = re.compile(r"(?:没有?|无|冇|未|没考|还没)\S{0,3}证|(?:证|证书)\S{0,2}(?:没有|没考|还没)")


def eligible(view: PostingView, facts: dict[str, object], said: str = "") -> str:
    """The posting's stated conditions (age, gender, 户籍, 建档立卡, a certificate) checked one by one against
    what the person has told (``said``: the message, for "就是没有月嫂证"); '' when the posting states none."""
    from core.gazetteer import get_gazetteer

    checks: list[tuple[str, bool | None]] = []
    needed = _CERT_NEEDED.search(view.text)
    if needed and _NO_CERT.search(said):  # "没考证 能去吗" of a posting that requires one
        names = [n for n in needed.groups() if n]
        checks.append((f"须持{'、'.join(dict.fromkeys(names))}（您说还没有）", False))
    limit = age_limit(view)
    age = facts.get("age")
    if limit:
        lo, hi = limit
        ok = lo <= age <= hi if isinstance(age, int) else None
        checks.append((f"年龄{lo}-{hi}岁" + (f"（您{age}岁）" if isinstance(age, int) else ""), ok))
    sex = re.search(r"限([男女])性", view.text)
    if sex:
        gender = facts.get("gender")
        checks.append((f"限{sex.group(1)}性", gender == sex.group(1) if gender in ("男", "女") else None))
    if _LOCAL_ONLY.search(view.text) and view.county:
        home = facts.get("county")
        gaz = get_gazetteer()
        where = gaz.get(str(view.county))
        name = where.short if where else "本县"
        told = gaz.get(str(home)) if home else None
        checks.append((f"限{name}户籍" + (f"（您是{told.short}的）" if told else ""), home == view.county if home else None))
    elif _ANY_PLACE.search(view.text):
        checks.append(("不限户籍", True))
    if _POOR_ONLY.search(view.text) and re.search(r"限\S{0,4}(?:建档立卡|贫困)", view.text):
        poor = facts.get("poor", facts.get("poverty_registered"))
        checks.append(("限建档立卡贫困人口", bool(poor) if poor is not None else None))
    if not checks:
        return ""
    said = "；".join(f"{c}：{'符合' if ok else '不符合' if ok is False else '要看您的情况'}" for c, ok in checks)
    if any(ok is False for _, ok in checks):
        end = "条件对不上，一般不会要；回复“找工作”看别的岗位，或回复“人工”请工作人员帮您问。"
    elif all(ok for _, ok in checks):
        end = "写明的条件您都符合，想报名回复“报名”。"
    else:
        end = "其余条件您符合的话就可以报，想报名回复“报名”。"
    return f"【{view.title}】岗位写的条件：{said}。{end}"
