"""Registration by chat, one question at a time, each answer checked with a friendly retry."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from bot import service
from bot.backends import RecordTaken
from bot.flows import verification
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import as_the_person, name_said, proxy_for, read_fields, someone_else_before
from bot.intents import COMMANDS, command_word
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.logging import mask_phone
from core.numbers import numerals_to_digits
from core.text import cn_to_int, normalize
from core.timeutil import to_china

MIN_AGE, MAX_AGE = 16, 65
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_NAME_PREFIX = re.compile(r"^(我叫|我是|姓名是?|名字是?|叫)")
_PHONE = re.compile(r"^1[3-9]\d{9}$")
_YES = {"1", "同意", "是", "好", "好的", "可以", "要", "愿意"}
_NO = {"2", "不同意", "否", "不", "不要", "不用", "不愿意"}
_NONE = {"无", "没有", "不会", "没", "暂无"}

_NOT_NAME = re.compile(r"[我你他她要想吗呢啥么找报登问谁哪怎咋的了]|工作|名字|姓名")  # 我要报名 is not a name
_REFUSE = re.compile(r"不(?:要|用|同意|需要|想)|别发|莫发|不发")
_AGREE = re.compile(r"^(?:可以|行|好|嗯|发吧|同意|要|中|成|没问题|OK|ok)")
# "等一下 年龄打错了 是48岁", "电话写错了 应该是139…": a correction said in passing
_WRONG_FIELDS = ("年龄", "岁数", "名字", "姓名", "电话", "手机号", "手机", "性别", "县")
_SAID_WRONG = re.compile(r"(" + "|".join(sorted(_WRONG_FIELDS, key=len, reverse=True))
                         + r")\S{0,3}?(?:(?:写|打|填|输|弄|说)?错了|不对|换了|变了)\S{0,4}?(?:是|应该是|改成|改为|为)?(.+)$")
# "我妈是53不是52", "不是52 是53": an age said instead of another
_AGE_INSTEAD = re.compile(r"(\d{2})岁?[，,\s]*(?:不是|而不是)\d{2}岁?$|不是\d{2}岁?[，,\s]*(?:是|而是)(\d{2})岁?$")
CHANGE_HINT = "要改哪项就回复，比如：“改年龄 46”“改意向 在县城做保洁”“改手机号 13900000000”。重新登记回复“登记”。"
TAKEN = "这个姓名和手机号已登记在另一份档案上，不能改到您的名下。如有疑问请回复 5 找工作人员。"
_NUMBER_SAID = re.compile(r"(?:手机号?码?|电话号?码?|号码|身份证号?码?)?[是:：]?\s*\d[\d\s\-]{9,20}[\dXx]")  # a phone or ID number said in free text
Result = tuple[Any, str | None]  # (value, None) or (None, retry message)


def _name(text: str) -> Result:
    name = _NAME_PREFIX.sub("", text).strip("。，,.! ")
    if _NAME.match(name) and not _NOT_NAME.search(name):
        return name, None
    if len(name) > 6:  # a sentence, not a name: say how to leave instead of asking the same again
        return None, "这句话不像姓名。登记先要您的姓名，比如：张三。\n先不登记回复“等会儿再说”；看看能做什么回复“菜单”。"
    return None, "请只输入您的姓名（2到6个汉字），比如：张三"


def _gender(text: str) -> Result:
    t = text.strip("的性。")
    if t in ("1", "男") or (re.search(r"男|爷们|汉子", t) and "女" not in t):
        return "男", None
    if t in ("2", "女") or (re.search(r"女|妇|婆娘", t) and "男" not in t):
        return "女", None
    return None, "请回复 1 男 或 2 女"


def _age(text: str) -> Result:
    t = text.replace("今年", "").replace("周岁", "").replace("岁", "").strip()[:20]
    digits = re.search(r"\d{1,3}", t)
    if digits and someone_else_before(t, digits.start()):
        return None, f"请输入您自己的年龄数字（{MIN_AGE}到{MAX_AGE}），比如：45"
    age = int(digits.group()) if digits else cn_to_int(t)
    if age is None or not MIN_AGE <= age <= MAX_AGE:
        return None, f"请输入年龄数字（{MIN_AGE}到{MAX_AGE}），比如：45"
    return age, None


def _county(text: str, choices: list[str] | None = None) -> Result:
    gaz = get_gazetteer()
    if choices and text.isdigit() and 1 <= int(text) <= len(choices):
        text = choices[int(text) - 1]
    county = gaz.resolve(text)
    if county is not None:
        return county.code, None
    close = gaz.suggest(text)
    if close:
        lines = "\n".join(f"{i} {name}" for i, name in enumerate(close, 1))
        return close, f"没有找到“{text}”。您是说：\n{lines}\n回复数字，或重新输入县名"
    return None, "没有找到这个县（市、区）。请输入福建省内的县名，比如：浦城县"


def _free(text: str) -> Result:
    return ("" if text in _NONE else _NUMBER_SAID.sub("", text)[:200]), None


# "电话号码能不能不填 怕被骗电话", "没有手机": the phone is not required (no phone, no SMS)
SKIP_PHONE = re.compile(r"(不|没)(想|愿意?|方便)?(填|给|留|告诉|说)|能不能不|可不可以不|可以不(填|给|留)|跳过|没有?手机|没电话|不用手机")


def _phone(text: str) -> Result:
    t = re.sub(r"[\s\-]", "", text)
    if _PHONE.match(t):
        return t, None
    if SKIP_PHONE.search(t) and not re.search(r"\d{5}", t):
        return "", None
    return None, "请输入11位手机号，比如：13800000000；不想留可以回复“不填”"


def _consent(text: str) -> Result:
    if text in _YES:
        return True, None
    if text in _NO or _REFUSE.search(text):
        return False, None
    if _AGREE.search(text):  # 可以发 / 发吧 / 行 都行
        return True, None
    return None, "同意给您发岗位短信吗？回复 1 同意 或 2 不同意"


def _poor(text: str) -> Result:
    if text in _YES or text in ("是的", "是贫困户", "建档立卡"):
        return True, None
    if text in _NO or text in ("不是", "没有", "不是贫困户") or re.search(r"不是|没评|不算|没有(?:建档|登记)", text):
        return False, None
    # "是的 但是村里说去年脱贫了": still a 建档立卡 household (脱贫 households keep the policies)
    if re.search(r"^(?:是|对|嗯|有)|建档|贫困户|脱贫", text):
        return True, None
    return None, "您家是建档立卡贫困户吗？回复 1 是 或 2 不是"


# (field, question, validator); the order is the conversation's order
STEPS: list[tuple[str, str, Callable[[str], Result]]] = [
    ("name", "请问您的姓名？", _name),
    ("gender", "您的性别？回复 1 男 或 2 女", _gender),
    ("age", "您今年多少岁？", _age),
    ("county", "您的户籍在哪个县（市、区）？比如：浦城县", _county),
    ("skills", "您会什么、做过什么工作？比如：电焊、开叉车、做饭。没有就回复“无”", _free),
    ("wishes", "您想做什么工作、去哪里、每月工资想要多少？比如：想去福州进厂，4000以上", _free),
    ("phone", "您的手机号？用来联系您、发岗位信息", _phone),
    ("sms_ok", "同意给您发岗位短信吗？回复 1 同意 或 2 不同意", _consent),
    # Self-reported until a coordinator checks it against the 扶贫 records (比对).
    ("poor", "最后一个问题：您家是建档立卡贫困户吗？回复 1 是 或 2 不是", _poor),
]
FIELDS = [f for f, _, _ in STEPS]
FREE_TEXT = {f for f, _, v in STEPS if v is _free}  # questions any words answer
QUESTIONS = {f: q for f, q, _ in STEPS}
VALIDATORS = {f: v for f, _, v in STEPS}
# words people use in corrections like "改年龄 45"
ALIASES = {
    "姓名": "name", "名字": "name", "性别": "gender", "年龄": "age", "户籍": "county", "县": "county",
    "户籍所在县": "county", "技能": "skills", "会什么": "skills", "意向": "wishes", "想做什么": "wishes",
    "手机": "phone", "手机号": "phone", "电话": "phone", "短信": "sms_ok", "贫困户": "poor", "建档立卡": "poor",
}  # fmt: skip
_CORRECTION = re.compile(r"^(?:改|修改|更改)(" + "|".join(sorted(ALIASES, key=len, reverse=True)) + r")(?:为|成|是)?(.+)$")


def start(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Begin (or redo) registration; "帮我妈登记" registers the mother (her answers, her gender)."""
    paused = dict(state.get("paused") or {})  # "等会儿再说" kept what was said: go on from there
    first = _next(paused) or "name"
    state = {k: v for k, v in state.items() if k not in ("choices", "for", "paused")} | {
        "flow": "register", "step": first, "data": paused}
    proxy = proxy_for(msg.text or "")
    if proxy is None:
        return state, ("接着登记" if paused else "开始登记") + "，随时回复“取消”可退出。\n" + QUESTIONS[first]
    data = {"gender": proxy["gender"]} if proxy.get("gender") else {}
    return state | {"for": proxy["relation"], "data": data}, (
        "好的，帮您家人登记，下面问的都是家人的情况。随时回复“取消”可退出。\n请问家人的姓名？")


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
        return state, "还差：" + "、".join(_LABELS[f] for f in missing) + "。\n" + QUESTIONS[missing[0]]
    filled = {f: None for f in FIELDS if f not in data}
    # the message says nothing of the work wanted: not offered as the wish after the job list
    state, reply = finish(ctx, state | {"data": data | filled, "step": None}, dataclasses.replace(msg, text=""))
    later = "、".join(_LABELS[f] for f in filled if f in _LABELS)
    return state, reply + (f"\n{later}没有填，想补可以直接告诉我，比如“改性别 女”“改短信 同意”。" if later else "")


_LABELS = {"name": "姓名", "age": "年龄", "county": "户籍县", "phone": "手机号", "gender": "性别",
           "sms_ok": "是否接收岗位短信", "skills": "会做什么", "wishes": "想找的工作"}


def _next(data: dict[str, Any]) -> str | None:
    if data.get("phone") == "":  # no phone left: no SMS to agree to
        data.setdefault("sms_ok", False)
    return next((f for f in FIELDS if f not in data), None)


def step(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Take the answer to the current question and ask the next one (or finish)."""
    text = normalize(msg.text)
    current = state.get("step") or _next(state.get("data", {})) or "name"
    if current == "county":
        value, retry = _county(text, state.get("choices"))
        if isinstance(value, list):  # suggestions: remember them so "1" picks the first
            return state | {"choices": value}, str(retry)
    else:
        value, retry = VALIDATORS[current](text)
    found: dict[str, Any] = {}
    if retry:  # not an answer to this question: perhaps answers to others ("我叫吴德旺 今年六十岁")
        found = read_fields(msg.text)
        if current == "name" and "name" not in found:  # "郑秀英 女的 三十四岁": the name comes first
            head, *rest = normalize(msg.text, keep_space=True).split(" ")
            name, bad = _name(head)
            if not bad and rest:
                found["name"] = name
                for token in rest:  # "女 四十八": bare answers to the next questions, in any order
                    for field in ("gender", "age"):
                        value, no = VALIDATORS[field](numerals_to_digits(token))
                        if field not in found and not no and len(token) <= 3:
                            found[field] = value
                            break
        if not found:
            return state, retry
    else:
        found = {k: v for k, v in read_fields(msg.text).items() if k not in state.get("data", {})}
        if current in FREE_TEXT:  # "做钢筋工 想在宁德找工地的活 手机138…": the other answers are not the skill
            value = _rest_of(str(value), found, current)
        found |= {current: value}
    return fill(ctx, state, msg, found, current=current)


def _rest_of(text: str, found: dict[str, Any], current: str) -> str:
    """A free-text answer (numbers already out: ``_free``) without the work wanted it also stated."""
    rest = text
    other = str(found.get("wishes") or "") if current != "wishes" else ""
    if other and other in rest and rest.replace(other, "").strip(" ，,。"):
        rest = rest.replace(other, " ")
    return re.sub(r"\s+", " ", rest).strip(" ，,。")


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
    question = QUESTIONS[nxt]
    if nxt == "county" and current != "county":  # "陈水生 男 45岁 平南县的": a county misheard or mistyped
        unknown = _PLACE_WORD.search(normalize(msg.text or ""))
        close, retry = _county(unknown.group(0)) if unknown else (None, None)
        if isinstance(close, list):  # the county question's own suggestions, "1" picks the first
            state, question = state | {"choices": close}, str(retry)
    if found.get("phone") == "":
        lead += "可以不填手机号。不留手机号就收不到短信，合适的岗位只在微信里推送给您；以后想留，回复“改手机号 …”。\n"
    return state, lead + (f"记下了：{told}。\n" if echo else "") + question


_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2}(?:县|市|区)")  # 平南县: most county names are two characters


def told_back(found: dict[str, Any]) -> str:
    """What was just recorded, read back so a misheard number can be caught ("手机号189****7654")."""
    parts = [summary({k: v for k, v in found.items() if k in ("name", "gender", "age", "county")})]
    if found.get("phone"):
        parts.append(f"手机号{mask_phone(found['phone'])}")
    if "sms_ok" in found:
        parts.append("同意发短信" if found["sms_ok"] else "不发短信")
    if found.get("skills"):
        parts.append(f"会{found['skills']}")
    return "，".join(p for p in parts if p)


def fill_from(ctx: Ctx, state: dict[str, Any], msg: Inbound, *, lead: str) -> tuple[dict[str, Any], str]:
    """Registration begun from a job request: keep what the request already says (place, the work wanted)."""
    found = read_fields(msg.text)
    wish = _NUMBER_SAID.sub("", normalize(msg.text, keep_space=True))[:200]
    if len(wish) >= 6 and command_word(wish) not in COMMANDS:  # "找工作" alone says nothing of the wish
        found.setdefault("wishes", wish)
    return fill(ctx, state, msg, found, lead=lead + "随时回复“取消”可退出。\n")


def from_message(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """A message that is a whole registration ("俺叫邱水生 男的 五十岁 建宁县 电话…"): recorded, then the rest asked."""
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id:
        return update(ctx, state, msg)
    state, _ = start(ctx, state, msg)
    said = as_said(state, msg)
    return fill(ctx, state, said, state["data"] | read_fields(said.text), lead="好的，帮您登记。随时回复“取消”可退出。\n")


def accepts(state: dict[str, Any], text: str) -> bool:
    """Whether a message answers the open registration question (or states other answers)."""
    return answers_current(state, text) or bool(read_fields(text))


def answers_current(state: dict[str, Any], text: str) -> bool:
    """Whether a message answers the open registration question itself."""
    current = state.get("step") or _next(state.get("data", {})) or "name"
    t = normalize(text)
    value, retry = _county(t, state.get("choices")) if current == "county" else VALIDATORS[current](t)
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


def save_and_greet(ctx: Ctx, done: dict[str, Any], msg: Inbound, data: dict[str, Any],
                   person_id: int | None) -> tuple[dict[str, Any], str]:
    """Write the answers to the follower's record (a new one when ``person_id`` is None), then matches."""
    user = service.get_user(ctx.session, msg.openid)
    head = f"登记成功：{summary(data)}。\n有错可以回复“改年龄 46”这样改。"
    person = profile(data, openid=msg.openid, today=_today(ctx))
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

    done, jobs = find_jobs(ctx, done, msg)  # its list stays open: "1" shows the first job
    return done, head + "\n" + jobs


def _today(ctx: Ctx) -> date:
    local = to_china(ctx.now)
    return local.date() if local else date.today()


def correction(text: str) -> tuple[str, str] | None:
    """``改年龄 45`` or ``等一下 年龄打错了 是48岁`` → ("age", …); None when the text is not a correction."""
    t = normalize(text)
    m = _CORRECTION.match(t)
    if m:
        return ALIASES[m.group(1)], m.group(2).strip()
    m = _AGE_INSTEAD.search(numerals_to_digits(t))
    if m:
        return "age", m.group(1) or m.group(2)
    m = _SAID_WRONG.search(t)
    if m and m.group(2).strip():
        word = {"岁数": "年龄", "手机": "手机号"}.get(m.group(1), m.group(1))
        value = re.sub(r"^不是.+?(?=是)", "", m.group(2).strip()).removeprefix("是")  # 不是48 是58 → 58
        value = re.sub(r"^(?:新的|新号码?|现在的?)(?:是|为)?", "", value)  # 手机号换了 新的是139…
        if ALIASES[word] == "name":
            return "name", name_said(value)  # 是林秀瑛 王字旁的瑛
        return ALIASES[word], numerals_to_digits(value) or value
    return None


def update(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """修改信息: a registered person sees the record and how to change one item; others register."""
    user = service.get_user(ctx.session, msg.openid)
    from bot.flows.account import FOUND_JOB, found_job

    if FOUND_JOB.search(normalize(msg.text or "")):  # "找到活了 已经上班了": employed, pushes stop
        return found_job(ctx, state, msg)
    found = read_fields(msg.text or "")
    if "county" in found:  # "搬到福州仓山了": where they are now, jobs searched near it
        from bot.flows.account import moved

        county = get_gazetteer().get(found["county"])
        if county is not None:
            return moved(ctx, leave_flow(state), msg, county)
    if not user.draft and not user.person_id:
        return start(ctx, state, msg)
    fixable = {k: v for k, v in found.items() if k in ("name", "age", "phone", "gender")}
    if fixable:
        replies = []
        for field, value in fixable.items():
            state, said = correct(ctx, state, msg, field, str(value))
            replies.append(said)
        return state, "\n".join(replies)
    return leave_flow(state), ("您登记的信息：" + summary(dict(user.draft or {})) + "。\n" + CHANGE_HINT)


def show_record(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """我的信息: what is on record (phone masked), or how to register."""
    user = service.get_user(ctx.session, msg.openid)
    if not user.draft and not user.person_id:
        return state, "您还没有登记。回复 3 开始登记。"
    data = dict(user.draft or {})
    extra = "".join(f"\n{label}：{data[k]}" for k, label in (("skills", "会做"), ("wishes", "想找")) if data.get(k))
    return state, "您登记的信息：" + summary(data) + "。" + extra + "\n" + CHANGE_HINT


def correct(ctx: Ctx, state: dict[str, Any], msg: Inbound, field: str, raw: str) -> tuple[dict[str, Any], str]:
    """Change one answer, during registration or after it."""
    value, retry = _county(raw) if field == "county" else VALIDATORS[field](raw)
    if isinstance(value, list):  # suggestions: "1" then picks the first, as during registration
        return state | {"fix_choices": value}, str(retry).replace("回复数字", "回复数字选择")
    if retry:
        return state, str(retry)
    state = {k: v for k, v in state.items() if k != "fix_choices"}
    shown = summary({field: value}) or str(value)
    if field == "sms_ok":
        shown = "同意发短信" if value else "不发短信"
    if field == "poor":
        shown = "建档立卡贫困户" if value else "不是建档立卡贫困户"
    if state.get("flow") == "register":
        data = dict(state.get("data", {})) | {field: value}
        state = state | {"data": data}
        ask = QUESTIONS.get(state.get("step") or "", "")
        return state, f"已改为：{shown}" + (f"\n{ask}" if ask else "")
    user = service.get_user(ctx.session, msg.openid)
    if not user.draft and not user.person_id:
        return state, "您还没有登记。回复 3 开始登记。"
    data = dict(user.draft or {}) | {field: value}
    if user.person_id and ctx.backends.registry_ready:
        try:
            ctx.backends.register(
                ctx.session, profile=profile(data, openid=msg.openid, today=_today(ctx)), person_id=user.person_id
            )
        except RecordTaken:
            return state, TAKEN
    service.save_draft(ctx.session, openid=msg.openid, draft=data)
    return state, f"已改为：{shown}"
