"""Routes one message to its step: events, commands that work anywhere, the open flow, else a question."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from bot import intents, service
from bot.flows import (
    account,
    ask,
    benefits,
    erase,
    meanwhile,
    menu,
    picks,
    prefs,
    private,
    referral,
    register,
    safety,
    told,
    verification,
)
from bot.flows.answers import NOT_CLEAR, PLAIN_QUESTIONS
from bot.flows.context import Ctx, leave_flow
from bot.protocol import Inbound
from core.text import normalize as _normalize
from knowledge.message import PEOPLE, QUESTION, split_message

Reply = tuple[dict[str, Any], str]

SELF_AGAIN = "好的，家人的登记先放着（已记下的都保留，回复“接着帮家人登记”继续）。\n"
CANCEL_WORDS = {"取消", "退出", "算了", "不登记了"}
# a registration given up in words: 算了不登了, 不登了 麻烦, 不想登记了 (not "算了 以后别发了", which goes on)
_GIVING_UP = re.compile(r"^(?:算了|那)?\s*(?:不登了|不登记了|不想登记了?|不弄了|不填了|先不登记?了?)")
ANYWHERE = {"menu", "greeting", "human", "opt_out", "opt_in"}  # exact commands that work even inside a flow
LEAVE_CHECK = {"register", "job_search", "update_info", "my_info", "my_pushes"}  # commands that end the check
# Read by the classifier inside a flow, these interrupt it; anything else is an answer to the question asked.
STRONG_IN_FLOW = {"opt_out": 0.5, "opt_in": 0.6, "human": 0.8}
# Mid-registration, a message that answers no question is handled as usual unless it is about registering.
STAY_IN_FLOW = {"register", "job_search", "update_info", "junk", "greeting", "thanks_bye"}
PLAIN = {"junk", "greeting", "thanks_bye"}  # what a bare name tends to read as
PLAIN_REQUEST = 10  # an entitlement request this short names no subsidy of its own
REGISTRATION_FIELDS = 3  # a message stating this many registration answers is a registration
AGREE = {"是", "是的", "好", "好的", "可以", "行", "嗯", "要", "更新", "对", "中"}
CONSULT_BELOW = 0.6  # a reading this unsure, with a policy question second, asks the knowledge base first
NOT_A_NAME = 0.6  # at the name question, a message read this surely as an intent is not a name
ASKING = {"policy_question", "entitlements"}
SURE = 0.8  # an opt-out worded as a question ("停了以后还能问问题不") is acted on only this sure
ASKED = 0.5  # mid-registration, a policy question read this surely is answered even when the answer is "not covered"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# "那个要钱不", "刚才说的补贴给谁": a pointer back to what was said last, read against it
_WHERE_WHO = re.compile(r"哪|谁|啥时候|多久|材料|手续|多少|几")
_POINTS_BACK = re.compile(r"那个|这个|刚才|刚刚|上面|你说的|前面说")
KEEPS_OWN_READING = {"opt_out", "opt_in", "human", "menu", "register", "update_info", "my_info", "greeting",
                     "thanks_bye"}
_TRAILING = re.compile(r"[。.!！~～]+$")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """core.text.normalize, cached: people send the same few words and questions again and again."""
    return _normalize(text)


# The main menu's numbers, as the intents they stand for (1 问政策 only prompts for a question).
MENU_INTENTS = {"2": "job_search", "3": "update_info", "4": "my_pushes", "5": "human", "6": "entitlements"}


def _menu_choice(ctx: Ctx, state: dict[str, Any], msg: Inbound, choice: str) -> Reply:
    state = {k: v for k, v in leave_flow(state).items() if k not in ("pick", "posting")}
    if choice == "1":
        return state, menu.ASK_HINT
    return act(ctx, state, msg, MENU_INTENTS.get(choice, "human"))


def on_event(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """Follow/unfollow, menu clicks; other events (template receipts, location reports) need no reply."""
    if msg.event in ("subscribe", "subscribe_scan", "scan"):
        if msg.event != "scan":
            service.set_following(ctx.session, openid=msg.openid, following=True)
        return {}, menu.WELCOME
    if msg.event == "unsubscribe":
        service.set_following(ctx.session, openid=msg.openid, following=False)
        return {}, ""  # WeChat shows nothing to someone who just left
    if msg.event == "templatesendjobfinish":  # delivery receipt of a pushed template message
        msg_id = str(msg.raw.get("MsgID") or msg.raw.get("MsgId") or "")
        ctx.backends.template_receipt(ctx.session, msg_id=msg_id, status=str(msg.raw.get("Status") or ""))
        return state, ""
    if msg.event == "click" and msg.event_key in menu.CLICK_KEYS:
        return _menu_choice(ctx, state, msg, menu.CLICK_KEYS[msg.event_key])
    return state, ""


def dispatch(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """One message in, the new state and the reply text out ("" means no reply)."""
    if msg.kind == "event":
        return on_event(ctx, state, msg)
    if msg.kind == "location":
        return account.location(ctx, state, msg)
    if msg.kind == "voice" and not msg.text:
        return state, menu.VOICE_HINT
    if msg.kind not in ("text", "voice"):
        return state, menu.OTHER_HINT
    text = normalize(msg.text)
    word = _TRAILING.sub("", text).lower()
    if not word:
        return state, menu.WELCOME
    in_flow = state.get("flow") == "register"
    if word in CANCEL_WORDS or (in_flow and _GIVING_UP.match(word)):  # "算了不登了 麻烦" gives it up too
        return verification.drop(leave_flow(state)), menu.CANCELLED
    if state.get("erase"):  # "确认删除" after "把我的信息删了"; anything else keeps the data
        state = {k: v for k, v in state.items() if k != "erase"}
        if erase.confirmed(text):
            return erase.erase(ctx, state, msg)
    if erase.asks(text) and not (in_flow and private.refusal(text)):  # 不要留我的电话 mid-registration skips it
        return erase.start(state)
    exact = intents.COMMANDS.get(word)
    if exact in ANYWHERE:
        return act(ctx, state, msg, exact)
    if safety.concern(text) and not state.get("verify") and not (in_flow and private.refusal(text)):
        # "要不要交钱 要我银行卡号吗": no clause, reassurance ("号码能不能不填 怕被骗" is the phone skipped)
        return meanwhile.resume(state, (leave_flow(state), safety.SAFE)) if in_flow else (state, safety.SAFE)
    who = safety.identity(text)  # "你是真人吗", "你们是政府的吗 还是中介"
    if who:
        return meanwhile.resume(state, (leave_flow(state), who)) if in_flow else (state, who)
    pref = prefs.request(text)  # "短信少发点", "只在微信上发": not a full opt-out
    if pref and not (in_flow and state.get("step") == "sms_ok"):
        handled = prefs.handle(ctx, leave_flow(state) if in_flow else state, msg, pref)
        return meanwhile.resume(state, handled) if in_flow else handled
    back = register.self_again(state, text)  # "好了 说我自己 我的信息看一下": the relative's registration set aside
    if back is not None:
        state, rest = back
        if len(rest) < 2:
            return state, SELF_AGAIN + "您自己想办什么？回复“菜单”看能办的事。"
        new_state, said = dispatch(ctx, state, dataclasses.replace(msg, text=rest))
        return new_state, SELF_AGAIN + said
    own = register.as_said(state, msg)  # registering a relative: "她叫陈秀英" is the person's own name
    if own is not msg:
        msg, text = own, normalize(own.text)
    fix = register.correction(text)
    if fix:
        return register.correct(ctx, state, msg, *fix)
    choices = state.get("fix_choices")
    if choices and word.isdigit() and 1 <= int(word) <= len(choices):  # picking a suggested county
        return register.correct(ctx, state, msg, "county", choices[int(word) - 1])
    state = {k: v for k, v in state.items() if k != "fix_choices"}
    if state.get("flow") == "benefits":
        interrupt = _interrupts(msg.text) or (exact if exact in LEAVE_CHECK else None)  # "登记" typed as a command
        if interrupt:
            return act(ctx, leave_flow(state), msg, interrupt)
    if in_flow:
        return _registering(ctx, state, msg, text)
    if state.get("verify"):  # a code texted to the phone on record is awaited (kept across other messages)
        reply = verification.step(ctx, state, msg, word)
        if reply is not None:
            return reply
    if state.get("flow") == "benefits":
        reply = benefits.step(ctx, state, msg)
        if reply is not None:
            return reply
        topic = benefits.follow_up_topic(ctx, state, text)
        state = leave_flow(state) | ({"topic": topic} if topic else {})  # not a pick: handled as usual
    offered = state.pop("wish_offer", None)  # only the next message can accept it
    if offered and word in AGREE:
        state, said = register.correct(ctx, state, msg, "wishes", str(offered))
        state, jobs = account.find_jobs(ctx, state, msg)
        return state, said + "\n" + jobs
    listed = state.get("pick") or {}
    if listed.get("kind") == "jobs" and account.MORE.match(text):
        return account.more_jobs(ctx, state, msg)
    n = picks.pick_number(text, len(listed.get("ids") or [])) or picks.described(ctx, state, text)
    if n is not None and listed.get("kind") == "intents" and 1 <= n <= len(listed.get("ids", [])):
        chosen = listed["ids"][n - 1]  # an answer to "您是想：1 找工作 2 问政策"
        state = {k: v for k, v in state.items() if k != "pick"}
        return (state, menu.ASK_HINT) if chosen == "policy_question" else act(ctx, state, msg, chosen)
    if n is not None and listed and (n <= len(listed.get("ids", [])) or not word.isdigit()):
        reply = picks.pick(ctx, state, msg, n)  # a number after a list picks from that list
        if reply is not None:
            return reply
    if not listed and not state.get("posting") and picks.refers_to_list(text):
        return state, picks.NO_LIST  # "第二个咋报名" days later: nothing on screen to pick from
    if word in {"1", "2", "3", "4", "5", "6"}:
        return _menu_choice(ctx, state, msg, word)
    reply = picks.about_posting(ctx, state, msg) or picks.about_list(ctx, state, msg)
    if reply is not None:
        return reply
    if exact:
        return act(ctx, state, msg, exact)
    reading = _guarded(intents.read_intent(msg.text or text), text)
    other = _about_another(text, reading)
    if (state.get("topic") and not listed and not state.get("posting") and len(text) <= 16 and _is_question(text)
            and _WHERE_WHO.search(text) and not exact):  # "去哪报名 找谁" after a policy answer: about that answer
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback and not ans.choices:
            return ask.reply_with(ctx, state, msg, text, ans)
    if (state.get("topic") and not listed and not state.get("posting")
            and ((_POINTS_BACK.search(text) and reading.intent not in KEEPS_OWN_READING) or other)):
        # the last reply was a policy answer and no list or posting is on screen: "那个" is that answer
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback or other:  # the same question for another person gets the documents' word
            return ask.reply_with(ctx, state, msg, text, ans)
    if benefits.is_request(text) and len(text) <= PLAIN_REQUEST:  # "我能领啥补贴" names nothing: the check
        return benefits.start(ctx, state, msg)
    if benefits.is_request(text) or (reading.intent == "entitlements" and not _fragment(text)):
        # "毕业生那个2000块我能领不" names one subsidy: the documents answer it; "我能领什么补贴" is the check
        ans = ask.lookup(ctx, state, msg, text)
        # one close clause is a better reply than fifteen questions unless the whole check was asked for
        if (not ans.fallback and not ans.choices) or (ask.usable(ans) and not benefits.is_request(text)):
            return ask.reply_with(ctx, state, msg, text, ans)
        if ans.fallback and not ans.choices and referral.reply(text):  # 孙子上学有没有补助: whom to ask
            return ask.reply_with(ctx, state, msg, text, ans)
        return benefits.start(ctx, state, msg)
    if _whole_registration(msg.text or ""):  # name, age, phone … in one message
        return register.from_message(ctx, state, msg)
    if reading.unsure:
        return _unsure(ctx, state, msg, text, reading)
    if reading.score < CONSULT_BELOW and reading.second == "policy_question" and reading.intent != "opt_out":
        # Two learned readers disagree at the margin: a question the documents answer confidently
        # ("打工十年 想回来开个小饭店 政府有没有扶持") is answered rather than taken as a job request.
        ans = ask.lookup(ctx, state, msg, text)
        if ask.usable(ans):
            return ask.reply_with(ctx, state, msg, text, ans)
    if reading.intent == "human" and not _WANTS_PERSON.search(text) and (hint := referral.reply(text)):
        return state, hint  # "能不能借点钱给我": who handles it, not a ticket nobody here can act on
    besides = ask.also_asked(ctx, state, msg) if reading.intent == "job_search" else ""
    new_state, said = act(ctx, state, msg, reading.intent)
    return new_state, (f"{besides}\n——\n{said}" if besides else said)


# words that ask for a person or complain outright: a ticket even when the need is someone else's
_WANTS_PERSON = re.compile(r"人工|客服|工作人员|真人|投诉|找人|领导|协理员|打电话给我|联系我")


# What a free-text registration answer never is.
NOT_AN_ANSWER = {"my_info", "my_pushes", "human", "menu"}


def _registering(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str) -> Reply:
    """A message while registration is open: usually the answer to its question; a pick from choices
    shown meanwhile, an opt-out, a call for a person or a question are handled and the question waits."""
    listed = state.get("pick") or {}
    if listed.get("kind") != "jobs":  # choices shown mid-registration hold for the next message only; a job
        state = {k: v for k, v in state.items() if k != "pick"}  # list stays open to be asked about
    if listed.get("kind") == "jobs" and account.MORE.match(text):  # "还有吗" after the list: more postings
        return meanwhile.resume(state, account.more_jobs(ctx, state, msg))
    n = picks.pick_number(text, len(listed.get("ids") or [])) or picks.described(ctx, state | {"pick": listed}, text)
    # a bare digit answers a numbered question ("回复 1 男 或 2 女"); 第二个 / 2号 still picks from the list
    numbered = "回复 1" in register.QUESTIONS.get(str(state.get("step") or ""), "") and text.strip().isdigit()
    if n is not None and listed.get("kind") in ("clauses", "jobs") and not state.get("choices") and not numbered:
        # a number for the choices or jobs shown during registration, not an answer to it
        reply = picks.pick(ctx, leave_flow(state) | {"pick": listed}, msg, n)
        if reply is not None:
            return meanwhile.resume(state, reply)
    # a question at a free-text step ("您会什么？" — "俺五十七了 人家要不要") is about what is on screen
    unanswered = not register.answers_current(state, msg.text) or (_is_question(text) and (
        state.get("step") in register.FREE_TEXT or picks.asks_about(text)))  # "女的也能干？" is no gender
    if state.get("posting") and not numbered and unanswered:
        # "这个包住吗", "行 就报这个" about the posting just opened, when it answers no question
        reply = picks.about_posting(ctx, leave_flow(state), msg)
        if reply is not None:
            return meanwhile.resume(state, reply)
    if listed.get("kind") == "jobs" and not numbered and unanswered:
        reply = picks.about_list(ctx, leave_flow(state), msg)  # "咋报" with the list on screen (a job list stays)
        if reply is not None:
            return meanwhile.resume(state, reply)
    told_only = told.only_answers(msg.text or "", state.get("data") or {},
                                  name_slot=(state.get("step") or "name") == "name")
    if told_only:  # "电话136…" at the skills question: answers, whatever else the words could mean
        return register.fill(ctx, state, msg, told_only)
    if not register.answers_current(state, msg.text):
        saved = register.save_now(ctx, state, msg)  # "对的就这样保存吧" after the read-back
        if saved is not None:
            return saved
    declined = private.refusal(msg.text)  # "电话号码能不能不填 怕被骗电话", "身份证也不想给"
    if declined and not register.answers_current(state, msg.text):
        return private.skip(ctx, state, msg, declined)
    # any words answer "what can you do", but not "等会儿再说" or "你问这个干嘛"
    firm = register.answers_current(state, msg.text) and state.get("step") not in register.FREE_TEXT
    if register.PROGRESS.match(text) and not firm:  # "好了没": what is still missing
        return state, register.progress(state)
    if not _CJK.search(text) and not re.search(r"[0-9A-Za-z]", text):  # 🙏 / 👍 mid-registration
        return state, "好的。\n接着登记：" + register.question(state, str(state.get("step") or "name"))
    if not firm and NOT_CLEAR.search(text):  # "啥意思 看不懂 说简单点": the question in plain words
        step = str(state.get("step") or "name")
        plain = PLAIN_QUESTIONS.get(step, "")
        return state, plain.replace("您", "家人") if state.get("for") else plain
    why = private.why_asked(state, msg.text)
    if why and not firm:
        return state, why
    if meanwhile.LATER.search(text) and not firm:
        return meanwhile.pause(ctx, state, msg)
    if not firm and meanwhile.closing(msg.text or ""):  # "不用了 今天先看到这 谢谢啊"; "就这样保存吧" saves
        return register.save_now(ctx, state, msg) or (meanwhile.set_aside(state), meanwhile.BYE)
    if state.get("step") in register.FREE_TEXT and meanwhile.NOD.match(text):  # "嗯 可以" is no skill
        return state, "好的。\n" + register.question(state, str(state["step"]))
    if account.FOUND_JOB.search(text) and not register.answers_current(state, msg.text):
        return account.found_job(ctx, state, msg)  # "算了 别推了 我找到活了": no registration for pushes
    interrupt = _interrupts(msg.text)  # "莫给俺发那些招工的了" is no answer to "what work do you want"
    if interrupt in ("opt_out", "opt_in") and state.get("step") == "sms_ok":
        interrupt = None  # "不要发短信" there answers the question asked
    if interrupt == "human":  # the answers so far are kept for 登记 later
        return act(ctx, meanwhile.set_aside(state), msg, interrupt)
    if interrupt:
        return meanwhile.resume(state, act(ctx, leave_flow(state), msg, interrupt))
    if not state.get("pick") and picks.refers_to_list(text) and (
            state.get("step") in (None, "name") or not register.answers_current(state, msg.text)):  # 最后那个 is no name
        return meanwhile.resume(state, (leave_flow(state), picks.NO_LIST))
    naming = (state.get("step") or "name") == "name"
    current = register.answers_current(state, msg.text)
    answers = current or bool(register.read_fields(msg.text or ""))
    reading = _guarded(intents.read_intent(msg.text), text)  # "能给多少" or "我要报名" is not a name
    if reading.intent == "register" and not reading.exact and reading.score < SURE and reading.second:
        # already registering, so an unsure "register" reading asks for nothing new; the runner-up says
        # what the message wants ("你把登记的念一遍给我听听": register 0.37, my_info 0.35)
        reading = intents.Reading(reading.second, reading.score, reading.intent)
    if (naming and answers and reading.score >= NOT_A_NAME and reading.intent not in PLAIN
            and len(register.read_fields(msg.text or "")) < 2):  # "他电话139… 叫林志强" states two answers
        answers = False
    if (state.get("step") in register.FREE_TEXT and reading.intent in NOT_AN_ANSWER and reading.score >= NOT_A_NAME
            and not register.read_fields(msg.text or "")):
        current = answers = False  # any words answer "what can you do", but "给我看看登记的信息" asks for something
    if (state.get("step") in register.FREE_TEXT and reading.intent == "job_search" and _is_question(text)
            and not register.read_fields(msg.text or "")):
        current = answers = False  # "有啥活 发来瞅瞅" asks for postings; "想在古田找活" answers the question
    # "我都五十一了 还能培训不": a question that happens to state another answer (the age) is a question;
    # the answers it states are kept all the same. The ask is read on its own too: "短信也别发了 那要是
    # 以后没活干了 失业了能领钱吗" reads as an opt-out whole, its last clause as a policy question.
    if not current and benefits.is_request(text):  # "我能领什么补贴": the check now, registration kept for later
        return benefits.start(ctx, meanwhile.set_aside(state), msg, known=state.get("data"),
                              lead="登记先放着，已说的都记着，回复“登记”接着填。\n")
    # after a list: "不要夜班的", or a new place to look ("算了 还是回老家宁化找吧")
    asks_more = state.get("step") in register.FREE_TEXT and _is_question(text)  # "工资高点的有冇" is no skill
    refine = listed.get("kind") == "jobs" and (not current or asks_more) and (
        (bool(meanwhile.REFINE.search(text)) and len(text) <= 16)
        or ("county" in register.read_fields(msg.text or "") and ("找" in text or bool(meanwhile.WANTS_WORK.search(text)))))
    if (refine or (not answers and reading.intent == "job_search")) and (
            found := meanwhile.jobs(ctx, state, msg, refine=refine)):
        return found  # "工资太低了 有没有四千以上的": postings for what was asked, the question waits
    if not current and QUESTION.search(text) and ({reading.intent, reading.second} & ASKING
                                                  or _ends_asking(msg.text or text)):
        reply = _detour(ctx, register.keep_fields(state, msg.text), msg,
                        intents.Reading("policy_question", reading.score))
        if reply is not None:
            return reply
    elif not answers and reading.intent not in STAY_IN_FLOW:
        reply = _detour(ctx, state, msg, reading)
        if reply is not None:
            return reply
    elif not answers and reading.intent not in PLAIN and _is_question(text):
        # read as wanting work or registering, yet a question and no answer ("实在找不到活的咋办"): what
        # the documents answer is answered; anything else gets the question again
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback and not ans.choices:
            return meanwhile.resume(state, ask.reply_with(ctx, leave_flow(state), msg, text, ans))
    return meanwhile.after_wish(ctx, state, register.step(ctx, state, msg), msg)


def _about_another(text: str, reading: intents.Reading) -> bool:
    """"那我表哥呢 他毕业两年了", "我婆婆61了 也想学": the same question for another person, right after
    an answer — not a record change or a registration, whatever the words look like."""
    return (len(text) <= 20 and bool(PEOPLE.search(text)) and bool(re.search(r"呢|也", text))
            and reading.intent not in {"opt_out", "opt_in", "human", "menu"})


def _whole_registration(raw: str) -> bool:
    """"俺叫邱水生 男的 五十岁 建宁县 电话…" is a registration; "我是建档立卡的 女的 今年48 … 培训有补贴不"
    states as much about the writer but asks a question: a story, answered as one."""
    found = register.read_fields(raw)
    return (len(found) >= REGISTRATION_FIELDS and bool({"name", "phone"} & found.keys())
            and not QUESTION.search(split_message(raw).ask))


def _ends_asking(raw: str) -> bool:
    """The message's last ask, read on its own, is a question about policy."""
    ask_part = split_message(raw).ask
    if ask_part == normalize(raw) or not QUESTION.search(ask_part):
        return False
    r = intents.read_intent(ask_part)  # "…没活干了 失业了能领钱吗": job_search 0.43, policy second: still an ask
    return r.intent in ASKING or (r.second in ASKING and r.score < SURE)


def _detour(ctx: Ctx, state: dict[str, Any], msg: Inbound, reading: intents.Reading) -> Reply | None:
    """A message that answers no registration question ("你们电话多少", "考叉车证有补贴没", "别发短信了")
    is handled as usual and the registration waits where it was; 人工 and 菜单 end it. None: nothing to
    do but ask the question again."""
    base = leave_flow(state)
    if reading.intent == "my_info":  # "你把登记的念一遍给我听听": what is recorded so far
        told = register.told_back(state.get("data", {}))
        said = (f"目前记下的：{told}。" if told else "还没有记下您的信息。") + private.who_sees(msg.text)
        return meanwhile.resume(state, (base, said))
    if reading.intent == "human" and reading.score < SURE and _is_question(normalize(msg.text or "")):
        reading = intents.Reading("policy_question", reading.score)  # "他这岁数人家要不要" asks; it calls nobody
    if reading.unsure or reading.intent == "policy_question":
        text = normalize(msg.text)
        ans = ask.lookup(ctx, state, msg, text)
        part = split_message(msg.text or "").ask  # "烦死了 短信也别发了 …失业了能领钱吗": the ask alone
        if ans.fallback and part and part != text and not (alone := ask.lookup(ctx, state, msg, part)).fallback:
            ans, text = alone, part
        # a question read as one gets the documents' word, "did you mean" choices or an honest "not
        # covered" — never "没有找到这个县" for a question about a forklift licence
        if ans.fallback and not ans.choices and (reading.unsure or reading.score < ASKED) and not referral.reply(text):
            return None
        return meanwhile.resume(state, ask.reply_with(ctx, base, msg, text, ans))
    if reading.intent in ("human", "menu"):
        return act(ctx, base, msg, reading.intent)
    return meanwhile.resume(state, act(ctx, base, msg, reading.intent))


def _guarded(reading: intents.Reading, text: str) -> intents.Reading:
    """A reading not to act on even though it is likely, made unsure so the person is asked back:
    an opt-out worded as a question ("报上了会发短信告诉我不": the documents are asked first, and it is
    never acted on as a refusal), or one character ("我", sent before the rest was typed) read less than
    surely ("活", work, is read surely and kept)."""
    if not reading.exact and ((reading.score < SURE and (
            (reading.intent == "opt_out" and _is_question(text)) or _fragment(text))) or _says_nothing(text)):
        return intents.Reading(reading.intent, min(reading.score, intents.CLARIFY_BELOW - 0.01), reading.second)
    return reading


# Openers and fillers that carry no request ("喂喂 那个咯 我问下那个"): such a message is asked back.
_FILLERS = re.compile(r"喂+|那个|这个|那啥|我想问|想问|请问|问一?下|问问|你好|您好|在吗|在不在|打扰了?|麻烦|就是|然后|一下"
                      r"|[我你那这咯啊呀嗯哦噢哈呢吧嘛啦诶欸]|[\s，。,.!！?？~～…]")


def _says_nothing(text: str) -> bool:
    return len(text) >= 3 and not _FILLERS.sub("", text)


def _fragment(text: str) -> bool:
    return len(intents.command_word(text)) == 1


def _is_question(text: str) -> bool:
    """Worded as a question; a closing 吧/啊 ("还是发给俺吧") makes a request, not one."""
    return bool(QUESTION.search(text.rstrip("吧啊呀。.!！~～ ")))


def _interrupts(raw: str) -> str | None:
    """An opt-out or a call for a person sent in the middle of a flow is not an answer to its question
    ("报上了会发短信告诉我不" asks about SMS; it does not refuse them)."""
    reading = intents.read_intent(raw)
    floor = STRONG_IN_FLOW.get(reading.intent)
    if floor is not None and _is_question(normalize(raw or "")):
        floor = max(floor, SURE)
    return reading.intent if floor is not None and reading.score >= floor else None


def _unsure(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, reading: intents.Reading) -> Reply:
    """A message the classifier cannot place: a question the documents answer is answered; otherwise ask."""
    if not _CJK.search(text):  # asdfghjkl, a row of emoji: nothing to clarify
        return state, menu.NOT_UNDERSTOOD
    if _says_nothing(text):  # "喂喂 那个咯 我问下那个": no guess, ask what he wants (a person if it comes again)
        return ask.missed(state, text, menu.SAY_MORE)
    ans = ask.lookup(ctx, state, msg, text)
    if ask.usable(ans) or not ans.answer.strip() or referral.reply(text):  # answered, or whom to ask (低保)
        return ask.reply_with(ctx, state, msg, text, ans)
    options = [i for i in (reading.intent, reading.second) if i in CLARIFY]
    if len(options) < 2:
        options = [o for o in ("job_search", "policy_question") if o not in options] [: 2 - len(options)] + options
    lines = "\n".join(f"{i} {CLARIFY[o]}" for i, o in enumerate(options, 1))
    return ask.missed(picks.open_list(state, "intents", options), text,
                      f"您是想：\n{lines}\n回复数字；都不是请换个说法，或回复“人工”。")


CLARIFY = {"job_search": "找工作", "my_pushes": "看给您推荐过的岗位", "register": "登记信息",
           "update_info": "修改登记的信息", "my_info": "查看登记的信息", "entitlements": "看自己能领哪些补贴",
           "policy_question": "问政策", "opt_out": "不再接收岗位推送", "opt_in": "恢复接收岗位推送",
           "human": "找工作人员", "menu": "看功能菜单"}


def act(ctx: Ctx, state: dict[str, Any], msg: Inbound, intent: str) -> Reply:
    """Carry out what the message asks for."""
    if intent in ("opt_out", "opt_in"):
        return account.opt_out(ctx, state, msg, out=intent == "opt_out")
    if intent in ("menu", "greeting"):
        return leave_flow(state), menu.WELCOME
    if intent in FIXED_REPLIES:
        return state, FIXED_REPLIES[intent]
    step = STEPS.get(intent)
    if step is not None:
        return step(ctx, state, msg)
    return ask.answer(ctx, state, msg, normalize(msg.text))


# An intent's step (update_info: a registered person sees the record and what to change).
STEPS = {"human": account.handoff, "job_search": account.find_jobs, "my_pushes": account.my_pushes,
         "register": register.start, "update_info": register.update, "my_info": register.show_record,
         "entitlements": benefits.start}
FIXED_REPLIES = {"thanks_bye": menu.YOU_ARE_WELCOME, "junk": menu.NOT_UNDERSTOOD}


def run_turn(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """``dispatch``, then commit what the step wrote; on any error (``Defer`` too) roll back and re-raise."""
    try:
        out = dispatch(ctx, state, msg)
    except BaseException:
        ctx.close(commit=False)
        raise
    ctx.close(commit=True)
    return out
