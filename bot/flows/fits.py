"""Whether a posting suits what the person says of themselves: free hours ("四点半要去接孩子") or age ("我46了 他们要吗")."""

from __future__ import annotations

import re

from bot.backends import PostingView
from core.numbers import numerals_to_digits

_FITS_ASKED = re.compile(r"行不行|可以吗|可不可以|能行吗|行吗|来得及|赶得上|能不能|中不中|成不成|咋办|怎么办")


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

_OWN_AGE = re.compile(r"(?:我|俺|阮|涯|𠊎|他|她|今年|都)\S{0,3}?(\d{2})\s*(?:岁|周岁|了)")
_LIMIT = re.compile(r"年龄\S{0,3}?(\d{2})\s*[-—~到至]\s*(\d{2})\s*(?:周)?岁|年龄\S{0,4}?(\d{2})\s*(?:周)?岁以下")


_SOMEONE = re.compile(r"有个|有人|老人家|他(?!们)|她(?!们)|我(?:爸|妈|爹|娘|老公|老婆)|俺(?:爸|妈|爹|娘)")


def age_fit(view: PostingView, text: str) -> str:
    """"我46了 他们要吗": the age told against the posting's limit; '' when no age or no limit is said."""
    own = _OWN_AGE.search(numerals_to_digits(text))
    limit = _LIMIT.search(view.text)
    if not own or not limit:
        return ""
    age = int(own.group(1))
    lo, hi = (int(limit.group(1)), int(limit.group(2))) if limit.group(1) else (16, int(limit.group(3)))
    who = "" if _SOMEONE.search(text) else "您"  # "有个老人家都六十七了": someone else's age
    if lo <= age <= hi:
        return f"【{view.title}】年龄要求{lo}-{hi}岁，{who}{age}岁，符合。"
    return (f"【{view.title}】年龄要求{lo}-{hi}岁，{who}{age}岁，{'超过了' if age > hi else '还不到'}，一般不会要。"
            + ("回复“找工作”看适合您年龄的岗位。" if who else ""))
