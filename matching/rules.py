"""Hard rules: a posting that breaks one is never pushed. Each returns None (pass) or a Chinese reason.

The engine applies the same rules as numpy masks over many pairs (``engine._masks``); these
scalar versions are the reference, explain misses to coordinators, and are what the tests pin.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.gazetteer import get_gazetteer
from matching.board import names as board_names
from matching.certs import cert_name
from matching.hours import clashes, said
from matching.hours import describe as describe_hours
from matching.othercerts import missing as other_missing
from matching.postings import Posting
from matching.profile import Profile
from matching.schooling import NAMES
from matching.season import describe as describe_months
from matching.strain import describe as describe_strain

Rule = Callable[[Profile, Posting, date], str | None]


def place_name(code: str | None) -> str:
    """县 name for people ('屏南县'); empty if unknown."""
    c = get_gazetteer().get(code)
    return c.name if c else ""


def full_place(code: str | None, fallback: str = "") -> str:
    c = get_gazetteer().get(code)
    return c.full_name if c else fallback


def rule_seeking(p: Profile, j: Posting, today: date) -> str | None:
    if p.status == "employed":
        return "本人已就业"
    return None if p.seeking else "本人暂不找工作"


def rule_age(p: Profile, j: Posting, today: date) -> str | None:
    if p.age is None:
        return None
    if j.age_min is not None and p.age < j.age_min:
        return f"岗位要求{j.age_min}岁以上，本人{p.age}岁"
    if j.age_max is not None and p.age > j.age_max:
        return f"岗位限{j.age_max}岁以下，本人{p.age}岁"
    return None


def rule_gender(p: Profile, j: Posting, today: date) -> str | None:
    if j.gender and p.gender and j.gender != p.gender:
        return f"岗位只招{j.gender}性"
    return None


def rule_certs(p: Profile, j: Posting, today: date) -> str | None:
    missing = [cert_name(c) for c in j.required_certs if c not in p.certs]
    missing += [n.replace("|", "或") for n in other_missing(tuple(p.other_certs), j.other_certs)]
    return f"岗位须持{'、'.join(missing)}，本人没有" if missing else None


def rule_place(p: Profile, j: Posting, today: date) -> str | None:
    if j.remote:
        return None  # done online from home: there is nowhere to go
    g = get_gazetteer()
    if j.county in p.excluded or (j.county is None and j.city and _whole_city_out(p, j.city)):
        return f"岗位在{full_place(j.county, j.location) or '外地'}，本人说了不去那里"
    if p.anywhere or (j.county and j.county in p.places):
        return None
    if j.county is None and j.city and any((c := g.get(x)) and c.city_code == j.city for x in p.places):
        return None  # a posting placed only to a city the person accepts part of
    want = "、".join(dict.fromkeys(p.place_names)) or "家附近"
    return f"岗位在{full_place(j.county, j.location) or '外地'}，不在本人想去的地方（{want}）"


def _whole_city_out(p: Profile, city: str) -> bool:
    return bool(p.excluded) and set(get_gazetteer().in_city(city)) <= set(p.excluded)


def rule_local_only(p: Profile, j: Posting, today: date) -> str | None:
    if not j.local_only:
        return None
    if p.county != j.local_only:
        return f"{'、'.join(j.tags[:1]) or '该岗位'}只招{place_name(j.local_only)}本地人"
    if j.poor_only and not p.poverty_registered:
        return "岗位只招本县建档立卡贫困人口"
    return None


def rule_open(p: Profile, j: Posting, today: date) -> str | None:
    if not j.is_open:
        return "岗位已关闭"
    if j.charges:
        return "岗位要求求职者交钱（学费、押金等），不推送"
    if j.expires and j.expires < today.isoformat():
        return f"岗位已于{j.expires}过期"
    if j.headcount_left is not None and j.headcount_left <= 0:
        return "岗位已招满"
    return None


def rule_home_only(p: Profile, j: Posting, today: date) -> str | None:
    if p.home_only and not j.at_home:
        return "本人只能在家里做，岗位要到外面上班"
    return None


def rule_health(p: Profile, j: Posting, today: date) -> str | None:
    if p.no_health and j.health_first:
        return "岗位要求上岗前已有健康证，本人还没办"
    return None


def rule_school(p: Profile, j: Posting, today: date) -> str | None:
    if p.schooling and j.school_min and p.schooling < j.school_min:
        return f"岗位要求{NAMES[j.school_min]}以上学历，本人是{NAMES[p.schooling]}"
    return None


def rule_meals(p: Profile, j: Posting, today: date) -> str | None:
    missing = p.meals_needed & ~j.meals
    return f"本人要{board_names(p.meals_needed)}，岗位不{board_names(missing)}" if missing else None


def rule_season(p: Profile, j: Posting, today: date) -> str | None:
    if p.free_months and j.months and not set(p.free_months) & set(j.months):
        return f"岗位在{describe_months(frozenset(j.months))}，本人那时没空（{describe_months(frozenset(p.free_months))}有空）"
    if j.long_term and p.free_months and len(set(p.free_months)) < 12:
        return f"岗位要长期做，本人只在{describe_months(frozenset(p.free_months))}有空"
    return None


def rule_shift(p: Profile, j: Posting, today: date) -> str | None:
    return "岗位要上夜班或倒班，本人只上白班" if p.day_only and j.nights else None


def rule_spare(p: Profile, j: Posting, today: date) -> str | None:
    return "本人只有周末或零碎时间能做，岗位没写可以周末或兼职做" if p.spare_only and not j.spare_ok else None


def rule_rest(p: Profile, j: Posting, today: date) -> str | None:
    if p.rest_floor and 0 <= j.rest < p.rest_floor:
        return f"岗位每月休{j.rest}天，本人要每月至少休{p.rest_floor}天"
    return None


def rule_strain(p: Profile, j: Posting, today: date) -> str | None:
    both = p.cannot & j.strain
    return f"岗位要{describe_strain(both)}，本人说做不了" if both else None


def rule_hours(p: Profile, j: Posting, today: date) -> str | None:
    if p.free_hours[1] is not None and j.nights:
        return f"岗位要上夜班或倒班，本人{said(p.free_hours[1])}以后没空"
    if clashes(p.free_hours, j.hours):
        return f"岗位上班时间{describe_hours(j.hours)}，本人只有{describe_hours(p.free_hours)}有空"
    return None


def rule_refused(p: Profile, j: Posting, today: date) -> str | None:
    said = [w for k, w in p.refused.items() if k in j.kinds]
    if said and not set(j.kinds) & set(p.own_kinds):
        return f"本人说过不想做这类活（{said[0]}）"
    return None


def rule_pay(p: Profile, j: Posting, today: date) -> str | None:
    if p.min_pay is None or j.pay_max is None:
        return None
    if j.pay_max < p.min_pay:
        return f"工资最高约{j.pay_max}元/月，低于本人期望的{p.min_pay}元"
    if p.base_floor and j.base_pay is not None and j.base_pay < p.min_pay:
        return f"底薪{j.base_pay}元，低于本人要的底薪{p.min_pay}元"
    if p.insurance and j.no_insurance:
        return "岗位不缴社保，本人要有社保"
    if p.big_only and j.small:
        return "招工的是小作坊或个体户，本人只去大厂"
    return None


RULES: tuple[Rule, ...] = (
    rule_seeking,
    rule_open,
    rule_place,
    rule_local_only,
    rule_gender,
    rule_age,
    rule_certs,
    rule_home_only,
    rule_health,
    rule_school,
    rule_meals,
    rule_season,
    rule_shift,
    rule_hours,
    rule_spare,
    rule_rest,
    rule_strain,
    rule_refused,
    rule_pay,
)


def failures(p: Profile, j: Posting, today: date | None = None) -> list[str]:
    """Every hard rule this pair breaks, in the order above; empty means the pair may be pushed."""
    today = today or date.today()
    return [r for rule in RULES if (r := rule(p, j, today))]
