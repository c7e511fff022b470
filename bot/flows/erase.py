""""把我的信息删了": a follower asks for their personal data to be deleted.

Asked once to confirm; then pushes stop, what the chat kept (registration answers) is cleared at once,
and the registry record goes to the coordinators as a ticket: it may be on the 建档立卡 list a
coordinator imported, so a person checks before it is deleted.
"""

from __future__ import annotations

import re
from typing import Any

from bot import service
from bot.flows.context import Ctx, leave_flow
from bot.protocol import Inbound
from core.text import normalize

_DATA = r"(?:信息|资料|档案|记录|数据|登记|账号|帐号|号码|手机号|电话)"
_WIPE = r"(?:删|删除|删掉|清除|清掉|清空|注销|销毁|抹掉)"
# "把我刚才说的都删掉": what the person told, named by the telling
_TOLD = r"(?:我|俺|阮|刚才|刚刚|之前|前面)\S{0,4}(?:说的|填的|写的|讲的|发的|留的|给的)"
ASKS = re.compile(rf"{_WIPE}\S{{0,6}}{_DATA}|{_DATA}\S{{0,4}}{_WIPE}|不要(?:留|存|保存)\S{{0,3}}{_DATA}"
                  rf"|{_TOLD}\S{{0,5}}{_WIPE}")  # "刚才说的你都给我删掉"
_CONFIRM = re.compile(r"^(?:确认|确定|是的?|对|好的?|嗯|删吧|删|可以|行)\S{0,4}$")
ASK_CONFIRM = ("要删除您在这里登记的信息吗？删除后不再给您推送岗位，登记的信息也查不到了。\n"
               "回复“确认删除”办理；回复别的就不删。")
NOT_ERASED = "好的，不删。"


_DECLINE = re.compile(r"不删|别删|不要删|算了|不用了|取消|留着")


def declined(text: str) -> bool:
    """"算了还是不删了": the deletion is called off."""
    return bool(_DECLINE.search(normalize(text or "")))


def asks(text: str) -> bool:
    t = normalize(text or "")
    return bool(ASKS.search(t)) and not re.search(r"换|改|新的|\d{5}", t)  # 手机号删了换新的 is a change


def start(state: dict[str, Any]) -> tuple[dict[str, Any], str]:
    return leave_flow(state) | {"erase": True}, ASK_CONFIRM


def confirmed(text: str) -> bool:
    return bool(_CONFIRM.match(normalize(text or "")))


def erase(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """Pushes off, the chat's copy cleared, the record handed to a coordinator to delete."""
    user = service.set_opt_out(ctx.session, openid=msg.openid, opt_out=True)
    kept = {k: v for k, v in state.items() if k not in ("erase", "paused", "paused_relative", "shown", "pick", "posting")}
    service.save_draft(ctx.session, openid=msg.openid, draft=None)
    ctx.forget = True  # the kept exchanges go with the chat's copy
    if not user.person_id:
        return leave_flow(kept), "已停止推送，聊天里记下的您的信息已清除。您在这里没有登记档案。"
    ctx.backends.set_opt_out(ctx.session, person_id=user.person_id, opt_out=True)
    service.open_ticket(ctx.session, openid=msg.openid,
                        text=f"本人要求删除个人信息：请核实后在此人页面“删除个人信息”（劳动力编号 {user.person_id}）")
    user.person_id = None  # the follower no longer opens the record; the ticket names it for staff
    return leave_flow(kept), ("已停止给您推送，聊天里记下的信息已清除。您的登记档案已转工作人员核实后删除，办好会告诉您。\n"
                              "建档立卡档案由当地扶贫部门管理，不在这里删除。")
