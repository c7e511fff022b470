"""How pushes reach a person, said in plain words: fewer of them, not at night, or WeChat only without SMS.

None is a full opt-out: "短信一天发好几条 能不能少发点" or "以后只在微信上发 别发短信" must not stop every
push, as a bare 退订 does. Read before the opt-out is carried out (a refusal of everything still wins).
"""

from __future__ import annotations

import re
from typing import Any

from bot import service
from bot.flows.context import Ctx
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.settings import Settings
from jobs_feed.push.delivery import parse_quiet_hours
from jobs_feed.push.planner import interval_days

# WeChat named as the channel wanted; a bare 不要发短信 stays a full opt-out (what the person can be sure of)
_SMS_OFF = re.compile(r"(只|就)(在|用|从|要|发|看|收)?微信(上|里)?(发|推|收|看|通知|就行|就好)?|微信(上|里)?(发|推|通知|看)?就(行|好|可以)")
_NO_SMS = re.compile(r"短信\S{0,3}(?:别|不要|莫|甭|不用)|(?:别|不要|莫|甭|不用)(?:再)?(?:发|给我发)?短信")
_FEWER = re.compile(
    r"少发|发少|(?<![钱资])少(推|来|点)|(发|推)(得)?太(多|勤|频繁)|太多了|(一天|每天|天天)(都)?(发|来)?(好几|几|那么多|这么多)(条|次)|"
    r"(一|每)(个)?(周|礼拜|星期|月)(就)?(发|推)?(一|1|两|2)(次|条|回)|隔(几|两|三)天|(别|不要)(发|推)(那么|这么)(多|勤|频繁)|频繁"
)
# "晚上别发 睡觉手机叮叮响": the hour, not the pushes, is refused
_NIGHT = re.compile(r"(晚上|夜里|夜间|半夜|深夜|睡觉|凌晨|大清早|一大早|早上太早)")
_DISTURBED = re.compile(r"别|不要|莫|甭|不想|吵|响|打扰|影响|睡不着")
_ALL = re.compile(r"都(别|不要)|全部|什么都(别|不要)|微信也(别|不要)|推送也(别|不要)|退订|取消订阅|不要推送|别推送|别给我推|不用推")
_ABOUT_PUSHES = re.compile(r"短信|推送|推|发|消息|信息|通知")


def request(text: str) -> str | None:
    """"sms_off" (WeChat only), "fewer", "home" or "place", "night", "when" (a time wished), or None (not about how pushes come,
    or a refusal of all). Read after ``reading.heard``, so 威信 and 短心 arrive as 微信 and 短信."""
    if text in ("只要微信", "只收微信", "微信就行", "只要微信推送"):  # the reply to the FEWER options
        return "sms_off"
    if not _ABOUT_PUSHES.search(text) or _ALL.search(text):
        return None
    if _PLACE_ONLY.search(text) and get_gazetteer().find(text):
        return "place"
    if _OUTSIDE.search(text):  # "以后别给我发县外的了": home only, no place named
        return "home"
    if _SMS_OFF.search(text) or (_NO_SMS.search(text) and "微信" in text and not _WECHAT_OFF.search(text)):
        return "sms_off"  # "不过短信别发 有事微信上说就行"
    if _WECHAT_OFF.search(text):
        return "wechat_off"
    if _HOW_OFTEN.search(text) and not _RULE_ASKED.search(text):  # "多久发一次 天天发吗": how often
        return "fewer"
    if _FEWER.search(text):
        return "fewer"
    if _NIGHT.search(text) and _DISTURBED.search(text):
        return "night"
    if _WHEN.search(text):  # "或者礼拜六礼拜天发也行", "下午五点以后再发": a time wished, not a refusal
        return "when"
    return None


_WHEN = re.compile(r"(?:(?:礼拜|星期|周)[一二三四五六天日末]|周末|晚上|下午|中午|上午|白天|\d+点)"
                   r"(?:[\d一二两三四五六七八九十]{1,2}点(?:钟|半)?)?(?:以后|之后|过后|的时候|有空)?(?:再|才|就)?(?:发|推)(?!就发)")


# SMS named as the channel wanted, WeChat refused: "只发短信就行 微信莫发"
_WECHAT_OFF = re.compile(r"微信(?:上|里)?(?:就)?(?:莫|别|不要|不用|甭)(?:再)?(?:发|推)|(?:莫|别|不要|不用|甭)(?:在|往)?微信(?:上|里)?(?:发|推)"
                         r"|只(?:要|发|收)短信")
_RULE_ASKED = re.compile(r"贫困户|贫困劳动力|最少|至少|规定|文件|要求")  # "给贫困户最少要推几次" asks the documents
_HOW_OFTEN = re.compile(r"(?:多久|多长时间)(?:发|推)(?:一次|一回)?|天天(?:都)?(?:发|推)[吗么嘛]|每天都(?:发|推)[吗么嘛]"
                       r"|(?:给我|我)\S{0,3}(?:发|推)几次|一天(?:发|推)几")


# "只要武夷山本地的 别处的别发": which postings, not whether — the place is kept as the wish
_PLACE_ONLY = re.compile(r"只(?:要|推|发|看|在|找|收)|别处|外地的|外面的|其他地方|其它地方|别的地方")
# postings refused by where they are, the place being the person's own: 县外的 / 外县的 / 太远的 别发
_OUTSIDE = re.compile(r"(?:县|市|省)外的|外(?:县|市|省|地)的|别的(?:县|市|地方)的|(?:太远|远)的(?:别|不要|就别|就不要)|"
                      r"(?:别|不要|莫)\S{0,4}(?:县外|外县|外地|外面|太远)")


def _place_only(ctx: Ctx, state: dict[str, Any], msg: Inbound, home: bool = False) -> tuple[dict[str, Any], str]:
    from bot.flows.record import correct

    gaz = get_gazetteer()
    user = service.get_user(ctx.session, msg.openid)
    if home:
        code = str(((user.draft or {}) | (state.get("data") or {})).get("county") or "")
        if code not in gaz.counties:
            return state, "好的，只找您本县的岗位。您家在哪个县？告诉我县名，以后只推那里的。"
        kind = "county"
    else:
        kind, code = gaz.find(msg.text or "")[0]
    name = (gaz.city_name(code) if kind == "city" else gaz.counties[code].full_name) or ""
    if not user.person_id and state.get("flow") != "register":
        return state, f"好的，只找{name}的岗位。还没有登记，登记时说“只在{name}找”，推送就只发那里的：回复 3 登记。"
    state, said = correct(ctx, state, msg, "wishes", f"只在{name}找工作，别处的不要")
    return state, f"好的，以后只给您推{name}的岗位。\n{said}"


def _every(settings: Settings) -> str:
    days = round(interval_days(settings))
    return {7: "每周", 30: "每月", 31: "每月"}.get(days, f"每{days}天")


_ASKED_PERIOD = re.compile(r"(一|每|1)?(个)?(天|周|礼拜|星期|月)")
_PERIOD_DAYS = {"天": 1, "周": 7, "礼拜": 7, "星期": 7, "月": 30}
_PERIOD_WORD = {"天": "每天", "周": "每周", "礼拜": "每周", "星期": "每周", "月": "每月"}


def _fewer(settings: Settings, text: str) -> str:
    every = _every(settings)
    asked = _ASKED_PERIOD.search(text)
    if asked and _PERIOD_DAYS[asked.group(3)] < interval_days(settings):
        lead = f"不会{_PERIOD_WORD[asked.group(3)]}都发：每人{every}最多推1个合适的岗位"
    elif asked and _PERIOD_DAYS[asked.group(3)] > interval_days(settings):
        lead = f"暂时不能按人调成更少；现在每人{every}最多推1个合适的岗位"
    else:
        lead = f"岗位推送本来就少：每人{every}最多推1个合适的岗位"
    return (f"{lead}，没有新的合适岗位就不发；短信每天最多1条。\n"
            "还想再少：回复“只要微信”，就不再发短信，只在微信里推送；回复“退订”全部停止。")


def _quiet(settings: Settings, after: str = "") -> str:
    """"短信晚上21:00到早上08:00不发；" from the quiet-hours setting, '' when it sets none."""
    if not parse_quiet_hours(settings.quiet_hours):  # checked "21:00-08:00": its two ends as written
        return ""
    start, end = (x.strip() for x in settings.quiet_hours.split("-"))
    return f"短信晚上{start}到早上{end}不发{after}；"


def _night(settings: Settings) -> str:
    sms = _quiet(settings, "，那段时间的会等到早上再发")
    return (f"好的，不在夜里打扰您：岗位推送每天{settings.push_plan_time}以后在白天发出，{sms}"
            f"每人{_every(settings)}最多推1个岗位。\n不想收短信回复“只要微信”；全部停止回复“退订”。")


def _when(settings: Settings) -> str:
    sms = _quiet(settings)
    return (f"好的，照常给您推送。哪天几点发现在还不能自己选：岗位推送每天{settings.push_plan_time}以后发出，{sms}"
            f"每人{_every(settings)}最多推1个岗位。短信和微信消息会一直留在手机上，有空再看就行。\n"
            "不想收短信回复“只要微信”；全部停止回复“退订”。")


def handle(ctx: Ctx, state: dict[str, Any], msg: Inbound, kind: str) -> tuple[dict[str, Any], str]:
    if kind == "fewer":
        return state, _fewer(ctx.settings, msg.text or "")
    if kind == "night":
        return state, _night(ctx.settings)
    if kind == "when":
        return state, _when(ctx.settings)
    if kind in ("place", "home"):
        return _place_only(ctx, state, msg, home=kind == "home")
    user = service.get_user(ctx.session, msg.openid)
    if kind == "wechat_off":
        return _wechat_off(ctx, state, user)
    if not user.person_id:
        from bot.flows.private import refusal  # here: private imports register

        # "那我不留电话 也不要发短信": kept for the registration, which then asks neither
        kept = dict(state.get("paused") or {}) | {"sms_ok": False} | ({"phone": ""} if refusal(msg.text or "") == "phone" else {})
        return state | {"paused": kept}, (
            "可以，不给您发短信。这个微信号还没有登记，我们不会从这里给您发短信；收到的招工短信是按手机号发的，"
            "回复那条短信“T”就不再收短信。想在微信里收岗位，回复 3 登记（" + ("不会再问手机号" if "phone" in kept else "手机号可以不填") + "）。")
    ctx.backends.set_opt_out(ctx.session, person_id=user.person_id, sms=False)
    if user.push_opt_out:
        return state, "好的，以后不再给您发短信。您现在是退订状态，微信里也不推送；想在微信里收岗位，回复“订阅”。"
    return state, "好的，以后不再给您发短信，合适的岗位只在微信里推送给您。想全部停止，回复“退订”。"


def _wechat_off(ctx: Ctx, state: dict[str, Any], user: Any) -> tuple[dict[str, Any], str]:
    if not user.person_id:
        return state, "好的，不在微信里给您推送。还没有登记，登记时留手机号、同意发短信，岗位就只用短信发：回复“登记”。"
    ctx.backends.set_wechat(ctx.session, person_id=user.person_id, openid=None)
    return state, ("好的，以后岗位只用短信发到您登记的手机号，微信里不再推送（您来问还照样回复）。"
                   "想微信也收，回复“订阅”。")
