"""Plain-Chinese reasons for a match, and the coordinator's note when a person gets nothing."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from core.gazetteer import get_gazetteer
from matching.board import names as board_names
from matching.certs import cert_name
from matching.kinds import get_families
from matching.postings import Posting
from matching.profile import Profile
from matching.rules import failures, full_place
from matching.season import describe as describe_months
from matching.season import soon

_WORKPLACES = ("工地", "工厂", "车间", "厂里", "超市", "餐厅", "饭店", "酒店", "养老院", "幼儿园", "茶园", "果园")
_TEACH = re.compile(r"(零基础|无经验|不需经验|无需经验)?[^，,。；;]{0,4}(包教包会|可学|可培训|师傅带|免费培训|带徒)")
_CLAUSES = re.compile(r"[，,。；;！!\s]")
_VERB = re.compile(r"(会|做|干|在|有|开|带|种|当|养|持|是|以前|曾|跑|从事|懂|学过|给|帮|修|烧|炒|编|绣|采|摘|照顾|看|送|砌|贴|剥|扎|绑|焊|洗|切|搬|卖|打过|搞过)")


_TOLD_DONE = re.compile(r"干过|做过|当过|干了\S{0,2}年|做了\S{0,2}年|^(?:以前|之前|原来|会(?!不会))")  # 会踩针车: a skill
_ASKED_FOR = re.compile(r"^(?:明年|今年|年后|过完年|开春|到时候)?(?:再|还|麻烦)?(?:帮我|给我|替我|帮忙)?(?:看看|找找|查查|问问|看一下|找一下)?(?:有没有|有冇|有无|有啥|有什么)(?=\S{2})")


@lru_cache(maxsize=100_000)
def _clause(text: str, word: str) -> str:
    for c in _CLAUSES.split(text):
        if word in c:
            return re.sub(r"^(我|本人|自己)", "", c)
    return word


def _kind_reason(p: Profile, j: Posting) -> str | None:
    fam = get_families()
    kinds = p.kinds
    common = [k for k in j.kinds if k in kinds]
    done = [k for k in common if k in p.done]
    wished = [k for k in common if k in p.wished]
    if done:
        c = _clause(p.skills, p.done[done[0]])
        return f"您{'' if _VERB.match(c) else '做过'}{c}，岗位是{j.title}"
    if wished:
        word = p.wished[wished[0]]
        c = re.sub(r"(?:也|都|就)(?:行|可以|成|中)$", "", _clause(p.wishes, word))  # 搬运也行 → 您想做搬运
        if _TOLD_DONE.search(c):  # "之前在电子厂干了三年" told among the wishes is experience, not a wish
            return f"您{c}，岗位是{j.title}"
        c = _ASKED_FOR.sub("找", c)  # "有冇笋干厂的活" → 您想找笋干厂的活
        if c == word or get_gazetteer().find(c) or re.search(r"本地|附近|家门口|市里", c):  # 莆田本地进厂 → 您想进厂
            c = word if re.match(r"进|去|开|带|做|干|当|学|种|养|送|跑|看|修|卖|采|摘|找", word) else ("去" if word in _WORKPLACES else "做") + word
        said = c.startswith(('想', '要', '希望', '愿意', '只能', '能', '可以', '会'))  # 只能打字: not "您想只能打字"
        return f"您{'' if said else '想'}{c}，岗位是{j.title}"
    if common:
        return f"岗位是{j.title}，属于{fam.label(common[0])}"
    if p.learn and not p.wished and j.teaches:
        how = _TEACH.search(j.text)
        return f"您想学门手艺，岗位是{j.title}{'，' + how.group(0) if how else '，可以从头学'}"
    if p.generic:
        return f"岗位是{j.title}，不需要专门技术"
    return f"岗位是{j.title}，和您说的“{p.skills or p.wishes}”相近"


def _place_reason(p: Profile, j: Posting) -> str:
    named = p.place_basis == "named" and bool(p.place_names)
    anywhere = p.anywhere and p.place_basis != "mobile"  # "您说哪里都行" only when the person said so
    but = _except(tuple(p.excluded)) if anywhere and p.excluded else ""
    return _place_text(p.here, j.county, j.location, named, anywhere, p.home_bound, but)


# 托底 and 就近就地 work, with where the documents say so.
WELFARE_SOURCE = "公益性岗位托底安置，闽人社文〔2018〕258号 二（一）"
WORKSHOP_SOURCE = "扶贫车间吸纳就近就地务工，闽人社文〔2017〕251号 二（一）11"


def _support_reason(p: Profile, j: Posting) -> str | None:
    """Why a 公益性岗位 / 扶贫车间 of the person's county suits someone tied to home (托底)."""
    if not (j.welfare or j.workshop) or j.county not in (p.county, p.here) or not (p.needs_support or p.home_bound):
        return None
    where = "就在您村附近" if re.search(r"本村|村里|村部|就近安排|在家做|回家做", j.text) else f"就在您所在的{full_place(j.county)}"
    skill = "，不要求技术" if not j.required_certs and not (set(j.kinds) & set(p.kinds)) else ""
    if j.welfare:
        return f"公益性岗位，{where}{skill}（{WELFARE_SOURCE}）"
    return f"扶贫车间，{where}{skill}（{WORKSHOP_SOURCE}）"


@lru_cache(maxsize=5_000)
def _except(codes: tuple[str, ...]) -> str:
    """'厦门市' for all of 厦门's districts, else the county names: what the person ruled out."""
    g = get_gazetteer()
    out, left = [], set(codes)
    for city, name in g.cities.items():
        if (inside := set(g.in_city(city))) <= left:
            out.append(name)
            left -= inside
    return "、".join(out + [g.counties[c].name for c in sorted(left) if c in g.counties])


@lru_cache(maxsize=50_000)
def _place_text(
    home: str | None, county: str | None, location: str, named: bool, anywhere: bool, home_bound: bool, but: str = ""
) -> str:
    where = full_place(county, location) or location or "外地"
    if county and county == home:
        return f"岗位就在您所在的{where}" + ("，方便照顾家里" if home_bound else "")
    if named:
        return f"岗位在{where}（您想去的地方）"
    if anywhere:
        return f"岗位在{where}（您说{'除了' + but if but else ''}哪里都行）"
    km = get_gazetteer().distance_km(home, county) if home and county else None
    return f"岗位在{where}，离家约{round(km)}公里" if km else f"岗位在{where}"


_UNIT_WORDS = {"hour": "时薪", "week": "周薪", "year": "年薪"}


@lru_cache(maxsize=50_000)
def _pay_text(
    lo: int | None, hi: int | None, unit: str, month_lo: int | None, month_hi: int | None, wish: int | None, said: str = ""
) -> str | None:
    if lo is None and hi is None:
        return None
    span = f"{lo}-{hi}" if lo and hi and lo != hi else f"{lo or hi}"
    month = f"{month_lo}-{month_hi}" if month_lo and month_hi and month_lo != month_hi else f"{month_lo or month_hi}"
    if unit == "day":
        text = f"日薪{span}元（按每月26天约合{month}元）"
    elif unit in _UNIT_WORDS:
        text = f"{_UNIT_WORDS[unit]}{span}元（约合每月{month}元）"
    else:
        text = f"月薪{span}元"
    if wish and _BY_DAY.search(said):  # 一天两百: said by the day, so answered in the person's words
        # the minimum read from a bare figure is 90 % of it: below the figure itself is near it, not at it
        at = (month_hi or month_lo or 0) * 0.9 >= wish or re.search(r"以上|起|至少|最少|最低|不低于|就行|也行|都行", said)
        return text + f"，{'符合' if at else '接近'}您说的“{said}”"
    return text + f"，不低于您期望的{wish}元" if wish else text


_BY_DAY = re.compile(r"天|日|小时|时薪|周")


def match_reasons(p: Profile, j: Posting) -> list[str]:
    """Why this posting suits this person, in words a labourer understands."""
    support = _support_reason(p, j)
    common = set(j.kinds) & set(p.kinds)
    out = [r for r in ((support,) if support and not common else (_kind_reason(p, j), support)) if r]
    if j.required_certs:
        out.append(f"岗位要求{'、'.join(cert_name(c) for c in j.required_certs)}，您有")
    out.append(_place_reason(p, j))
    if pay := _pay_text(*j.pay_raw, j.pay_unit, j.pay_min, j.pay_max, p.min_pay, p.pay_text):
        out.append(pay)
    if j.local_only and j.poor_only:
        out.append(f"{j.tags[0] if j.tags else '该岗位'}，专门留给本县建档立卡贫困人口")
    elif "扶贫车间" in j.tags and not support:
        out.append("扶贫车间岗位")
    if p.home_work and j.helps_home and "在家" in j.text:
        out.append("可以在家做")
    if (p.wants_board or p.meals_needed) and j.board:
        out.append(board_names(j.meals) or "包吃住")
    if j.months:  # 采茶 in April: the person must know when
        out.append(f"{describe_months(frozenset(j.months))}的季节活")
    return out


def _who(p: Profile) -> str:
    fam = get_families()
    bits = [fam.label(k) for k in p.kinds][:2]
    bits += [cert_name(c) for c in p.certs if c not in ("C2", "B1")][:1]
    return "、".join(bits)


def _off_season(p: Profile, j: Posting, today: date) -> list[str]:
    if j.months and not soon(j.months, today.month) and not set(p.free_months) & set(j.months) and not set(p.wished) & set(j.kinds):
        return [f"岗位在{describe_months(frozenset(j.months))}，现在还没到季节"]
    return []


def silence_note(p: Profile, near: list[Posting], today: date, *, in_season: bool = False) -> str:
    """Why nothing is pushed, for the coordinator: from the rule failures of the nearest postings
    (and, for pushes now, seasons months away)."""
    if not p.seeking:
        return "本人已就业，暂不推送" if p.status == "employed" else "本人暂不找工作"
    want = "、".join(dict.fromkeys(p.place_names)) if not p.anywhere else "各地"  # a county said twice is one
    # "大专计算机": no job family, but not "no skill" either — the person's own words then
    who = _who(p) or (f"自述“{p.skills[:16]}”" if p.skills.strip() else "未写技能特长")
    if not near:
        return f"{want}目前没有与本人（{who}）相符的岗位"
    # nearest = breaks the fewest rules (the input is already ordered by relevance)
    ranked = sorted(((failures(p, j, today) + (_off_season(p, j, today) if in_season else []), k, j)
                     for k, j in enumerate(near)), key=lambda t: (len(t[0]), t[1]))
    parts = []
    for why, _, j in ranked[:2]:
        why = why or ["与本人的技能和意愿相关度不够"]
        parts.append(f"「{j.title}」（{full_place(j.county, j.location) or j.location}）：{'；'.join(why)}")
    return f"{want}目前没有合适岗位（本人：{who}）；最接近的是" + "；".join(parts)
