"""What a labourer's own words say about their situation: tied to home, weak labour, no trade, care duties.

The profile reads these; each pattern is written so that someone else's circumstance
("老婆在家带孩子") or a past event ("在工地摔伤了腰") is not read as the person's own wish.
"""

from __future__ import annotations

import re

from core.gazetteer import get_gazetteer
from matching.places import OUTSIDE

CHILD = r"(孩子|小孩|娃|宝宝|孙子|孙女|小孩子)"
HOME_BOUND = re.compile(
    r"(要|得|需要|还要|在家)照顾(家里|老人|孩子|小孩|病人|父母|老公|公婆|孙子)?|"
    r"(家里的?)?(老人|孩子|小孩|老母亲|老父亲|父母|公婆|病人|老公)(要|需要|得|还要)(人)?照顾|家里走不开|走不开|离不开家|出不去|不能出远门|"
    r"不能外出|出不了远门|家里有(老人|病人|小孩)|孩子还小|接送" + CHILD + r"|(要|得|需要|还要|都要)接送|"
    r"(在家|要在家|得在家|要|得|需要|还要)(里)?带(?:[一两三四俩]个?)?" + CHILD + r"|" + CHILD + r"(要|得|没人)带"
)
# "老婆在家带孩子，我可以出去打工": someone else's circumstance, which ties this person to nothing.
OTHERS = re.compile(r"(老婆|妻子|媳妇|爱人|老公|丈夫|父母|爸妈|我妈|我爸|婆婆|公公|奶奶|爷爷|老人|家里人|家人)[^，,。；;！!\s]{0,2}$")
OTHERS_HOME = re.compile(r"(老婆|妻子|媳妇|爱人|老公|丈夫)(在家|只能在家)")
HOME_WORK = re.compile(r"在家(做|干|里做)|居家|拿回家|带回家|手工活")
BOARD = re.compile(r"包吃住|包住|管吃住|包食宿|提供住宿|包吃包住")
# Wants to learn a trade (想学门手艺, 当学徒): postings that teach one suit, whatever the trade.
LEARN = re.compile(r"学(一|个|点|门|一门|一点)?(手艺|技术|本事)|当学徒|做学徒|学徒也行|拜师|跟师傅学")
NO_TRADE = re.compile(
    r"没(什么|啥|有)?(技术|手艺|特长|文化)|啥技术都没|不会(什么|啥)|(啥|什么)(也|都)不会|没读过书|没上过学|文化(不高|低)|"
    r"(小学|初中|高中|中专|职高)(毕业|文化|没毕业)|只有力气|力气活|"
    r"^(没有|无|没|暂无|没啥|没什么|不会|都不会|啥都不会|随便|无特长|没有特长|没有技能|无技能)[。！!.]?$"  # a form's bare 没有
)
# Strength and will, no trade (有力气, 能吃苦): skills that say only these name no work of their own
ABLE = re.compile(r"有(?:把)?力气|力气大|身体(?:好|还行|硬朗|结实|可以|没毛病)|能吃苦|吃得了?苦|肯干|勤快|手脚(?:麻利|勤快)"
                   r"|不怕(?:累|苦|脏)|干活(?:利索|麻利|快)|能干活?")
# Weak labour (251号 二（一）2 就业困难): the body or years, not the will, keep the person near home.
WEAK = re.compile(
    r"身体(不好|差|弱|不行|不太好)|体弱|多病|有病|生病|慢性病|老毛病|残疾|伤残|腿脚?(不灵便|不方便|不好|不利索|有毛病|有伤)|"
    r"(腰|腿|手)(不好|有伤|受过伤)|干不(了|动)(重活|体力活|累活|粗活)|(重活|体力活|累活)干不(了|动)|"
    r"不能干(重活|体力活|累活)|(年纪|岁数|年龄)(大|偏大|太大)了?"
)
NOT_NOW = re.compile(r"(暂时|暂|目前|现在|今年|先)不(找|想|出去|打算|上班|做)|不找工作|不想(找|上班|出去做)|不打算(找|出去)")
# "以前做泥水工 现在不想干了 想学开车": a trade given up, not work; a wish after it still looks for work
WANTS_AFTER = re.compile(r"想(?:学|找|做|干|去|进|换)|要(?:找|学|做)|最好|改行|转行")


def not_now(wishes: str) -> bool:
    """The wishes say the person is not looking for work now (暂时不找, 今年不出去)."""
    m = NOT_NOW.search(wishes)
    return m is not None and not WANTS_AFTER.search(wishes, m.end())


ANY_WORK = re.compile(r"(啥|什么|哪种|任何)(样的)?(活|工作|事|活儿)?都(行|可以|能干|能做|干|做|愿意)|有活就|给活就|零工|杂活|打杂|什么都(能|可以|会)?(干|做)|啥都(能|可以)?(干|做)|都能干|都可以做|干什么都行|有活就")


def circumstances(text: str) -> tuple[bool, str]:
    """(the person is tied to home, text with care phrases blanked so they are not read as work wanted)."""
    bound = False
    for m in HOME_BOUND.finditer(text):
        if not OTHERS.search(text[max(0, m.start() - 8) : m.start()]):
            bound = True
    text = PAST_AT.sub(lambda m: OUTSIDE.sub("", get_gazetteer().without_places(m.group(0))), text)
    return bound, BACK_FROM.sub("，", KIN_AT.sub("，", HURT.sub("，", HOME_BOUND.sub("，", text))))


# "我从厦门回来了", "在厦门打了十年工 今年回来了": where one came back from is not where work is wanted
BACK_FROM = re.compile(r"从[^，,。；;\s]{1,8}?(?:回来|回家|回乡|返乡|回到)"
                        r"|在[^，,。；;\s]{1,6}?(?:打工|干活|做工|上班|打了\S{0,4}工)[^。；;]{0,10}?(?:回来|回家|回乡|返乡)")
# "在东莞电子厂干了五年": where one worked for years is a past, not a place wanted (the work itself stays)
PAST_AT = re.compile(r"在[^，,。；;\s]{1,10}?(?:干了|做了|干过|做过|待了|呆了)[^，,。；;\s]{0,3}年")


# "去年在工地上摔下来伤了腰": where someone was hurt is not work they want (工地 is no wish then)
HURT = re.compile(r"[^，,。；;]*(?:摔(?:下来|伤|断|了)|伤了|受伤|受了伤|工伤|砸伤|砸断|弄伤|出了?事故)[^，,。；;]*")


# "孩子在上幼儿园", "儿子在厦门读技校", "老公在工地": where family members are is not work wanted
KIN_AT = re.compile(r"(?:孩子|小孩|娃|孙子|孙女|儿子|女儿|老公|老婆|丈夫|爱人|男人|媳妇)(?:还|都|正)?(?:在|上|读)"
                     r"[^，,。；;\s]{0,10}")


# 健康证没办过 / 没有健康证: said not held (a posting that needs it held before starting is then out).
NO_HEALTH = re.compile(r"健康证(还|也)?(没|没有|未)(办|有|做)|(没|没有|未)(办|有|做)(过)?健康证|无健康证")
# Only work done at home suits: 只能在家里做, 出不了门, 想在家做点计件的活.
HOME_ONLY = re.compile(r"只能在家|出不了门|出不去|离不开人|在家(里)?(做|干)|在家里接活|居家")
NEAR_OK = re.compile(r"(在|到)?(村里|村上|村子|乡里|镇上|附近|家门口)(附近)?[^\s，,。；;没不]{0,4}?(的活|干|做|上班|都行|也行|可以)|只能在(村里|村上|乡里|镇上)(附近)?")
# Tied to the village or township, not the county seat: 只能在村里/乡里, 县城去不了.
VILLAGE = re.compile(r"(只能|只想|就在|只在)(在)?(村|乡|镇)(里|上)?|县城(去不了|去不成|不能去|太远)|出不了门|只能在家")
HOME_SAID = re.compile(r"厝(?:里|内|边)|屋下|屋里头?|屋头")  # Minnan 厝里, Hakka 屋下: at home


# A kind of work mentioned with a yes: 电子厂可以, 工地也行, 想去厂里 (a bare mention may be a complaint: 厂里太闷了)
_YES = re.compile(r"可以|也行|行|都行|能去|能干|能做|愿意|想去|想做|想干|想进|要去|还行|没问题|中")


def affirmed(text: str, word: str) -> bool:
    """The clause where ``word`` last appears in ``text`` says yes to it."""
    at = text.rfind(word)
    if at < 0:
        return False
    start = max(text.rfind(ch, 0, at) for ch in "，,。；;！!？? ") + 1
    ends = [i for i in (text.find(ch, at) for ch in "，,。；;！!？? ") if i >= 0]
    return bool(_YES.search(text[start : min(ends) if ends else len(text)]))
