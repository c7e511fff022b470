"""Understanding people: skills and wishes free text → a ``Profile`` (places, pay, kinds, licences).

The profile is a plain dataclass, serialisable with ``to_dict``/``from_dict``, because it is stored
and shown to coordinators, who may correct it. Place rules:

- 本地 / 家门口 / 本县 / 老家 / 县城, or a circumstance that ties the person to home
  (要照顾老人/孩子, 家里走不开) with no place named → own county;
- a named county (只能在宁化, 武夷山本地) → that county; a named city (福州, 宁德市里) → the city's counties;
- 附近 after a county → it and its neighbours (county seats within 60 km); after a city → the city;
  on its own → own county, its neighbours and own city;
- 哪里都行 / 外地也行 / 不限 / 都可以 → anywhere;
- nothing said → own city and the counties neighbouring home (a default, shown as such).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

from core.gazetteer import get_gazetteer
from core.text import cn_to_int, pinyin_key
from core.text import normalize as _normalize
from matching.certs import find_certs, with_implied
from matching.kinds import get_families

SEEKING = "seeking"
DAYS_PER_MONTH = 26  # day pay → month: 26 working days, the usual basis in Fujian postings

# "外地也行" means anywhere even beside a named place; "哪里都行" after "福州" means anywhere in 福州.
_ANYWHERE = re.compile(r"外地也(行|可以)|外地都|去外地|外省|全国|出省|去哪都(行|可以)")
_ANYWHERE_WEAK = re.compile(r"哪里都(行|可以|去)|哪儿都(行|可以)|哪都(行|可以|去)|不限|地点不限|地方不限|都可以去|到处都|随便哪|省内|远近都")
_LOCAL = re.compile(r"本地|家门口|本县|本乡|本镇|老家|县城|县里|镇上|村里|在家|当地|家乡|回家")
_OUTSIDE = re.compile(
    r"上海|北京|天津|重庆|广东|广州|深圳|东莞|佛山|中山|珠海|浙江|杭州|宁波|温州|义乌|江苏|苏州|南京|无锡|昆山|"
    r"江西|湖南|湖北|武汉|安徽|合肥|山东|青岛|四川|成都|海南|香港|澳门|台湾|国外|出国"
)
_NEAR = re.compile(r"附近|周边|周围|一带|边上|旁边|离家近|近一点|近点|不要太远|别太远|不想走远|不去远")
_HOME_BOUND = re.compile(
    r"(要|得|需要|还要|在家)照顾(家里|老人|孩子|小孩|病人|父母|老公|公婆|孙子)?|"
    r"(家里的?)?(老人|孩子|小孩|老母亲|老父亲|父母|公婆|病人|老公)(要|需要|得|还要)(人)?照顾|家里走不开|走不开|离不开家|出不去|不能出远门|"
    r"不能外出|出不了远门|家里有(老人|病人|小孩)|孩子还小|接送孩子"
)
_HOME_WORK = re.compile(r"在家(做|干|里做)|居家|拿回家|带回家|手工活")
_BOARD = re.compile(r"包吃住|包住|管吃住|包食宿|提供住宿")
_NO_TRADE = re.compile(
    r"没(什么|啥|有)?(技术|手艺|特长|文化)|啥技术都没|不会(什么|啥)|没读过书|没上过学|文化(不高|低)|"
    r"(小学|初中|高中|中专|职高)(毕业|文化|没毕业)|只有力气|力气活"
)
_NOT_NOW = re.compile(r"(暂时|暂|目前|现在|今年|先)不(找|想|出去|打算|上班|做)|不找工作|不想(找|上班|出去做)|不打算(找|出去)")
_ANY_WORK = re.compile(r"(啥|什么|哪种|任何)(样的)?(活|工作|事|活儿)?都(行|可以|能干|能做|干|做|愿意)|有活就|给活就|零工|杂活|打杂|什么都(能|可以|会)?(干|做)|啥都(能|可以)?(干|做)|都能干|都可以做|干什么都行|有活就")

_NUM = r"(?:[0-9]+(?:\.[0-9]+)?\s*[kK千万]?[0-9]?|[零一二两三四五六七八九十百千万]+)"
_PAY = re.compile(
    r"(?P<pre>年薪|一年|月薪|月工资|工资|薪水|薪资|收入|待遇|每月|一个月|月入|每个月|一月|一天|每天|日薪|日工资|天|要求|最低|至少|起码|不低于|不少于|不能低于|不要低于)?"
    r"\s*(?P<num>" + _NUM + r")(?:\s*[-~到至]\s*(?P<hi>" + _NUM + r"))?\s*(?P<unit>元|块钱|块|圆)?"
    r"\s*(?P<post>以上|左右|上下|起|多|出头|往上|及以上|就行|也行|就可以|也可以|就好|都行)?"
)
_TWO = r"[一二三四五六七八九]{2}[千万]"
_DAY_CTX = re.compile(r"一天|每天|日薪|日工资|日结|天")
_EXACT_PRE = ("至少", "起码", "不低于", "不少于", "不能低于", "不要低于", "最低", "要求")
_EXACT_POST = ("以上", "起", "多", "出头", "往上", "及以上", "就行", "也行", "就可以", "也可以", "就好", "都行")


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
    place_basis: str = "default"  # named / local / near / anywhere / default / outside (no Fujian place)
    place_names: list[str] = field(default_factory=list)  # places as the person named them
    min_pay: int | None = None  # monthly yuan
    pay_text: str = ""
    wished: dict[str, str] = field(default_factory=dict)  # family → word in the wishes
    done: dict[str, str] = field(default_factory=dict)  # family → word in the skills
    certs: list[str] = field(default_factory=list)  # held, implied licence classes included
    home_bound: bool = False
    wants_board: bool = False
    home_work: bool = False
    any_work: bool = False
    no_trade: bool = False  # says there is no trade (没什么技术, 初中毕业): work a newcomer can do suits
    skills: str = ""  # normalised free text, kept for reasons and for coordinators
    wishes: str = ""

    @property
    def seeking(self) -> bool:
        return self.status == SEEKING

    @property
    def text(self) -> str:
        """Skills and wishes together: what the text scores read."""
        return f"{self.skills}；{self.wishes}"

    @property
    def generic(self) -> bool:
        """Names no trade of its own (or will do anything): unskilled work suits."""
        return self.any_work or (self.no_trade and not self.kinds)

    @property
    def kinds(self) -> dict[str, str]:
        """Wished and known kinds of work (wishes first)."""
        return {**self.done, **self.wished}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Profile:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in d.items() if k in names})


def parse_min_pay(text: str) -> tuple[int | None, str]:
    """Monthly minimum pay stated in ``text`` ('7000以上' → 7000, '六千左右' → 5400, '一天200' → 5200).

    '左右/上下' and a bare figure ('月薪一万') read as about that much: 90 % of it is the minimum.
    """
    t = normalize(text)
    best: tuple[int, str] | None = None
    for m in _PAY.finditer(t):
        pre, post, unit = m.group("pre") or "", m.group("post") or "", m.group("unit") or ""
        if not (pre or post or unit) and not re.search(r"[kK千万]", m.group("num")):
            continue
        value = _amount(m.group("num"))
        if value is None:
            continue
        day = bool(_DAY_CTX.search(pre)) or bool(_DAY_CTX.search(t[max(0, m.start() - 4) : m.start()]))
        if day and 50 <= value <= 2000:
            value *= DAYS_PER_MONTH
        elif pre in ("年薪", "一年") and value >= 12000:
            value //= 12
        elif value < 1000 or value > 100000:
            continue  # years, ages, children: not pay
        exact = m.group("hi") or pre in _EXACT_PRE or post in _EXACT_POST or re.fullmatch(_TWO, m.group("num"))
        minimum = value if exact else int(round(value * 0.9, -1))
        if best is None or minimum > best[0]:
            best = (minimum, m.group(0).strip())
    return (best[0], best[1]) if best else (None, "")


def _amount(s: str) -> int | None:
    s = s.strip().replace(" ", "")
    two = re.fullmatch(_TWO, s)
    if two:  # 五六千 → the lower figure
        s = s[0] + s[2]
    m = re.fullmatch(r"([0-9.]+)([kK千万])([0-9])?", s)
    if m:
        unit = 10000 if m.group(2) == "万" else 1000
        return int(float(m.group(1)) * unit + (int(m.group(3)) * unit // 10 if m.group(3) else 0))
    if "万" in s and re.fullmatch(r"[一二两三四五六七八九]?万[一二两三四五六七八九]", s):
        head = cn_to_int(s[:-1]) or 10000
        return head + (cn_to_int(s[-1]) or 0) * 1000
    try:
        return cn_to_int(s)
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=200_000)
def normalize(text: str) -> str:
    """core.text.normalize, cached: OpenCC is slow and the same phrases recur across people."""
    return _normalize(text)


@lru_cache(maxsize=100_000)
def _find(seg: str) -> tuple[tuple[str, str], ...]:
    return tuple(get_gazetteer().find(seg))


@lru_cache(maxsize=512)
def _neighbours(code: str) -> tuple[str, ...]:
    return tuple(get_gazetteer().neighbours(code))


@lru_cache(maxsize=100_000)
def parse_places(wishes: str, home: str | None, *, home_bound: bool = False) -> tuple[list[str], bool, str, list[str]]:
    """Acceptable county codes, anywhere flag, basis and the names said, from the wishes text.

    Cached: many people write the same wishes; callers must not modify the returned lists.
    """
    g = get_gazetteer()
    t = normalize(wishes)
    if _ANYWHERE.search(t):
        return [], True, "anywhere", []
    codes: set[str] = set()
    names: list[str] = []
    home_c = g.get(home)
    segments = re.split(r"或者|或是|还是|或|和|跟|、|，|,|/|；|;|及|以及|也行|也可以", t)
    found_any = any(_find(seg) for seg in segments)
    for seg in segments:
        found = _find(seg) if found_any else _sound_alike_places(seg)
        if not found:
            if _LOCAL.search(seg) and home_c and (found_any or codes):  # "本地或者福州"
                codes.add(home_c.code)
                names.append(home_c.name)
            continue
        near = bool(_NEAR.search(seg))
        counties = [c for kind, c in found if kind == "county"]
        cities = [c for kind, c in found if kind == "city"]
        if counties:
            for c in counties:
                codes.add(c)
                names.append(g.counties[c].name)
                if near:
                    codes.update(_neighbours(c))
        else:
            for city in cities:
                codes.update(g.in_city(city))
                names.append(g.cities[city])
    if codes:
        return sorted(codes), False, "named", names
    if m := _OUTSIDE.search(t):  # only places outside Fujian: none of our postings is there
        return [], False, "outside", [m.group(0)]
    if _ANYWHERE_WEAK.search(t):
        return [], True, "anywhere", []
    if home_c is None:
        return [], True, "anywhere", []
    if _LOCAL.search(t) or (home_bound and not _NEAR.search(t)):
        return [home_c.code], False, "local", [home_c.name]
    if _NEAR.search(t):
        around = {home_c.code, *_neighbours(home_c.code), *g.in_city(home_c.city_code)}
        return sorted(around), False, "near", [home_c.name]
    return sorted({*g.in_city(home_c.city_code), *_neighbours(home_c.code)}), False, "default", [home_c.city_name]


@lru_cache(maxsize=1)
def _place_sounds() -> dict[str, tuple[str, str]]:
    """Toneless pinyin of two-character place names → place, for misspellings (福洲 → 福州)."""
    g = get_gazetteer()
    out: dict[str, tuple[str, str]] = {}
    for code, name in g.cities.items():
        out[pinyin_key(name[:2])] = ("city", code)
    for c in g.counties.values():
        if len(c.short) == 2:
            out.setdefault(pinyin_key(c.short), ("county", c.code))
    return out


def _sound_alike_places(seg: str) -> list[tuple[str, str]]:
    """Places written with the wrong characters; only used when no place is spelt right."""
    if not re.search(r"去|到|在|想|附近|本地|市|县|区", seg):
        return []
    sounds = _place_sounds()
    found: list[tuple[str, str]] = []
    for i in range(len(seg) - 1):
        pair = seg[i : i + 2]
        if re.fullmatch(r"[\u4e00-\u9fff]{2}", pair) and (hit := sounds.get(pinyin_key(pair))) and hit not in found:
            found.append(hit)
    return found


# "会开叉车，但是没有证" / "没有叉车证" / "证还没考": a licence said not to be held.
_NO_CERT = re.compile(r"(没有|没|无|未|还没考|没考|没去考|不会考)[^，,。；;]{0,6}?证|证(还)?(没|没有)(考|拿)")


def _certs_held(text: str, clauses_families: list[dict[str, str]], clauses: list[str]) -> list[str]:
    held = find_certs(_NO_CERT.sub("，", text))
    fam = get_families()
    for i, clause in enumerate(clauses):
        if _NO_CERT.search(clause):
            continue
        if re.search(r"有证|持证|证齐|证件齐|有操作证|有资格证|有上岗证|证都有", clause):
            # "开挖掘机八年，有证": the licence of the trade named here or just before
            for fams in (clauses_families[i], clauses_families[i - 1] if i else {}):
                certs = [fam.by_id[f].cert for f in fams if fam.by_id[f].cert]
                if certs:
                    held.extend(c for c in certs if c and c not in held)
                    break
    return sorted(with_implied(held))


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


def parse_profile(rec: dict[str, Any]) -> Profile:
    """A labourer record (id, county, age, gender, status, poverty_registered, skills, wishes) → Profile."""
    g = get_gazetteer()
    skills = normalize(rec.get("skills") or "")
    wishes = normalize(rec.get("wishes") or "")
    county = g.get(rec.get("county_code")) if rec.get("county_code") else None
    county = county or g.resolve(rec.get("county") or "")
    both = f"{skills}；{wishes}"
    home_bound = bool(_HOME_BOUND.search(both))
    # The circumstance "要照顾老人" is not a wish to work in elder care: blank it before scanning kinds.
    skills_k, wishes_k = _HOME_BOUND.sub("，", skills), _HOME_BOUND.sub("，", wishes)
    fam = get_families()
    places, anywhere, basis, names = parse_places(wishes, county.code if county else None, home_bound=home_bound)
    min_pay, pay_text = parse_min_pay(wishes or skills)
    clauses = [c for c in re.split(r"[，,。；;！!\s]", f"{skills_k}，{wishes_k}") if c]
    cert_clauses = [fam.scan(c) for c in clauses]
    age = rec.get("age")
    return Profile(
        labourer_id=str(rec.get("id") or rec.get("labourer_id") or ""),
        name=rec.get("name") or "",
        county=county.code if county else None,
        city=county.city_code if county else None,
        age=_age(age),
        gender=gender_of(rec.get("gender")),
        status=status_of(rec.get("status")) if not _NOT_NOW.search(wishes) else "not_seeking",
        poverty_registered=bool(rec.get("poverty_registered")),
        places=list(places),
        anywhere=anywhere,
        place_basis=basis,
        place_names=list(names),
        min_pay=min_pay,
        pay_text=pay_text,
        wished=fam.scan(wishes_k) or fam.scan_misspelt(wishes_k),
        done=fam.scan(skills_k) or fam.scan_misspelt(skills_k),
        certs=_certs_held(both, cert_clauses, clauses),
        home_bound=home_bound,
        wants_board=bool(_BOARD.search(wishes)),
        home_work=bool(_HOME_WORK.search(both)),
        any_work=bool(_ANY_WORK.search(both)),
        no_trade=bool(_NO_TRADE.search(skills)) or not skills_k.strip("，"),
        skills=skills,
        wishes=wishes,
    )
