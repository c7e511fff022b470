"""Acceptable places from a person's wishes text (see ``matching.profile`` for the rules).

``parse_places(wishes, home)`` → ``Places(codes, anywhere, basis, names, excluded)``. ``home`` is
where the person is now: the county of a WeChat location when one was sent, else the 户籍 county.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from core.gazetteer import get_gazetteer
from core.text import normalize as _normalize
from core.text import pinyin_key
from matching.sounds import word_bounds

# "外地也行" means anywhere even beside a named place; "哪里都行" after "福州" means anywhere in 福州.
# Acceptance said any way people say it (行, 可以, 中, 成, 无所谓 …): 去哪都中, 哪里钱多去哪.
_OK = r"(行|可以|中|成|能去|去|好|无所谓|没问题|没关系|ok|OK)"
_ANYWHERE = re.compile(r"外地也" + _OK + r"|外地都|去外地|外省|全国|出省|去哪(里|儿)?都" + _OK)
_ANYWHERE_WEAK = re.compile(
    r"哪(里|儿)?[^，,。；;]{0,4}都" + _OK + r"|不限|地点不限|地方不限|都可以去|到处都|随便哪|省内|远近都|"
    r"(在|去)?哪(里|儿)?都?无所谓|地方无所谓|地点无所谓|"
    r"哪(里|儿)?(钱|工资|收入|待遇)(多|高|好)(就)?(去|到)哪"
)
URBAN = re.compile(r"市区|市里|市中心")  # alone, or after a city's name (宁德市里, 龙岩市区): the city proper
_URBAN_AFTER = re.compile(r"市?(市区|区里|市里|城区|市中心)|区(?![\u4e00-\u9fff]*[县市])")


def districts(city: str) -> list[str]:
    """The city's districts (区): its city proper; the whole city when it has none."""
    g = get_gazetteer()
    inner = [c for c in g.in_city(city) if g.counties[c].name.endswith("区")]
    return inner or list(g.in_city(city))


LOCAL = re.compile(r"本地|家门口|本县|本乡|本镇|老家|县城|县里|镇上|村里|在家|当地|家乡|回家")
OUTSIDE = re.compile(
    r"上海|北京|天津|重庆|广东|广州|深圳|东莞|佛山|中山|珠海|浙江|杭州|宁波|温州|义乌|江苏|苏州|南京|无锡|昆山|"
    r"江西|湖南|湖北|武汉|安徽|合肥|山东|青岛|四川|成都|海南|香港|澳门|台湾|国外|出国"
)
NEAR = re.compile(
    r"附近|周边|周围|一带|边上|旁边|离家近|近一点|近点|太远|不想走远|不去远|远了不"
)
# Regions people name instead of cities (闽东日报 is 宁德's paper, 闽北 南平's, 闽西 龙岩's).
_REGIONS = {
    "闽南": "厦门、泉州、漳州", "厦漳泉": "厦门、泉州、漳州", "闽东": "宁德", "闽北": "南平", "闽西": "龙岩",
    "闽中": "三明、莆田", "省城": "福州", "省会": "福州", "福厦泉": "福州、厦门、泉州", "福厦漳泉": "福州、厦门、漳州、泉州",
    # the cities' own nicknames
    "鹭岛": "厦门", "鹭城": "厦门", "榕城": "福州", "刺桐城": "泉州", "温陵": "泉州", "莆仙": "莆田",
    # 沿海/海边: the coastal cities (三明, 南平 and 龙岩 are the mountains)
    "沿海城市": "福州、厦门、泉州、漳州、莆田、宁德", "沿海地区": "福州、厦门、泉州、漳州、莆田、宁德",
    "沿海": "福州、厦门、泉州、漳州、莆田、宁德",
}
_REGION = re.compile("|".join(_REGIONS))
# 不想去外地 / 不要去厦门 / 除了厦门哪里都行: what follows the cue, up to where the sentence moves on.
_NEGATION = re.compile(
    r"(不想|不要(?!求)|不愿意?|不肯|不打算|不考虑|不能去|不去|(?<!只要)不是|只要不是|(?<![特区分个级类性告识辨])别|除了|除去|除开)"
    r"(再)?(去|到|在|跑|回)?"
)
_NEG_END = re.compile(r"[，,。；;！!\s]|哪|都|太|以外|之外|其他|其它|也|就|的话|可以|行|打工|上班|做|干")
# The place first, the refusal after it: "厦门不去了", "福州就算了", "泉州太远不考虑"
_NEG_AFTER = (r"(?:市|县|区)?(?:都|也)?(?:(?:太远了?|远了)(?:就|也|还是)?(?:不去了?|算了|不考虑了?|不想去了?|不要了)?"
              r"|(?:就|也|还是)?(?:不去了?|算了|不考虑了?|不想去了?|不要了))")  # "回仙游都太远": 仙游 is ruled out too
_AWAY = re.compile(r"外地|外面|远的?地方|远处|出远门")
_OUT_OF_PROVINCE = re.compile(r"外省|省外|出省")
_STAY = re.compile(r"外地不(去|想|考虑|行)|(不想|不愿意?|不能|不打算)(出去|出门|外出|离开家)")
# 除了福州哪里都行 rules 福州 out; 除了福州，厦门也行 adds 厦门.
_EXCEPT_ALL = re.compile(r"(以外|之外)?[，,]?(哪里|哪儿|哪|其他|其它|别的|任何)?[^，,。；;也还]{0,4}都")
_SPLIT = re.compile(r"或者|或是|还是|或|(?<![平政])和|跟|、|，|,|/|；|;|及|以及|也行|也可以")  # 平和, 政和: counties
_CUE = re.compile(r"去|到|在|想|附近|本地|市|县|区")


class Places(NamedTuple):
    codes: list[str]  # acceptable county codes (empty with anywhere)
    anywhere: bool
    basis: str  # named / local / near / anywhere / mobile (nothing said: nearest first) / outside
    names: list[str]  # places as the person named them
    excluded: list[str]  # county codes the person ruled out (不想去厦门)


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """core.text.normalize, cached: OpenCC is slow and the same phrases recur across people."""
    return _normalize(text)


@lru_cache(maxsize=100_000)
def _find(seg: str) -> tuple[tuple[str, str], ...]:
    return tuple(get_gazetteer().find(seg))


@lru_cache(maxsize=512)
def neighbours(code: str) -> tuple[str, ...]:
    return tuple(get_gazetteer().neighbours(code))


@lru_cache(maxsize=1)
def _place_sounds() -> dict[str, tuple[str, str, str]]:
    """Toneless pinyin of two-character place names → (kind, code, name), for 福洲 → 福州."""
    g = get_gazetteer()
    out: dict[str, tuple[str, str, str]] = {}
    for code, name in g.cities.items():
        out[pinyin_key(name[:2])] = ("city", code, name[:2])
    for c in g.counties.values():
        if len(c.short) == 2:
            out.setdefault(pinyin_key(c.short), ("county", c.code, c.short))
    return out


@lru_cache(maxsize=50_000)
def _sound_alike(seg: str, cued: bool) -> tuple[tuple[str, str], ...]:
    """Places written with a wrong character (福洲, 夏门): same sound and one character in common.

    Without a cue (去, 在, another place in the text …) only a segment that is little more than
    the name counts, and the window must line up with jieba's words, so chance homophones in
    longer phrases (会|安装 is not 惠安) do not.
    """
    seg = OUTSIDE.sub("，", seg)  # 南京 sounds like 南靖
    if not (cued or _CUE.search(seg) or len(re.sub(r"都(行|可以)|也(行|可以)|就行|市|县|区|那边|这边", "", seg)) <= 2):
        return ()
    sounds = _place_sounds()
    found: list[tuple[str, str]] = []
    for i in range(len(seg) - 1):
        pair = seg[i : i + 2]
        hit = sounds.get(pinyin_key(pair)) if re.fullmatch(r"[\u4e00-\u9fff]{2}", pair) else None
        if hit and pair != hit[2] and set(pair) & set(hit[2]) and hit[:2] not in found and _whole(seg, i):
            found.append(hit[:2])
    return tuple(found)


def _whole(seg: str, i: int) -> bool:
    """The two characters at ``i`` are jieba words of their own (福洲, 夏门), not part of one (会|安装)."""
    bounds, _ = word_bounds(seg)
    return i in bounds and i + 2 in bounds


def _places_in(seg: str, cued: bool) -> tuple[tuple[str, str], ...]:
    return _find(seg) or _sound_alike(seg, cued)


def _expand(found: tuple[tuple[str, str], ...]) -> set[str]:
    g = get_gazetteer()
    out: set[str] = set()
    for kind, code in found:
        out.update([code] if kind == "county" else g.in_city(code))
    return out


@lru_cache(maxsize=1)
def _names() -> re.Pattern[str]:
    g = get_gazetteer()
    names = {n for c in g.counties.values() for n in (c.name, c.short)} | {n for n in g.cities.values()}
    names |= {n[:2] for n in g.cities.values()}
    return re.compile("|".join(sorted(names, key=len, reverse=True)))


@lru_cache(maxsize=1)
def _refused_after() -> re.Pattern[str]:
    return re.compile(f"({_names().pattern}){_NEG_AFTER}")


def _starts_with_place(what: str) -> bool:
    """不要去厦门 / 不想在宁化: the place comes first, not somewhere later (不要求包吃住泉州)."""
    return bool(_names().match(what) or _names().match(what, 1) or _sound_alike(what[:2], True))


def _negations(t: str) -> tuple[str, set[str], bool, set[str], bool]:
    """(text without the ruled-out places, counties ruled out, 外地 ruled out, counties named so,
    anywhere else: 除了厦门哪里都行, 只要不是厦门都行)."""
    excluded: set[str] = set()
    named: set[str] = set()
    away = anywhere_else = False
    for m in reversed(list(_refused_after().finditer(t))):
        if found := _places_in(m.group(1), True):
            excluded |= _expand(found)
            named |= {code for kind, code in found if kind == "county"}
            t = t[: m.start()] + ("，太远，" if "远" in m.group(0) else "，") + t[m.end() :]  # "太远" still wants near
    for m in reversed(list(_NEGATION.finditer(t))):
        end = _NEG_END.search(t, m.end())
        stop = end.start() if end else len(t)
        what = t[m.end() : stop]
        if not what:
            continue
        all_else = bool(_EXCEPT_ALL.match(t, stop))
        if m.group(1).startswith("除") and not all_else:
            t = t[: m.start()] + t[m.end() :]  # inclusive: the place stays a wish
            continue
        if _AWAY.search(what[:4]):
            away = True
        elif _OUT_OF_PROVINCE.search(what[:4]):
            pass  # staying in Fujian: the rest of the text decides where
        elif _starts_with_place(what) and (found := _places_in(what, True)):
            excluded |= _expand(found)
            named |= {code for kind, code in found if kind == "county"}
            anywhere_else |= all_else
        else:
            continue
        t = t[: m.start()] + "，" + t[stop:]
    return t, excluded, away, named, anywhere_else


def place_reading(basis: str, names: list[str], home: str, excluded: list[str]) -> str:
    """The place reading in words, shown on the profile so a coordinator can see and correct it."""
    g = get_gazetteer()
    but = "（" + "、".join(dict.fromkeys(g.counties[c].name for c in excluded if c in g.counties)) + "除外）" if excluded else ""
    said = "、".join(dict.fromkeys(names))
    text = {
        "named": f"说了地点：{said}",
        "local": f"只在本地（{said or home}）",
        "near": f"{said or home}及附近",
        "anywhere": "哪里都行：全省各地，工资高的优先",
        "mobile": f"没说地点：先{home or '本县'}，再本市，再全省由近到远",
        "outside": f"只说了省外（{said}）：省内岗位不推",
    }.get(basis, basis)
    return text + but


@lru_cache(maxsize=100_000)
def parse_places(wishes: str, home: str | None, *, home_bound: bool = False) -> Places:
    """Acceptable counties, anywhere flag, basis, names said and counties ruled out.

    Cached: many people write the same wishes; callers must not modify the returned lists.
    """
    t = _REGION.sub(lambda m: _REGIONS[m.group(0)], normalize(wishes))
    t, excluded, away, named, anywhere_else = _negations(t)
    away = away or bool(_STAY.search(t))
    out = _read(t, home, home_bound=home_bound, away=away)
    if not excluded:
        return out
    if anywhere_else and out.basis == "mobile":
        out = Places([], True, "anywhere", [], [])
    if home not in named:
        excluded.discard(home)  # 闽侯 people saying 不想去福州 mean the city proper, not home
    excluded -= {code for kind, code in _find(t) if kind == "county"}  # "泉州太远不考虑 就在安溪": 安溪 stays
    codes = [c for c in out.codes if c not in excluded]
    if not out.anywhere and not codes:  # only ruled-out places were left: the usual default, less those
        return Places([], True, "mobile", [], sorted(excluded))
    return Places(codes, out.anywhere, out.basis, out.names, sorted(excluded))


def _names_county(seg: str, city: str, after: tuple[tuple[str, str], ...], code: str) -> bool:
    """The city only says where the county named right after it is (南平浦城, 福州市闽清县), not
    "福州或闽清" (both wished)."""
    if not after or after[0][0] != "county":
        return False
    county = get_gazetteer().counties[after[0][1]]
    if county.city_code != code:
        return False
    at = seg.find(city.removesuffix("市"))
    if at < 0:
        return True  # named by a sound-alike: as before
    end = at + len(city.removesuffix("市"))
    end += seg.startswith("市", end)
    return seg.startswith(county.name, end) or seg.startswith(county.short, end)


def _read(t: str, home: str | None, *, home_bound: bool = False, away: bool = False) -> Places:
    g = get_gazetteer()
    if _ANYWHERE.search(t):
        return Places([], True, "anywhere", [], [])
    codes: set[str] = set()
    names: list[str] = []
    home_c = g.get(home)
    segments = [s for s in _SPLIT.split(t) if s]
    found_any = any(_find(seg) for seg in segments)
    for seg in segments:
        found = _places_in(seg, found_any or len(segments) > 1)
        if not found:
            if URBAN.search(seg) and home_c:  # 市区: the home city's districts
                codes.update(districts(home_c.city_code))
                names.append(g.cities[home_c.city_code].removesuffix("市") + "市区")
                continue
            if LOCAL.search(seg) and home_c and (found_any or codes):  # "本地或者福州"
                codes.add(home_c.code)
                names.append(home_c.name)
            continue
        near = bool(NEAR.search(seg))
        for k, (kind, code) in enumerate(found):
            if kind == "county":
                codes.add(code)
                names.append(g.counties[code].name)
                if near:
                    codes.update(neighbours(code))
            elif not _names_county(seg, g.cities[code], found[k + 1:k + 2], code):
                # a city, unless it only says where the next county is (南平浦城); 龙岩市区: its districts only
                at = seg.find(g.cities[code].removesuffix("市"))
                urban = at >= 0 and bool(_URBAN_AFTER.match(seg, at + len(g.cities[code].removesuffix("市"))))
                codes.update(districts(code) if urban else g.in_city(code))
                names.append(g.cities[code].removesuffix("市") + "市区" if urban else g.cities[code])
    if codes:
        return Places(sorted(codes), False, "named", names, [])
    if m := OUTSIDE.search(t):  # only places outside Fujian: none of our postings is there
        return Places([], False, "outside", [m.group(0)], [])
    if _ANYWHERE_WEAK.search(t) and not away:
        return Places([], True, "anywhere", [], [])
    if home_c is None:  # nobody said anywhere: the reasons must not claim "您说哪里都行"
        return Places([], True, "mobile", [], [])
    if away or LOCAL.search(t) or (home_bound and not NEAR.search(t)):
        return Places([home_c.code], False, "local", [home_c.name], [])
    if NEAR.search(t):
        around = {home_c.code, *neighbours(home_c.code), *g.in_city(home_c.city_code)}
        return Places(sorted(around), False, "near", [home_c.name], [])
    # Nothing said and nothing ties the person to home: 转移就业 (258号 二（三）) — the whole province,
    # home county first, then home city, then the rest by distance (the closeness score orders them).
    return Places([], True, "mobile", [], [])
