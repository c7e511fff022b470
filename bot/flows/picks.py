"""Numbered lists in chat and what follows them: "1" after a job list is that job, not menu item 1.

A list shown to the person (jobs, pushes, "did you mean" clauses, a clarifying question) is kept
in the state as ``pick = {"kind", "ids"}``; a number or 第二个 picks from it. After a posting is
shown, ``posting`` holds it, so 这个包住吗 / 咋报名 is answered about that posting.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from bot import service
from bot.backends import PostingView
from bot.flows.ask import learning_asked
from bot.flows.context import Ctx
from bot.flows.fits import age_fit, ask_employer, hours_fit
from bot.flows.reading import is_question
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.text import normalize
from matching.certs import CLASS_SAID
from matching.profile import DAYS_PER_MONTH

LIST_TAIL = "回复序号看详情，回复“菜单”回主菜单。"
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ORDINAL = re.compile(r"^(?:那|就|要|选|看看?)?(?:第)?([1-9一二两三四五六七八九])(?:个|条|号)?(?:岗位|工作)?(?:呢|吧|的|啊|吗)?[?？]?$")
_ORDINAL_IN = re.compile(r"第([1-9一二两三四五六七八九])(?:个|条)"
                         r"|(?:^|[\s,，])(?:行|好|嗯)?[\s,，]?(?:那|就|要|选|看看?)?([1-9一二两三四五六七八九])号")
_FROM_END = re.compile(r"倒数第?([1-9一二两三四五六七八九])(?:个|条)")
_LAST = re.compile(r"^(?:那|就|要|选|看看?)?最后(?:那|一)?(?:个|条)")
# What a person asks about a posting on screen, and the words in its text that answer it.
ABOUT: dict[str, tuple[re.Pattern[str], re.Pattern[str], str]] = {
    "housing": (re.compile(r"包住|住宿|住的|宿舍|住哪|管住|提供住"), re.compile(r"包住|包吃住|提供住宿|宿舍|住宿"), "住宿"),
    "meals": (re.compile(r"包吃|管饭|包饭|供饭|吃饭|伙食|食堂|工作餐|午饭|中饭"),
              re.compile(r"包吃|包吃住|食堂|工作餐|餐补|管饭|包饭|包午饭|供饭|午饭"), "吃饭"),
    "hours": (re.compile(r"几点|上班时间|下班|加班|休息|双休|几个小时|几个钟头|多久|夜班|白班|[两三]班|倒班|班次|怎么排|排班"),
              re.compile(r"\d+[:：点]|小时|双休|单休|加班|倒班|班倒|白班|夜班|早班|晚班|上午|下午"), "上班时间"),
    "insurance": (re.compile(r"社保|保险|五险"), re.compile(r"社保|五险|保险"), "社保"),
    "health": (re.compile(r"体检"), re.compile(r"体检|健康证"), "体检"),
    "health_card": (re.compile(r"健康证"), re.compile(r"健康证"), "健康证"),
    "licence": (re.compile(rf"(?:要|需要|得|什么|啥)\S{{0,2}}(?:驾照|驾驶证|本子|驾龄|{CLASS_SAID.pattern})"
                           rf"|(?:{CLASS_SAID.pattern})\S{{0,4}}(?:行不行|行吗|可以吗|能不能|够不够|可不可以|能开)"),
                re.compile(rf"驾照|驾驶证|驾龄|{CLASS_SAID.pattern}"), "驾照要求"),
    "experience": (re.compile(r"经验|几年|新手|生手|熟手|没干过|没做过"), re.compile(r"经验|熟手|新手|生手|[一二两三四五\d]年以上"),
                   "经验要求"),
    "at_home": (re.compile(r"拿回家|带回家|在家做|在家里做|在家干|领料|居家"), re.compile(r"回家|在家|居家|领料"), "能不能在家做"),
    "gender": (re.compile(r"(?:女|男)(?:的|人|同志)?(?:也|能|可以|要|收)|要(?:女|男)的|限(?:男|女)"),
               re.compile(r"男女不限|不限男女|限男|限女|男性|女性"), "男女要求"),
    "age": (re.compile(r"年纪|岁数|年龄|多大|\d{2}岁?了|老了"), re.compile(r"年龄|\d{2}\s*岁|周岁"), "年龄要求"),
    "needs": (re.compile(r"要求|条件|门槛|要啥人|收啥人|啥人能"),
              re.compile(r"年龄|\d{2}\s*岁|以上|学历|初中|高中|中专|技校|证|经验|会|熟练|男女|限[男女]"), "要求"),
    "months": (re.compile(r"干到啥时候|到什么时候|到啥时候|干多久|做多久|几月份?|哪个月|啥季节|什么季节|长期|长久"),
               re.compile(r"\d{1,2}月|季|长期|常年"), "干到什么时候"),
    "posture": (re.compile(r"站一?整天|站着|坐着|站久|一直站|能坐"), re.compile(r"坐着|站着|久站|站立|坐班"), "站着还是坐着干"),
    "settle": (re.compile(r"日结|月结|周结|一天一结|[多几]久(?:发|结)|啥时候发|什么时候发|几号发|押工资|压工资"),
               re.compile(r"日结|月结|周结|一天一结|按月发|每月\d+[号日]|押\S{0,2}工资"), "工资怎么结（日结还是月结）"),
    "labour": (re.compile(r"累不累|累吗|累不累人|辛苦吗|辛不辛苦|要搬东西|搬重的|重不重|是不是重活|重活吗|要扛"),
               re.compile(r"体力|搬运|装卸|装箱|重活|力气|轻松|轻活|坐着"), "累不累（体力活）"),
    "schooling": (re.compile(r"学历|文凭|中专的?够|高中的?够|初中的?够|要(?:中专|高中|初中|大专)|识字"),
                  re.compile(r"学历|文凭|中专|高中|初中|大专|本科|识字"), "学历要求"),
    "pregnancy": (re.compile(r"孕妇|怀孕|怀上|大肚子|哺乳|喂奶"), re.compile(r"孕|哺乳"), "孕妇能不能做"),
}
# Words of postings a reader may not know, said plainly after the posting's own words.
PLAIN_WORDS = {"两班倒": "白班、夜班两班轮着上", "三班倒": "早、中、晚三班轮着上", "长白班": "只上白班，不上夜班",
               "计件": "按做的件数算钱，做得多拿得多", "日结": "工资一天一结", "做六休一": "一周上六天、休一天"}
_PLACE = re.compile(r"在哪|哪里的|哪儿的|哪的|是\S{1,5}的吧|地址|地点|远不远|哪个县|哪个地方")
_PAY = re.compile(r"一天\S{0,2}(?:[一二两三四五六七八九十百\d]+)多?(?:块|元)|工资|多少钱|几多钱|给多少|月薪|薪水|待遇|算钱|挣多少|能挣|赚多少|偌济钱|钱\S{0,2}(?:怎么|咋)算|按(?:日|天|月|斤|件)算|(?:一个?月|每月|一天|每天)\S{0,3}(?:多少|几多|偌济)|(?:能|可以)?拿多少")
NO_LIST = ("现在没有列出的岗位可以选。回复“找工作”，按您的情况列出合适的岗位；以前推送给您的，回复“我的推荐”看。")
_REFERS = re.compile(r"^(?:那|就|要|选|看看?)?(?:第[1-9一二两三四五六七八九](?:个|条)|最后(?:那|一)?(?:个|条)|[1-9一二两三四五六七八九]号)")


# What is asked of a posting, as sound-alike misspellings may write it (包主 for 包住, 体俭 for 体检)
_ASKED_WORDS = ("包住", "包吃", "住宿", "宿舍", "管饭", "食堂", "加班", "夜班", "白班", "倒班", "社保", "保险", "体检",
                "健康证", "工资", "年纪", "岁数")


@lru_cache(maxsize=1)
def _sounds() -> dict[str, list[str]]:
    from matching.sounds import sound_table

    return sound_table(_ASKED_WORDS)


def heard(text: str) -> str:
    """``text`` with sound-alike misspellings of what people ask about a posting written right."""
    from matching.sounds import respell

    return respell(text, _sounds())


def refers_to_list(text: str) -> bool:
    """"第二个咋报名", "最后那个", "3号": a pick from a list (bare digits are menu or question answers)."""
    return bool(_REFERS.match(normalize(text)))


# "那个摘柚子的", "在家做的那个呢", "工资最高那个": a posting of the list named by what it is
_POINTER = re.compile(r"[那这](?:个|份|家|条)")
_TOP_PAY = re.compile(r"(?:工资|钱|挣|给|待遇)\S{0,2}最(?:高|多)|最(?:高|多|赚钱)(?:的|那)")
_NOT_DESCRIBING = set("那这个份条的呢吗啊吧呀要啥么咋条件多少一天给在做找有没想我俺你们就还是工资钱比高不行好看问下")


def described(ctx: Ctx, state: dict[str, Any], text: str) -> int | None:
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
        hits = [i for i, v in enumerate(views, 1) if v and _title_words(v.title) & _bigrams(t)]
        return hits[0] if len(hits) == 1 else None
    if not (len(t) <= 8 or re.search(r"[?？呢吧]", t) or _PAY.search(t) or APPLY.search(t)
            or any(asks.search(t) for asks, _, _ in ABOUT.values()) or re.search(r"多少|啥|咋|不$", t)):
        return None  # "我以前做过那个保洁" tells, it does not point
    views = [ctx.backends.posting(ctx.session, posting_id=int(i)) for i in ids]
    if _TOP_PAY.search(t):
        pays = [_monthly(v.pay) if v else 0 for v in views]
        return pays.index(max(pays)) + 1 if max(pays) > 0 and pays.count(max(pays)) == 1 else None
    if _NEAREST.search(t):
        return _nearest(state, t, views)
    part = next((p for p in re.split(r"[\s,，。]", normalize(text, keep_space=True)) if _POINTER.search(p)), t)
    places = {code for kind, code in get_gazetteer().find(part) if kind == "county"}  # "我报晋江那个"
    at = [i for i, v in enumerate(views, 1) if v and v.county in places]
    if len(at) == 1:
        return at[0]
    chars = set(part) - _NOT_DESCRIBING
    scores = [(2 * len(chars & set(v.title)) + len(chars & set(v.text))) if v else 0 for v in views]
    best = max(scores)
    return scores.index(best) + 1 if best >= 2 and scores.count(best) == 1 else None


_NEAREST = re.compile(r"最近|离\S{0,6}近|最方便")


def _nearest(state: dict[str, Any], t: str, views: list[Any]) -> int | None:
    """"那个包吃住的 离屏南最近的是哪个": among the listed postings with what is asked (包吃住), the one
    closest to the place named, else to home; None when two are as close or no place is known."""
    gaz = get_gazetteer()
    named = [code for kind, code in gaz.find(t) if kind == "county"]
    home = named[0] if named else (state.get("data") or {}).get("county")
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


def _monthly(pay: str) -> float:
    """The top of a pay text, as a month's pay ("150-200元/天" → 200 × 26)."""
    nums = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", pay)]
    if not nums:
        return 0.0
    from matching.profile import DAYS_PER_MONTH

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
    lines += [f"地点：{view.place or '未写明'}", f"工资：{view.pay}{_per_day(view.pay, asked)}"]
    if view.text.strip():
        lines.append("说明：" + _clip(view.text.strip(), 120))
    lines.append(f"报名：{view.apply}")
    lines.append("想报名回复“报名”，工作人员会帮您联系。")
    return "\n".join(lines)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


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
        said = _about(view, text, pay=False)  # the details already say the pay
        return state, details(view, text) + (f"\n——\n{said}" if said else "")  # "第三个包住吗": details, then answer
    if kind == "clauses":
        ans = ctx.backends.answer_clause(str(chosen), str(state.get("last_q") or ""))
        from bot.flows.ask import render_answer

        state = {k: v for k, v in state.items() if k != "pick"} | ({"topic": ans.topic} if ans.topic else {})
        return state, render_answer(ans)
    return None


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
    if APPLY.search(text) and not ABOUT["needs"][0].search(text):  # "报名有啥要求" asks the requirements
        return apply_to(ctx, state, msg, view)
    said = _about(view, text)
    if said is None and is_question(text) and _THAT_ONE.search(text) and not _OTHER_POSTING.search(text):
        # "泥水那个要带工具去不", "要几年经验": what the posting says, and where to ask what it does not
        said = f"【{view.title}】{view.text}\n您问的上面如果没有写，就是岗位信息里没有写。{ask_employer(view)}"
    return (state, said) if said else None


_OTHER_POSTING = re.compile(r"别的|其他|其它|另外|换一?个|还有|公益性?岗|扶贫车间|以工代赈|政策|补贴|文件|规定|一回事|区别")
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
    t = re.sub(rf"(?:{_POLICY_ONLY.pattern})(?:这个|那个|这块|那块)", "补贴", text.replace("这个岁数", ""))  # 养老保险那个
    return (bool(_POLICY_ONLY.search(t)) and (not _POINTS_AT_POSTING.search(t) or bool(_BY_GOVERNMENT.search(t)))
            or bool(_OTHERS_WANTED.search(t)) or learning_asked(t) or bool(_HURT_AT_WORK.search(t)))


def about_list(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"咋报名", "包住吗" with a job list on screen and none opened: a list of one is that posting; a
    longer list is asked which. None when the message asks nothing about postings."""
    ids = (state.get("pick") or {}).get("ids") or []
    text = heard(normalize(msg.text))
    if (state.get("pick") or {}).get("kind") != "jobs" or state.get("posting") or not ids or policy_aside(text):
        return None
    if re.match(r"(?:那|就)?(?:不要|别要?|只要|不想|最好)", text):
        return None  # "不要夜班的" narrows the list; it asks nothing of it
    asked = [(says, name) for asks, says, name in ABOUT.values() if asks.search(text)]
    # "两班倒是啥意思 夜班多不多", "这个一个月给多少 每天干几个钟头" are about the list; "报上了会发短信告诉我不"
    # asks something else
    if len(text) > LIST_ASK_MAX and not ((asked or _PAY.search(text) or (APPLY.search(text) and len(ids) == 1))
                                         and len(text) <= 3 * LIST_ASK_MAX):
        return None  # "我身体还行 巡山走得动 咋报名" with one posting listed applies for it
    if not (APPLY.search(text) or _PAY.search(text) or asked):
        return None
    if len(ids) == 1:
        return pick(ctx, state, msg, 1)
    if (asked or _PAY.search(text)) and not APPLY.search(text):  # "有包住的不": each posting, in its own words
        lines = []
        for i, pid in enumerate(ids, 1):
            view = ctx.backends.posting(ctx.session, posting_id=int(pid))
            if view is None:
                continue
            said = [_sentence_with(view.text, says) or f"没有写{name}" for says, name in asked]
            if _PAY.search(text) or re.search(r"挣|赚", text):
                said.append(f"工资{view.pay}")
            lines.append(f"{i} {view.title}：" + "；".join(said))
        return state, "\n".join(lines) + "\n没写的可以问招聘方，或回复“人工”。回复序号看详情。"
    return state, f"您问的是哪一个？回复序号（1 到 {len(ids)}），看它的详情和报名方式。"


def answer_about(view: PostingView, text: str) -> str | None:
    """What a message of any length asks of one posting, in the posting's own words; None when it asks nothing."""
    return _about(view, heard(normalize(text)))


def asks_about(text: str) -> bool:
    """Whether a message asks one of the things a posting may state (住宿, 上班时间, 男女 …)."""
    return any(asks.search(heard(normalize(text))) for asks, _, _ in ABOUT.values())


def _about(view: PostingView, text: str, *, pay: bool = True) -> str | None:
    """The posting's own words on each thing the message asks (住宿, 吃饭, 上班时间, 社保, 体检, 年龄,
    工资), or that it does not say; None when it asks none of them."""
    lines, missing = [], []
    fit = hours_fit(view, text) or age_fit(view, text)
    if fit:  # "下午五点才下班 可我四点半要去接孩子 这样行不行"
        return fit if fit.startswith("【") else f"【{view.title}】{fit}"
    if _PLACE.search(text):  # "鞋厂那个是晋江的吧": where it is
        lines.append(f"地点：{view.place or '未写明'}")
    for kind, (asks, says, name) in ABOUT.items():
        if asks.search(text):
            hit = _sentence_with(view.text, says, every=kind == "needs")
            if hit and hit + _plain(hit) not in lines:  # one sentence may answer two asks (包吃住)
                lines.append(hit + _plain(hit))
            elif hit:
                continue
            elif kind == "meals" and re.search(r"包住|住宿|宿舍", view.text):  # "包吃吗" of a posting that says 包住
                lines.append("岗位写了包住，没写包不包吃")
            else:
                missing.append(name)
    if pay and (_PAY.search(text) or re.search(r"挣|赚", text)):
        lines.append(f"工资：{view.pay}" + _plain(view.pay + view.text) + _per_day(view.pay, text))
    if not lines and not missing:
        return None
    said = f"【{view.title}】" + "；".join(lines)
    if missing:
        said += ("\n" if lines else "") + f"岗位信息里没有写{'、'.join(missing)}的情况。{ask_employer(view)}"
    return said


_MONTHLY = re.compile(r"(\d{3,5})(?:-(\d{3,5}))?元/月")


def _per_day(pay: str, text: str) -> str:
    """"一天几多钱" of a monthly wage: what it comes to a day, said to be a month's pay."""
    m = _MONTHLY.search(pay)
    if not m or not re.search(r"一天|每天|一日|日薪|天\S{0,2}多少", text):
        return ""
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    a, b = round(lo / DAYS_PER_MONTH), round(hi / DAYS_PER_MONTH)
    each = f"{a}元" if a == b else f"{a}-{b}元"
    return f"（按月发的工资；按每月干{DAYS_PER_MONTH}天算，一天大约{each}）"


def _plain(text: str) -> str:
    told = [f"{w}：{m}" for w, m in PLAIN_WORDS.items() if w in text]
    return f"（{'；'.join(told)}）" if told else ""


def _sentence_with(text: str, pattern: re.Pattern[str], *, every: bool = False) -> str:
    """The first part of ``text`` that ``pattern`` finds; with ``every``, all of them (a posting's requirements)."""
    parts = [_clip(p.strip(), 80) for p in re.split(r"[。；;！!\n]", text) if pattern.search(p)]
    return "；".join(parts) if every else (parts[0] if parts else "")


def apply_to(ctx: Ctx, state: dict[str, Any], msg: Inbound, view: PostingView) -> tuple[dict[str, Any], str]:
    """Record interest (a ticket for the coordinators) and say how to apply."""
    service.open_ticket(ctx.session, openid=msg.openid, text=f"想报名：{view.title}（岗位{view.id}）")
    return state, f"已记下您想报名【{view.title}】，工作人员会联系您。\n也可以直接联系：{view.apply}"
