"""Features as arrays: place columns, rule arrays and kind matrices.

Everything here turns a list of profiles or postings into numpy/scipy arrays, so the engine can
apply the hard rules as masks and the scores as matrix products over thousands of pairs at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from core.gazetteer import get_gazetteer
from matching.certs import ALL_CODES
from matching.kinds import get_families
from matching.postings import Posting
from matching.profile import Profile

CERT_BIT = {c: np.uint64(1) << np.uint64(i) for i, c in enumerate(ALL_CODES)}
GENDER = {"男": 1, "女": 2}
WISHED, DONE = 1.0, 0.85  # a wished kind of work counts a little more than one done before


@dataclass(frozen=True)
class Places:
    """Place columns: every county, then every city (postings placed only to a city), then unknown."""

    codes: tuple[str, ...]
    index: dict[str, int]
    closeness: np.ndarray  # county×column: 1 at home, 0.7–0.9 in the home city, then 0.6 falling to 0 at 450 km


OLD_FOR_TRAVEL = 60


@lru_cache(maxsize=1)
def places() -> Places:
    g = get_gazetteer()
    counties = sorted(g.counties)
    cities = sorted(g.cities)
    codes = tuple(counties + cities + ["?"])
    index = {c: i for i, c in enumerate(codes)}
    close = np.full((len(codes), len(codes)), 0.3, dtype=np.float32)
    # Home county, then home city, then the rest of Fujian by distance (issue 14: mobility by default).
    for i, a in enumerate(counties):
        for j, b in enumerate(counties):
            km = g.distance_km(a, b) or 0.0
            if a == b:
                close[i, j] = 1.0
            elif g.counties[a].city_code == g.counties[b].city_code:
                close[i, j] = 0.9 - 0.2 * min(km, 150.0) / 150.0
            else:
                close[i, j] = 0.6 * (1.0 - min(km, 450.0) / 450.0)
        for j, city in enumerate(cities, start=len(counties)):
            close[i, j] = 0.8 if g.counties[a].city_code == city else 0.3
    return Places(codes, index, close)


def place_column(county: str | None, city: str | None) -> int:
    pl = places()
    return pl.index.get(county or "", pl.index.get(city or "", pl.index["?"]))


def cert_bits(codes: list[str]) -> np.uint64:
    out = np.uint64(0)
    for c in codes:
        out |= CERT_BIT.get(c, np.uint64(0))
    return out


def family_bits(kinds: dict[str, str] | list[str]) -> np.uint64:
    """Families as bits of one integer (fewer than 64 families)."""
    fam = get_families()
    out = 0
    for k in kinds:
        if k in fam.index:
            out |= 1 << fam.index[k]
    return np.uint64(out)


def _objects(items: list) -> np.ndarray:  # type: ignore[type-arg]
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _minute(m: int | None) -> int:
    return -1 if m is None else int(m)


def month_bits(months: list[int]) -> int:
    return sum(1 << (m - 1) for m in set(months) if 1 <= m <= 12)


def fresh_score(posted: str | None, today: date) -> float:
    """1 for a posting from today, 0 after 90 days; 0.5 when the date is unknown."""
    if not posted:
        return 0.5
    days = (today - date.fromisoformat(posted)).days
    return float(np.clip(1.0 - days / 90.0, 0.0, 1.0))


@dataclass
class PostingArrays:
    column: np.ndarray  # place column
    age_min: np.ndarray
    age_max: np.ndarray
    gender: np.ndarray
    pay_max: np.ndarray  # inf when unknown
    base_pay: np.ndarray  # 底薪 stated in the text, inf when none
    req_bits: np.ndarray
    local: np.ndarray  # county place column of a local-only posting, -1 otherwise
    poor_only: np.ndarray
    usable: np.ndarray  # open, not expired, headcount left
    kinds: np.ndarray  # M×F binary
    unskilled: np.ndarray  # a newcomer can do it
    trains: np.ndarray  # says no experience needed / training given, or is meant for people tied to home
    helps_home: np.ndarray
    welfare: np.ndarray  # 公益性岗位
    workshop: np.ndarray  # 扶贫车间
    board: np.ndarray
    meals: np.ndarray  # matching.board bits offered
    remote: np.ndarray  # done online from home: every place's people may take it
    teaches: np.ndarray  # teaches a trade from nothing (烘焙学徒，零基础包教包会)
    kind_bits: np.ndarray  # the posting's families as bits (refusals)
    month_bits: np.ndarray  # a seasonal posting's months as bits; 0: any time
    long_term: np.ndarray  # wants someone for a year or more
    now_ok: np.ndarray  # its season is on or near (Matcher(in_season=True)); all True otherwise
    no_insurance: np.ndarray  # says it pays no social insurance
    small: np.ndarray  # a small or one-person employer
    nights: np.ndarray  # needs night or rotating shifts
    spare_ok: np.ndarray  # can be done at weekends or part-time
    rest: np.ndarray  # days off a month stated, -1 not said
    strain: np.ndarray  # matching.strain bits the work needs
    hours_from: np.ndarray  # the work day's start, minutes after midnight; -1 not said
    hours_until: np.ndarray  # its end; -1 not said
    other_certs: np.ndarray  # object: required certificates the licence list does not know (tuple, mostly empty)
    has_other_certs: np.ndarray
    at_home: np.ndarray
    village: np.ndarray
    health_first: np.ndarray
    school_min: np.ndarray  # 0 when none asked
    fresh: np.ndarray
    pay_level: np.ndarray  # 0 at 3000 a month or unknown, 1 at 15000: "best pay first" for 哪里都行


    def take(self, cols: np.ndarray) -> PostingArrays:
        """The same arrays for a subset of postings."""
        return PostingArrays(**{k: v[cols] for k, v in vars(self).items()})

    def kind_columns(self, skilled: np.ndarray) -> sp.csr_matrix:
        """Families × postings for the kind score; a trade posting that does not teach its trade
        keeps only its skilled families (家具厂木工: 木工, not 工厂)."""
        K = self.kinds.copy()
        trade = ((K * skilled[None, :]).sum(axis=1) > 0) & ~self.trains
        K[trade] *= skilled[None, :]
        return sp.csr_matrix(K.T)


def posting_arrays(postings: list[Posting], today: date) -> PostingArrays:
    fam = get_families()
    m, f = len(postings), len(fam.ids)
    kinds = np.zeros((m, f), dtype=np.float32)
    unskilled = np.zeros(m, dtype=bool)
    for i, j in enumerate(postings):
        for k in j.kinds:
            kinds[i, fam.index[k]] = 1.0
        unskilled[i] = j.no_skill or j.helps_home or (bool(j.kinds) and not any(fam.by_id[k].skilled for k in j.kinds))
        unskilled[i] &= not j.required_certs and not j.skilled_only
    pl = places()
    iso = today.isoformat()
    return PostingArrays(
        column=np.array([place_column(j.county, j.city) for j in postings], dtype=np.int32),
        age_min=np.array([j.age_min if j.age_min is not None else -1 for j in postings], dtype=np.float32),
        age_max=np.array([j.age_max if j.age_max is not None else 999 for j in postings], dtype=np.float32),
        gender=np.array([GENDER.get(j.gender or "", 0) for j in postings], dtype=np.int8),
        pay_max=np.array([j.pay_max if j.pay_max is not None else np.inf for j in postings], dtype=np.float32),
        base_pay=np.array([j.base_pay if j.base_pay is not None else np.inf for j in postings], dtype=np.float32),
        req_bits=np.array([cert_bits(j.required_certs) for j in postings], dtype=np.uint64),
        local=np.array([pl.index[j.local_only] if j.local_only else -1 for j in postings], dtype=np.int32),
        poor_only=np.array([j.poor_only for j in postings], dtype=bool),
        usable=np.array(
            [
                j.is_open and not j.charges and not (j.expires and j.expires < iso) and not (j.headcount_left is not None and j.headcount_left <= 0)
                for j in postings
            ],
            dtype=bool,
        ),
        kinds=kinds,
        unskilled=unskilled,
        trains=np.array([j.no_skill or j.helps_home for j in postings], dtype=bool),  # a 扶贫车间 keeps its newcomer work
        helps_home=np.array([j.helps_home for j in postings], dtype=bool),
        welfare=np.array([j.welfare for j in postings], dtype=bool),
        workshop=np.array([j.workshop for j in postings], dtype=bool),
        board=np.array([j.board for j in postings], dtype=bool),
        meals=np.array([j.meals for j in postings], dtype=np.int8),
        remote=np.array([j.remote for j in postings], dtype=bool),
        teaches=np.array([j.teaches for j in postings], dtype=bool),
        kind_bits=np.array([family_bits(j.kinds) for j in postings], dtype=np.uint64),
        month_bits=np.array([month_bits(j.months) for j in postings], dtype=np.uint16),
        long_term=np.array([j.long_term for j in postings], dtype=bool),
        now_ok=np.ones(len(postings), dtype=bool),
        no_insurance=np.array([j.no_insurance for j in postings], dtype=bool),
        small=np.array([j.small for j in postings], dtype=bool),
        nights=np.array([j.nights for j in postings], dtype=bool),
        spare_ok=np.array([j.spare_ok for j in postings], dtype=bool),
        rest=np.array([j.rest for j in postings], dtype=np.int8),
        strain=np.array([j.strain for j in postings], dtype=np.uint8),
        hours_from=np.array([_minute(j.hours[0]) for j in postings], dtype=np.int16),
        hours_until=np.array([_minute(j.hours[1]) for j in postings], dtype=np.int16),
        other_certs=_objects([tuple(j.other_certs) for j in postings]),
        has_other_certs=np.array([bool(j.other_certs) for j in postings], dtype=bool),
        at_home=np.array([j.at_home for j in postings], dtype=bool),
        village=np.array([j.village for j in postings], dtype=bool),
        health_first=np.array([j.health_first for j in postings], dtype=bool),
        school_min=np.array([j.school_min or 0 for j in postings], dtype=np.int8),
        fresh=np.array([fresh_score(j.posted, today) for j in postings], dtype=np.float32),
        pay_level=np.clip((np.array([j.pay_max or 0 for j in postings], dtype=np.float32) - 3000.0) / 12000.0, 0.0, 1.0),
    )


@dataclass
class PeopleArrays:
    """Profiles as arrays, built once and reused by every query (the bot's 'new posting → all people')."""

    profiles: list[Profile]
    text: sp.csr_matrix  # TF-IDF rows
    accept: np.ndarray  # N×columns bool
    home: np.ndarray  # place column of the 户籍 county (local-only posts)
    here: np.ndarray  # place column of where the person is now (closeness)
    age: np.ndarray  # -1 unknown
    gender: np.ndarray
    min_pay: np.ndarray  # 0 when unstated
    base_min: np.ndarray  # the floor on the 底薪, 0 when none
    insurance: np.ndarray  # social insurance is a condition
    big_only: np.ndarray  # refuses small or private employers
    held_bits: np.ndarray
    poor: np.ndarray
    seeking: np.ndarray
    kinds: np.ndarray  # N×F weights (wished 1, done 0.85)
    kinds_norm: sp.csr_matrix  # the same, each row summing to 1
    focus: sp.csr_matrix  # N×F binary: the kinds wished, else the trades done (empty: no focus)
    generic: np.ndarray  # names no trade, or will do anything
    home_bound: np.ndarray
    wants_board: np.ndarray
    meals_needed: np.ndarray  # matching.board bits required
    refused_bits: np.ndarray  # families refused (不想进厂)
    own_bits: np.ndarray  # families wished or done (and not refused): a posting naming one is not refused for another
    wished_bits: np.ndarray  # families asked for (采茶的有没有): their season may be months away
    learn: np.ndarray  # wants to learn a trade and names none: postings that teach one suit
    free_bits: np.ndarray  # months the person is free, as bits; 0: any time
    day_only: np.ndarray  # no night or rotating shifts
    spare_only: np.ndarray  # weekends or part-time only
    rest_floor: np.ndarray  # fewest days off a month accepted, 0 not said
    cannot: np.ndarray  # matching.strain bits the person cannot do
    free_from: np.ndarray  # can come from (minutes after midnight); -1 not said
    free_until: np.ndarray  # must leave by; -1 not said
    support: np.ndarray  # 托底: home county's 公益性岗位 / 扶贫车间 first
    mobile: np.ndarray  # can move (not tied to home, not weak): scarce 托底 posts only when nothing else fits
    pay_first: np.ndarray  # 哪里都行 / 哪里钱多去哪: best pay instead of nearest
    home_only: np.ndarray  # only work done at home
    village: np.ndarray  # tied to the village: village-placed work first
    no_health: np.ndarray  # no 健康证 yet
    schooling: np.ndarray  # 9 when unknown (no floor rules them out)

    def __len__(self) -> int:
        return len(self.profiles)


def accept_row(p: Profile) -> np.ndarray:
    """Place columns this person accepts: named counties, their cities (for city-only postings)."""
    pl = places()
    row = np.zeros(len(pl.codes), dtype=bool)
    g = get_gazetteer()
    if p.anywhere:
        row[:] = True
    for c in p.places:
        if c in pl.index:
            row[pl.index[c]] = True
            county = g.get(c)
            if county:
                row[pl.index[county.city_code]] = True
    out = set(p.excluded)
    for c in out:  # 不想去厦门: its counties, and the city itself once all of them are out
        if c in pl.index:
            row[pl.index[c]] = False
    for city in {county.city_code for c in out if (county := g.get(c))}:
        if set(g.in_city(city)) <= out:
            row[pl.index[city]] = False
    return row


def people_arrays(profiles: list[Profile], text: sp.csr_matrix) -> PeopleArrays:
    fam = get_families()
    n, f = len(profiles), len(fam.ids)
    kinds = np.zeros((n, f), dtype=np.float32)
    focus = np.zeros((n, f), dtype=np.float32)
    for i, p in enumerate(profiles):
        for k in p.done:
            kinds[i, fam.index[k]] = DONE
        for k in p.wished:
            kinds[i, fam.index[k]] = WISHED
        # What the person is after: the work wished, else a trade done (船厂 says where the welder worked)
        for k in p.wished or [k for k in p.done if fam.by_id[k].skilled]:
            focus[i, fam.index[k]] = 1.0
    pl = places()
    return PeopleArrays(
        profiles=profiles,
        text=text,
        accept=np.array([accept_row(p) for p in profiles], dtype=bool).reshape(n, len(pl.codes)),
        home=np.array([pl.index.get(p.county or "", -2) for p in profiles], dtype=np.int32),
        here=np.array([pl.index.get(p.here or "", -2) for p in profiles], dtype=np.int32),
        age=np.array([p.age if p.age is not None else -1 for p in profiles], dtype=np.float32),
        gender=np.array([GENDER.get(p.gender or "", 0) for p in profiles], dtype=np.int8),
        min_pay=np.array([p.min_pay or 0 for p in profiles], dtype=np.float32),
        base_min=np.array([(p.min_pay or 0) if p.base_floor else 0 for p in profiles], dtype=np.float32),
        insurance=np.array([p.insurance for p in profiles], dtype=bool),
        big_only=np.array([p.big_only for p in profiles], dtype=bool),
        held_bits=np.array([cert_bits(p.certs) for p in profiles], dtype=np.uint64),
        poor=np.array([p.poverty_registered for p in profiles], dtype=bool),
        seeking=np.array([p.seeking for p in profiles], dtype=bool),
        kinds=kinds,
        kinds_norm=sp.csr_matrix(kinds / np.maximum(kinds.sum(axis=1, keepdims=True), 1e-6)),
        focus=sp.csr_matrix(focus),
        generic=np.array([p.generic for p in profiles], dtype=bool),
        home_bound=np.array([p.home_bound or p.home_work for p in profiles], dtype=bool),
        wants_board=np.array([p.wants_board for p in profiles], dtype=bool),
        meals_needed=np.array([p.meals_needed for p in profiles], dtype=np.int8),
        refused_bits=np.array([family_bits(p.refused) for p in profiles], dtype=np.uint64),
        own_bits=np.array([family_bits(p.own_kinds) for p in profiles], dtype=np.uint64),
        wished_bits=np.array([family_bits(p.wished) for p in profiles], dtype=np.uint64),
        learn=np.array([p.learn and not p.wished for p in profiles], dtype=bool),
        free_bits=np.array([month_bits(p.free_months) for p in profiles], dtype=np.uint16),
        day_only=np.array([p.day_only for p in profiles], dtype=bool),
        spare_only=np.array([p.spare_only for p in profiles], dtype=bool),
        rest_floor=np.array([p.rest_floor for p in profiles], dtype=np.int8),
        cannot=np.array([p.cannot for p in profiles], dtype=np.uint8),
        free_from=np.array([_minute(p.free_hours[0]) for p in profiles], dtype=np.int16),
        free_until=np.array([_minute(p.free_hours[1]) for p in profiles], dtype=np.int16),
        support=np.array([p.needs_support for p in profiles], dtype=bool),
        # 60 and over: a far-off job is no real alternative to the home county's 扶贫车间 / 公益性岗位
        mobile=np.array([not (p.needs_support or p.home_bound or p.weak or (p.age or 0) >= OLD_FOR_TRAVEL)
                         for p in profiles], dtype=bool),
        pay_first=np.array([p.place_basis == "anywhere" for p in profiles], dtype=bool),
        home_only=np.array([p.home_only for p in profiles], dtype=bool),
        village=np.array([p.village for p in profiles], dtype=bool),
        no_health=np.array([p.no_health for p in profiles], dtype=bool),
        schooling=np.array([p.schooling or 9 for p in profiles], dtype=np.int8),
    )
