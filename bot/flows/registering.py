"""A message while registration is open: usually the answer to its question; a pick from a list shown
meanwhile, a question about a posting, an opt-out, a call for a person or a policy question are handled and
the question waits (``bot.flows.meanwhile.resume``)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

from bot import intents
from bot.flows import (
    account,
    ask,
    benefits,
    freetext,
    meanwhile,
    named,
    picks,
    posting_asks,
    private,
    referral,
    register,
    told,
)
from bot.flows.answers import NOT_CLEAR, NOT_CLEAR_SAID, PLAIN_QUESTIONS, UNSURE
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import AGAIN, proxy_for
from bot.flows.reading import ASKING, SURE, ends_asking, guarded, interrupts, is_question, normalize
from bot.protocol import Inbound
from core.logging import mask_phone
from core.text import normalize as core_normalize
from knowledge.message import PEOPLE, QUESTION, split_message
from knowledge.respond import ANOTHER

Reply = tuple[dict[str, Any], str]
Act = Callable[[Ctx, dict[str, Any], Inbound, str], Reply]
_CJK = re.compile(r"[\u4e00-\u9fff]")

# Mid-registration, a message that answers no question is handled as usual unless it is about registering.
STAY_IN_FLOW = {"register", "job_search", "update_info", "junk", "greeting", "thanks_bye"}
PLAIN = {"junk", "greeting", "thanks_bye"}  # what a bare name tends to read as
NOT_A_NAME = 0.6  # at the name question, a message read this surely as an intent is not a name
ASKED = 0.5  # mid-registration, a policy question read this surely is answered even when the answer is "not covered"

# "能用我的手机号给他登记吗 … 他叫陈木根" (as the person's words: 我叫陈木根): a name said with its cue
_NAME_SAID = re.compile(r"(?:我|俺)(?:叫|名字叫|的名字是)[\u4e00-\u9fff]{2,4}$")
SURELY_MINE = 0.9  # an entitlements reading this sure is about the person, not the posting on screen
_POINTS = re.compile(r"[这那](?:个|家|份|条)")  # "这个包住吗": about a posting, when none is on screen
NOTHING_SHOWN = "还没有给您列出岗位。登记好马上按您的情况找，列出来以后可以问包不包住、几点上班。"
_THANKS = re.compile(r"(?:谢谢|多谢|感谢|谢了)[啊呀了哈你您啦哦]{0,3}")
_WRITER_SELF = re.compile(r"^(?:我|俺)(?!奶奶|爷爷|外婆|外公|姥姥|妈|爸|母亲|父亲|婆婆|公公|老公|老婆|媳妇|家|们家|儿子|女儿|哥|姐|弟|妹)")
_THIRD = re.compile(r"[她他]|老人家")
_REACH_ME = re.compile(r"找我|联系我|打给我|打我|我的电话|我电话|打这个电话|不在家|在外(?:地|面)?打工|在\S{1,4}打工")
# What a free-text registration answer never is.
NOT_AN_ANSWER = {"my_info", "my_pushes", "human", "menu"}


def registering(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, act: Act) -> Reply:
    """A message while registration is open: usually the answer to its question; a pick from choices
    shown meanwhile, an opt-out, a call for a person or a question are handled and the question waits."""
    listed = state.get("pick") or {}
    spaced = core_normalize(msg.text or "", keep_space=True)  # "一千块也行 不出远门" is no "行不" question
    if listed.get("kind") != "jobs":  # choices shown mid-registration hold for the next message only; a job
        state = {k: v for k, v in state.items() if k != "pick"}  # list stays open to be asked about
    if listed.get("kind") == "jobs" and account.MORE.match(text):  # "还有吗" after the list: more postings
        return meanwhile.resume(state, account.more_jobs(ctx, state, msg))
    if _START_OVER.search(text):  # "刚才都是乱填的 我想全部重新填 能不能全删了重来": nothing said so far is kept
        fresh = {k: v for k, v in state.items() if k not in ("data", "paused", "step")} | {"step": "name", "data": {}}
        return fresh, "好的，刚才填的都不算了，重新开始登记。\n" + register.question(fresh, "name")
    if state.get("policy_last") and state.get("topic") and _FOLLOW_UP.match(text) and not [
            w for w in named.names_in(text) if not re.search(r"多少|几多|钱|哪|谁|材料|怎么|咋", w)]:
        # "那个多少钱" right after a policy answer given on the way: that answer's topic, not the job list
        ans = ask.lookup(ctx, state, msg, text)
        if ask.usable(ans):
            return meanwhile.resume(state, ask.reply_with(ctx, leave_flow(state), msg, text, ans))
    if state.get("policy_last") and (claim := ask.about_last(ctx, leave_flow(state) | {"data": state.get("data") or {}}, msg, text)):
        return meanwhile.resume(state, claim)  # "是不是要找到工作才能领" right after the subsidy's answer
    aside = leave_flow(state) | {"pick": listed, "data": state.get("data") or {}}  # the answers so far say where home is
    compared = (named.compare(ctx, aside, msg)  # "那两个哪个工资高 差多少"
                or named.best_of(ctx, aside, msg)  # "哪个离浦城近"
                or named.apply_both(ctx, aside, msg))  # "两个都想去 能都报不"
    if compared is not None:
        return meanwhile.resume(state, compared)
    n = picks.pick_number(text, len(listed.get("ids") or []))
    # a bare digit answers a numbered question ("回复 1 男 或 2 女"); 第二个 / 2号 still picks from the list
    numbered = "回复 1" in register.QUESTIONS.get(str(state.get("step") or ""), "") and text.strip().isdigit()
    if is_question(spaced) and (general := ask.about_the_policy(ctx, _aside(state), msg, text)) is not None:
        return meanwhile.resume(state, _unaside(general))  # "公益岗啥人能去" with 公益岗 postings listed: the documents' word
    if is_question(spaced) and PEOPLE.search(text) and ask.ASKS_POLICY.search(text):
        # "我老婆五十二了 想学月嫂 还能领培训补贴不": a question for a relative, no answer about the writer
        ans = ask.lookup(ctx, state, msg, text)
        if ask.usable(ans):
            return meanwhile.resume(state, ask.reply_with(ctx, leave_flow(state), msg, text, ans))
    if n is None and not text.strip().isdigit() and (not register.answers_current(state, msg.text) or is_question(spaced)
                                                     or posting_asks.asks_about(text)):  # "菌棒那个几点上班"
        reply = named.focus(ctx, _aside(state), msg)  # "那个电子线束的 几点上班": a posting named, listed or not
        if reply is not None:
            return meanwhile.resume(state, _unaside(reply))
    n = n or picks.described(ctx, state | {"pick": listed}, text, msg.openid)
    if n is not None and listed.get("kind") in ("clauses", "jobs") and not state.get("choices") and not numbered:
        # a number for the choices or jobs shown during registration, not an answer to it
        reply = picks.pick(ctx, leave_flow(state) | {"pick": listed}, msg, n)
        if reply is not None:
            return meanwhile.resume(state, reply)
    # a question at a free-text step ("您会什么？" — "俺五十七了 人家要不要") is about what is on screen
    unanswered = not register.answers_current(state, msg.text) or (is_question(spaced) and (
        state.get("step") in register.FREE_TEXT or posting_asks.asks_about(text))) or (  # "女的也能干？" is no gender
        bool(state.get("posting")) and len(text) <= 12 and bool(picks.APPLY.search(text)))  # "好 那我报这个" is no skill
    read = None  # the message's intent, read once when first needed
    if unanswered and not _POINTS.search(text) and not posting_asks.asks_about(text):
        # "要是我真是建档立卡的 还能有啥好处": about me, not the posting on screen
        read = intents.read_intent(msg.text or "")
        unanswered = not (read.intent == "entitlements" and read.score >= SURELY_MINE)
    if state.get("posting") and not numbered and unanswered:
        # "这个包住吗", "行 就报这个" about the posting just opened, when it answers no question
        reply = picks.about_posting(ctx, _aside(state), msg)
        if reply is not None:
            return meanwhile.resume(state, _unaside(reply))
    if listed.get("kind") == "jobs" and not numbered and unanswered:
        reply = picks.about_list(ctx, _aside(state), msg)  # "咋报" with the list on screen (a job list stays)
        if reply is not None:
            return meanwhile.resume(state, _unaside(reply))
    if _THANKS.fullmatch(text):  # "谢谢啊" is thanks, not a person surnamed 谢: what was said is kept
        return register.save_now(ctx, state, msg) or (meanwhile.set_aside(state), meanwhile.BYE)
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
        rest = NOT_CLEAR_SAID.sub("", text).strip(" ，,")
        if len(rest) >= 3 and is_question(rest):  # "简单点说 能给多少钱": the question after the complaint
            return registering(ctx, state, dataclasses.replace(msg, text=rest), rest, act)
        step = str(state.get("step") or "name")
        plain = PLAIN_QUESTIONS.get(step, "")
        plain = plain.replace("您", register.addressee(state)) if state.get("for") else plain
        # the list or answer shown with the question is what was too long: said shortly, then the question
        short = ask.shorter_list(ctx, state) or (ask.plainer(ctx, state, msg) or (state, ""))[1]
        return state, f"{short}\n——\n接着登记：{plain}" if short else plain
    if state.get("step") == "poor" and UNSURE.search(text):  # "建档立卡是啥 我家是不是我也不晓得 咋查"
        return state, register.VALIDATORS["poor"](text)[1] or ""
    why = private.why_asked(state, msg.text)
    if why and not firm:
        return state, why
    if meanwhile.LATER.search(text) and not firm:
        return meanwhile.pause(ctx, state, msg)
    if state.get("step") in register.FREE_TEXT and meanwhile.NOD.match(text):  # "嗯 可以" is no skill
        return state, "好的。\n" + register.question(state, str(state["step"]))
    if (state.get("step") in register.FREE_TEXT and _SEND_ME.search(text) and len(text) <= 20
            and not freetext.SKILL_SAID.search(text) and not freetext.DONE_BEFORE.search(text)):
        # "好 有新的扶贫车间再发我", "好 多谢 有消息就发短信给我": a wish to hear, no trade; registering is how
        return state, "好的，登记好以后，有合适的岗位会推送给您。\n接着登记：" + register.question(state, str(state["step"]))
    # "不用了 今天先看到这 谢谢啊" at the SMS question closes the chat more than it answers it
    closes = meanwhile.closing(msg.text or "") and (not firm or len(text) > 8)
    if closes:  # "就这样保存吧" saves; otherwise what was said is kept for later
        return register.save_now(ctx, state, msg) or (meanwhile.set_aside(state), meanwhile.BYE)
    if account.FOUND_JOB.search(text) and (not register.answers_current(state, msg.text) or (
            state.get("step") in register.FREE_TEXT and account.FOUND_MYSELF.search(text)
            and intents.read_intent(msg.text).intent == "update_info")):
        return account.found_job(ctx, state, msg)  # "算了 别推了 我找到活了": no registration for pushes
    interrupt = interrupts(msg.text)  # "莫给俺发那些招工的了" is no answer to "what work do you want"
    if interrupt in ("opt_out", "opt_in") and state.get("step") == "sms_ok":
        interrupt = None  # "不要发短信" there answers the question asked
    if interrupt == "human":  # the answers so far are kept for 登记 later
        return act(ctx, meanwhile.set_aside(state), msg, interrupt)
    if interrupt:
        return meanwhile.resume(state, act(ctx, leave_flow(state), msg, interrupt))
    if (not listed and not state.get("posting") and _POINTS.search(text) and posting_asks.asks_about(text) and is_question(spaced)
            and not register.answers_current(state, msg.text)):  # "这个包住吗" with no posting shown yet
        return meanwhile.resume(state, _shown_now(ctx, state, msg))
    if not state.get("pick") and picks.refers_to_list(text) and (
            state.get("step") in (None, "name") or not register.answers_current(state, msg.text)):  # 最后那个 is no name
        return meanwhile.resume(state, (leave_flow(state), picks.NO_LIST))
    naming = (state.get("step") or "name") == "name"
    current = register.answers_current(state, msg.text)
    answers = current or bool(register.read_fields(msg.text or ""))
    reading = guarded(read or intents.read_intent(msg.text), text)  # "能给多少" or "我要报名" is not a name
    if reading.intent == "register" and not reading.exact and reading.score < SURE and reading.second:
        # already registering, so an unsure "register" reading asks for nothing new; the runner-up says
        # what the message wants ("你把登记的念一遍给我听听": register 0.37, my_info 0.35)
        reading = intents.Reading(reading.second, reading.score, reading.intent)
    if (naming and answers and reading.score >= NOT_A_NAME and reading.intent not in PLAIN
            and len(register.read_fields(msg.text or "")) < 2 and not _NAME_SAID.search(text)):  # "他电话139… 叫林志强": two answers
        answers = False
    if (state.get("step") in register.FREE_TEXT and reading.intent in NOT_AN_ANSWER and reading.score >= NOT_A_NAME
            and not register.read_fields(msg.text or "")):
        current = answers = False  # any words answer "what can you do", but "给我看看登记的信息" asks for something
    free_step = state.get("step") in register.FREE_TEXT
    if (free_step and is_question(spaced) and not register.read_fields(msg.text or "")
            and not freetext.SKILL_SAID.search(text) and not freetext.DONE_BEFORE.search(text)):
        current = answers = False  # "我还没脱贫 交钱有没有人帮" at "您会什么" asks something and tells no trade
    if ((free_step or not register.answers_current(state, msg.text)) and reading.intent == "job_search"
            and is_question(spaced) and (not free_step or not set(register.read_fields(msg.text or "")) - {"county", "skills"})):
        # "有没有…能干的 就在长汀", "安溪有无"; "我会剪线头钉扣子 想在家做 古田有没有" at the 建档立卡 question
        current = answers = False  # "有啥活 发来瞅瞅" asks for postings; "想在古田找活" answers the question
    if (free_step and reading.intent == "job_search" and reading.score >= SURE_WORK and _KIND_OF_WORK.search(text)
            and not freetext.SKILL_SAID.search(text) and not freetext.DONE_BEFORE.search(text)):
        current = answers = False  # "白天干的活" at "您会什么" names work wanted, not a trade: postings of it
    # "我都五十一了 还能培训不": a question that happens to state another answer (the age) is a question;
    # the answers it states are kept all the same. The ask is read on its own too: "短信也别发了 那要是
    # 以后没活干了 失业了能领钱吗" reads as an opt-out whole, its last clause as a policy question.
    if state.get("topic") and not current and ANOTHER.match(text):
        # "那我老公呢 他五十八 也想学个电工" right after a policy answer: that question for him, no job search
        reply = detour(ctx, state, msg, intents.Reading("policy_question", 1.0), act)
        if reply is not None:
            return reply
    if not current and (benefits.is_request(text) or (reading.intent == "entitlements" and reading.score >= SURELY_MINE)):
        # "我能领什么补贴", "要是我真是建档立卡的 还能有啥好处": the check now, registration kept for later
        return benefits.start(ctx, meanwhile.set_aside(state), msg, known=state.get("data"),
                              lead="登记先放着，已说的都记着，回复“登记”接着填。\n")
    # after a list: "不要夜班的", or a new place to look ("算了 还是回老家宁化找吧")
    asks_more = state.get("step") in register.FREE_TEXT and is_question(spaced)  # "工资高点的有冇" is no skill
    too_far = bool(account.NEARER.search(text))  # "都太远了 每天得回家" after a list is no skill
    refine = listed.get("kind") == "jobs" and (not current or asks_more or too_far) and (
        (bool(meanwhile.REFINE.search(text)) and (len(text) <= 16 or (bool(account.NEARER.search(text)) and len(text) <= 30)))
        or ("county" in register.read_fields(msg.text or "") and ("找" in text or bool(meanwhile.WANTS_WORK.search(text)))))
    # "村里有冇公益岗 扫地那种 我是贫困户": postings asked for, whatever answers the words also state
    posts = (bool(_POSTS_ASKED.search(text)) and is_question(spaced) and not _policy_not_work(text)
             and not re.search(r"政府|政策|国家|兜底|托底", text))  # "政府有没有啥兜底的岗位" asks the policy
    if (refine or posts or (not answers and reading.intent == "job_search" and not _policy_not_work(text))) and (
            found := meanwhile.jobs(ctx, state, msg, refine=refine)):
        return found  # "工资太低了 有没有四千以上的": postings for what was asked, the question waits
    stated = register.read_fields(msg.text or "")  # "电话是139… 俺儿子给俺买的手机 … 发吧" answers
    # "我这样带娃的妇女 去学个技术有补贴不" at the gender question answers it on the way; the ask is policy
    by_the_way = (current and reading.intent in ("policy_question", "entitlements") and reading.score >= ASKED
                  and bool(ask.ASKS_POLICY.search(text)) and bool(QUESTION.search(split_message(text).ask)))
    # "我这个病 算大病 国家有冇啥子政策照顾" at "您会什么": a policy question is no trade, however unsure its reading
    by_the_way = by_the_way or (free_step and bool(ask.ASKS_POLICY.search(text)) and is_question(spaced)
                                and (bool({reading.intent, reading.second} & ASKING) or bool(QUESTION.search(text))))
    if (not current or by_the_way) and "phone" not in stated and QUESTION.search(text) and is_question(spaced) and (
            {reading.intent, reading.second} & ASKING or ends_asking(msg.text or text)):
        reply = detour(ctx, register.keep_fields(state, msg.text), msg,
                       intents.Reading("policy_question", reading.score), act)
        if reply is not None:
            return reply
    elif not answers and reading.intent not in STAY_IN_FLOW:
        reply = detour(ctx, state, msg, reading, act)
        if reply is not None:
            return reply
    elif not answers and reading.intent not in PLAIN and is_question(spaced):
        # read as wanting work or registering, yet a question and no answer ("实在找不到活的咋办"): what
        # the documents answer is answered; anything else gets the question again
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback and not ans.choices:
            return meanwhile.resume(state, ask.reply_with(ctx, leave_flow(state), msg, text, ans))
    return meanwhile.after_wish(ctx, state, register.step(ctx, state, msg), msg)


_FOLLOW_UP = re.compile(r"^(?:那|那么|这|这个|那个|那这个|那那个)?(?:个|钱)?\S{0,3}?(?:多少钱?|几多钱?|偌济|能给多少|给多少|去哪(?:里)?(?:办|申请|领|报)?|找谁|要(?:啥|什么)材料|怎么(?:办|申请|领)|咋(?:办|申请|领))"
                        r"\S{0,4}$")
_POSTS_ASKED = re.compile(r"有(?:冇|没有?|无|莫得)\S{0,4}(?:公益岗|公益性岗位|扶贫车间|岗位|活干|活做|的活|事做)")
_SEND_ME = re.compile(r"(?:再|就|都)?(?:发|推|通知|告诉)(?:短信|消息)?(?:给)?(?:我|俺|阮|涯)(?!们)")
_START_OVER = re.compile(r"(?:全部|都|从头)重新(?:填|登记|来|写)|全删了?\S{0,2}重来|从头(?:再)?来|重新填一?遍|推倒重来")
_KIN = r"(男人|老公|丈夫|老婆|媳妇|爱人|爸|妈|儿子|女儿|哥|弟|姐|妹)"
_OTHER_NAMED = re.compile(r"(?:他|她|(?:我|俺|阮)" + _KIN + r")(?:的名字)?叫\s*([\u4e00-\u9fff]{2,4})")
_OTHER_TOO = re.compile(r"(?:我|俺|阮)" + _KIN + r"\S{0,2}也(?:要|想|得)?(?:找|登记|报名|干活)")


def another_person(state: dict[str, Any], raw: str) -> Reply | None:
    """Registering oneself, "我男人也要找活 他叫陈水生 …手机139…" gives another person's answers: nothing of
    them is written over this registration; they are registered on their own afterwards."""
    if state.get("flow") != "register" or state.get("for"):
        return None
    text = normalize(raw)
    named, too = _OTHER_NAMED.search(text), _OTHER_TOO.search(text)
    name = re.sub(r"[一二两三四五六七八九十几]+$", "", named.group(2)) if named else ""
    if re.search(r"什么|啥|谁", name):
        name = ""
    own = str((state.get("data") or {}).get("name") or "")
    if not (too or (len(name) >= 2 and own and name != own)):
        return None
    kin = (too.group(1) if too else None) or (named.group(1) if named else None) or "家人"
    who = name or f"您{kin}"
    step = str(state.get("step") or "name")
    lead = (f"{who}的信息这次没有记到您的登记里，免得把你们俩的弄混。" if name or register.read_fields(raw)
            else f"好的，{who}也可以登记。")
    return state, (f"{lead}先把您自己的登记完；登记好以后回复“帮我{kin}登记”，再登记{who}的"
                   f"（也可以让{who}用自己的微信关注后发“登记”）。\n接着登记：" + register.question(state, step))


_SEND_HERE = re.compile(r"发(?:给|到)?(?:我|俺|阮)(?:的|这个|这)?(?:号|手机|电话)|发(?:到)?(?:这个|这)(?:号|手机)|打(?:我|这个)(?:号|电话)")


_NOT_THEM = re.compile(r"(?:不要|别|莫|不用)(?:再)?(?:打扰|发给?|打给?|吵|找|烦)")


def send_here(state: dict[str, Any], raw: str) -> Reply | None:
    """"以后有活就发我这个号 不要打扰我儿子": where pushes go (the phone on this registration), not an
    opt-out; None for anything else."""
    text = normalize(raw)
    if (state.get("flow") != "register" or not _SEND_HERE.search(text) or re.search(r"1[3-9]\d{9}", text)
            or not _NOT_THEM.search(text)):  # "短信发我手机就行" beside other answers is read with them
        return None
    phone = (state.get("data") or {}).get("phone")
    where = f"登记的手机号 {mask_phone(phone)}" if phone else "您登记的手机号（还没填，接着会问）"
    return state, (f"好的，有合适的岗位会发到{where}，也会在这个微信里发，不会发给别人。\n接着登记："
                   + register.question(state, str(state.get("step") or "name")))


def writer_aside(state: dict[str, Any], raw: str) -> Reply | None:
    """Registering a grandmother, "我在福州打工 有事打这个电话找我" (the writer's words, before 她 is read as
    我) is the writer's own story, not her skills; None for anything else."""
    text = normalize(raw)
    if (state.get("flow") == "register" and state.get("for") and state.get("step") in register.FREE_TEXT
            and _WRITER_SELF.match(text) and not _THIRD.search(text) and _REACH_ME.search(text)):
        return state, "好的，记下了，有事联系您。\n接着登记：" + register.question(state, str(state["step"]))
    return None


def _shown_now(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """"这个有包饭无" before any posting was listed: the postings for what is known so far, each with what
    was asked of it; said plainly when nothing can be looked up yet."""
    jobs = account.preview(ctx, dataclasses.replace(msg, text=""), meanwhile.known(state))
    if not jobs:
        return leave_flow(state), NOTHING_SHOWN
    shown, listed = account.listed(leave_flow(state), jobs, "还没给您列过岗位，按您说的先找到这些：")
    asked = picks.about_list(ctx, shown, msg) if len(jobs) > 1 else None
    return shown, listed + (f"\n{asked[1]}" if asked else "")


def _aside(state: dict[str, Any]) -> dict[str, Any]:
    """The state for a side step about postings: the flow left, its answers so far kept as what the person
    has told (a "能报冇" is checked against them)."""
    return leave_flow(state) | {"known": state.get("data") or {}}


def _unaside(reply: Reply) -> Reply:
    return {k: v for k, v in reply[0].items() if k != "known"}, reply[1]


def _policy_not_work(text: str) -> bool:
    """"工地上受伤了有没有保险" reads as a job search; it asks a policy and wants no work ("孩子上学时间能干的" does)."""
    return picks.asks_policy(text) and not re.search(r"能干|能做|的活|活儿|工作|岗位|找活|事做", text)


# "我电话记对了吧", "名字没写错吧": whether an answer was taken down right — read back what is kept
CHECKS_KEPT = re.compile(r"(?:电话|手机|号码|名字|姓名|年龄|岁数)\S{0,3}(?:记对|记错|记好|记下|写对|写错|对不对|对吗|对吧|没错|有没有错)"
                         r"|记(?:了|下了?|住了?)\S{0,2}(?:啥|什么|哪些)|(?:念|读)(?:给我|一遍|一下)(?:听)?")  # "你都给我记了些啥 念给我听听"


def kept_so_far(state: dict[str, Any]) -> str:
    """The open registration's answers, read back."""
    told = register.told_back(state.get("data", {}))
    return f"目前记下的：{told}。" if told else "还没有记下您的信息。"


def checks_kept(text: str) -> bool:
    """"我电话记对了吧": a check of what was taken down; "电话写错了 是159…" is a correction (a value given)."""
    return bool(CHECKS_KEPT.search(text)) and len(text) <= 20 and not register.read_fields(text)


# "白天干的活", "离家近的工作": a kind of work named by when or where, read surely as a job request
_KIND_OF_WORK = re.compile(r"^\S{1,6}的(?:活|活儿|工作|事)$")
SURE_WORK = 0.95


def detour(ctx: Ctx, state: dict[str, Any], msg: Inbound, reading: intents.Reading, act: Act) -> Reply | None:
    """A message that answers no registration question ("你们电话多少", "考叉车证有补贴没", "别发短信了")
    is handled as usual and the registration waits where it was; 人工 and 菜单 end it. None: nothing to
    do but ask the question again."""
    base = leave_flow(state)
    if reading.intent == "my_info" or checks_kept(msg.text or ""):  # "你把登记的念一遍给我听听"
        return meanwhile.resume(state, (base, kept_so_far(state) + private.who_sees(msg.text)))
    wants_person = reading.intent == "human" and not reading.unsure
    if wants_person and reading.score < SURE and is_question(normalize(msg.text or "")):
        reading = intents.Reading("policy_question", reading.score)  # "他这岁数人家要不要" asks; it calls nobody
    if reading.unsure or reading.intent == "policy_question":
        text = normalize(msg.text)
        ans = ask.lookup(ctx, state, msg, text)
        part = split_message(msg.text or "").ask  # "烦死了 短信也别发了 …失业了能领钱吗": the ask alone
        if ans.fallback and part and part != text and not (alone := ask.lookup(ctx, state, msg, part)).fallback:
            ans, text = alone, part
        # "学个手艺 像育婴师那种 培训有没有补贴": the training policy, unless one close guess answers already
        if ans.fallback and len(ans.choices) != 1 and ask.learning_asked(text):
            training, trained = ask.as_training(ctx, state, msg)
            if ask.usable(trained):
                ans, msg = trained, training
        # a question read as one gets the documents' word, "did you mean" choices or an honest "not
        # covered" — never "没有找到这个县" for a question about a forklift licence
        if ans.fallback and not ans.choices and wants_person:  # "都算了 你们有没有人帮我问问": a person
            return act(ctx, meanwhile.set_aside(state), msg, "human")
        named_policy = bool(ask.ASKS_POLICY.search(text)) and is_question(text)  # "有没有帮残疾人的政策": say so
        if (ans.fallback and not ans.choices and (reading.unsure or reading.score < ASKED) and not referral.reply(text)
                and not named_policy):
            return None
        return meanwhile.resume(state, ask.reply_with(ctx, base, msg, text, ans))
    if reading.intent in ("human", "menu"):
        return act(ctx, base, msg, reading.intent)
    return meanwhile.resume(state, act(ctx, base, msg, reading.intent))


def next_relative(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply | None:
    """Registering one relative, "再登记我奶奶 张月娇 女的 63": the one being registered is saved as far as
    told (when the essentials are there) and the next one's registration starts from what the message
    says; None for any other message."""
    text = normalize(msg.text or "")
    if state.get("flow") != "register" or not state.get("for") or not AGAIN.match(text):
        return None
    if proxy_for(text) is None or any(f not in (state.get("data") or {}) for f in register.ESSENTIAL):
        return None
    _, done, _ = register.save_as_told(ctx, state, msg)
    started_state, started = register.start(ctx, leave_flow(state), msg)
    return started_state, f"{done}\n——\n{started}"
