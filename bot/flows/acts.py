"""What a message asks for, carried out: the step for each intent, and the clarifying question when unsure."""

from __future__ import annotations

import re
from typing import Any

from bot import intents, service
from bot.flows import account, ask, benefits, menu, picks, record, referral, register, told
from bot.flows.context import Ctx, leave_flow
from bot.flows.reading import normalize, says_nothing
from bot.protocol import Inbound

Reply = tuple[dict[str, Any], str]

CJK = re.compile(r"[\u4e00-\u9fff]")
# a story whose last words want work ("想在家门口找个活干", "就想找点事做") is a job request
ENDS_WANTING_WORK = re.compile(r"(?:想|要)\S{0,8}找\S{0,3}(?:活|工作|事做|事情做|工)[干做]?[吧啊呀。！!]*$")


def unsure(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, reading: intents.Reading) -> Reply:
    """A message the classifier cannot place: a question the documents answer is answered; otherwise ask."""
    if not CJK.search(text):  # asdfghjkl, a row of emoji: nothing to clarify
        return state, menu.NOT_UNDERSTOOD
    if says_nothing(text):  # "喂喂 那个咯 我问下那个": no guess, ask what he wants (a person if it comes again)
        return ask.missed(state, text, menu.SAY_MORE)
    if "job_search" in (reading.intent, reading.second) and ENDS_WANTING_WORK.search(text):
        return act(ctx, state, msg, "job_search")  # "…后来就回老家了 现在腰好点了 想在家门口找个活干"
    answers = told.only_answers(msg.text or "", {}, name_slot=True)
    if answers and len(answers) >= 2 and not service.get_user(ctx.session, msg.openid).person_id:
        return register.from_message(ctx, state, msg, answers)  # "陈建国 13859012345": answers, so registration
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
    if intent == "opt_out" and account.KEEP_MINE.search(normalize(msg.text or "")):
        # "我爸那个号别再发了 我这个号可要继续发": another person's number, never this one's opt-out
        return state, account.OTHERS_NUMBER
    if intent == "opt_out" and account.FOUND_JOB.search(normalize(msg.text or "")):
        return account.found_job(ctx, state, msg)  # "已经在厂里上班了 不用再发了": employed, not a refusal
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
         "register": register.start, "update_info": record.update, "my_info": record.show_record,
         "entitlements": benefits.start}
FIXED_REPLIES = {"thanks_bye": menu.YOU_ARE_WELCOME, "junk": menu.NOT_UNDERSTOOD}
