"""Numbered lists in chat and what follows them: "1" after a job list is that job, not menu item 1.

A list shown to the person (jobs, pushes, "did you mean" clauses, a clarifying question) is kept
in the state as ``pick = {"kind", "ids"}``; a number or 第二个 picks from it. After a posting is
shown, ``posting`` holds it, so 这个包住吗 / 咋报名 is answered about that posting.
"""

from __future__ import annotations

import re
from typing import Any

from bot import service
from bot.backends import PostingView
from bot.flows.ask import learning_asked
from bot.flows.context import Ctx
from bot.flows.fits import ELIGIBLE_ASKED, ask_employer, eligible
from bot.flows.posting_asks import ABOUT, PAY_ASKED, about, clip, heard, per_day, said_in, sentence_with
from bot.flows.reading import EITHER_OR, is_question
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.logging import mask_phone
from core.numbers import numerals_to_digits
from core.text import normalize
from matching.profile import DAYS_PER_MONTH

LIST_TAIL = "回复序号看详情，回复“菜单”回主菜单。"
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINAL = re.compile(r"^(?:那|就|要|选|看看?)?(?:第)?([1-9一二两三四五六七八九])(?:个|条|号)?(?:岗位|工作)?(?:呢|吧|的|啊|吗)?[?？]?$")
_ORDINAL_IN = re.compile(r"第([1-9一二两三四五六七八九])(?:个|条)"
                         r"|(?:^|[\s,，])(?:行|好|嗯)?[\s,，]?(?:那|就|要|选|看看?)?([1-9一二两三四五六七八九])号")
_FROM_END = re.compile(r"倒数第?([1-9一二两三四五六七八九])(?:个|条)")
_LAST = re.compile(r"^(?:那|就|要|选|看看?)?最后(?:那|一)?(?:个|条)")
NO_LIST = ("现在没有列出的岗位可以选。回复“找工作”，按您的情况列出合适的岗位；以前推送给您的，回复“我的推荐”看。")
_REFERS = re.compile(r"^(?:那|就|要|选|看看?)?(?:第[1-9一二两三四五六七八九](?:个|条)|最后(?:那|一)?(?:个|条)|[1-9一二两三四五六七八九]号)")


def refers_to_list(text: str) -> bool:
    """"第二个咋报名", "最后那个", "3号": a pick from a list (bare digits are menu or question answers)."""
    return bool(_REFERS.match(normalize(text)))


# "那个摘柚子的", "在家做的那个呢", "工资最高那个": a posting of the list named by what it is
_POINTER = re.compile(r"[那这](?:个|份|家|条)")
_TOP_PAY = re.compile(r"(?:工资|钱|挣|给|待遇)\S{0,2}最(?:高|多)|最(?:高|多|赚钱)(?:的|那)|(?:工资|钱|待遇)(?:高|多)(?:的|那|点的)")
_NOT_DESCRIBING = set("那这个份条的呢吗啊吧呀要啥么咋条件多少一天给在做找有没想我俺你们就还是工资钱比高不行好看问下")


def points_into_list(state: dict[str, Any], text: str) -> bool:
    """"离家近的那个", "便宜点的那个" with a job list on screen: one of its postings, not a new wish."""
    return (state.get("pick") or {}).get("kind") == "jobs" and len(text) <= 12 and bool(_POINTER.search(text))


def described(ctx: Ctx, state: dict[str, Any], text: str, openid: str | None = None) -> int | None:
    """The number in the open job list of the posting a message names by its work or pay; None when
    it names none, or two equally."""
    listed = state.get("pick") or {}
    ids = listed.get("ids") or []
    t = normalize(text)
    if listed.get("kind") != "jobs" or not ids or policy_aside(t):  # "养老保险那个 政府…": a policy
        return None
    if re.search(r"哪个|哪家|哪份", t) and _NEAREST.search(t):
        views = [ctx.backends.posting(ctx.session, posting_id=int(i)) for i in ids]
        return _nearest(state, t, views)  # "哪个离福安近": the nearest listed posting
    if not _POINTER.search(t):  # "修水管俺哪会啊 女的也能干？": a word of one listed title, in a question
        if not re.search(r"[?？吗呢]|能不能|要不要|咋|多少|几", t):
            return None
        views = [ctx.backends.posting(ctx.session, posting_id=int(i)) for i in ids]
        hits = _title_hits(views, t)
        return hits[0] if len(hits) == 1 else None
    if not (len(t) <= 8 or re.search(r"[?？呢吧]", t) or PAY_ASKED.search(t) or APPLY.search(t) or ELIGIBLE_ASKED.search(t)
            or any(asks.search(t) for asks, _, _ in ABOUT.values()) or re.search(r"多少|啥|咋|不$", t)):
        return None  # "我以前做过那个保洁" tells, it does not point
    views = [ctx.backends.posting(ctx.session, posting_id=int(i)) for i in ids]
    if _TOP_PAY.search(t):
        pays = [_monthly(v.pay) if v else 0 for v in views]
        return pays.index(max(pays)) + 1 if max(pays) > 0 and pays.count(max(pays)) == 1 else None
    if _NEAREST.search(t):
        person = None if (state.get("data") or {}).get("county") or not openid else service.get_user(ctx.session, openid).person_id
        home = ctx.backends.home_county(ctx.session, person_id=person) if person else None
        return _nearest(state, t, views, home)
    part = next((p for p in re.split(r"[\s,，。]", normalize(text, keep_space=True)) if _POINTER.search(p)), t)
    if (by_pay := _by_pay(part, views)) is not None:  # "九千那个呢": the posting whose pay says 9000
        return by_pay
    places = {code for kind, code in get_gazetteer().find(part) if kind == "county"}  # "我报晋江那个"
    at = [i for i, v in enumerate(views, 1) if v and v.county in places]
    if len(at) == 1:
        return at[0]
    chars = set(part) - _NOT_DESCRIBING
    scores = [(2 * len(chars & set(v.title)) + len(chars & set(v.text))) if v else 0 for v in views]
    best = max(scores)
    return scores.index(best) + 1 if best >= 2 and scores.count(best) == 1 else None


_NEAREST = re.compile(r"最近|离\S{0,6}近|最方便")


def _nearest(state: dict[str, Any], t: str, views: list[Any], registered: str | None = None) -> int | None:
    """"那个包吃住的 离屏南最近的是哪个": among the listed postings with what is asked (包吃住), the one
    closest to the place named, else to home; None when two are as close or no place is known."""
    gaz = get_gazetteer()
    named = [code for kind, code in gaz.find(t) if kind == "county"]
    home = named[0] if named else (state.get("data") or {}).get("county") or registered  # else the record's
    if not home:
        return None
    wanted = [says for asks, says, _ in ABOUT.values() if asks.search(t)]
    dist = by_distance(str(home), [v if v is not None and all(says.search(v.text) for says in wanted) else None
                                   for v in views])
    if not dist or (len(dist) > 1 and dist[1][0] == dist[0][0]):
        return None
    return dist[0][1]


def by_distance(home: str, views: list[Any]) -> list[tuple[float, int, Any]]:
    """(km from ``home``'s county seat, place in ``views`` from 1, posting), nearest first; postings
    that are None or whose county is not known are left out."""
    gaz = get_gazetteer()
    out = [(km, i, v) for i, v in enumerate(views, 1)
           if v is not None and v.county and (km := gaz.distance_km(home, v.county)) is not None]
    return sorted(out, key=lambda x: (x[0], x[1]))


_GENERIC = re.compile(r"公益性岗位|扶贫车间|季节性|居家|[（(].*?[)）]|[:：]")


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _title_words(title: str) -> set[str]:
    """Two-character pieces of a title's own words ("农村饮水工程水管员" → 水管 …), not its kind."""
    return {b for b in _bigrams(_GENERIC.sub("", title)) if not re.search(r"[工员岗位师]$", b) or len(title) < 5}


def listed_named(ctx: Ctx, state: dict[str, Any], text: str) -> PostingView | None:
    """The one posting of the list on screen the message names by its own words ("竹编她不会 要不要交学费"),
    whatever else it asks; None when it names none or several."""
    listed = state.get("pick") or {}
    if listed.get("kind") != "jobs":
        return None
    views = [ctx.backends.posting(ctx.session, posting_id=int(i)) for i in (listed.get("ids") or [])]
    hits = _title_hits(views, normalize(text))
    return views[hits[0] - 1] if len(hits) == 1 else None


def _title_hits(views: list[Any], text: str) -> list[int]:
    """Places (from 1) of the postings whose title's own words the text uses ("竹编", "修水管")."""
    words = _bigrams(text)
    return [i for i, v in enumerate(views, 1) if v is not None and _title_words(v.title) & words]


def _by_pay(part: str, views: list[Any]) -> int | None:
    """The one listed posting whose pay the words name ("九千那个", "六千的那个"): a figure at an end of its
    range beats one inside it; None when no figure is said or two postings fit it as well."""
    said = [f for f in figures(numerals_to_digits(part)) if f >= 100]
    if not said:
        return None
    scores = []
    for v in views:
        ends = figures(v.pay) if v is not None else []
        at_end = any(abs(f - e) <= 0.05 * e for f in said for e in ends)
        inside = len(ends) >= 2 and any(min(ends) <= f <= max(ends) for f in said)
        scores.append(2 if at_end else 1 if inside else 0)
    best = max(scores)
    return scores.index(best) + 1 if best and scores.count(best) == 1 else None


def figures(text: str) -> list[float]:
    """The numbers written in digits in a text ("3500-4200元/月" → [3500, 4200])."""
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text)]


def _monthly(pay: str) -> float:
    """The top of a pay text, as a month's pay ("150-200元/天" → 200 × 26)."""
    nums = figures(pay)
    if not nums:
        return 0.0

    return max(nums) * (DAYS_PER_MONTH if "天" in pay else 1)


CLOSED = "这个岗位已经停止招聘了。回复“找工作”看现在的岗位。"
APPLY = re.compile(r"报名|(?:我|俺)(?:想|要|就)?报(?!了|上了|过)|报上(?!了\S{0,6}(?:短信|通知|告诉|消息|结果))|(?:帮|给|替)(?:我|他|她|俺|阮)\S{0,3}报|报这|[咋怎]么?报|如何报|咋去|怎么去|联系|(?:要|给|留|发|有)(?:个|我)?(?:他们的?|老板的?|厂里的?)?电话|电话(?:多少|号码|是多少|呢|给我|发我)|^(?:嗯|好|行|那|那就|就|对)?报(?:吧|啊|呀|一个)?$|(?:我要去|想去)(?=$|[这那]|试|报|看看|上班|干|做|吧|呢|能|啊|的)|去试试|就这个|我要这个|应聘")


def pick_number(text: str, size: int = 0) -> int | None:
    """1 for "1", "第一个", "那第二个呢" → 2, "2号咋报名" → 2, "最后那个" → ``size`` (the list's length);
    None when the message is not a pick."""
    t = normalize(text)
    if size and _LAST.match(t):
        return size
    if from_end := _FROM_END.search(t):  # "倒数第二个": counted from the end (0 when the list is too short)
        g = from_end.group(1)
        return max(size - (int(g) if g.isdigit() else _CN[g]) + 1, 0) if size else None
    m = _ORDINAL.match(t) or _ORDINAL_IN.search(t)
    if not m:
        return None
    g = next(x for x in m.groups() if x)
    return int(g) if g.isdigit() else _CN[g]


def open_list(state: dict[str, Any], kind: str, ids: list[Any]) -> dict[str, Any]:
    """The state with a numbered list open (a posting in focus is dropped)."""
    state = {k: v for k, v in state.items() if k not in ("pick", "posting")}
    return state | {"pick": {"kind": kind, "ids": ids}} if ids else state


def details(view: PostingView, asked: str = "") -> str:
    """A posting in full, with how to apply (a monthly wage also by the day when ``asked`` is per day)."""
    lines = [f"【{view.title}】"]
    if view.employer:
        lines.append(f"单位：{view.employer}")
    lines += [f"地点：{view.place or '未写明'}", f"工资：{view.pay}{per_day(view.pay, asked)}"]
    if view.text.strip():
        lines.append("说明：" + clip(view.text.strip(), 120))
    lines.append(f"报名：{view.apply}")
    lines.append("想报名回复“报名”，工作人员会帮您联系。")
    return "\n".join(lines)


def pick(ctx: Ctx, state: dict[str, Any], msg: Inbound, n: int) -> tuple[dict[str, Any], str] | None:
    """The n-th item of the open list; None when no list is open (the main menu's number then)."""
    open_ = state.get("pick") or {}
    ids = open_.get("ids") or []
    if not ids:
        return None
    if not 1 <= n <= len(ids):
        shown = f"刚才只列了{len(ids)}个，" if n > len(ids) or n == 0 else ""  # 0: "倒数第三个" of two
        which = "1" if len(ids) == 1 else f"1 到 {len(ids)} 之间的序号"
        return state, f"{shown}请回复 {which}，或回复“菜单”回主菜单。"
    chosen = ids[n - 1]
    kind = open_.get("kind")
    if kind == "jobs":
        view = ctx.backends.posting(ctx.session, posting_id=int(chosen))
        if view is None or not view.open:
            return state, CLOSED
        state = state | {"posting": int(chosen)}
        text = normalize(msg.text)
        if APPLY.search(text):  # "第二个好 咋报名": that one, and the wish to apply
            return apply_to(ctx, state, msg, view)
        said = about(view, text, pay=False)  # the details already say the pay
        return state, details(view, text) + (f"\n——\n{said}" if said else "")  # "第三个包住吗": details, then answer
    if kind == "clauses":
        ans = ctx.backends.answer_clause(str(chosen), str(state.get("last_q") or ""))
        from bot.flows.ask import render_answer

        state = {k: v for k, v in state.items() if k != "pick"} | ({"topic": ans.topic} if ans.topic else {})
        return state, render_answer(ans)
    return None


def told_of_self(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> dict[str, Any]:
    """What the person has told of themselves, in registration's keys with the county, for a posting's
    conditions (``benefits.known_facts`` gives the entitlement rules' keys): the registry's record, a
    registration under way (its answers are in ``known`` when it was set aside for this step), the message."""
    from bot.flows.fields import read_fields
    from bot.flows.register import today

    facts: dict[str, Any] = {}
    person = service.get_user(ctx.session, msg.openid).person_id
    if person:
        kept = ctx.backends.person_facts(ctx.session, person_id=person, today=today(ctx))
        facts = {"age": kept.get("age"), "gender": kept.get("gender"), "poor": kept.get("poverty_registered"),
                 "county": ctx.backends.home_county(ctx.session, person_id=person)}
    for told in (state.get("paused"), state.get("data"), state.get("known"), read_fields(msg.text or "")):
        facts |= {k: v for k, v in (told or {}).items() if v is not None}
    return facts


def about_posting(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """A question about the posting on screen (包住吗, 咋报名); None when the message is about something else."""
    posting_id = state.get("posting")
    if not posting_id:
        return None
    text = normalize(msg.text)
    if len(text) > 24 or policy_aside(text):
        return None
    text = heard(text)
    view = ctx.backends.posting(ctx.session, posting_id=int(posting_id))
    if view is None:
        return None
    if _AFTER_APPLYING.search(text):  # "报上了会发短信告诉我不": how they will hear, not another application
        return None
    if REFUSES.search(text) and not is_question(text):  # "夜班不做 就要古田的 白天的": other postings wanted
        return None
    said = None
    if ELIGIBLE_ASKED.search(text) and is_question(text) and not _OTHER_POSTING.search(text):  # "…建档立卡户 能报冇"
        said = eligible(view, told_of_self(ctx, state, msg), text) or None
    if said is None and APPLY.search(text) and not ABOUT["needs"][0].search(text):  # "报名有啥要求" asks the requirements
        return apply_to(ctx, state, msg, view)
    said = said or about(view, text)
    if said and _CAN_I.search(text) and "不符合" in (unmet := eligible(view, told_of_self(ctx, state, msg))):
        said += "\n" + unmet  # "可以接送孙子吗 俺做得冇" at 58 of a posting up to 55: the age too
    if said is None and is_question(text) and not _OTHER_POSTING.search(text) and (part := said_in(view, text)):
        said = f"【{view.title}】{part}。"  # "接孩子能请假不": the posting says so in its own words
    if said is None and is_question(text) and (_THAT_ONE.search(text) or EITHER_OR.search(text)) and not _OTHER_POSTING.search(text):
        # "泥水那个要带工具去不", "要几年经验": what the posting says, and where to ask what it does not
        said = f"【{view.title}】{view.text}\n您问的上面如果没有写，就是岗位信息里没有写。{ask_employer(view)}"
    return (state, said) if said else None


_CAN_I = re.compile(r"做得|干得|能做|能干|能去|行不行|可以吗|行吗|中不中")
_OTHER_POSTING = re.compile(r"别的|其他|其它|另外|换一?个|还有|公益|扶贫车间|以工代赈|政策|补贴|文件|规定|一回事|区别")
_THAT_ONE = re.compile(r"[这那](?:个|家|份|厂)|它")


_AFTER_APPLYING = re.compile(r"报(?:上|好|完)?了\S{0,6}(?:短信|通知|告诉|消息|电话|结果)")
LIST_ASK_MAX = 8  # characters: "咋报名", "包住吗"; "报上了会发短信告诉我不" asks something else


# "对了 我这个岁数去参加培训还有补贴吗" with a posting open asks the policy, not the posting (它/这个 would)
_POLICY_ONLY = re.compile(r"补贴|补助|政策|扶持|培训|贷款|资助|奖补|养老保险|技校|技工学校|技工院校|学费|上学|读书")
_POINTS_AT_POSTING = re.compile(r"[这那](?:个|家|份|厂|里)|他们(?!俩|两)|它|岗位|厂里|单位|老板")


# "那有没有在家里做的零活 按件算的" asks for other postings, not about the one open
_OTHERS_WANTED = re.compile(r"有没有\S{0,12}(?:的)?(?:活|工作|岗位|事做)|还有(?:别的|其他|什么|啥)\S{0,4}(?:活|工作|岗位)")


_BY_GOVERNMENT = re.compile(r"政府|国家|人社|社保局|村里|镇里|县里")  # who pays or decides: a policy, not an employer


# "工地摔了有保险没": insurance for an injury at work is 工伤保险, a policy, not the posting's 社保 line
_HURT_AT_WORK = re.compile(r"(?:摔|受伤|伤了|伤到|砸到|出事|出了事|断了|残了)\S{0,6}(?:保险|赔|管不管|谁管|算不算工伤)|工伤")


def policy_aside(text: str) -> bool:
    """The message is not about the posting on screen: a policy asked, or other postings wanted."""
    return asks_policy(text) or bool(_OTHERS_WANTED.search(text))


def hurt_at_work(text: str) -> bool:
    """Insurance for an injury at work asked ("工地摔了 有保险没"): 工伤保险, a policy."""
    return bool(_HURT_AT_WORK.search(text.replace(" ", "")))


def asks_policy(text: str) -> bool:
    """A policy asked, not a posting ("工地上受伤了有没有保险", "学门手艺要钱不")."""
    text = heard(text)  # voice input's 养老保线 is the pension the posting asks are respelled to
    t = re.sub(rf"(?:{_POLICY_ONLY.pattern})(?:这个|那个|这块|那块)", "补贴", text.replace("这个岁数", ""))  # 养老保险那个
    return (bool(_POLICY_ONLY.search(t)) and (not _POINTS_AT_POSTING.search(t) or bool(_BY_GOVERNMENT.search(t)))
            or learning_asked(t) or bool(_HURT_AT_WORK.search(t)))


REFUSES = re.compile(r"不要|不做|不干|不想要|就要\S{1,6}的|只要\S{1,6}的")  # said, not asked: a narrowing


def about_list(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"咋报名", "包住吗" with a job list on screen and none opened: a list of one is that posting; a
    longer list is asked which. None when the message asks nothing about postings."""
    ids = (state.get("pick") or {}).get("ids") or []
    text = heard(normalize(msg.text))
    if (state.get("pick") or {}).get("kind") != "jobs" or state.get("posting") or not ids or policy_aside(text):
        return None
    if re.match(r"(?:那|就)?(?:不要|别要?|只要|不想|最好)", text) or (REFUSES.search(text) and not is_question(text)):
        return None  # "不要夜班的", "季节的不要 要长久做的" narrow the list; they ask nothing of it
    if len(ids) == 1 and len(text) <= 3 * LIST_ASK_MAX and ELIGIBLE_ASKED.search(text) and is_question(text):
        only = ctx.backends.posting(ctx.session, posting_id=int(ids[0]))  # "我这样的能报冇": its conditions
        checked = eligible(only, told_of_self(ctx, state, msg), text) if only else ""
        if only and checked:
            return state | {"posting": only.id}, checked
    asked = [(says, name) for asks, says, name in ABOUT.values() if asks.search(text)]
    # "两班倒是啥意思 夜班多不多", "这个一个月给多少 每天干几个钟头" are about the list; "报上了会发短信告诉我不"
    # asks something else
    if len(text) > LIST_ASK_MAX and not ((asked or PAY_ASKED.search(text) or (APPLY.search(text) and len(ids) == 1))
                                         and len(text) <= 3 * LIST_ASK_MAX):
        return None  # "我身体还行 巡山走得动 咋报名" with one posting listed applies for it
    if not (APPLY.search(text) or PAY_ASKED.search(text) or asked):
        return None
    if len(ids) == 1:
        return pick(ctx, state, msg, 1)
    if (asked or PAY_ASKED.search(text)) and not APPLY.search(text):  # "有包住的不": each posting, in its own words
        lines = []
        for i, pid in enumerate(ids, 1):
            view = ctx.backends.posting(ctx.session, posting_id=int(pid))
            if view is None:
                continue
            said = [sentence_with(view.text, says) or f"没有写{name}" for says, name in asked]
            if PAY_ASKED.search(text) or re.search(r"挣|赚", text):
                said.append(f"工资{view.pay}")
            lines.append(f"{i} {view.title}：" + "；".join(said))
        return state, "\n".join(lines) + "\n没写的可以问招聘方，或回复“人工”。回复序号看详情。"
    return state, f"您问的是哪一个？回复序号（1 到 {len(ids)}），看它的详情和报名方式。"


def apply_to(ctx: Ctx, state: dict[str, Any], msg: Inbound, view: PostingView) -> tuple[dict[str, Any], str]:
    """Record interest (a ticket for the coordinators) and say how to apply."""
    from bot.flows.fields import read_fields  # "帮我报上 电话是 137 0593 2266": the number to call back

    phone = read_fields(msg.text or "").get("phone")
    service.open_ticket(ctx.session, openid=msg.openid,
                        text=f"想报名：{view.title}（岗位{view.id}）" + (f"\n回电：{phone}" if phone else ""),
                        conversation=ctx.recent_turns(msg.openid))
    call = f"会打您留的电话{mask_phone(phone)}。" if phone else ""
    return state, f"已记下您想报名【{view.title}】，工作人员会联系您。{call}\n也可以直接联系：{view.apply}"
