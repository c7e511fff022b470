"""Understanding people: skills and wishes free text → a ``Profile`` (places, pay, kinds, licences).

The profile is a plain dataclass, serialisable with ``to_dict``/``from_dict``, because it is stored
and shown to coordinators, who may correct it. Place rules:

- 本地 / 家门口 / 本县 / 老家 / 县城, or a circumstance that ties the person to home
  (要照顾老人/孩子, 家里走不开) with no place named → own county;
- a named county (只能在宁化, 武夷山本地) → that county; a named city (福州, 宁德市里) → the city's counties;
- 附近 after a county → it and its neighbours (county seats within 60 km); after a city → the city;
  on its own → own county, its neighbours and own city;
- 哪里都行 / 外地也行 / 不限 / 都可以 → anywhere;
- 哪里钱多去哪 / 去哪都中 → anywhere, best pay first;
- nothing said and nothing tying the person to home (family, weak body) → the whole province, home
  county first, then home city, then the rest by distance (``mobile``: 转移就业, shown as such).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

from core.gazetteer import get_gazetteer
from matching import situation as said
from matching.board import required as meals_required
from matching.certs import HAS_CERT, held_certs
from matching.hours import free_hours
from matching.insurance import big_only, wants_insurance
from matching.kinds import get_families
from matching.othercerts import held as other_held
from matching.pay import base_floor, parse_min_pay  # noqa: F401  (re-exported)
from matching.places import normalize, parse_places, place_reading  # noqa: F401  (re-exported)
from matching.schooling import SCHOOL_LEAVER, person_level
from matching.season import free_months
from matching.shifts import day_only, rest_floor, spare_only
from matching.similar import kinds_by_vectors
from matching.strain import limits as strain_limits

SEEKING = "seeking"
DAYS_PER_MONTH = 26  # day pay → month: 26 working days, the usual basis in Fujian postings

FARM = frozenset({"farming", "tea_garden", "livestock", "forestry"})  # work a farm household already does
SUPPORT_AGE = 50  # 托底: older people tied to home (issue 14, from 251号/258号's 就业困难 reading)
@dataclass
class Profile:
    """What a labourer can do, wants, and where; the input of the matcher's rules and scores."""

    labourer_id: str
    name: str = ""
    county: str | None = None  # 6-digit code of home county
    city: str | None = None
    age: int | None = None
    gender: str | None = None  # 男 / 女
    status: str = SEEKING
    poverty_registered: bool = False
    places: list[str] = field(default_factory=list)  # acceptable county codes (empty with anywhere)
    anywhere: bool = False
    place_basis: str = "mobile"  # named / local / near / anywhere / mobile (nothing said) / outside (no Fujian place)
    place_reading: str = ""  # the place reading in words, for the coordinator to check and correct
    place_names: list[str] = field(default_factory=list)  # places as the person named them
    min_pay: int | None = None  # monthly yuan
    pay_text: str = ""
    base_floor: bool = False  # the floor is on the 底薪
    insurance: bool = False  # social insurance is a condition (五险一金要有)
    big_only: bool = False  # refuses small or private employers (只进大厂, 小作坊不去)
    wished: dict[str, str] = field(default_factory=dict)  # family → word in the wishes
    done: dict[str, str] = field(default_factory=dict)  # family → word in the skills
    certs: list[str] = field(default_factory=list)  # held, implied licence classes included
    home_bound: bool = False
    wants_board: bool = False
    meals_needed: int = 0  # matching.board bits the person requires (要包吃包住): a hard rule
    refused: dict[str, str] = field(default_factory=dict)  # family → word refused (不想进厂, 工地的活干不了)
    learn: bool = False  # wants to learn a trade: postings that teach one suit
    free_months: list[int] = field(default_factory=list)  # months the person is free (冬天到开春才有空); empty: any
    day_only: bool = False  # days only (只上白班, 不能倒班, 不跑夜车): no night or rotating shifts
    spare_only: bool = False  # weekends or part-time only (礼拜六礼拜日有闲, 只能做兼职)
    rest_floor: int = 0  # fewest days off a month accepted (要做六休一或者双休 → 4); 0: not said
    cannot: int = 0  # matching.strain bits: cannot climb or carry (不能爬山, 搬不动重的)
    free_hours: tuple[int | None, int | None] = (None, None)  # when in the day they can work (matching.hours)
    other_certs: list[str] = field(default_factory=list)  # certificates held that the licence list does not know
    home_work: bool = False
    home_only: bool = False  # only work done at home suits (只能在家里做): a hard rule
    village: bool = False  # tied to the village or township: work placed in the village comes first
    no_health: bool = False  # said there is no 健康证 yet
    schooling: int | None = None  # highest schooling said (matching.schooling levels), None unknown
    any_work: bool = False
    excluded: list[str] = field(default_factory=list)  # county codes ruled out (不想去厦门)
    current_county: str | None = None  # where the person is now (WeChat location): 本地/附近 mean here
    source: str = "parsed"  # "coordinator" once a coordinator has corrected the stored profile
    no_trade: bool = False  # says there is no trade (没什么技术, 初中毕业): work a newcomer can do suits
    weak: bool = False  # says body or years limit the work (身体不好, 干不了重活)
    skills: str = ""  # normalised free text, kept for reasons and for coordinators
    wishes: str = ""

    @property
    def seeking(self) -> bool:
        return self.status == SEEKING

    @property
    def here(self) -> str | None:
        """The county 本地/附近 refer to: where the person is now, else the 户籍 county."""
        return self.current_county or self.county

    @property
    def text(self) -> str:
        """Skills and wishes together: what the text scores read."""
        return f"{self.skills}；{self.wishes}"

    @property
    def generic(self) -> bool:
        """Names no trade of its own (or will do anything): unskilled work suits."""
        if self.any_work or (self.no_trade and (not self.kinds or self.farm_only)):
            return True
        if self.done and not self.wished and not self.own_kinds:
            return True  # "在厂里干过 不想再进厂了": the one trade known is refused, so newcomer work elsewhere suits
        # Tied to home, wishing no kind, having done only work a newcomer can do (种过茶，采茶): any such
        # work near home suits, as it would a person with no trade.
        fam = get_families()
        if self.needs_support and not self.wished:
            return True
        return self.home_bound and not self.wished and all(not fam.by_id[k].skilled for k in self.done if k in fam.by_id)

    @property
    def farm_only(self) -> bool:
        """Can do farm work and nothing else it names (除了种田啥也不会)."""
        kinds = set(self.kinds)
        return kinds <= FARM and (bool(kinds) or self.no_trade)

    @property
    def needs_support(self) -> bool:
        """托底: a 公益性岗位 or 扶贫车间 of the home county suits (258号 二（一）, 251号 二（一）2、11).

        Older (50+) and tied to home (only here, cannot leave, cares for family), weak or able to do
        only farm work; or weak and tied at any age; never someone who said they will go anywhere.
        """
        if not self.county or self.place_basis in ("anywhere", "outside"):
            return False
        if self.place_basis == "named" and self.county not in self.places and self.here not in self.places:
            return False  # named somewhere else to go: can move
        older = self.age is not None and self.age >= SUPPORT_AGE
        tied = self.home_bound or self.place_basis == "local"
        return (older and (tied or self.weak or self.farm_only)) or (self.weak and tied)

    @property
    def kinds(self) -> dict[str, str]:
        """Wished and known kinds of work (wishes first)."""
        return {**self.done, **self.wished}

    @property
    def own_kinds(self) -> dict[str, str]:
        """Kinds the person still claims: a trade done but refused (在厂里干过，不想再进厂了) is not one."""
        return {k: v for k, v in self.kinds.items() if k not in self.refused}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Profile:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})



_GENDERS = {"男": "男", "女": "女", "male": "男", "female": "女", "m": "男", "f": "女", "man": "男", "woman": "女"}
_STATUSES = {
    "seeking": SEEKING, "求职": SEEKING, "待业": SEEKING, "找工作": SEEKING, "未就业": SEEKING,
    "employed": "employed", "已就业": "employed", "在岗": "employed", "务工": "employed", "就业": "employed",
    "not_seeking": "not_seeking", "暂不求职": "not_seeking", "不找工作": "not_seeking", "无意愿": "not_seeking",
}


def gender_of(value: Any) -> str | None:
    """男 / 女 from the ways records write it (男性, female, F …); None when unknown or 不限."""
    v = str(value or "").strip().lower()
    return _GENDERS.get(v) or _GENDERS.get(v[:1]) if v and v not in ("不限", "any", "all") else None


def status_of(value: Any) -> str:
    """seeking / employed / not_seeking (Chinese labels accepted); unknown values count as seeking."""
    v = str(value or "").strip()
    return _STATUSES.get(v.lower(), _STATUSES.get(v, SEEKING))


def _age(value: Any) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


# What the registry row says now, over whatever a stored profile holds.
_FROM_RECORD = ("labourer_id", "name", "county", "city", "age", "gender", "poverty_registered", "current_county")


def _digest(d: dict[str, Any]) -> str:
    body = {k: v for k, v in d.items() if k not in ("source", "checksum")}
    return hashlib.sha1(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()[:16]


def stored(p: Profile) -> dict[str, Any]:
    """The profile as kept on the registry row: with a checksum, so a coordinator's edit shows."""
    d = p.to_dict()
    d["source"] = "parsed"
    d["version"] = PARSER_VERSION
    d["checksum"] = _digest(d)
    return d


PARSER_VERSION = "p26"  # stored profiles of another version are read again from the text


def _reuse(rec: dict[str, Any], kept: dict[str, Any]) -> Profile | None:
    """The stored parse of this record's own text and places, with the record's current facts."""
    g = get_gazetteer()
    county = (g.get(rec.get("county_code")) if rec.get("county_code") else None) or _resolve(rec.get("county") or "")
    here = g.get(rec.get("current_county_code")) or county
    code = county.code if county else None
    current = here.code if here and (county is None or here.code != county.code) else None
    if (kept.get("county"), kept.get("current_county")) != (code, current):
        return None
    if kept.get("skills") != normalize(rec.get("skills") or "") or kept.get("wishes") != normalize(rec.get("wishes") or ""):
        return None
    p = Profile.from_dict(kept)
    p.labourer_id = str(rec.get("id") or rec.get("labourer_id") or "")
    p.name, p.age, p.gender = rec.get("name") or "", _age(rec.get("age")), gender_of(rec.get("gender"))
    p.poverty_registered = bool(rec.get("poverty_registered"))
    p.status = status_of(rec.get("status")) if not said.not_now(p.wishes) else "not_seeking"
    return p


def is_corrected(d: Any) -> bool:
    """True for a profile a coordinator wrote or edited (marked so, or no longer what was parsed)."""
    if not isinstance(d, dict) or not d:
        return False
    if d.get("source") == "coordinator":
        return True
    return d.get("checksum") != _digest(d)


def parse_profile(rec: dict[str, Any]) -> Profile:
    """A labourer record (id, county, age, gender, status, poverty_registered, skills, wishes) → Profile.

    A record carrying a coordinator's corrected ``profile`` gets that profile, with the record's
    current id, age, status and places of residence.
    """
    kept = rec.get("profile")
    if isinstance(kept, dict) and kept.get("version") == PARSER_VERSION and not is_corrected(kept):
        reused = _reuse(rec, kept)  # parsed when the row last changed: no need to read it again
        if reused is not None:
            return reused
    p = _parse(rec)
    if is_corrected(rec.get("profile")):
        fixed = Profile.from_dict({**rec["profile"], **{k: getattr(p, k) for k in _FROM_RECORD}})
        if status_of(rec.get("status")) != SEEKING:  # the registry's status moves on (已就业)
            fixed.status = status_of(rec.get("status"))
        fixed.source = "coordinator"
        return fixed
    return p


_WORDS: dict[tuple[str, str], dict[str, Any]] = {}  # (skills, wishes) → reading; many people write the same
_WORDS_MAX = 300_000


def _read_words(skills_raw: str, wishes_raw: str) -> dict[str, Any]:
    """What the skills and wishes say, place aside, read once per distinct pair of texts; callers copy
    the lists and dicts they keep."""
    key = (skills_raw, wishes_raw)
    found = _WORDS.get(key)
    if found is None:
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        found = _WORDS[key] = _words(skills_raw, wishes_raw)
    return found


def clear_caches() -> None:
    """Forget every text read so far (benchmarks time the reading itself, never a warm cache)."""
    _WORDS.clear()
    for fn in (_places_of, _resolve, parse_places, normalize):
        fn.cache_clear()


def _read_many(pairs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    return [_words(a, b) for a, b in pairs]


def parse_profiles(records: list[dict[str, Any]], *, jobs: int = 1) -> list[Profile]:
    """``parse_profile`` for many records: each distinct text read once, over ``jobs`` forked processes
    when there are enough of them to pay for the fork (a batch job on 2 cores)."""
    pairs = list(dict.fromkeys((r.get("skills") or "", r.get("wishes") or "") for r in records))
    todo = [k for k in pairs if k not in _WORDS]
    if jobs > 1 and len(todo) >= PARALLEL_FROM:
        import multiprocessing as mp

        parts = [todo[i::jobs] for i in range(jobs)]
        with mp.get_context("fork").Pool(jobs) as pool:
            for part, words in zip(parts, pool.map(_read_many, parts), strict=True):
                _WORDS.update(zip(part, words, strict=True))
    return [parse_profile(r) for r in records]


_SPACES = re.compile(r"\s+")
PARALLEL_FROM = 5_000  # distinct texts; below this a fork costs more than it saves


def _words(skills_raw: str, wishes_raw: str) -> dict[str, Any]:
    # "有啥活 我会种地 开过手扶拖拉机": a space between words ends a clause, as a comma does
    skills, wishes = (said.HOME_SAID.sub("家里", normalize(_SPACES.sub("，", (raw or "").strip())))
                      for raw in (skills_raw, wishes_raw))
    both = f"{skills}；{wishes}"
    # The circumstance "要照顾老人" is not a wish to work in elder care: blanked before scanning kinds.
    bound_s, skills_k = said.circumstances(skills)
    bound_w, wishes_k = said.circumstances(wishes)
    fam = get_families()
    min_pay, pay_text = parse_min_pay(wishes or skills)
    done = {**kinds_by_vectors(skills_k), **fam.scan_misspelt(skills_k), **fam.scan(skills_k)}
    clauses = [c for c in re.split(r"[，,。；;！!\s]", f"{skills_k}，{wishes_k}") if c]
    # 搞电汗的，证考了: the trades of each clause, only when some clause says a licence is held
    relaxed = fam.scan_relaxed(wishes_k)
    cert_clauses = [{**fam.scan_misspelt(c), **fam.scan(c)} for c in clauses] if HAS_CERT.search(both) else []
    return {
        # a day that must end in time (四点半要去接孩子) ties the person to home as care does
        "skills": skills, "wishes": wishes, "wishes_k": wishes_k,
        "home_bound": bound_s or bound_w or free_hours(wishes)[1] is not None,
        "weak": bool(said.WEAK.search(both)), "min_pay": min_pay, "pay_text": pay_text,
        "base_floor": base_floor(wishes or skills, pay_text), "insurance": wants_insurance(wishes),
        "big_only": big_only(wishes),
        "not_now": said.not_now(wishes),
        "wished": {k: v for k, v in {**kinds_by_vectors(wishes_k), **fam.scan_misspelt(wishes_k),
                                     **fam.scan(wishes_k)}.items()  # 扎钢精: 工地 and 钢筋
                   if k not in relaxed},  # 想进厂 … 不进厂也行: factory work no longer narrows
        "done": done,
        "certs": held_certs(both, cert_clauses, clauses),
        "wants_board": bool(said.BOARD.search(wishes)),
        "meals_needed": meals_required(wishes),
        "refused": {**fam.scan_refused(skills_k), **fam.scan_refused(wishes_k)},
        "learn": bool(said.LEARN.search(wishes_k)),
        "free_months": sorted(free_months(wishes)),
        "day_only": day_only(wishes),
        "spare_only": spare_only(wishes),
        "rest_floor": rest_floor(wishes),
        "cannot": strain_limits(both),
        "free_hours": free_hours(wishes),
        "other_certs": list(other_held(both)),
        "home_work": bool(said.HOME_WORK.search(both)),
        # "离不开人，只能在村里附近": the village is named as where work may be, so not only at home
        "home_only": bool(said.HOME_ONLY.search(wishes)) and not said.OTHERS_HOME.search(wishes) and not said.NEAR_OK.search(wishes),
        "village": bool(said.VILLAGE.search(wishes)),
        "no_health": bool(said.NO_HEALTH.search(both)),
        "any_work": bool(said.ANY_WORK.search(both)),
        # 读完初三就没读了: a school-leaver naming no kind of work has no trade of their own
        "no_trade": bool(said.NO_TRADE.search(skills)) or not skills_k.strip("，") or (not done and bool(SCHOOL_LEAVER.search(skills)))
        or (said.ABLE.search(skills_k) is not None and not re.sub(r"[\s,，。、;；!！的]|男|女", "", said.ABLE.sub("", skills_k))),
        "schooling": person_level(skills) or person_level(wishes),  # a chat puts all it was told in the wishes
    }


@lru_cache(maxsize=50_000)
def _places_of(wishes_k: str, here: str | None, here_name: str, tied: bool) -> tuple[Any, str]:
    # Places from the wishes without the care phrases (在家带娃 says why, not where: 附近 still counts).
    # A weak body ties a person to home as a family does: no place said then means home, not the province.
    found = parse_places(wishes_k, here, home_bound=tied)
    return found, place_reading(found.basis, found.names, here_name, found.excluded)


# Fields of the profile taken as read from the text (immutable values, shared safely).
_AS_READ = ("min_pay", "pay_text", "base_floor", "insurance", "big_only", "home_bound", "wants_board", "meals_needed", "learn", "free_months", "day_only", "spare_only", "rest_floor", "cannot", "free_hours", "other_certs", "home_work", "home_only", "village", "no_health",
            "any_work", "no_trade", "schooling", "weak", "skills", "wishes")


@lru_cache(maxsize=5_000)
def _resolve(name: str) -> Any:
    return get_gazetteer().resolve(name)


def _parse(rec: dict[str, Any]) -> Profile:
    g = get_gazetteer()
    county = g.get(rec.get("county_code")) if rec.get("county_code") else None
    county = county or _resolve(rec.get("county") or "")
    here = g.get(rec.get("current_county_code")) or county
    w = _read_words(rec.get("skills") or "", rec.get("wishes") or "")
    (places, anywhere, basis, names, excluded), reading = _places_of(
        w["wishes_k"], here.code if here else None, here.name if here else "", w["home_bound"] or w["weak"]
    )
    # "会踩平车 … 医生不让踩缝纫机了": a refusal said after the wish wins; one said before it wins too unless
    # the later mention is affirmed ("不想进厂 电子厂可以" keeps the wish, "不要进厂 厂里关一天太闷了" does not)
    wk = w["wishes_k"]
    later = {k for k, word in w["refused"].items() if k in w["wished"]
             and (wk.rfind(word) > wk.rfind(w["wished"][k]) or not said.affirmed(wk, w["wished"][k]))}
    return Profile(
        labourer_id=str(rec.get("id") or rec.get("labourer_id") or ""),
        name=rec.get("name") or "",
        county=county.code if county else None,
        city=county.city_code if county else None,
        age=_age(rec.get("age")),
        gender=gender_of(rec.get("gender")),
        status=status_of(rec.get("status")) if not w["not_now"] else "not_seeking",
        poverty_registered=bool(rec.get("poverty_registered")),
        places=list(places),
        anywhere=anywhere,
        place_basis=basis,
        place_reading=reading,
        place_names=list(dict.fromkeys(names)),  # 长汀县、长汀县: a place said twice is one
        wished={k: v for k, v in w["wished"].items() if k not in later},
        done=dict(w["done"]),
        refused={k: v for k, v in w["refused"].items() if k not in w["wished"] or k in later},
        certs=list(w["certs"]),
        excluded=list(excluded),
        **{k: w[k] for k in _AS_READ},
        current_county=here.code if here and (county is None or here.code != county.code) else None,
    )
