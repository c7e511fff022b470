"""Fujian gazetteer: free text → county codes, each county's city, distances and neighbours.

Names, adcodes and coordinates come from the ``cpca`` address library. Its tables predate a few
boundary changes, applied below from the State Council approvals, so today's names resolve too.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.text import normalize

PROVINCE_PREFIX = "35"

# Changes after cpca's data: old code → (new code, new name). 梅列区 merged into 三元区 (2021).
_RENAMES: dict[str, tuple[str, str]] = {
    "350182": ("350112", "长乐区"),  # 2017
    "350427": ("350405", "沙县区"),  # 2021
    "350681": ("350604", "龙海区"),  # 2021
    "350625": ("350605", "长泰区"),  # 2021
    "350403": ("350404", "三元区"),  # 2021, with 梅列区
}
_MERGED_INTO = {"350402": "350404"}  # 梅列区 → 三元区: the old name still resolves

# 省级扶贫开发工作重点县 (23, designated 2012).
KEY_POVERTY_CODES = frozenset(
    "350125 350429 350723 350821 350921 350622 350624 350628 350423 350430 350721 350722 "
    "350724 350824 350922 350923 350924 350421 350424 350725 350825 350925 350926".split()
)

NEIGHBOUR_KM = 60.0


@dataclass(frozen=True)
class County:
    """A county-level division (县, 县级市 or 市辖区)."""

    code: str
    name: str
    city_code: str
    city_name: str
    lon: float
    lat: float
    key_poverty: bool

    @property
    def full_name(self) -> str:
        return self.city_name + self.name

    @property
    def short(self) -> str:
        return _short(self.name)


_PLACE_WORD = re.compile(r"[镇乡村]|街道|工业|开发区|经济|园区|城区|县城|境内")


def _short(name: str) -> str:
    stem = re.sub(r"(自治县|县|区|市)$", "", name)
    return stem if len(stem) >= 2 else name


def _haversine_km(a: County, b: County) -> float:
    r = 6371.0
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(h))


class Gazetteer:
    """Lookups over Fujian's cities and counties; lookups return ``None`` when nothing matches."""

    def __init__(self, counties: list[County], cities: dict[str, str], aliases: dict[str, str]):
        self.counties = {c.code: c for c in counties}
        self.cities = cities  # city code → name (福州市)
        self._aliases = aliases  # old county name → current code
        self._by_name: dict[str, list[str]] = {}
        for c in counties:
            for n in {c.name, c.short}:
                self._by_name.setdefault(n, []).append(c.code)
        for n, code in aliases.items():
            self._by_name.setdefault(n, []).append(code)
            self._by_name.setdefault(_short(n), []).append(code)
        self._city_by_name: dict[str, str] = {}
        for code, name in cities.items():
            self._city_by_name[name] = code
            self._city_by_name[_short(name)] = code
        names = sorted(set(self._by_name) | set(self._city_by_name), key=len, reverse=True)
        self._scan = re.compile("|".join(re.escape(n) for n in names))

    # --- lookups -------------------------------------------------------------------------
    def get(self, code: str | None) -> County | None:
        """County by 6-digit code (old codes of renamed counties are followed)."""
        if not code:
            return None
        code = str(code)[:6]
        code = _MERGED_INTO.get(code, _RENAMES.get(code, (code, ""))[0])
        return self.counties.get(code)

    def city_name(self, city_code: str) -> str | None:
        return self.cities.get(city_code)

    def resolve(self, text: str | None) -> County | None:
        """The one county named in ``text`` ('浦城', '南平浦城县', '厦门湖里'); None if none or ambiguous."""
        found = self.find(text)
        counties = [code for kind, code in found if kind == "county"]
        return self.counties[counties[0]] if len(set(counties)) == 1 else None

    def resolve_city(self, text: str | None) -> str | None:
        """City code named in ``text`` (directly, or through a county)."""
        for kind, code in self.find(text):
            return code if kind == "city" else self.counties[code].city_code
        return None

    def find(self, text: str | None) -> list[tuple[str, str]]:
        """Every place named in ``text``, in order: ('city', code) or ('county', code).

        A county name is read inside the city named just before it, which settles names shared
        by two cities' districts and stops '福州市' being read as a county.
        """
        if not text:
            return []
        s = normalize(text).replace("福建省", "").replace("福建", "")
        out: list[tuple[str, str]] = []
        city: str | None = None
        for m in self._scan.finditer(s):
            name = m.group(0)
            if name in self._city_by_name and not (
                name in self._by_name and s[m.end() : m.end() + 1] not in ("市",)
                and self._prefers_county(name, s, m.end())
            ):
                city = self._city_by_name[name]
                out.append(("city", city))
                continue
            codes = self._by_name.get(name, [])
            if city:
                in_city = [c for c in codes if self.counties[c].city_code == city]
                codes = in_city or codes
            if len(set(codes)) == 1:
                out.append(("county", codes[0]))
        return out

    def without_places(self, text: str) -> str:
        """``text`` with every city and county name taken out (what else a message says)."""
        return self._scan.sub("", normalize(text).replace("福建省", "").replace("福建", ""))

    def find_in_prose(self, text: str | None) -> list[tuple[str, str]]:
        """Places named in running text (a posting's description), stricter than ``find``.

        Short county names are everyday words too (光泽, 华安, 平和, 东山, 金门, 三元), so in prose
        one counts only written with its suffix (光泽县), right after its city (南平光泽), or before
        a place word (光泽镇, 华安工业园).
        """
        if not text:
            return []
        s = normalize(text).replace("福建省", "").replace("福建", "")
        out: list[tuple[str, str]] = []
        city, city_end = None, -1
        for m in self._scan.finditer(s):
            name = m.group(0)
            if name in self._city_by_name and name not in self._by_name:
                if s[m.end():m.end() + 1] == "治":  # 三明治
                    continue
                city, city_end = self._city_by_name[name], m.end()
                out.append(("city", city))
                continue
            codes = self._by_name.get(name, [])
            if city:
                codes = [c for c in codes if self.counties[c].city_code == city] or codes
            if len(set(codes)) != 1:
                continue
            county = self.counties[codes[0]]
            written_out = name == county.name and name != county.short
            if written_out or m.start() == city_end or _PLACE_WORD.match(s, m.end()):
                out.append(("county", county.code))
        return out

    def _prefers_county(self, name: str, s: str, end: int) -> bool:
        # A name that is both a city and a county-level city (none in Fujian today) reads as a county
        # only when written with the county's suffix.
        return s[end : end + 1] in ("县", "区")

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Close county names for an unknown place, best first; sound-alikes count (普城 → 浦城县)."""
        from rapidfuzz import fuzz

        from core.text import pinyin_key

        q = re.sub(r"(县|区|市)$", "", normalize(text))
        if not q:
            return []
        qp = pinyin_key(q)
        scored = []
        for c in self.counties.values():
            score = max(fuzz.ratio(q, c.short), fuzz.ratio(qp, pinyin_key(c.short)))
            scored.append((score, c.name))
        scored.sort(reverse=True)
        return [name for score, name in scored[:limit] if score >= 60]

    # --- geometry ------------------------------------------------------------------------
    def distance_km(self, a: str, b: str) -> float | None:
        """Great-circle distance between two counties' seats; None if either is unknown."""
        ca, cb = self.get(a), self.get(b)
        if ca is None or cb is None:
            return None
        return 0.0 if ca.code == cb.code else _haversine_km(ca, cb)

    def neighbours(self, code: str, km: float = NEIGHBOUR_KM) -> list[str]:
        """Counties whose seats lie within ``km`` of this one (itself excluded), nearest first."""
        c = self.get(code)
        if c is None:
            return []
        near = [(d, o.code) for o in self.counties.values() if o.code != c.code and (d := _haversine_km(c, o)) <= km]
        return [code for _, code in sorted(near)]

    def in_city(self, city_code: str) -> list[str]:
        return [c.code for c in self.counties.values() if c.city_code == city_code]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The Fujian gazetteer, loaded once from cpca's adcode table."""
    # Read cpca's data file without importing cpca (its import pulls pandas and pkg_resources).
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("cpca is not installed")
    data = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    rows = data.read_text(encoding="utf-8")
    cities: dict[str, str] = {}
    raw: list[tuple[str, str, float, float]] = []
    for r in csv.DictReader(rows.splitlines()):
        code = r["adcode"][:6]
        if not code.startswith(PROVINCE_PREFIX) or not r["longitude"] or code.endswith("0000"):
            continue
        if code.endswith("00"):
            cities[code[:4] + "00"] = r["name"]
        else:
            raw.append((code, r["name"], float(r["longitude"]), float(r["latitude"])))
    counties: dict[str, County] = {}
    aliases: dict[str, str] = {}
    for code, name, lon, lat in raw:
        if code in _MERGED_INTO:
            aliases[name] = _MERGED_INTO[code]
            continue
        if code in _RENAMES:
            new_code, new_name = _RENAMES[code]
            if new_name != name:
                aliases[name] = new_code
            code, name = new_code, new_name
        city = code[:4] + "00"
        counties[code] = County(code, name, city, cities[city], lon, lat, code in KEY_POVERTY_CODES)
    return Gazetteer(list(counties.values()), cities, aliases)
