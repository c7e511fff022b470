"""Understanding postings: requirements in the text, limits, pay per month, place and tags.

- ``须持/需持/持/要求/必须有 …证`` (or a licence class such as 持C1驾照三年以上) is a hard requirement;
  ``…证优先`` is only a preference. 持证上岗 without a name means the licence of the trade named.
  A 健康证 is a preference (anyone hired gets one after a check-up), unless the posting needs it held
  before starting (上岗前必须已有健康证): then it rules out people who say they have none.
- Day pay is normalised to month × 26 working days, hour pay × 8 × 26.
- ``限本县/限本地 … 建档立卡`` on a 公益性岗位 makes it local-only for registered poor people of its county.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from core.gazetteer import get_gazetteer
from core.numbers import numerals_to_digits
from core.text import normalize
from matching.board import offered as meals_offered
from matching.certs import ALL_CODES, find_certs, lowest_licence
from matching.hours import posting_hours
from matching.insurance import small_employer, without_insurance
from matching.kinds import get_families
from matching.othercerts import required as other_required
from matching.pay import WEEKS_PER_MONTH, stated_base
from matching.profile import DAYS_PER_MONTH, gender_of
from matching.schooling import posting_floor
from matching.season import long_term, posting_months
from matching.shifts import needs_nights, posting_rest, spare_ok
from matching.similar import similar_kinds
from matching.strain import needs as strain_needs

SOFT_CERTS = ("health",)
HELP_TAGS = ("扶贫车间", "公益性岗位", "就业扶贫基地")
_CLAUSE = re.compile(r"[，,。；;！!\n]")
_HARD = re.compile(r"须|需|必须|必备|必需|要求|持|具备|具有|取得|凭|要有|有.{0,6}证|勿扰|免谈|不招|不要|不收|不考虑")
_LOCAL_ONLY = re.compile(r"(限|仅限|只招|仅招|面向|招收)(本县|本地|本乡|本镇|本村|本区|本市|当地|辖区)")
_POOR_ONLY = re.compile(r"建档立卡|贫困(人口|户|劳动力)")
_AGE_RANGE = re.compile(r"(\d{2})\s*[-~到至]\s*(\d{2})\s*(周)?岁")
_AGE_MAX = re.compile(r"(\d{2})\s*(周)?岁(以下|以内)|年龄不(超过|大于)\s*(\d{2})")
_GENDER = re.compile(r"(限|仅限|只招|只要|要求|招|(?:招聘|招工|招收)?对象[:：]?)(男性|女性|男士|女士|男工|女工|男|女)(?!女|男)(优先)?")
# one of several positions in a posting ("一、电焊工2名：", "装配工5名：")
_POSITION = re.compile(r"[\u4e00-\u9fff]{2,8}\d+\s*名")
# money asked of the worker (学费2800元, 先交押金, 收取培训费): a course or a lure, never pushed as work
_CHARGES = re.compile(r"(?:学费|培训费|报名费|押金|保证金|服装费|资料费|介绍费|中介费)\S{0,3}?\d{2,5}\s*(?:元|块)"
                      r"|(?:收取?|缴纳|先交|需交|须交|要交)\S{0,4}(?:学费|培训费|报名费|押金|保证金|介绍费|中介费)")
_NO_CHARGE = re.compile(r"(?:不收|无|免|不需|不用|无需|不交|退还|全额返还)\S{0,2}(?:学费|培训费|报名费|押金|保证金|任何费用|费用)")
# "不要求电工证", "无需持证": the certificate named is not needed
_NOT_NEEDED = re.compile(r"(?:不要求|不需要?|无需|不用|不必|免)\S{0,2}(?:持有?|有)?\S{0,8}证")
_HOME = re.compile(r"可在家做|在家做|居家|拿回家做|带回家|领料回家|回家做|领回家|在家(里)?(做|干|完成)")
_VILLAGE = re.compile(r"本村|村部|村里|就近安排|在村")
# 上岗前必须已有健康证: the one case a 健康证 is needed before starting (入职后办 is the usual)
_HEALTH_FIRST = re.compile(r"(必须|须|需)(已|已经)?(有|持|持有|办好|具备)(有效)?健康证|(已|已经)(有|持有|办好)健康证|健康证.{0,4}(上岗前|入职前)")
# Work done online from home (居家办公): no place to travel to, so every place's people may take it.
_REMOTE = re.compile(r"居家办公|远程办公|在家办公|远程工作|线上办公|网上办公|在家(就能|即可|就可以)(做|办公|上班)")
# Experience required, not merely preferred (熟手, 需有一年以上经验): no work for a newcomer
_SKILLED_ONLY = re.compile(r"熟手|熟练工|(需|须|要求|必须)(有)?[^，,。；;]{0,8}经验|\d+年以上[^，,。；;]{0,6}经验(?!优先|者优先)|有经验者(?!优先)")
# A helper's title (厨房帮工, 建筑小工, 普工): the trade's newcomer work, whatever the trade
_HELPER = re.compile(r"帮工|小工|杂工|普工|帮厨|打杂|辅工")
_NO_SKILL = re.compile(r"不(?:需|需要|要|要求|用)(?:任何)?(?:工作|相关)?经验|无需经验|无经验|没经验也?(?:可|行|能)|零基础|可培训|免费培训|包教|不需要技术|新手")
CLOSED = ("closed", "filled", "expired", "paused", "已关闭", "已招满", "已过期", "暂停")


@dataclass
class Posting:
    """A job posting read for matching; pay is monthly yuan."""

    posting_id: str
    title: str = ""
    employer: str = ""
    location: str = ""
    county: str | None = None
    city: str | None = None
    pay_min: int | None = None
    pay_max: int | None = None
    pay_unit: str = "month"
    pay_raw: tuple[int | None, int | None] = (None, None)  # as posted, for reasons
    base_pay: int | None = None  # 底薪 stated in the text, monthly
    long_term: bool = False  # wants someone for a year or more (须签一年合同, 长期住家)
    no_insurance: bool = False  # says it pays no social insurance (不缴社保)
    small: bool = False  # a small or one-person employer (个体工商户, 家庭作坊)
    charges: bool = False  # asks the worker for money (学费2800元, 先交押金): never pushed
    age_min: int | None = None
    age_max: int | None = None
    gender: str | None = None  # 男 / 女 / None = any
    required_certs: list[str] = field(default_factory=list)
    preferred_certs: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)  # family → word
    tags: list[str] = field(default_factory=list)
    local_only: str | None = None  # county code whose people only may take it
    poor_only: bool = False
    helps_home: bool = False  # 扶贫车间 / 公益性岗位 / work done at home
    welfare: bool = False  # 公益性岗位: 托底 for people who cannot find work on the market (258号 二（一）)
    workshop: bool = False  # 扶贫车间 / 就业扶贫基地: work near home (251号 二（一）11)
    meals: int = 0  # matching.board bits: FOOD | LODGING
    remote: bool = False  # done online from home (居家办公): no place rule
    months: list[int] = field(default_factory=list)  # a seasonal posting's months (9月至11月); empty: any
    nights: bool = False  # needs night or rotating shifts (夜班, 两班倒, 需能适应倒班)
    spare_ok: bool = False  # can be done at weekends or part-time (周末, 兼职, 时间自由, 领料回家)
    rest: int = -1  # days off a month it states (双休 8, 做六休一 4, 月休2天 2); -1: not said
    strain: int = 0  # matching.strain bits the work needs: climbing (巡山), carrying (体力活, 搬运)
    hours: tuple[int | None, int | None] = (None, None)  # the work day in minutes after midnight (matching.hours)
    other_certs: list[str] = field(default_factory=list)  # required certificates the licence list does not know
    at_home: bool = False  # the work can be done at home (领料回家)
    village: bool = False  # placed in the village (本村, 村部, 就近安排) or at home
    health_first: bool = False  # a 健康证 must be held before starting
    school_min: int | None = None  # least schooling asked for (matching.schooling levels)
    no_skill: bool = False  # says no experience needed / training given
    skilled_only: bool = False  # says experience is required (熟手): no work for a newcomer
    is_open: bool = True
    expires: str | None = None  # ISO date
    headcount_left: int | None = None
    posted: str | None = None  # ISO date
    text: str = ""  # title + description, normalised

    @property
    def board(self) -> bool:
        """Meals or lodging offered."""
        return bool(self.meals)

    @property
    def teaches(self) -> bool:
        """Teaches a trade from nothing (烘焙学徒，零基础包教包会): what someone who wants to learn one wants."""
        fam = get_families()
        return self.no_skill and ("学徒" in self.title or any(fam.by_id[k].skilled for k in self.kinds if k in fam.by_id))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Posting:
        names = {f.name for f in fields(cls)}
        out = cls(**{k: v for k, v in d.items() if k in names})
        out.pay_raw = tuple(out.pay_raw)  # type: ignore[assignment]
        return out


def to_month(value: float | None, unit: str | None) -> int | None:
    """Pay per month: day × 26, hour × 8 × 26, week × 4.33, year / 12."""
    if value in (None, ""):
        return None
    v = float(value)  # type: ignore[arg-type]
    unit = (unit or "month").lower()
    if unit in ("day", "日", "天"):
        v *= DAYS_PER_MONTH
    elif unit in ("hour", "小时", "时"):
        v *= 8 * DAYS_PER_MONTH
    elif unit in ("year", "年"):
        v /= 12
    elif unit in ("week", "周"):
        v *= WEEKS_PER_MONTH
    return int(round(v))


# "公司出钱送去驾校考B2 … 无驾照也可": a licence the job gets you is no requirement to start
_EARNED = re.compile(r"(?:无|没有?|不需|不用|不要)(?:驾照|驾驶证|证书?)(?:也可|也行|也能|可以|亦可|可)|包考|包拿证|带证上岗"
                     r"|(?:送|带)\S{0,4}考|(?:没有?|无)证的?\S{0,4}(?:公司|单位|厂里)\S{0,4}考|出钱\S{0,6}考|(?:报销|承担|出)\S{0,4}(?:驾校|考证|学车)\S{0,2}(?:费|学费)?|免费(?:考|学车|培训考证)")
_ANY_CERT_WORD = re.compile(r"持证上岗|持证|有证|证件齐全|证书齐全|无证(勿扰|免谈|不要|不招|不收|不考虑)")


def parse_requirements(text: str, title: str = "") -> tuple[list[str], list[str]]:
    """(required, preferred) certificate codes in a posting's text."""
    required: list[str] = []
    preferred: list[str] = []
    fam = get_families()
    if not find_certs(text) and not _ANY_CERT_WORD.search(text):
        return required, preferred  # most postings name no licence: one look at the whole text
    for clause in (c for c in _CLAUSE.split(text) if c):
        certs = lowest_licence(find_certs(clause))
        if not certs and _ANY_CERT_WORD.search(clause):
            kinds = {**fam.scan(title), **fam.scan(clause)}
            certs = [c for c in (fam.by_id[k].cert for k in kinds) if c]
        if not certs or _NOT_NEEDED.search(clause):
            continue
        licence = any(c[0] in "ABC" and c[1:].isdigit() for c in certs)
        soft = "优先" in clause or bool(_EARNED.search(text)) or not (_HARD.search(clause) or licence)
        target = preferred if soft else required
        target.extend(c for c in certs if c not in target)
    # A 健康证 is had for the asking after hiring (a day's check-up): never a reason to withhold a push.
    preferred += [c for c in required if c in SOFT_CERTS and c not in preferred]
    required = [c for c in required if c not in SOFT_CERTS]
    return required, [c for c in preferred if c not in required]


def _date(v: Any) -> str | None:
    if v in (None, ""):
        return None
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    s = str(v)[:10]
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        return None


def _int(v: Any) -> int | None:
    try:
        return None if v in (None, "") else int(v)
    except (TypeError, ValueError):
        return None


def _first(rec: dict[str, Any], *keys: str) -> Any:
    """The first of ``keys`` present and not blank (0 is a value: a headcount of 0 is full)."""
    return next((rec[k] for k in keys if rec.get(k) not in (None, "")), None)


def _truthy(v: Any) -> bool:
    return v is True or (isinstance(v, int | float) and v != 0) or str(v).strip().lower() in ("true", "1", "是", "yes", "y")


def _structured_certs(value: Any) -> list[str]:
    """Licence codes from a required_certificates field: codes (forklift, B2) or names (低压电工作业证)."""
    if not value:
        return []
    items = re.split(r"[|,，、;；/\s]+", value) if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in (str(i).strip() for i in items):
        codes = [item] if item in ALL_CODES else lowest_licence(find_certs(normalize(item)))
        out.extend(c for c in codes if c not in out)
    return out


@dataclass(frozen=True)
class _TextReading:
    """What a posting's title, description and tags say, read once per distinct text."""

    title: str
    desc: str
    text: str
    tags: tuple[str, ...]
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    ages: tuple[int | None, int | None]
    gender: str | None
    kinds: tuple[tuple[str, str], ...]
    local: bool
    poor: bool
    flags: tuple[bool, ...]  # helps_home, welfare, workshop, at_home, village, health_first, no_skill, skilled_only
    school_min: int | None
    meals: int
    remote: bool
    months: tuple[int, ...]
    nights: bool
    spare_ok: bool
    strain: int
    other_certs: tuple[str, ...]
    hours: tuple[int | None, int | None]
    charges: bool
    rest: int


@lru_cache(maxsize=100_000)
def _read_text(title_raw: str, desc_raw: str, tags_raw: tuple[str, ...]) -> _TextReading:
    """The text half of ``parse_posting``: the same texts recur (one employer, many places), read once."""
    title, desc = normalize(title_raw), normalize(desc_raw)
    text = f"{title}；{desc}"
    tags = [normalize(t) for t in tags_raw]
    tags += [t for t in HELP_TAGS if t in text and t not in tags]
    required, preferred = parse_requirements(desc, title)
    age_min = age_max = None
    aged = numerals_to_digits(desc)  # a village notice: "五十五岁以下的来"
    if m := _AGE_RANGE.search(aged):
        age_min, age_max = int(m.group(1)), int(m.group(2))
    elif m := _AGE_MAX.search(aged):
        age_max = int(m.group(1) or m.group(5))
    gender = m.group(2)[0] if (m := _GENDER.search(desc)) and not m.group(3) else None
    if len(_POSITION.findall(desc)) >= 2:  # "电焊工2名…；食堂帮厨1名：限女性": one position's limit, not the posting's
        gender = None
    at_home = bool(_HOME.search(text)) or any(_HOME.search(t) for t in tags)
    meals = meals_offered(text, tuple(tags))
    flags = (
        any(t in tags for t in HELP_TAGS) or bool(_HOME.search(text)),
        "公益性岗位" in tags,
        "扶贫车间" in tags or "就业扶贫基地" in tags,
        at_home,
        at_home or bool(_VILLAGE.search(text)),
        bool(_HEALTH_FIRST.search(desc)) and not re.search(r"入职后|上岗后|可代办|统一办", desc),
        bool(_NO_SKILL.search(text)) or bool(_HELPER.search(title)),
        bool(_SKILLED_ONLY.search(text)) and not _NO_SKILL.search(text),
    )
    # a trade the lists miss: by vectors, from the title, else the whole text (鱼塘清塘工: 有养鱼经验)
    kinds = get_families().scan(text) or dict(similar_kinds(title)) or dict(similar_kinds(text))
    return _TextReading(
        title, desc, text, tuple(tags), tuple(required), tuple(preferred), (age_min, age_max), gender,
        tuple(kinds.items()), bool(_LOCAL_ONLY.search(text)), bool(_POOR_ONLY.search(text)), flags, posting_floor(desc),
        meals, bool(_REMOTE.search(text)), tuple(sorted(posting_months(text, "季节性" in tags))),
        needs_nights(text, tuple(tags)), spare_ok(text), strain_needs(text), other_required(text), posting_hours(text),
        charges(desc), posting_rest(text),
    )


def charges(text: str) -> bool:
    """Whether a posting asks the worker for money in some clause that does not also waive it."""
    return any(_CHARGES.search(c) and not _NO_CHARGE.search(c) for c in re.split(r"[，,。；;！!\n]", text or ""))


@lru_cache(maxsize=20_000)
def _place(county_code: str | None, location: str) -> tuple[str | None, str | None, str]:
    g = get_gazetteer()
    county = (g.get(county_code) if county_code else None) or g.resolve(location)
    return (county.code if county else None, county.city_code if county else g.resolve_city(location), normalize(location))


def parse_posting(rec: dict[str, Any]) -> Posting:
    """A posting record (JSONL shape of match_dev/jobs.jsonl, extra fields optional) → Posting."""
    t = _read_text(rec.get("title") or "", rec.get("description") or "", tuple(rec.get("tags") or ()))
    county, city, location = _place(rec.get("county_code"), rec.get("location") or "")
    unit = rec.get("salary_unit") or "month"
    required = list(t.required)
    for c in _structured_certs(rec.get("required_certificates") or rec.get("certificates")):
        if c not in required and c not in SOFT_CERTS:
            required.append(c)
    age_min, age_max = _int(rec.get("age_min")), _int(rec.get("age_max"))
    if age_min is None and age_max is None:
        age_min, age_max = t.ages
    local_only = None
    poor_only = False
    if (t.local or _truthy(rec.get("local_only"))) and county is not None:
        local_only = county
        # The programme keeps 公益性岗位 for registered poor people: the flag alone says so for them.
        poor_only = t.poor or "公益性岗位" in t.tags
    status = str(rec.get("status") or "open").lower()
    headcount = _int(_first(rec, "headcount", "vacancies"))
    filled = _int(_first(rec, "filled", "hired")) or 0
    left = _int(rec.get("headcount_left"))
    if left is None and headcount is not None:
        left = headcount - filled
    helps_home, welfare, workshop, at_home, village, health_first, no_skill, skilled_only = t.flags
    return Posting(
        posting_id=str(rec.get("id") or rec.get("posting_id") or ""),
        title=t.title,
        employer=rec.get("employer") or "",
        location=location,
        county=county,
        city=city,
        pay_min=to_month(rec.get("salary_min"), unit),
        pay_max=to_month(rec.get("salary_max") or rec.get("salary_min"), unit),
        pay_unit=unit,
        pay_raw=(_int(rec.get("salary_min")), _int(rec.get("salary_max"))),
        base_pay=stated_base(rec.get("description") or "") if unit == "month" else None,
        age_min=age_min,
        age_max=age_max,
        gender=gender_of(rec.get("gender")) or t.gender,
        required_certs=required,
        preferred_certs=[c for c in t.preferred if c not in required],
        kinds=dict(t.kinds),
        tags=list(t.tags),
        local_only=local_only,
        poor_only=poor_only,
        helps_home=helps_home,
        welfare=welfare,
        workshop=workshop,
        meals=t.meals,
        months=list(t.months),
        long_term=long_term(t.text),
        no_insurance=without_insurance(t.text),
        small=small_employer(rec.get("employer") or "", t.desc),
        charges=t.charges,
        nights=t.nights,
        spare_ok=t.spare_ok or at_home or t.remote,
        rest=t.rest,
        strain=t.strain,
        hours=t.hours,
        other_certs=list(t.other_certs),
        remote=t.remote and not local_only,
        at_home=at_home,
        school_min=t.school_min,
        village=village,
        health_first=health_first,
        no_skill=no_skill,
        skilled_only=skilled_only,
        is_open=status not in CLOSED and rec.get("open", True) is not False,
        expires=_date(rec.get("expires_at") or rec.get("deadline") or rec.get("valid_until")),
        headcount_left=left,
        posted=_date(rec.get("posted_at") or rec.get("created_at") or rec.get("published_at")),
        text=t.text,
    )
