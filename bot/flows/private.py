"""Registration questions people will not answer: a phone number (可以不填) or an ID number (not asked).

Rural followers fear fraud ("怕被骗电话"); refusing a number must not end registration or loop on the
question. No phone means no SMS: pushes come by WeChat only.
"""

from __future__ import annotations

import re
from typing import Any

from bot.flows import register
from bot.flows.answers import ALIASES, SKIP_PHONE
from bot.flows.context import Ctx
from bot.flows.safety import NEVER_ASKED
from bot.protocol import Inbound
from core.text import normalize

_WORRY = re.compile(r"怕被骗|怕骗|骗子|不放心|不安全|泄露|隐私")
ID_NOT_NEEDED = "登记不需要身份证号，放心。" + NEVER_ASKED


def refusal(text: str) -> str | None:
    """"phone" or "id" when the message declines to give that number; None otherwise."""
    t = normalize(text or "")
    if re.search(r"\d{5}", t) or not (SKIP_PHONE.search(t) or _WORRY.search(t)):
        return None
    if "身份证" in t:
        return "id"
    if re.search(r"电话|手机|号码", t):
        return "phone"
    return None


def skip(ctx: Ctx, state: dict[str, Any], msg: Inbound, kind: str) -> tuple[dict[str, Any], str]:
    if kind == "phone":
        return register.fill(ctx, state, msg, {"phone": ""})
    current = str(state.get("step") or "name")
    return state, ID_NOT_NEEDED + "\n" + register.question(state, current)


# "你问这个干嘛", "手机号必须给吗", "为啥要我年龄": why a question is asked, or whether it must be answered
_WHY = re.compile(r"干嘛|干啥|做什么|做啥|干什么|有啥用|有什么用|为什么|为啥|凭什么|必须|一定要|非要|非得|必填")
_WHAT = re.compile(r"这个|这些|这么多|这干|" + "|".join(sorted(ALIASES, key=len, reverse=True)))
WHY_ASKED = {
    "name": "姓名用来建您的求职档案，协理员联系您时知道是谁。",
    "gender": "有的岗位对性别有要求，知道了才不会给您推不合适的。",
    "age": "很多岗位有年龄要求，有的政策也看年龄（比如培训补贴、养老保险），知道了才推得准。",
    "county": "按户籍县找离家近的岗位，也看您能享受当地哪些政策。",
    "skills": "按您会做的活挑岗位；没有就回复“无”。",
    "wishes": "按您想做的活、想去的地方和工资挑岗位。",
    "phone": "手机号不是必须的：留了能收到岗位短信，协理员也能打给您；不想留就回复“不填”，岗位只在微信里推送。",
    "sms_ok": "同意了才给您发岗位短信；不同意就只在微信里推送。",
    "poor": "建档立卡贫困户能享受更多帮扶政策，知道了才能告诉您能领哪些。",
}
KEPT_PRIVATE = "您的信息只用于就业帮扶，只有负责的工作人员能看，手机号对外隐藏。不想登记回复“取消”。"


def why_asked(state: dict[str, Any], text: str) -> str | None:
    """Mid-registration, "why do you ask / must I answer": what the answer is for (the field the
    message names, else the open question), then the question again. None: not such a message."""
    t = normalize(text or "")
    if len(t) > 20 or not _WHY.search(t) or not (what := _WHAT.search(t)):
        return None
    current = str(state.get("step") or "name")
    field = ALIASES.get(what.group(0), current)
    return WHY_ASKED.get(field, "") + KEPT_PRIVATE + "\n" + register.question(state, current)


_WHO = re.compile(r"给谁看|谁能看|谁看|谁会看|哪些人看|外传|泄露|卖给")


# "我的资料会不会被卖掉", "你们会不会把我电话给别人": what happens to the record, asked on its own
_SOLD = re.compile(r"(?:卖掉|被卖|卖了|卖给|拿去卖|出卖|泄露|泄漏|外泄|外传|给别人|给外人|告诉别人|被人知道|流出去|安全不安全|安不安全"
                   r"|推销|骚扰|广告电话|乱打电话|天天(?:有人)?打电话)")  # "手机号给了会不会天天有人打电话推销"
_MINE = re.compile(r"信息|资料|电话|号码|手机|身份证|名字|登记的|地址")


def asks_privacy(text: str) -> str:
    """The answer to a question about what is done with the person's data; '' for any other message."""
    t = normalize(text or "")
    if len(t) > 30 or not (_SOLD.search(t) and _MINE.search(t)) or fears_being_found(t):
        return ""  # someone feared finding the writer is answered by fears_being_found
    why = WHY_ASKED["phone"] if re.search(r"电话|号码|手机", t) else ""  # "要我手机号干嘛 是不是要卖了": what it is for
    return ("不会。" + why + KEPT_PRIVATE.removesuffix("不想登记回复“取消”。")
            + "不会卖给或交给别人。不想再收消息回复“退订”，想删掉登记的信息回复“删除我的信息”。")


def who_sees(text: str) -> str:
    """"存了我哪些信息 给谁看的": who sees the record, when the message asks; '' otherwise."""
    return "\n" + KEPT_PRIVATE.removesuffix("不想登记回复“取消”。") if _WHO.search(normalize(text or "")) else ""


# "你们登记的东西他会不会查到 村里会不会告诉他": someone the person fears finding them through the record
_FOUND_OUT = re.compile(r"(?:会不会|能不能|会|能)\S{0,4}(?:查到|查出|找到|知道|告诉|透露|泄露|看到)")
_RECORD = re.compile(r"登记|信息|资料|东西|号码|电话|地址|在哪")
_SOMEONE = re.compile(r"他|她|家里|老公|男人|丈夫|老婆|村里|别人|外人|亲戚")
SAFE_FROM_OTHERS = ("您的信息只用于就业帮扶，只有负责的工作人员能看，不会告诉任何人，家里人或村里来打听也不会给；手机号对外隐藏。"
                    "不想留的可以不填（回复“不填”），只用微信联系也行。有人威胁您的安全，请打110，也可以找当地妇联。")


def fears_being_found(text: str) -> bool:
    t = normalize(text or "")
    return bool(_FOUND_OUT.search(t) and _RECORD.search(t) and _SOMEONE.search(t))
