"""How pushes reach a person, said in plain words: fewer of them, or WeChat only without SMS.

Neither is a full opt-out: "短信一天发好几条 能不能少发点" or "以后只在微信上发 别发短信" must not stop every
push, as a bare 退订 does. Read before the opt-out is carried out (a refusal of everything still wins).
"""

from __future__ import annotations

import re
from typing import Any

from bot import service
from bot.flows.context import Ctx
from bot.protocol import Inbound

# WeChat named as the channel wanted; a bare 不要发短信 stays a full opt-out (what the person can be sure of)
_SMS_OFF = re.compile(r"(只|就)(在|用|从|要|发)?微信(上|里)?(发|推|收|看|通知|就行|就好)?|微信(上|里)?(发|推|通知|看)?就(行|好|可以)")
_FEWER = re.compile(
    r"少发|发少|少(推|来|点)|(发|推)(得)?太(多|勤|频繁)|太多了|(一天|每天|天天)(都)?(发|来)?(好几|几|那么多|这么多)(条|次)|"
    r"(一|每)(个)?(周|礼拜|星期|月)(就)?(发|推)?(一|1|两|2)(次|条|回)|隔(几|两|三)天|(别|不要)(发|推)(那么|这么)(多|勤|频繁)|频繁"
)
_ALL = re.compile(r"都(别|不要)|全部|什么都(别|不要)|微信也(别|不要)|推送也(别|不要)|退订|取消订阅|不要推送|别推送|别给我推|不用推")
_ABOUT_PUSHES = re.compile(r"短信|推送|推|发|消息|信息|通知")


def request(text: str) -> str | None:
    """"sms_off" (WeChat only), "fewer", or None (not about how pushes come, or a refusal of all)."""
    if text in ("只要微信", "只收微信", "微信就行", "只要微信推送"):  # the reply to the FEWER options
        return "sms_off"
    if not _ABOUT_PUSHES.search(text) or _ALL.search(text):
        return None
    if _SMS_OFF.search(text):
        return "sms_off"
    if _FEWER.search(text):
        return "fewer"
    return None


FEWER = ("短信每人每天最多发1条，只有出现新的合适岗位才发，不会天天重复；暂时不能设成每周发几次。\n"
         "想少收一些：回复“只要微信”，就不再发短信，岗位只在微信里推送；回复“退订”全部停止。")


def handle(ctx: Ctx, state: dict[str, Any], msg: Inbound, kind: str) -> tuple[dict[str, Any], str]:
    if kind == "fewer":
        return state, FEWER
    user = service.get_user(ctx.session, msg.openid)
    if not user.person_id:
        return state, ("好的。这个微信号还没有登记，我们不会从这里给您发短信；收到的招工短信是按手机号发的，"
                       "回复那条短信“T”就不再收短信。想在微信里收岗位，回复 3 登记（手机号可以不填）。")
    ctx.backends.set_opt_out(ctx.session, person_id=user.person_id, sms=False)
    if user.push_opt_out:
        return state, "好的，以后不再给您发短信。您现在是退订状态，微信里也不推送；想在微信里收岗位，回复“订阅”。"
    return state, "好的，以后不再给您发短信，合适的岗位只在微信里推送给您。想全部停止，回复“退订”。"
