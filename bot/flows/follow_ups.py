"""A message read against the reply just before it: a policy answer ("去哪报名 找谁", "那我老婆呢", "我现在还吃
低保", "是不是要找到工作才能领", "听不懂 说简单点") or a job list ("字太多了 看不懂")."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bot import intents
from bot.flows import ask, meanwhile
from bot.flows.answers import NOT_CLEAR
from bot.flows.context import Ctx
from bot.flows.reading import is_question
from bot.protocol import Inbound
from knowledge.message import PEOPLE, split_message

Reply = tuple[dict[str, Any], str]

# "那个要钱不", "刚才说的补贴给谁": a pointer back to what was said last, read against it
_WHERE_WHO = re.compile(r"哪|谁|啥时候|多久|材料|手续|多少|几|偌久|偌济|偌多")  # Minnan 偌久: how long
# where to go or whom to ask, of the policy just answered (not of a posting: none is on screen)
_WHERE_TO_GO = re.compile(r"(?:去|到|在)?(?:哪里|哪儿|哪)\S{0,2}(?:报名|报|办|申请|领|登记|问|交)|找谁|问谁|谁管|谁办")
WHERE_NOT_SAID = ("刚才说的这项，文件里没有写具体去哪办、找谁。可以问县人社局（就业服务中心）、乡镇劳动保障所，"
                  "或村里的劳动保障协理员；也可以回复“人工”请工作人员帮您问。")
_POINTS_BACK = re.compile(r"那个|这个|刚才|刚刚|上面|你说的|前面说")
KEEPS_OWN_READING = {"opt_out", "opt_in", "human", "menu", "register", "update_info", "my_info", "greeting",
                     "thanks_bye"}

# "涯旧年就脱贫了 还有冇": whether the answer still holds with this fact
_STILL = re.compile(r"还(?:有|能|给|行|可以|算|享受)")
# facts an entitlement turns on ("我现在还吃低保", "我今年61了"), said after its answer
_ELIGIBILITY = {"dibao", "tekun", "poverty_registered", "poverty_exited", "age", "graduate", "pension", "returning_migrant"}


def after_reply(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, reading: intents.Reading,
                listed: dict[str, Any], exact: str | None) -> Reply | None:
    """The reply to a message that leans on the last answer or list; None when it does not."""
    other = _about_another(text, reading)
    if len(text) <= 12 and NOT_CLEAR.search(text) and (short := ask.shorter_list(ctx, state)):
        return state, short  # "字太多了 看不懂" after a job list: a short line a posting
    if not listed and len(text) <= 12 and NOT_CLEAR.search(text) and (plain := ask.plainer(ctx, state, msg)):
        return plain  # "听不懂 说简单点" after a policy answer: its verdict in a line, not a ticket
    if (state.get("topic") and not listed and not state.get("posting") and len(text) <= 16 and is_question(text)
            and _WHERE_WHO.search(text) and not exact):  # "去哪报名 找谁" after a policy answer: about that answer
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback and not ans.choices:
            return ask.reply_with(ctx, state, msg, text, ans)
        if _WHERE_TO_GO.search(text):  # "去哪报名" after the 技校 answer: where, which the documents do not say
            return state, WHERE_NOT_SAID
    if not listed and not state.get("posting") and not exact and (claim := ask.about_last(ctx, state, msg, text)):
        return claim  # "是不是要找到工作才能领" right after the graduates' subsidy: that subsidy's conditions
    if (state.get("topic") and state.get("last_q") and not listed and not state.get("posting") and len(text) <= 20
            and not exact and (not is_question(text) or _STILL.search(text)) and set(split_message(text).facts) & _ELIGIBILITY
            and not meanwhile.WANTS_WORK.search(text)):
        # "我现在还吃低保" right after a policy answer: the same question, asked again with this fact
        again = dataclasses.replace(msg, text=f"{msg.text} {state['last_q']}")
        ans = ask.lookup(ctx, state, again, again.text or "")
        if ask.usable(ans):
            return ask.reply_with(ctx, state, again, again.text or "", ans)
    if (state.get("topic") and not listed and not state.get("posting")
            and ((_POINTS_BACK.search(text) and reading.intent not in KEEPS_OWN_READING) or other)):
        # the last reply was a policy answer and no list or posting is on screen: "那个" is that answer
        ans = ask.lookup(ctx, state, msg, text)
        if not ans.fallback or other:  # the same question for another person gets the documents' word
            return ask.reply_with(ctx, state, msg, text, ans)
    return None


def _about_another(text: str, reading: intents.Reading) -> bool:
    """"那我表哥呢 他毕业两年了", "我婆婆61了 也想学": the same question for another person, right after
    an answer — not a record change or a registration, whatever the words look like."""
    return (len(text) <= 20 and bool(PEOPLE.search(text)) and bool(re.search(r"呢|也", text))
            and reading.intent not in {"opt_out", "opt_in", "human", "menu"})
