"""Registration by chat, one question at a time, each answer checked with a friendly retry."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from bot import service
from bot.backends import RecordTaken
from bot.flows import freetext, told, verification
from bot.flows.answers import (
    FIELDS,
    FREE_TEXT,
    NUMBER_SAID,
    QUESTIONS,
    TAKEN,
    VALIDATORS,
    read_county,
)
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import as_the_person, proxy_for, read_fields
from bot.intents import COMMANDS, command_word
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.logging import mask_phone
from core.text import normalize
from core.timeutil import to_china


def question(state: dict[str, Any], field: str) -> str:
    """The registration question for ``field``, about the relative when one is being registered."""
    text = QUESTIONS.get(field, "")
    return text.replace("您", addressee(state)) if state.get("for") else text


_ADDRESS = {"grandmother": "老人家", "grandfather": "老人家", "father": "您父亲", "mother": "您母亲",
            "husband": "您爱人", "wife": "您爱人", "son": "您儿子", "daughter": "您女儿"}


def addressee(state: dict[str, Any]) -> str:
    """Who the questions are about when a relative is registered ("请问您母亲的姓名？"); 家人 otherwise."""
    return _ADDRESS.get(str(state.get("for") or ""), "家人")


def start(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Begin (or redo) registration; "帮我妈登记" registers the mother (her answers, her gender)."""
    proxy = proxy_for(msg.text or "")
    relative = state.get("paused_relative") or {}
    if relative and (proxy or _BACK_TO_RELATIVE.search(normalize(msg.text or ""))):
        # "接着帮我弟登记": the relative's answers set aside by "说我自己" are taken up again
        data = dict(relative.get("data") or {})
        step = _next(data) or "name"
        state = {k: v for k, v in state.items() if k not in ("choices", "paused_relative")} | {
            "flow": "register", "step": step, "data": data, "for": relative.get("for")}
        return state, "接着帮家人登记，随时回复“取消”可退出。\n" + question(state, step)
    paused = dict(state.get("paused") or {})  # "等会儿再说" kept what was said: go on from there
    first = _next(paused) or "name"
    state = {k: v for k, v in state.items() if k not in ("choices", "for", "paused")} | {
        "flow": "register", "step": first, "data": paused}
    if proxy is None:
        kept = told_back(paused) if paused else ""
        lead = (f"接着登记，已记下：{kept}。" if kept else ("接着登记，" if paused else "开始登记，")) + "随时回复“取消”可退出。\n"
        # "登记找活 黄秋菊 女 52 平和县…", "陈建国 13859012345": bare answers after the request count too
        found = with_trade(msg.text or "", told.all_told(msg.text or "", paused, name_slot=True), paused)
        if found:  # "我要登记 我叫林秀英": what the request says is not asked again
            return fill(ctx, state, msg, found, lead=lead)
        return state, lead + QUESTIONS[first]
    data = {"gender": proxy["gender"]} if proxy.get("gender") else {}
    state = state | {"for": proxy["relation"], "data": data}
    said = as_said(state, msg)  # "帮我弟问一下 他二十六 在仙游 想进厂": his age, county and wish kept
    found = told.all_told(said.text, data)
    who = addressee(state).removeprefix("您")
    lead = f"好的，帮您{who}登记，下面问的都是{who}的情况。随时回复“取消”可退出。\n"
    if found:
        return fill(ctx, state, said, data | found, lead=lead)
    return state, lead + question(state, "name")


def with_trade(text: str, found: dict[str, Any], known: dict[str, Any]) -> dict[str, Any]:
    """A whole registration in one message keeps the rest of its words: "… 要照顾婆婆 只能在家做点手工" is
    what the person can do, in their words; "会开三轮 做过烤烟 想在长汀做 三千以上": the trade told on the
    way is the skill, not part of the wish."""
    if len(found) < 2 or "skills" in known:
        return found
    rest = freetext.without_status(told.leftover(text, found))
    if not rest:
        return found
    found = dict(found)
    trade, wanted = freetext.split_skills(rest)
    trade = freetext.trade_only(trade, loose=len(found) >= 4)  # "那我打字" (I'll type it) is about the chat
    if trade:  # "… 短信可以 会种烤烟": the skill, not a wish (the wish is then asked)
        had = str(found.get("skills") or "")
        found["skills"] = f"{had} {trade}".strip() if had and had not in trade else trade
    if had_wish := str(found.get("wishes") or known.get("wishes") or ""):  # "以前种香菇 … 想在南平这边找个活 一个月三千以上"
        found["wishes"] = f"{had_wish} {wanted}".strip()[-300:]
    elif wanted:  # "身份证拍给你了 看不到是吧": neither trade nor wish, so the wish is still asked
        found["wishes"] = wanted if trade else rest  # "要照顾婆婆 只能在家做点手工": why, with the wish
    return found


_BACK_TO_RELATIVE = re.compile(r"(接着|继续|再)(帮|给|替)?\S{0,4}登记")
# "好了 说我自己": the writer turns from the relative being registered back to their own business
_SELF = re.compile(r"(?:好了|行了|那|现在)?\S?(?:说|问|讲|看|办|弄)(?:一下|下|回)?(?:我|俺)自己(?:的事|的)?|(?:说|问)回(?:我|俺)(?:自己)?|轮到(?:我|俺)(?:了|自己)?")


def self_again(state: dict[str, Any], text: str) -> tuple[dict[str, Any], str] | None:
    """In a relative's registration, "说我自己 …": the relative's answers are set aside (resumed by
    "接着帮家人登记"), and what follows is the writer's own request. None: not such a message."""
    if state.get("flow") != "register" or not state.get("for"):
        return None
    m = _SELF.search(text)
    if m is None:
        return None
    aside = {"for": state["for"], "data": dict(state.get("data") or {})}
    kept = {k: v for k, v in leave_flow(state).items() if k != "for"}
    return kept | {"paused_relative": aside}, (text[: m.start()] + text[m.end():]).strip(" ，,。")


def as_said(state: dict[str, Any], msg: Inbound) -> Inbound:
    """The message as the registered person's own words (a proxy's 她/我妈 → 我)."""
    if state.get("flow") == "register" and state.get("for") and msg.text:
        return dataclasses.replace(msg, text=as_the_person(msg.text))
    return msg


ESSENTIAL = ("name", "age", "county", "phone")  # without these nobody can be matched or called
_SAVE_NOW = re.compile(r"^(?:对|对的|是的|嗯|好|好了|行|可以|没问题|没错)?\S{0,3}?(?:就这样|保存|存起来|提交|可以了|没问题|没错|就这些)")


def save_now(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"对的就这样保存吧" after the read-back: saved as it is when the essentials are there; what is left
    stays empty (no SMS consent means no SMS) and can be added later. None: not such a message."""
    text = normalize(msg.text or "")
    if len(text) > 14 or not _SAVE_NOW.match(text) or state.get("step") in ("sms_ok", "poor"):
        return None
    data = state.get("data", {})
    missing = [f for f in ESSENTIAL if f not in data]
    if missing:
        return state, "还差：" + "、".join(_LABELS[f] for f in missing) + "。\n" + question(state, missing[0])
    state, reply, filled = save_as_told(ctx, state, msg)
    later = "、".join(_LABELS[f] for f in filled if f in _LABELS)
    return state, reply + (f"\n{later}没有填，想补可以直接告诉我，比如“改性别 女”“改短信 同意”。" if later else "")


def save_as_told(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str, list[str]]:
    """The registration saved with what was told (the rest left empty); the reply and the fields left empty."""
    data = state.get("data", {})
    filled = [f for f in FIELDS if f not in data]
    # the message says nothing of the work wanted: not offered as the wish after the job list
    state, reply = finish(ctx, state | {"data": data | dict.fromkeys(filled), "step": None},
                          dataclasses.replace(msg, text=""))
    return state, reply, filled


# "好了没", "登记好了吗": how far registration has got
PROGRESS = re.compile(r"^(?:登记)?(?:好了|完了|弄好了|可以了|行了|完成了)(?:没|吗|么|没有)[?？]*$")


def progress(state: dict[str, Any]) -> str:
    """What is still to answer, then the open question."""
    data = state.get("data", {})
    left = [_LABELS[f] for f in FIELDS if f not in data and f in _LABELS]
    current = str(state.get("step") or _next(data) or "name")
    return ("还没登记完，还差：" + "、".join(left) + "。\n" if left else "") + question(state, current)


_LABELS = {"name": "姓名", "age": "年龄", "county": "户籍县", "phone": "手机号", "gender": "性别",
           "sms_ok": "是否接收岗位短信", "skills": "会做什么", "wishes": "想找的工作"}


def next_field(data: dict[str, Any]) -> str | None:
    """The first registration question ``data`` does not answer yet."""
    return _next(dict(data))


def _next(data: dict[str, Any]) -> str | None:
    if data.get("phone") == "":  # no phone left: no SMS to agree to
        data.setdefault("sms_ok", False)
    return next((f for f in FIELDS if f not in data), None)


def step(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Take the answer to the current question and ask the next one (or finish)."""
    text = normalize(msg.text)
    current = state.get("step") or _next(state.get("data", {})) or "name"
    if current == "county":
        value, retry = read_county(text, state.get("choices"))
        if isinstance(value, list):  # suggestions: remember them so "1" picks the first
            return state | {"choices": value}, str(retry)
    else:  # a name read with its spaces: "行吧 范德明 三十三" is a name among other words
        value, retry = VALIDATORS[current](normalize(msg.text, keep_space=True) if current == "name" else text)
    found: dict[str, Any] = {}
    if retry:  # not an answer to this question: perhaps answers to others ("我叫吴德旺 今年六十岁")
        found = read_fields(msg.text)
        # "郑秀英 女的 三十四岁", "女 四十八", "38 永泰县梧桐镇": bare answers to other questions, any order
        found |= told.bare_answers(msg.text, state.get("data", {}) | found, name_slot=current == "name")
        known = state.get("data", {})
        answers = {k: v for k, v in found.items() if k not in ("skills", "wishes")}
        rest = told.leftover(msg.text, answers) if found else ""
        trade, wanted = freetext.split_skills(rest)
        if len(answers) >= 4 and "skills" not in known and current not in FREE_TEXT:  # a whole registration
            found = found | with_trade(msg.text, answers, known)
        elif (rest and "wishes" not in found and "wishes" not in known and freetext.WANTS.search(rest)
                and not freetext.SKILL_SAID.search(rest)):
            found["wishes"] = rest  # "电话159… 想在家做点手工 娃小走不开": the work wanted, in passing
        elif rest and (freetext.DONE_BEFORE.search(trade) or freetext.SKILL_SAID.search(trade)) and (
                "skills" not in known and current != "skills"):
            # "以前编过竹篮 腿不行走不了山路 短信能发": the trade, in passing; "就想在寿宁 不能爬山": the wish
            found["skills"] = trade
            if wanted:
                found["wishes"] = " ".join(w for w in (str(known.get("wishes") or ""), wanted) if w)[-300:]
        if not found:
            return state, retry
    else:
        found = {k: v for k, v in read_fields(msg.text).items() if k not in state.get("data", {})}
        if current not in FREE_TEXT and len(found) >= 2:  # "吴长生 男 61 政和东平 … 会编竹蓝 在家附近" at "几岁"
            known = state.get("data", {})
            found = {k: v for k, v in with_trade(msg.text, found | {current: value}, known).items()
                     if k != current and k not in known}
        if current in FREE_TEXT:  # "做钢筋工 想在宁德找工地的活 手机138…": the other answers are not the skill
            spaced, _ = VALIDATORS[current](normalize(msg.text, keep_space=True))  # clause breaks kept
            value = freetext.rest_of(str(spaced if spaced else value), found, current)
            trade, wanted = freetext.split_skills(str(value)) if current == "skills" else (str(value), "")
            if wanted:
                # "就在村里附近 走不远 轻活就行" says what work would do: kept as the wish; with no trade
                # beside it the trade is asked again
                before = str(found.get("wishes") or state.get("data", {}).get("wishes") or "")
                wish = " ".join(w for w in (before, wanted) if w)
                found["wishes"] = wish[-300:]
                if not trade:
                    return fill(ctx, state, msg, found, current=current)
                value = trade
        if not (current in FREE_TEXT and freetext.about_others(found, str(value))):
            found |= {current: value}
    return fill(ctx, state, msg, found, current=current)


def fill(ctx: Ctx, state: dict[str, Any], msg: Inbound, found: dict[str, Any], lead: str = "",
          current: str | None = None) -> tuple[dict[str, Any], str]:
    data = dict(state.get("data", {})) | found
    nxt = _next(data)
    state = {k: v for k, v in state.items() if k != "choices"} | {"data": data, "step": nxt}
    if nxt is None:
        return finish(ctx, state, msg)
    told = told_back(found)
    # read back what was not asked, and an answer taken from free text ("户口在安溪 龙涓乡的" → 泉州市安溪县)
    free = current in found and normalize(msg.text or "") != str(found[current])
    echo = told and (len(found) > 1 or "phone" in found or current not in found or free)
    asking = question(state, nxt)
    if nxt == "county" and current != "county":  # "陈水生 男 45岁 平南县的": a county misheard or mistyped
        unknown = _PLACE_WORD.search(normalize(msg.text or ""))
        close, retry = read_county(unknown.group(0)) if unknown else (None, None)
        if isinstance(close, list):  # the county question's own suggestions, "1" picks the first
            state, asking = state | {"choices": close}, str(retry)
    if found.get("phone") == "":
        lead += "可以不填手机号。不留手机号就收不到短信，合适的岗位只在微信里推送给您；以后想留，回复“改手机号 …”。\n"
    return state, lead + (f"记下了：{told}。\n" if echo else "") + asking


_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2}(?:县|市|区)")  # 平南县: most county names are two characters


def told_back(found: dict[str, Any]) -> str:
    """What was just recorded, read back so a misheard number can be caught ("手机号189****7654")."""
    parts = [summary({k: v for k, v in found.items() if k in ("name", "gender", "age", "county")})]
    if found.get("phone"):
        parts.append(f"手机号{mask_phone(found['phone'])}")
    if "sms_ok" in found:
        parts.append("同意发短信" if found["sms_ok"] else "不发短信，岗位只在微信里推送")
    if found.get("skills"):
        said = str(found["skills"])  # "中专毕业 会电脑打字" is read back as said, not as "会中专毕业"
        plain = said.startswith(("会", "做过", "干过", "当过", "学过")) or re.search(r"毕业|文化|学历|读过|上过|年|证", said)
        parts.append(said if plain else f"会{said}")
    return "，".join(p for p in parts if p)


def fill_from(ctx: Ctx, state: dict[str, Any], msg: Inbound, *, lead: str) -> tuple[dict[str, Any], str]:
    """Registration begun from a job request: keep what the request already says (place, the work wanted)."""
    found = read_fields(msg.text)
    wish = NUMBER_SAID.sub("", normalize(msg.text, keep_space=True))[:200]
    if len(wish) >= 6 and command_word(wish) not in COMMANDS:  # "找工作" alone says nothing of the wish
        found.setdefault("wishes", wish)
        # "想在长汀找个活 早上送完孩子八点多 下午四点半要去接": the hours are part of the wish, not only the place
        whole = told.leftover(msg.text or "", {k: v for k, v in found.items() if k != "wishes"})
        if len(whole) > len(str(found["wishes"])) and str(found["wishes"]).replace(" ", "") in whole.replace(" ", ""):
            found["wishes"] = whole
        elif whole and found["wishes"] == wish and {"name", "age", "gender", "phone"} & found.keys():
            found["wishes"] = whole  # "叫郑玉兰 女的 六八年生的 … 想寻个工做": the wish without the answers
    return fill(ctx, state, msg, found, lead=lead + "随时回复“取消”可退出。\n")


def from_message(ctx: Ctx, state: dict[str, Any], msg: Inbound,
                 found: dict[str, Any] | None = None) -> tuple[dict[str, Any], str]:
    """A message that is a whole registration ("俺叫邱水生 男的 五十岁 建宁县 电话…"): recorded, then the rest
    asked. ``found``: its answers when the caller has read them already ("陈建国 13859012345")."""
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id:
        from bot.flows.record import update

        return update(ctx, state, msg)
    state, reply = start(ctx, state, msg)
    if state.get("flow") != "register" or "data" not in state:  # start read it all and finished
        return state, reply
    said = as_said(state, msg)
    answers = found if found is not None else read_fields(said.text)
    return fill(ctx, state, said, state["data"] | answers, lead="好的，帮您登记。随时回复“取消”可退出。\n")


def accepts(state: dict[str, Any], text: str) -> bool:
    """Whether a message answers the open registration question (or states other answers)."""
    return answers_current(state, text) or bool(read_fields(text))


def answers_current(state: dict[str, Any], text: str) -> bool:
    """Whether a message answers the open registration question itself."""
    current = state.get("step") or _next(state.get("data", {})) or "name"
    t = normalize(text, keep_space=current == "name")
    value, retry = read_county(t, state.get("choices")) if current == "county" else VALIDATORS[current](t)
    return not retry and not isinstance(value, list)


def keep_fields(state: dict[str, Any], text: str) -> dict[str, Any]:
    """The registration state with the answers a side message happened to state (its age, its county)."""
    found = {k: v for k, v in read_fields(text).items() if k not in state.get("data", {})}
    return state | {"data": dict(state.get("data", {})) | found} if found else state


def summary(data: dict[str, Any]) -> str:
    county = get_gazetteer().get(data.get("county"))
    parts = [
        data.get("name", ""),
        data.get("gender", ""),
        f"{data['age']}岁" if data.get("age") else "",
        county.full_name if county else "",
        mask_phone(data.get("phone")),
    ]
    return "，".join(p for p in parts if p)


def profile(data: dict[str, Any], *, openid: str, today: date) -> dict[str, Any]:
    """Chat answers → the registry's labourer fields."""
    out: dict[str, Any] = {
        "name": data.get("name"),
        "gender": data.get("gender"),
        "age": data.get("age"),
        "age_recorded_on": today if data.get("age") else None,
        "county_code": data.get("county"),
        "skills": data.get("skills"),
        "wishes": data.get("wishes"),
        "phone": data.get("phone") or None,
        "sms_consent": data.get("sms_ok"),
        "poverty_registered": data.get("poor"),
        "wechat_openid": openid,
    }
    return {k: v for k, v in out.items() if v is not None}


def finish(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Save a new person, or ask the phone on record to prove a bind to an imported one; show matches."""
    data = state["data"]
    asked = [a for a in str(state.get("asked") or "").split() if a not in str(data.get("wishes") or "")]
    if asked:  # "有没有孩子上学时间能干的" asked while registering says what is wanted too
        data = data | {"wishes": " ".join([str(data.get("wishes") or ""), *asked]).strip()[:300]}
    user = service.get_user(ctx.session, msg.openid)
    done = leave_flow(state)
    if not ctx.backends.registry_ready:
        service.save_draft(ctx.session, openid=msg.openid, draft=data)
        return done, f"登记成功：{summary(data)}。\n岗位推荐正在准备中，好了会通知您。"
    if user.person_id is None and data.get("phone"):  # no phone given: nothing to find an imported record by
        existing = ctx.backends.find_person(ctx.session, phone=data["phone"], name=data["name"])
        if existing is not None and existing == ctx.backends.linked_person(ctx.session, openid=msg.openid):
            return save_and_greet(ctx, done, msg, data, existing)  # a coordinator linked this follower to it
        if existing is not None:
            # A name and a phone number are no proof: the record opens only to a code sent to its phone.
            service.save_draft(ctx.session, openid=msg.openid, draft=data)
            return verification.start(ctx, done, msg, person_id=existing)
    return save_and_greet(ctx, done, msg, data, user.person_id)


def save_found(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> int | None:
    """A registration left off because the person found work: what was told is saved when it names the
    person and where (name and county), so the ledger counts them; None when too little was told or the
    phone belongs to a record already (that one is opened only by its texted code)."""
    data = dict(state.get("data") or {})
    if not (data.get("name") and data.get("county")):
        return None
    if data.get("phone") and ctx.backends.find_person(ctx.session, phone=data["phone"], name=data["name"]) is not None:
        return None
    try:
        person_id = ctx.backends.register(ctx.session, profile=profile(data, openid=msg.openid, today=today(ctx)),
                                          person_id=None)
    except RecordTaken:
        return None
    service.save_draft(ctx.session, openid=msg.openid, draft=data, person_id=person_id)
    return person_id


def save_and_greet(ctx: Ctx, done: dict[str, Any], msg: Inbound, data: dict[str, Any],
                   person_id: int | None) -> tuple[dict[str, Any], str]:
    """Write the answers to the follower's record (a new one when ``person_id`` is None), then matches."""
    user = service.get_user(ctx.session, msg.openid)
    head = f"登记成功：{summary(data)}。\n有错可以回复“改年龄 46”这样改。"
    person = profile(data, openid=msg.openid, today=today(ctx))
    try:
        person_id = ctx.backends.register(ctx.session, profile=person, person_id=person_id)
    except RecordTaken:
        return done, TAKEN
    service.save_draft(ctx.session, openid=msg.openid, draft=data, person_id=person_id)
    if person_id is not None and user.push_opt_out:  # 退订 sent before registering still holds
        ctx.backends.set_opt_out(ctx.session, person_id=person_id, opt_out=True)
    if not ctx.backends.matcher_ready:
        return done, head + "\n岗位推荐正在准备中，好了会通知您。"
    from bot.flows.account import find_jobs

    # its list stays open ("1" shows the first job); the last answer is no new wish to offer
    done, jobs = find_jobs(ctx, done, dataclasses.replace(msg, text=""))
    return done, head + "\n" + jobs


def today(ctx: Ctx) -> date:
    local = to_china(ctx.now)
    return local.date() if local else date.today()
