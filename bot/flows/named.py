"""A posting named by what or where it is, on the open list or not ("鞋厂那个", "那个电子线束的",
"古田县城那个超市理货员还招不"), and two postings compared by pay ("那两个哪个工资高 差多少").

People name a posting as they remember it: by a word of its title, its place or its employer, often
one they saw in an earlier list, or heard of elsewhere. The postings shown in this conversation are
searched first, then every open posting; a name that fits two equally picks neither.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot import service
from bot.backends import PostingView
from bot.flows import picks, posting_asks
from bot.flows.context import Ctx
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.numbers import numerals_to_digits
from core.text import normalize
from matching.profile import DAYS_PER_MONTH

_POINTER = r"(?:那个|这个|那家|这家|那份|这份|那条)"
# "鞋厂那个", "龙海的那个" (what comes before the pointer) and "那个电子线束的" (between pointer and 的)
_BEFORE = re.compile(r"([\u4e00-\u9fff]{2,10}?)的?" + _POINTER)
_ASKED_NEXT = r"是|呢|吗|包|几|有|要|在|多|咋|怎|还|能|给|招"  # what follows a posting's name: the ask about it
_BETWEEN = re.compile(_POINTER + r"([\u4e00-\u9fff]{2,10}?)的|^(?:那|就)([\u4e00-\u9fff]{2,8}?)的"
                      r"|" + _POINTER + rf"([\u4e00-\u9fff]{{2,8}}?)(?=\s|{_ASKED_NEXT}|$)")
_AROUND = re.compile(r"([\u4e00-\u9fff]{2,6}?)的?" + _POINTER
                     + r"(?![咋怎比和跟与多几要能有在是还我你他她报去的那这])"
                     + rf"([\u4e00-\u9fff]{{2,8}}?)(?=\s|[，,。？?]|{_ASKED_NEXT}|的|我|$)")
# words before a posting's name that are no part of it ("行 就报这个小工", "我要报那个采茶的")
_NOISE = re.compile(r"^(?:行|好|嗯|就|那|还有|问下|问问|请问|我想问|想问|看看|还是|比|跟|和|与|说|我要|我想|帮我|报名|报)+")
# "村里贴了个协理员招人的", "超市在招人吗": a posting named by what it recruits for (the words just before 招人)
_RECRUITS = re.compile(r"([\u4e00-\u9fff]{2,8})(?<![个了的有贴在])在?招(?:人|工)")
_GENERIC = {"那个", "这个", "工作", "岗位", "活儿", "招工", "上班", "工资", "一个", "个月", "多少", "什么",
            "县城", "附近", "地方", "你们", "我们", "可以", "能不", "不能"}
# a posting asked about or applied for: the message is about a posting, not a policy or a story
_OPENS_WITH_NAME = re.compile(r"[^，,。；;\s]{2,8}?[那这](?:个|家|份)(?!\S{0,3}(?:比|和|跟))")
_ABOUT_CUE = re.compile(r"[?？吗呢吧不]|多少|几点|啥|咋|怎么|哪|还招|招不|要不要|能不能|行不行|还是|有没有|是不是")
# "那两个哪个工资高 差多少", "鞋厂那个比电子厂那个多多少", "第二个比第一个多多少"
COMPARE = re.compile(r"哪个(?:的)?(?:工资|钱|待遇|收入)?(?:更)?(?:高|多|好)|比\S{1,14}?(?:多|少|高|低)|差多少|多多少|少多少|相差|差几")
_BOTH = re.compile(r"[那这]两个|两个[^\s]{0,4}(?:比|哪)|这俩|那俩")
FOCUS_SHORT, FOCUS_MAX = 40, 80  # characters: "那个线束的 俺以前在厂里也干过 … 要不要站一整天" is about the listed one
SEARCH_LIMIT = 300  # open postings read for one name: the LIKE on its two-character pieces keeps it small


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} - _GENERIC


def names_in(text: str) -> list[str]:
    """The words a message names postings by, in order ("鞋厂那个比电子厂那个" → 鞋厂, 电子厂)."""
    t = normalize(text)
    found: list[tuple[int, str]] = []
    for pattern in (_BEFORE, _BETWEEN):
        for m in pattern.finditer(t):
            g = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            word = _NOISE.sub("", m.group(g))
            if len(word) >= 2 and _bigrams(word):
                found.append((m.start(g), word))
    for m in _RECRUITS.finditer(t):
        pieces = [w for w in re.split(r"[个了的有贴]", m.group(1)) if w]
        word = pieces[-1] if pieces else ""
        if len(word) < 2 and len(pieces) > 1:  # "有个剥虾的厂在招人": the 厂 is named by what it does
            word = pieces[-2] + word
        if len(word) >= 2 and _bigrams(word):
            found.append((m.start(1) + len(m.group(1)) - len(word), word))
    for m in _AROUND.finditer(t):  # "浦城那个护林员": the place before the pointer and the work after name one
        before, after = _NOISE.sub("", m.group(1)), m.group(2)
        if len(before) >= 2 and len(after) >= 2 and not re.search(_POINTER, after):
            found = [(p, w) for p, w in found if not m.start() <= p < m.end()] + [(m.start(1), before + after)]
    return [w for _, w in sorted(found)]


def _score(word: str, view: PostingView) -> int:
    pieces = _bigrams(word)
    title = _bigrams(re.sub(r"[（(].*?[)）]", "", view.title)) | _bigrams(view.title)
    place = _bigrams(view.place) | _bigrams(view.employer)
    kinds = 2 if _kinds(word) & _kinds(view.title) else 0  # "扫地那个" is the 保洁 one: the same kind of work
    return 2 * len(pieces & title) + 2 * len(pieces & place) + len(pieces & _bigrams(view.text)) + kinds


@lru_cache(maxsize=4096)
def _kinds(text: str) -> frozenset[str]:
    from matching.kinds import get_families

    return frozenset(get_families().scan(text))


def _best(word: str, views: list[PostingView]) -> PostingView | None:
    scored = sorted(((_score(word, v), v.id, v) for v in views), key=lambda s: (-s[0], s[1]))
    if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][2]


def _search(ctx: Ctx, word: str) -> list[PostingView]:
    """Open postings whose title, place or employer shares a two-character piece with ``word``."""
    pieces = sorted(_bigrams(word))
    return ctx.backends.postings_like(ctx.session, pieces, limit=SEARCH_LIMIT) if pieces else []


def _shown(state: dict[str, Any], *ids: int) -> dict[str, Any]:
    """The state with ``ids`` first among the postings shown in this conversation."""
    return state | {"shown": [*ids] + [i for i in state.get("shown", []) if i not in ids]}


def find(ctx: Ctx, state: dict[str, Any], word: str) -> PostingView | None:
    """The one posting ``word`` names: among those shown in this conversation, else among all open ones."""
    shown = [v for i in state.get("shown", []) if (v := ctx.backends.posting(ctx.session, posting_id=int(i)))]
    near, far = _best(word, shown), _best(word, _search(ctx, word))
    if near and far and _score(word, far) > _score(word, near):  # "县城小区扫地那个": 小区保洁员, not the 乡村 one shown
        return far
    return near or far


def postings_named(ctx: Ctx, state: dict[str, Any], text: str) -> list[PostingView]:
    """Every distinct posting the message names, in the order named."""
    out: list[PostingView] = []
    best = state.get("best") or {}
    for m in _BEST_REF.finditer(text):  # "近的那个要几年经验": the nearest of the list just weighed
        kind = "near" if "近" in m.group(0) else "pay"
        if best.get(kind) and (view := ctx.backends.posting(ctx.session, posting_id=int(best[kind]))):
            out.append(view)
    for word in names_in(text):
        view = find(ctx, state, word)
        if view is not None and all(v.id != view.id for v in out):
            out.append(view)
    return out


def titles_named(ctx: Ctx, text: str, most: int = 3) -> list[PostingView]:
    """The open postings whose title's own words ("护林员" of 公益性岗位：生态护林员) a message names; none
    when it names none, or more than ``most`` (then it names a kind of work, not a posting)."""
    t = re.sub(r"[^\u4e00-\u9fff]", "", normalize(text))
    hits: dict[int, PostingView] = {}
    for view in _search(ctx, t):
        core = re.sub(r"^.*?[:：]|[（(].*?[)）]", "", view.title)
        if any(core[i:i + 3] in t for i in range(len(core) - 2)):
            hits.setdefault(view.id, view)
    return list(hits.values()) if len(hits) <= most else []


def focus(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"那个电子线束的 几点上班", "超市那个咋报名": the posting named, in focus, and what was asked of it;
    None when the message names no posting (or asks nothing of it)."""
    text = normalize(msg.text or "")
    if len(text) > FOCUS_MAX or not (_ABOUT_CUE.search(text) or picks.APPLY.search(text)) or picks.policy_aside(text):
        return None  # "养老保险那个 政府是不是帮交一部分": a policy, whatever "那个" points at
    named = postings_named(ctx, state, text)
    if len(named) > 1 and _OPENS_WITH_NAME.match(text):  # "电池厂那个要上夜班吗": the one named first is meant,
        named = named[:1]  # the rest of the message asks about it
    listed = (state.get("pick") or {}).get("ids") or []
    if len(named) != 1 or (len(text) > FOCUS_SHORT and named[0].id not in listed):
        return None  # a long story names a posting only when it is on the list just shown
    view = named[0]
    state = _shown(state, view.id) | {"posting": view.id}
    reply = picks.about_posting(ctx, state, msg)
    if reply is not None:
        return reply
    said = posting_asks.answer_about(view, text)  # a longer message: what it asks of the posting, from its text
    return state, said or picks.details(view, text)


def _range(view: PostingView) -> tuple[float, float] | None:
    nums = picks.figures(view.pay)
    if not nums:
        return None
    k = DAYS_PER_MONTH if "天" in view.pay else 1  # day pay compared as a month's, said so
    return min(nums) * k, max(nums) * k


_DAY_PAY = re.compile(r"(?:一天|每天|日薪|一日|天)\s*(\d{2,4})")
_MONTH_PAY = re.compile(r"(?:一个月|每个?月|月薪|月)\s*(\d{3,5})")
_WEIGH = re.compile(r"划算|合算|哪个好|哪个强|哪个多|还是")


def day_or_month(text: str) -> str | None:
    """"一天一百五划算还是一个月三千划算": a day rate against a month's pay, said with what decides it."""
    t = numerals_to_digits(text)
    day, month = _DAY_PAY.search(t), _MONTH_PAY.search(t)
    if not (day and month and _WEIGH.search(t)):
        return None
    d, m = int(day.group(1)), int(month.group(1))
    full = d * DAYS_PER_MONTH
    verdict = (f"天天有活干的话，比一个月{m}元多" if full > m else f"也比一个月{m}元少" if full < m else f"和一个月{m}元一样")
    return (f"一天{d}元，按每月干{DAYS_PER_MONTH}天算约{full}元（少干几天就少拿），{verdict}。\n"
            f"不过按天算的活（采摘、日结零工）多是季节性的，不一定天天有；按月的活一年到头都有，还可能有社保。"
            f"想长久稳定选按月的，想趁农闲多挣点选按天的。")


def compare(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """Two postings' pay side by side and the difference; None unless the message compares two."""
    text = normalize(msg.text or "")
    weighed = day_or_month(text)
    if weighed:
        return state, weighed
    if not COMPARE.search(text) or len(text) > 40:
        return None
    views = postings_named(ctx, state, text)
    if len(views) < 2:
        listed = (state.get("pick") or {}).get("ids") or []
        pair = listed if len(listed) == 2 and _BOTH.search(text) else []
        if not pair and views and state.get("posting") and state["posting"] != views[0].id:
            pair = [views[0].id, state["posting"]]  # "比电子厂那个多多少" against the one in focus
        views = [v for i in pair if (v := ctx.backends.posting(ctx.session, posting_id=int(i)))]
    if len(views) != 2:
        return None
    a, b = views
    ra, rb = _range(a), _range(b)
    lines = [f"【{v.title}】（{v.place}）工资：{v.pay}" for v in views]
    if ra and rb:
        if ra == rb:
            lines.append("两个工资一样。")
        else:
            hi, rh, rl = (a, ra, rb) if (ra[0] + ra[1]) >= (rb[0] + rb[1]) else (b, rb, ra)
            d_min, d_max = rh[0] - rl[0], rh[1] - rl[1]
            day = f"（按天算的按每月{DAYS_PER_MONTH}天折算）" if "天" in a.pay + b.pay else ""
            if d_min < 0 or d_max < 0:  # 3000-8000 against 4000-6000: neither is simply higher
                gap = "起步和最高各有高低，看您能做到哪一档"
            elif d_min == 0 or d_max == 0:  # 4500-7000 against 4500-6000: the same start, a higher top
                gap = f"起步一样，最高每月多{d_max:.0f}元" if d_min == 0 else f"最高一样，起步每月多{d_min:.0f}元"
            else:
                low, high = sorted((d_min, d_max))
                gap = f"每月大约多{low:.0f}元" if low == high else f"每月大约多{low:.0f}-{high:.0f}元"
            lines.append(f"【{hi.title}】工资高一些，{gap}{day}。" if d_min >= 0 and d_max >= 0
                         else f"两个工资{gap}{day}。")
    lines.append("工资以招聘方说的为准；包吃住、离家远近也要算上。回复序号或岗位名看详情。")
    return _shown(state, a.id, b.id) | {"compared": [a.id, b.id]}, "\n".join(lines)  # both were shown


_WHICH = r"哪(?:个|家|份|一个|条)"
_BEST_PAY = re.compile(_WHICH + r"[^，,。；;]{0,6}?(?:钱|工资|待遇|收入|挣得?|赚得?)[^，,。；;]{0,2}?(?:最|更)?(?:多|高)")
_BEST_NEAR = re.compile(_WHICH + r"[^，,。；;]{0,8}?(?:最|更)?近|离[^，,。；;]{1,8}?(?:最|更)?近的?(?:是)?哪")
_FROM = re.compile(r"离([\u4e00-\u9fff]{2,6}?)(?:最|更|比较)?近")
_HOME = re.compile(r"家|家里|屋里|厝里?|屋下|我家|我们家|俺家")
_BEST_REF = re.compile(r"(?:最?近|钱(?:最)?多|工资(?:最)?高)的?(?:那个|那家|那份)")


def best_of(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"哪个钱最多 哪个离沙县最近" over the postings just listed: the best-paid and the nearest (county
    seats' distance from the place named, else from home), each named; None unless such a question."""
    text = normalize(msg.text or "")
    pay, near = bool(_BEST_PAY.search(text)), bool(_BEST_NEAR.search(text))
    if not (pay or near) or len(text) > 40:
        return None
    ids = (state.get("pick") or {}).get("ids") if (state.get("pick") or {}).get("kind") == "jobs" else None
    ids = ids if ids and len(ids) >= 2 else state.get("compared") or state.get("shown", [])[:JOBS_WEIGHED]
    views = [v for i in ids if (v := ctx.backends.posting(ctx.session, posting_id=int(i)))]
    if len(views) == 1:  # "哪个钱多" after a list of one: nothing to weigh it against, said so
        v = views[0]
        where = _nearest(ctx, state, msg, text, views, {}) if near else ""
        return state, (f"刚才只找到这一个：【{v.title}】（{v.place}）{v.pay}。{where}"
                       "回复“1”看详情；想看别的活，说说想干什么、在哪里。")
    if len(views) < 2:
        return None
    lines, best = [], {}
    if pay and (ranged := [(r, v) for v in views if (r := _range(v))]):
        r, top = max(ranged, key=lambda x: (x[0][1], x[0][0]))
        day = f"（按天算的按每月{DAYS_PER_MONTH}天折算约{r[0]:.0f}-{r[1]:.0f}元）" if "天" in top.pay else ""
        lines.append(f"工资最高的是【{top.title}】（{top.place}）：{top.pay}{day}。")
        best["pay"] = top.id
    if near:
        lines.append(_nearest(ctx, state, msg, text, views, best))
    lines.append("回复序号或岗位名看详情。")
    return state | {"best": best}, "\n".join(x for x in lines if x)


JOBS_WEIGHED = 5


def _nearest(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, views: list[PostingView],
             best: dict[str, int]) -> str:
    gaz = get_gazetteer()
    said = _FROM.search(text)
    if said and _HOME.fullmatch(said.group(1)):  # "哪个离家近 我住长汀县城": home, or the county said beside it
        said = None
    origin = next((code for kind, code in gaz.find(said.group(1) if said else text) if kind == "county"), None)
    if said and origin is None:  # "离河田近": a town or village; postings give only the county
        return f"岗位信息只写到县，离{said.group(1)}具体多远看不出来；可以回复“人工”请工作人员帮您看。"
    if origin is None:
        origin = (state.get("data") or {}).get("county") or state.get("place")
    if origin is None and (person := service.get_user(ctx.session, msg.openid).person_id):
        origin = ctx.backends.home_county(ctx.session, person_id=person)
    home = gaz.get(origin) if origin else None
    far = picks.by_distance(home.code, views) if home else []
    if home is None or not far:
        return "岗位信息只写到县，不知道您从哪里出发；告诉我您住哪个县，我帮您比。"
    d, _, top = far[0]
    at_home = [v for km, _, v in far if km == d and _AT_HOME.search(v.title + v.text)]
    if d == 0 and len([x for x in far if x[0] == 0]) > 1 and at_home:  # all in the county: one is done at home
        best["near"] = at_home[0].id
        return (f"都在{home.short}。【{at_home[0].title}】可以领料回家做，不用出门，最近；"
                f"其他的要到岗位上干（具体在哪个村镇岗位信息里没写，可以问招聘方）。")
    best["near"] = top.id
    where = f"就在{home.short}" if d == 0 else f"离{home.short}约{d:.0f}公里（按县城算）"
    return f"离{home.short}最近的是【{top.title}】（{top.place}），{where}。"


_AT_HOME = re.compile(r"居家|在家做|回家做|领料回家|可在家|拿回家")


_BOTH_APPLY = re.compile(r"(?:两个|俩|两家|都)\S{0,3}(?:想去|想报|要去|报|去试)|都报")


def apply_both(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"两个都想去 能都报不" after two postings were weighed: interest recorded for both."""
    pair = state.get("compared") or []
    if len(pair) != 2 or not _BOTH_APPLY.search(normalize(msg.text or "")):
        return None
    views = [v for i in pair if (v := ctx.backends.posting(ctx.session, posting_id=int(i)))]
    said = [picks.apply_to(ctx, state, msg, v)[1] for v in views]
    return state, "两个都可以报。\n" + "\n".join(said) + "\n面试时间撞了的话，先去离家近的那个。"


_PASTED = re.compile(r"】\s*([^，,。；;：:\s]{2,30})")  # "【平和县就业服务站】蜜柚采摘装箱工（季节性），地点：…"


def pasted(ctx: Ctx, state: dict[str, Any], text: str) -> tuple[dict[str, Any], str] | None:
    """A posting notice pasted back with "这个靠谱吗": when its title is an open posting here, that
    posting in full (it is real); None when the message pastes no posting we hold."""
    m = _PASTED.search(text)
    if not m:
        return None
    title = normalize(m.group(1))
    views = [v for v in _search(ctx, title) if normalize(v.title) == title]
    if len(views) != 1:
        return None
    view = views[0]
    state = _shown(state, view.id) | {"posting": view.id}
    return state, "这条岗位在我们的岗位库里，是正在招的：\n" + picks.details(view)




def answer_which(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """The reply to "是哪个岗位？": a description ("就是古田那个超市里面理货的 三千多块钱那个") needs no
    question mark; the posting it names in focus with its details, None when it names none."""
    text = normalize(msg.text or "")
    if len(text) > FOCUS_MAX:
        return None
    views = postings_named(ctx, state, text)
    if not views:
        view = find(ctx, state, re.sub(r"[^\u4e00-\u9fff]", "", text))  # "古田超市理货员": a name without a pointer
        views = [view] if view is not None else []
    if len(views) != 1:
        return None
    view = views[0]
    state = _shown(state, view.id) | {"posting": view.id}
    return state, posting_asks.answer_about(view, text) or picks.details(view, text)


def keep_named(ctx: Ctx, state: dict[str, Any], text: str) -> dict[str, Any]:
    """"你们推的那个晋江的鞋厂 是不是骗人的": the one posting a message names becomes the one in focus,
    so "那个鞋厂工资多少" next refers to it."""
    if len(text) > FOCUS_MAX:
        return state
    views = postings_named(ctx, state, normalize(text))
    if len(views) != 1:  # "那个晋江的鞋厂": the whole phrase around the pointer, place and kind together
        chunks = [c for c in re.split(r"[\s，,。！!？?]+", text) if re.search(_POINTER, c)]
        views = [v for c in chunks if (v := find(ctx, state, c))][:2]
    return _shown(state, views[0].id) | {"posting": views[0].id} if len(views) == 1 else state


# "那个菌棒厂招满了你们还挂着", "去了人家说不招了": a posting reported filled, for a coordinator to check
_FILLED = re.compile(r"招满|满员|人满了|不招了|不招人了|人招够|招够了|已经招到|人够了|早招到")
FILLED_THANKS = "谢谢您告诉我们！已转给工作人员去核实，真招满了就把岗位撤下，不让别人再白跑。"


def reported_filled(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """A posting said to be filled: a ticket naming it (when it can be told which) and thanks; None otherwise."""
    text = normalize(msg.text or "")
    if not _FILLED.search(text) or re.search(r"[吗么]|还招|招不招|招满了没|满了没", text):  # "还招吗" asks
        return None
    views = postings_named(ctx, state, text)
    if not views and state.get("posting"):
        view = ctx.backends.posting(ctx.session, posting_id=int(state["posting"]))
        views = [view] if view is not None else []
    which = "、".join(f"{v.title}（岗位{v.id}）" for v in views[:2]) or "未说明哪个岗位"
    service.open_ticket(ctx.session, openid=msg.openid, text=f"反映岗位已招满：{which}。原话：{msg.text}",
                        conversation=ctx.recent_turns(msg.openid))
    return state, FILLED_THANKS + ("\n想看别的岗位，回复“找工作”。" if views else "")
