"""Wrongs done to a follower: unpaid wages (欠薪), money paid to a fake recruiter, a posting to be checked.

None of these is a job search or a policy question; a person has to act. The reply says where such a
wrong is taken (劳动保障监察 and 12333 for wages, 110 for fraud) beside the ticket, and for the next few
messages what the follower adds ("包工头姓黄", "能帮我要回来不") goes to that ticket instead of being
read as a new request.
"""

from __future__ import annotations

import re
from typing import Any

from bot import intents, service
from bot.flows.context import Ctx
from bot.flows.reading import ASKS_WORK
from bot.protocol import Inbound

WAGES = re.compile(r"欠\S{0,4}(?:工资|工钱|薪水|血汗钱)|拖欠|讨薪|(?:工资|工钱)\S{0,6}(?:不给|不发|没给|没发|没结|不结|要不回|讨不回|拖着)"
                   r"|不给(?:我们?)?(?:发)?(?:工资|工钱)|(?:老板|包工头|工头)\S{0,6}(?:跑了|不给钱|不接电话|欠)")
# money already handed over to whoever asked for it, and the wish to get it back or a word of fraud
_PAID = re.compile(r"(?:转|交|付|给)了?(?:他|她|他们|对方|人家)?\S{0,2}\d{2,6}|(?:钱|押金|定金|保证金|报名费)\S{0,3}(?:转|交|付)了")
_BACK = re.compile(r"要回来|退回来|追回|退给我|拿回来|能退|被骗|上当")
# "那个外卖的你们能让人查查吗": someone to check a posting or a recruiter
CHECK = re.compile(r"(?:让人|找人|派人|你们|帮我|帮忙)\S{0,4}(?:查查|查一下|查一查|查下|核实|核查|举报|管管)")

WAGES_ADVICE = ("拖欠工资可以打12333，或到县人社局劳动保障监察大队投诉；带上欠条、工资条、考勤、聊天记录这些能证明"
                "干了活、欠了钱的东西。")
FRAUD_ADVICE = "别再给对方转钱了。留好转账记录和聊天截图，尽快打110或到派出所报警，报得越早越可能追回。"
CHECK_ADVICE = "这个岗位会请工作人员核实，核实之前不要交任何钱。"
ADDED = "已补充给工作人员，他们联系您时会一起处理。"
FOLLOW_TURNS = 3  # messages after a handoff that may still be about it
# a new request, read surely enough, ends the follow-up
_NEW = {"job_search", "opt_out", "opt_in", "menu", "thanks_bye", "greeting", "my_pushes", "entitlements",
        "policy_question", "register", "my_info"}


def fraud(text: str) -> bool:
    """"我已经转了他300了 能要回来吗": money paid to a recruiter, wanted back."""
    return bool(_PAID.search(text) and _BACK.search(text))


def advice(text: str) -> str:
    """Where this wrong is taken, said beside the ticket; '' when the message names none."""
    if fraud(text):
        return FRAUD_ADVICE
    if WAGES.search(text):
        return WAGES_ADVICE
    if CHECK.search(text):
        return CHECK_ADVICE
    return ""


def wants_person(text: str) -> bool:
    """The message reports a wrong a person must handle (fraud paid, or a posting to check)."""
    return fraud(text) or bool(CHECK.search(text))


def follow_up(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str | None]:
    """Right after a handoff, a message that adds to it ("我男的 45 南安人 包工头姓黄", "能帮我要回来不")
    goes to the same ticket; a new request (a job search, 退订, 谢谢…) read surely ends the follow-up.

    Returns the state (one follow-up message fewer) and the reply, or None to read the message as usual.
    """
    left = int(state.get("handed") or 0)
    if left <= 0:
        return state, None
    state = {k: v for k, v in state.items() if k != "handed"} | ({"handed": left - 1} if left > 1 else {})
    text = msg.text or ""
    if ASKS_WORK.search(text):
        return state, None
    reading = intents.read_intent(text)
    if reading.intent in (*_NEW, "human") and reading.score >= 0.6:
        return state, None
    service.open_ticket(ctx.session, openid=msg.openid, text=text, conversation=ctx.recent_turns(msg.openid))
    said = advice(text)
    return state, ADDED + (f"\n{said}" if said else "") + "\n要找工作请回复“找工作”。"


def handed(state: dict[str, Any], text: str, wrong: bool) -> dict[str, Any]:
    """The state after a handoff about a wrong (``wrong``): follow-ups expected; a posting reported as a
    fraud or to be checked is not offered to this follower again."""
    if not wrong:
        return state
    state = state | {"handed": FOLLOW_TURNS}
    posting = state.get("posting")
    if posting and wants_person(text):
        state = state | {"shunned": sorted({int(posting), *(int(i) for i in state.get("shunned") or [])})}
    return state


def unshunned(state: dict[str, Any], jobs: list[Any]) -> list[Any]:
    """Job lines without the postings this follower reported."""
    shunned = set(state.get("shunned") or [])
    return [j for j in jobs if j.posting_id not in shunned] if shunned else jobs
