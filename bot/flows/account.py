"""Steps about the follower rather than a question: 人工, 退订/订阅, location, jobs on request."""

from __future__ import annotations

import dataclasses
import math
import re
from typing import Any

from bot import service
from bot.backends import JobLine
from bot.flows import grievance, menu
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import read_fields
from bot.flows.picks import LIST_TAIL, open_list
from bot.protocol import Inbound
from core.gazetteer import County, get_gazetteer
from core.logging import mask_phone
from core.text import normalize

NO_JOBS = "暂时没有适合您的岗位，有了会第一时间推送给您。\n想改工作意向回复“改意向 …”，找工作人员回复 5。"
NOT_REGISTERED = "您还没有登记。回复 3 开始登记，登记后就能给您找岗位。"
JOBS_SHOWN = 4
WISH_MIN_CHARS = 8  # "有没有活干" is a request; "家门口有啥活 采茶也行" also says what work
SHOWN_KEPT = 8
MAX_LOCATION_KM = 80.0  # farther than this from every county seat: not in Fujian


def handoff(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Open (or extend) a 人工 ticket with the question that led here."""
    context = state.get("last_q") or msg.text
    phone = read_fields(msg.text or "").get("phone")  # "叫他打给我 幺三七…": the number to call back
    text = str(context or "") + (f"\n回电：{phone}" if phone else "")
    service.open_ticket(ctx.session, openid=msg.openid, text=text, conversation=ctx.recent_turns(msg.openid))
    if state.get("flow") == "register":  # "叫你们的人跟我说" mid-registration: the answers so far are kept
        state = state | {"paused": state.get("data") or {}}
    said = grievance.advice(str(context or "") + " " + (msg.text or ""))  # 欠薪 → 监察/12333, 被骗 → 110
    return grievance.handed(leave_flow(state), msg.text or "", bool(said)), (
        (f"{said}\n" if said else "") + menu.HANDOFF + (f"\n会打您留的电话{mask_phone(phone)}。" if phone else ""))


# "算了算了 不用人工了 我自己先看看", "不用找人了": a hand-over asked for and then not wanted
NO_PERSON = re.compile(r"(?:不用|不要|别|不需要|甭|莫|无需)\S{0,3}(?:人工|找人|转人工|转了|工作人员|协理员)")


def withdraw_handoff(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """The follower's open 人工 request withdrawn; None when they have none open."""
    if service.withdraw_ticket(ctx.session, openid=msg.openid, said=msg.text or "") is None:
        return None
    return {k: v for k, v in state.items() if k != "handed"}, menu.HANDOFF_WITHDRAWN


def opt_out(ctx: Ctx, state: dict[str, Any], msg: Inbound, *, out: bool) -> tuple[dict[str, Any], str]:
    user = service.set_opt_out(ctx.session, openid=msg.openid, opt_out=out)
    if user.person_id:
        ctx.backends.set_opt_out(ctx.session, person_id=user.person_id, opt_out=out)
        if not out:  # 订阅 after "微信别发": WeChat reaches them again
            ctx.backends.set_wechat(ctx.session, person_id=user.person_id, openid=msg.openid)
    return (state | {"stopped": True}, menu.OPTED_OUT) if out else (state, menu.OPTED_IN)


# "现在是开着的吧 短信", "推送还会发不", "我退订了没": a question about the pushes' state, not a change
PUSH_STATUS = re.compile(
    r"(?:短信|推送|订阅)\S{0,6}(?:开着|关着|停了[吗没吧]|还发不|还会发|还在发|开了[吗没吧]|关了[吗没吧]|退[订掉]了[吗没吧])"
    r"|(?:开着|关着|停着)的?[吧吗呢]\S{0,4}(?:短信|推送|订阅)|(?:我|现在)\S{0,3}(?:退订了|订阅了|还订着)[吗没吧]")


def push_status(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Whether pushes are on for this follower now, and how to change it."""
    if service.get_user(ctx.session, msg.openid).push_opt_out:
        return state, "现在是停着的：不给您推送岗位。想恢复请回复“订阅”。"
    return state, "现在是开着的：有合适的岗位会推送给您（同意了短信的也会发短信）。不想收请回复“退订”。"


# "过完年再出门 到时候你提醒我一下", "以后有坐着干的也发给我": pushes are how we remind, so say so
REMIND = re.compile(r"提醒(?:我|俺|一下)|(?:到时候?|以后|有了|有合适的?)\S{0,6}(?:告诉|通知|叫|喊|说给|发给?)(?:我|俺)|记得(?:告诉|通知|叫|喊|提醒)"
                    r"|(?:还是|接着|继续|照样)\S{0,2}(?:推|发)给?(?:我|俺)(?!\S{0,2}(?:看|瞧))")  # "有好的厨师活还是推给我吧"
# "别的不用推": the rest refused, what was named still wanted
_ONLY_THAT = re.compile(r"别的\S{0,3}(?:都)?(?:不用|不要|别)\S{0,2}(?:推|发)?了?")


def asks_reminder(message: str) -> bool:
    """"到时候你提醒我一下": a reminder asked for, not a question about one ("交费会不会提醒我"), a refusal
    ("以后有活也别发给我"), a registration ("我登记一下 以后…发给我") or found work."""
    text = _ONLY_THAT.sub("", normalize(message))
    return (bool(REMIND.search(text)) and len(text) <= 40 and not FOUND_JOB.search(text)
            and not {"name", "phone", "age", "county"} & read_fields(message).keys()
            and not re.search(r"别|不要|不用|甭|莫|登记|报名|[吗?？]|会不会|能不能|可不可以", text))


def remind(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """A reminder asked for: what the bot will send and when, or that pushes are off."""
    if service.get_user(ctx.session, msg.openid).push_opt_out:
        if re.search(r"推给?(?:我|俺)|发给?(?:我|俺)", normalize(msg.text or "")):  # "还是推给我吧": pushes wanted again
            state, _ = opt_out(ctx, state, msg, out=False)
            return state, "好的，已恢复推送：有合适的岗位会推送给您。不想收了回复“退订”。"
        return state, "您现在停了推送，我没法提醒您。想恢复请回复“订阅”；到时想找工作，直接回复“找工作”也行。"
    return state, ("好的。有合适的岗位会推送给您（微信；同意了短信的也发短信），到时候就能看到。"
                   "想看的时候也可以直接回复“找工作”，看当时最新的岗位。")


# "在厦门厂里找到活了 已经上班了": the person is working now
# at a free-text question only this wording is taken as found work ("他去上班了" is someone else's story)
FOUND_MYSELF = re.compile(r"(?:自己|已经|我)\S{0,2}找(?:到|着)(?:工作|活|事|厂)?了")
# "是不是要找到工作才能领", "等找到工作再说": a condition or a plan, not news
FOUND_JOB = re.compile(r"(?<!没)(?<!没有)(?<!未)(?<!没能)(?<!未能)(?<!要)(?<!想)(?<!能)(?<!先)(?<!等)(?<!帮我)找到(?:工作|活|事|厂)(?!才|以后|之后|再|的话)|(?:自己|已经)找(?:到|着)了(?![吗没不])|(?<![等如若])(?:找着|有)(?:工作|活干?)了(?![吗没么嘛]|\S{0,2}(?:会|就|再|告诉|通知|发|叫|喊|记得))|已经上班|上班了|进厂了|入职了|被录用|开始干活了")


def found_job(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """找到工作了: recorded as employed, so the daily plan stops pushing postings; how to come back."""
    user = service.get_user(ctx.session, msg.openid)
    back = "以后又要找工作，回复“找工作”就重新开始给您推送。"
    if state.get("flow") == "register" and not user.person_id and ctx.backends.registry_ready:
        from bot.flows import register  # found work mid-registration: kept on the ledger as employed

        saved = register.save_found(ctx, state, msg)
        if saved is not None:
            ctx.backends.set_status(ctx.session, person_id=saved, status="employed", note=normalize(msg.text or ""))
            return leave_flow(state), f"恭喜您找到工作！已把您登记为“已就业”，不再给您推送岗位。{back}"
    stopped = leave_flow(state) | {"stopped": True}  # "那以后又想找咋弄" is then answered (COME_BACK)
    if not user.person_id or not ctx.backends.registry_ready:
        sms = "收到的招工短信是按手机号发的，回复那条短信“T”就不再收短信。" if "短信" in (msg.text or "") else ""
        return stopped, f"恭喜您找到工作！您还没有在这里登记，以后不再给您推送岗位。{sms}{back}"
    ctx.backends.set_status(ctx.session, person_id=user.person_id, status="employed",
                            note=normalize(msg.text or ""))
    return stopped, f"恭喜您找到工作！已记下“已就业”，以后不再给您推送岗位。{back}"


# "那要是以后厂里不干了 又想找 咋弄" right after pushes were stopped: how to come back
HOW_BACK = re.compile(r"(?:又|再|重新|以后|还)\S{0,6}(?:找|要|想|发|推)\S{0,6}(?:咋|怎么|如何|找谁)|(?:咋|怎么|如何)\S{0,3}(?:恢复|重新|再)"
                      r"|(?:自己|自动)\S{0,2}(?:发|推|恢复)|(?:跟你|和你|告诉你)\S{0,2}(?:说|讲)|到时候\S{0,8}(?:发|推|说|讲)")
COME_BACK = ("以后想再找工作，随时在这里回复“找工作”（退订了的回复“订阅”），就重新开始给您推送合适的岗位；"
             "也可以找村里的劳动保障协理员。")


def nearest_county(lat: float, lon: float) -> County | None:
    """The county whose seat is closest to a point, if any lies within ``MAX_LOCATION_KM``."""
    best, best_km = None, MAX_LOCATION_KM
    for c in get_gazetteer().counties.values():
        dlat, dlon = math.radians(c.lat - lat), math.radians(c.lon - lon)
        h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat)) * math.cos(math.radians(c.lat)) * math.sin(dlon / 2) ** 2
        km = 2 * 6371.0 * math.asin(math.sqrt(h))
        if km < best_km:
            best, best_km = c, km
    return best


def place_of(msg: Inbound) -> County | None:
    """The county a location message points at: its label first, else the coordinates."""
    gaz = get_gazetteer()
    for kind, code in gaz.find(msg.label):
        if kind == "county" and (county := gaz.get(code)):
            return county
    if msg.lat is not None and msg.lon is not None:
        return nearest_county(msg.lat, msg.lon)
    return None


def location(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Acknowledge a location and use it as the person's current place."""
    county = place_of(msg)
    if county is None:
        return state, "收到您的位置。看起来不在福建省内，推荐岗位时仍按您登记的地方。"
    return moved(ctx, state, msg, county)


def moved(ctx: Ctx, state: dict[str, Any], msg: Inbound, county: County) -> tuple[dict[str, Any], str]:
    """Where the person is now (a location, or "搬到福州仓山了"): jobs are then searched near it."""
    state = state | {"place": county.code}
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id and ctx.backends.set_place(ctx.session, person_id=user.person_id, county_code=county.code):
        return state, f"收到，您现在在{county.full_name}，会优先推荐附近的岗位。"
    if user.person_id:
        return state, f"收到，您现在在{county.full_name}。"
    return state, f"收到，您现在在{county.full_name}。登记后就能给您推荐岗位（回复 3 登记）。"


def _job_lines(items: list[Any]) -> str:
    lines = []
    for i, job in enumerate(items, 1):
        why = "；".join(job.reasons[:2])
        lines.append(f"{i} {job.title}" + (f"\n  {why}" if why else ""))
    return "\n".join(lines)


def _remember_shown(state: dict[str, Any], ids: list[int | None]) -> dict[str, Any]:
    """Postings shown in chat count as recommended (我的推荐) even before any push went out."""
    shown = [i for i in ids if i is not None] + [i for i in state.get("shown", []) if i not in ids]
    return state | {"shown": shown[:SHOWN_KEPT]}


def find_jobs(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """找工作: the person's best current matches with reasons, as a numbered list."""
    if not ctx.backends.matcher_ready:
        return state, menu.PREPARING
    user = service.get_user(ctx.session, msg.openid)
    if not user.person_id and state.get("verify"):  # a bind awaits its texted code: nothing new starts
        return state, NOT_REGISTERED
    if not user.person_id:  # someone asking for work is registered on the spot, not sent to a menu
        from bot.flows import register

        known = dict(state.get("paused") or {}) | ({"here": state["place"]} if state.get("place") else {})
        state, first = register.start(ctx, state, msg)
        jobs = grievance.unshunned(state, preview(ctx, msg, known))  # the request (and what was said before) is enough
        state = state | {"asked": " ".join(x for x in (str(known.get("asked") or ""), says_what(msg.text or "")) if x)}
        far = outside_fujian(msg.text or "")  # "有冇去日本做工的": no posting there, said plainly
        if not jobs or far:  # conditions said and nothing meets them: said so, not passed over
            placed = known.get("county") or get_gazetteer().find(msg.text or "")  # nowhere known: nothing was searched
            none = far or ("按您说的条件，暂时没有找到合适的岗位。" if says_what(msg.text or "") and placed else "")
            none += why_not(ctx, known, msg.text or "")  # "去厦门做月嫂 招人冇" at 57: the one there, and why not
            return register.fill_from(ctx, state, msg, lead=none + "先登记一下，登记好马上给您找岗位。")
        state, lead = listed(state, jobs, minor_note(known) + "按您说的，先找到这些岗位：")
        return register.fill_from(ctx, state, msg, lead=lead + "\n登记一下，以后有合适的岗位会推送给您。")
    # someone who had found work asks again: seeking once more, so pushes resume
    resumed = ctx.backends.set_status(ctx.session, person_id=user.person_id, status="seeking", note="微信里又要找工作")
    again = "已恢复给您推送岗位。\n" if resumed else ""
    wish = new_wish(msg.text or "", dict(user.draft or {}))
    state = {k: v for k, v in state.items() if k != "wish_offer"} | ({"wish_offer": wish} if wish else {})
    offer = f"\n要把“{wish[:30]}”记作您的找工作意向吗？回复“是”就更新。" if wish else ""
    jobs, _note = ctx.backends.matches(ctx.session, person_id=user.person_id, limit=JOBS_SHOWN, wish=wish)
    jobs = grievance.unshunned(state, jobs)
    if wish and not jobs:  # "有没有采茶的 远点也不怕": nothing of that kind; what suits the record instead
        jobs, _note = ctx.backends.matches(ctx.session, person_id=user.person_id, limit=JOBS_SHOWN)
        again += "按您这次说的暂时没有找到，下面是按您登记的情况找的：\n" if jobs else ""
    if not jobs:  # the matcher's note is for coordinators (see the console), not for the follower
        return state, again + NO_JOBS + offer
    ids = [j.posting_id for j in jobs]
    state = _remember_shown(open_list(state, "jobs", ids), ids)
    return state, again + "给您找到这些岗位：\n" + _job_lines(jobs) + "\n" + LIST_TAIL + offer


def minor_note(data: dict[str, Any]) -> str:
    """A 17-year-old is told why most postings are not shown (they ask for 18 and over)."""
    age = data.get("age")
    return "您还不满18周岁，多数岗位要求年满18岁，下面只列不限年龄的。\n" if isinstance(age, int) and age < 18 else ""


_WORKED_THERE = re.compile(r"(?:以前|之前|原来|早年|前几年|那几年|过去)\S{0,2}在\S{1,8}?(?:干|做|打工|上班|待)(?:过|了)?")


def outside_fujian(text: str) -> str:
    """"去日本", "浙江温州" when a message names no place in Fujian: the postings are all here, said so; '' otherwise."""
    import jieba.posseg

    if get_gazetteer().find(text):
        return ""
    text = _WORKED_THERE.sub("", text)  # "以前在广东饭店干": where the person worked, not where they want to go
    away = dict.fromkeys(w.word for w in jieba.posseg.cut(text) if w.flag == "ns" and len(w.word) >= 2)
    return f"我们这里的岗位都在福建省内，没有{'、'.join(away)}的岗位。" if away else ""


NEARER = re.compile(r"太远|近一?点|离家近|近些|近的")


def nearer(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"算了 不去了 涵江太远 孩子在仙游读书要接送" after postings were shown to a registered person: the far
    places are set aside and work near home (or the place named) is looked for; said plainly when none.
    None unless such a message."""
    text = normalize(msg.text or "")
    shown = [int(i) for i in state.get("shown") or []][:JOBS_SHOWN * 2]
    if not (shown and NEARER.search(text)) or re.search(r"[别不]要?太远", text):
        return None
    user = service.get_user(ctx.session, msg.openid)  # only now: most messages need no database read here
    if not user.person_id:
        return None
    gaz = get_gazetteer()
    views = {i: v for i in shown if (v := ctx.backends.posting(ctx.session, posting_id=i))}
    named = [code for kind, code in gaz.find(text) if kind == "county"]
    far = {v.county for v in views.values() if v.county in named} or {v.county for v in views.values() if v.county}
    home = next((c for c in named if c not in far), None) or ctx.backends.home_county(ctx.session, person_id=user.person_id)
    far.discard(home)
    place = gaz.get(home) if home else None
    where = place.name if place else "家"
    from bot.flows.freetext import kinds_named

    kinds = kinds_named(str((user.draft or {}).get("wishes") or ""))
    wish = f"{kinds} 就在{where} 离家近".strip()  # the work wanted stays; the place is home now
    jobs, _note = ctx.backends.matches(ctx.session, person_id=user.person_id, limit=JOBS_SHOWN, wish=wish)
    jobs = [j for j in jobs if j.posting_id is None
            or (v := ctx.backends.posting(ctx.session, posting_id=j.posting_id)) is None or v.county not in far]
    state = {k: v for k, v in state.items() if k not in ("pick", "posting")} | {"wish_offer": wish}
    offer = f"\n要把“只在{where}附近找”记作您的找工作意向吗？回复“是”就更新。"
    if not jobs:
        return state, f"好的，远的不去。{where}附近暂时没有合适的岗位，有了会第一时间推送给您。{offer}"
    ids = [j.posting_id for j in jobs]
    state = _remember_shown(open_list(state, "jobs", ids), ids)
    return state, f"好的，远的不去。{where}附近有这些：\n" + _job_lines(jobs) + "\n" + LIST_TAIL + offer


def listed(state: dict[str, Any], jobs: list[Any], head: str) -> tuple[dict[str, Any], str]:
    """Postings shown as a numbered list that stays open ("1" opens the first)."""
    ids = [j.posting_id for j in jobs]
    return _remember_shown(open_list(state, "jobs", ids), ids), f"{head}\n{_job_lines(jobs)}\n回复序号看详情。"


def why_not(ctx: Ctx, known: dict[str, Any], text: str) -> str:
    """A posting of the kind and place asked for exists but its stated conditions rule the person out
    (厦门 月嫂, 25-50岁, asked at 57): said with the condition, so the silence is explained; '' otherwise."""
    from bot.flows.fields import read_fields
    from bot.flows.fits import eligible
    from matching.kinds import get_families

    words = sorted(set(get_families().scan(normalize(text)).values()), key=len, reverse=True)
    places = {code for _, code in get_gazetteer().find(text)}
    if not words or not places:
        return ""
    facts = {k: v for k, v in known.items() if v is not None} | read_fields(text)
    for view in ctx.backends.postings_like(ctx.session, words, limit=20):
        county = str(view.county or "")
        if (county in places or f"{county[:4]}00" in places) and "不符合" in (said := eligible(view, facts, normalize(text))):
            return said.replace("岗位写的条件", "有这个岗位，但岗位写的条件", 1) + "\n"
    return ""


def preview(ctx: Ctx, msg: Inbound, known: dict[str, Any] | None = None, limit: int = JOBS_SHOWN) -> list[Any]:
    """Postings for a job request from someone not registered yet, read from the request and what the
    unfinished registration already holds ("帮我找找活 泉州这边的 搬运仓库都干过", then "工资太低了 有没有
    四千以上的"); none when the request says nothing beyond asking."""
    from bot.flows.fields import as_the_person, proxy_for, read_fields
    from matching.service import county_name

    wish = says_what(msg.text or "")
    known = known or {}
    if not known.get("county") and not get_gazetteer().find(msg.text or ""):
        return []  # nowhere known: far-off postings would be junk ("老公中风在床 白天得空几个钟头")
    said = read_fields(msg.text or "")
    if (proxy := proxy_for(msg.text or "")) is not None:  # "帮我爸问的 … 他今年57": his age and gender, not the writer's
        said = read_fields(as_the_person(msg.text or "")) | ({"gender": proxy["gender"]} if proxy.get("gender") else {})
    found = {k: v for k, v in known.items() if k in ("gender", "age", "county")} | said
    # the request that started registration (有没有开车的活 我有C照 安溪的) still says what is wanted
    wish = " ".join(str(w) for w in (known.get("skills"), known.get("wishes"), known.get("asked"), wish) if w)
    record = {"id": f"chat-{msg.openid}", "name": "", "gender": found.get("gender"), "age": found.get("age"),
              "county": county_name(found.get("county")), "poverty_registered": True, "status": "seeking",
              "skills": "", "wishes": wish, "phone": None, "sms_consent": False,
              "current_county_code": known.get("here"),  # "我上个月搬到武夷山了": near where the person is now
              "profile": None}
    jobs, _note = ctx.backends.matches_for(ctx.session, record, limit=limit)
    if STEADY.search(normalize(wish)):  # "季节的不要 要长长久久做的": no seasonal or short-term postings
        jobs = [j for j in jobs if not SEASONAL_TITLE.search(j.title)]
    return jobs[:limit]


STEADY = re.compile(r"(?:季节|临时|短期|短工)\S{0,2}(?:的)?(?:不要|不做|不干|不想)|(?:不要|不做|不干|不想要?)\S{0,2}(?:季节|临时|短期|短工)"
                    r"|(?<!不)要?长(?:长久久|久)(?:做|干)?的|(?<![不别]要)(?<![不别])长期(?:的|工|干|做)(?!\S{0,2}(?:不来|袂来|不了|不行|不做|不干|做不|干不|袂))")
SEASONAL_TITLE = re.compile(r"季节|临时|短期|短工")


KEEP_MINE = re.compile(r"(?:我|俺)(?:这个|自己的?|的)?(?:号|手机|电话)?\S{0,4}(?:继续|照常|还要|还得|接着|照样)(?:给我)?发")
OTHERS_NUMBER = ("好的，您这个号码照常给您推送岗位。家里人的号码要停发，请回复“人工”，工作人员核对后帮您停；"
                 "也可以让家里人用自己的手机回复“退订”。")
# "还有吗", "再来几个", "换一批", "别的呢" right after a job list: the next postings, not a question
MORE = re.compile(r"^(?:那|就)?(?:还有(?:吗|么|没有?|呢|不|别的|其他的?|其它的?)\S{0,3}|还有别的\S{0,3}|再(?:来|找|给|推|看)\S{0,2}(?:几|一|两)(?:个|些|批)\S{0,2}"
                  r"|下一(?:个|批|页)|换(?:一|几)?(?:批|个|些)\S{0,2}|(?:别|其他|其它)的(?:呢|吗|有没有|还有吗)?)[?？。!！]?$")


def more_jobs(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """The next postings after those already shown, or plainly that there are no more."""
    shown = set(state.get("shown", []))
    user = service.get_user(ctx.session, msg.openid)
    limit = JOBS_SHOWN + len(shown)
    if user.person_id:
        jobs, _note = ctx.backends.matches(ctx.session, person_id=user.person_id, limit=limit)
    else:  # not registered yet: searched again by what the first request said
        asked = dataclasses.replace(msg, text=str(state.get("asked") or ""))
        jobs = preview(ctx, asked, dict(state.get("data") or {}), limit=limit)
    fresh = [j for j in jobs if j.posting_id not in shown][:JOBS_SHOWN]
    if not fresh:
        return state, "合适的岗位就是上面这些了，有新的会第一时间推送给您。回复序号看详情，回复“菜单”回主菜单。"
    return listed(state, fresh, "再给您找到这些岗位：")


def new_wish(text: str, record: dict[str, Any]) -> str:
    """What a job request says about the work wanted (家门口 采茶也行), when it is more than the request
    itself and not what is already on record; '' otherwise."""
    from bot.flows.freetext import WISH_ONLY, names_work
    from bot.intents import COMMANDS, command_word
    from core.text import normalize

    wish = normalize(text, keep_space=True)[:200]
    if len(wish) < WISH_MIN_CHARS or command_word(wish) in COMMANDS or wish == record.get("wishes"):
        return ""
    # "改好了没 现在有合适的吗" says nothing of the work: no kind of work, place, pay or condition
    if not (names_work(wish) or get_gazetteer().find(wish) or WISH_ONLY.search(wish)
            or re.search(r"\d{3,}|[一两二三四五六七八九][千万]|包吃|包住|白班|夜班|日结|家门口|在家|附近", wish)):
        return ""
    return wish


def says_what(text: str) -> str:
    """What a job request says to search by: the work wanted (``new_wish``), or, however short, a place
    ("找活 福安"); '' when it only asks."""
    wish = new_wish(_WORKED_THERE.sub(" ", text), {})  # "以前在广东饭店干" is history, not a place wanted
    if not wish and "county" in read_fields(text):
        return normalize(text, keep_space=True)[:200]
    return wish


# "打了电话没人接", "电话打不通": an employer not reached — an apology and a way on, not just a list
NOT_REACHED = re.compile(r"没人接|打不通|不接电话|没接|关机|空号|联系不上|不回(?:消息|信息|电话)")
SORRY_NOT_REACHED = ("抱歉，让您白打了。招聘方可能在忙或不在上班时间（一般工作日 9:00-17:30），可以稍后再打；"
                     "也可以回复“人工”，请工作人员帮您联系。")


_OTHERS = re.compile(r"别的|再来|再找|还有没有|差不多的|类似的|一样的")


def my_pushes(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """我的推荐: postings pushed to the person, and those shown in chat."""
    user = service.get_user(ctx.session, msg.openid)
    jobs = ctx.backends.pushed(ctx.session, person_id=user.person_id)
    if jobs is None:
        return state, menu.PREPARING
    text = normalize(msg.text or "")
    if _OTHERS.search(text) and ("county" in read_fields(text) or (not jobs and user.person_id and not state.get("shown"))):
        return find_jobs(ctx, state, msg)  # "你们发的那个…我在上杭 差不多的再来几个": a search
    if NOT_REACHED.search(normalize(msg.text or "")):
        state, shown = _pushed_list(ctx, state, jobs)  # adds those shown in chat to ``jobs``
        return state, SORRY_NOT_REACHED + ("\n" + shown if jobs else "\n是哪个岗位？告诉我岗位名称或单位，我帮您看看。")
    if not user.person_id and not jobs and not state.get("shown") and not _ONE_MEANT.search(text):
        return state, NOT_LINKED  # "我在村里登记过 你们给我推过啥": this WeChat is not linked to that record
    return _pushed_list(ctx, state, jobs, text)


NOT_LINKED = ("这个微信号还没有登记，查不到给您推荐过的岗位。在村里登记过的，回复 3 登记，填和当时一样的姓名、手机号，"
              "就能对上以前的记录；也可以回复“人工”请协理员帮您查。想现在就找，回复“找工作”。")
# one posting meant ("上次发的那个", "你们推的那个还招吗"), not the whole list of pushes
_ONE_MEANT = re.compile(r"(?:发|推|介绍)\S{0,3}(?:的)?那(?:个|条|份|家)|那(?:个|条|份|家)\S{0,8}(?:还招|招不|还要人|还在招)")
_ASK_WHICH = ("这个微信号还没有给您推荐过岗位，可能是发到您手机上的短信。您说的是哪个岗位？"
              "告诉我岗位名称或地点（比如“古田的超市理货员”），我帮您查。")


def _pushed_list(ctx: Ctx, state: dict[str, Any], jobs: list[Any], text: str = "") -> tuple[dict[str, Any], str]:
    pushed_ids = {j.posting_id for j in jobs}
    for pid in state.get("shown", []):
        if pid not in pushed_ids and len(jobs) < SHOWN_KEPT and (view := ctx.backends.posting(ctx.session, posting_id=pid)):
            jobs.append(JobLine(title=f"{view.title}（{view.place}，{view.pay}）" + ("" if view.open else "（已停招）"),
                                reasons=["聊天里推荐过"], posting_id=pid))
    if not jobs:
        if _ONE_MEANT.search(text):  # "你们上次发的那个还招吗" from a phone we never pushed to here: which one
            return state | {"ask_posting": True}, _ASK_WHICH
        return state, "还没有给您推荐过岗位。\n回复“找工作”现在就找。"
    state = open_list(state, "jobs", [j.posting_id for j in jobs])
    return state, "给您推荐过的岗位：\n" + _job_lines(jobs) + "\n" + LIST_TAIL


# "恁们发的么个工作 叫涯去厦门送外卖 涯都五十七了 … 乱发一通": a push that did not suit, said angrily
_COMPLAINT = re.compile(r"(?:乱|瞎)(?:发|推|介绍|派)|(?:发|推|介绍)(?:的|给我的|来的)\S{0,8}(?:不合适|不适合|不对口|离谱|啥玩意|什么玩意|没一个)"
                        r"|不看(?:情况|年纪|年龄|岁数)|什么破|(?:发|推)些(?:什么|啥)")


def complains(text: str) -> bool:
    return bool(_COMPLAINT.search(text))


def complaint(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """An apology, the complaint kept for the coordinators, and the way to better postings."""
    service.open_ticket(ctx.session, openid=msg.openid, text=f"反映推送的岗位不合适：{msg.text}",
                        conversation=ctx.recent_turns(msg.openid))
    lead = "对不起，给您推的岗位不合适，已把您的意见转给工作人员。"
    if service.get_user(ctx.session, msg.openid).person_id:
        return state, (lead + "告诉我您能做什么、想在哪里做、工资要多少（比如“只在县里 不出远门”），"
                       "我按您说的改好再找；也可以回复“我的信息”看登记的情况。")
    return state, (lead + "您在这里还没有登记，岗位是按估计推的。回复“登记”，说说年龄、住哪、能做什么，"
                   "以后只推适合您的。")
