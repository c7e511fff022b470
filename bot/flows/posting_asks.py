"""What a person asks of one posting (包住吗, 几点下班, 要啥证) and the posting's own words that answer it.

Used after a posting is shown and over a list ("有包住的不"); sound-alike misspellings (包主, 体俭) are
respelt first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.backends import PostingView
from bot.flows.fits import age_fit, ask_employer, hours_fit
from bot.flows.safety import without_fee_condition
from core.text import normalize
from matching.certs import CLASS_SAID
from matching.profile import DAYS_PER_MONTH

# What a person asks about a posting on screen, and the words in its text that answer it.
ABOUT: dict[str, tuple[re.Pattern[str], re.Pattern[str], str]] = {
    "housing": (re.compile(r"[包管供]吃?住|吃住|住宿|住的|宿舍|住哪|提供住"), re.compile(r"包住|包吃住|提供住宿|宿舍|住宿"), "住宿"),
    "meals": (re.compile(r"[包管供]吃|吃住|管饭|包饭|供饭|吃饭|伙食|食堂|工作餐|午饭|中饭"),
              re.compile(r"包吃|包吃住|食堂|工作餐|餐补|管饭|包饭|包午饭|供饭|午饭"), "吃饭"),
    "hours": (re.compile(r"几点|上班时间|下班|加班(?!费|工资|钱)|休息|双休|几个小时|几个钟头|多久|夜班|白班|[两三]班|倒班|班次|怎么排|排班"),
              re.compile(r"\d+[:：点]|小时|双休|单休|加班|倒班|班倒|白班|夜班|早班|晚班|上午|下午"), "上班时间"),
    "insurance": (re.compile(r"社保|保险|五险"), re.compile(r"社保|五险|保险"), "社保"),
    "health": (re.compile(r"体检"), re.compile(r"体检|健康证"), "体检"),
    "health_card": (re.compile(r"健康证"), re.compile(r"健康证"), "健康证"),
    "licence": (re.compile(rf"(?:要|需要|得|什么|啥)\S{{0,2}}(?:驾照|驾驶证|本子|驾龄|{CLASS_SAID.pattern})"
                           rf"|(?:{CLASS_SAID.pattern})\S{{0,4}}(?:行不行|行吗|可以吗|能不能|够不够|可不可以|能开)"),
                re.compile(rf"驾照|驾驶证|驾龄|{CLASS_SAID.pattern}"), "驾照要求"),
    "experience": (re.compile(r"经验|几年|新手|生手|熟手|没干过|没做过|没学过|(?:我|她|他|俺|人)(?:还|都)?不会|不会(?:做|干|编|弄|的)"),
                   re.compile(r"经验|熟手|新手|生手|[一二两三四五\d]年以上|可教|包教|带教|教会|不会也"), "经验要求"),
    # 押金, 学费, 报名费: what the posting says of money asked of the worker (the reassurance follows, in router)
    "fees": (re.compile(r"押金|保证金|学费|报名费|培训费|服装费|体检费|(?:交|收|要|掏)\S{0,2}(?:钱|费)"),
             re.compile(r"押金|保证金|学费|报名费|培训费|服装费|费用|收费|免费|不收"), "要不要交钱（押金、学费等）"),
    # 电动车要自己买吗, 工具自己带吗: what the worker brings and what the employer gives
    "equipment": (re.compile(r"自己(?:去)?(?:买|带|准备|出|配)|自备|自带|(?:工具|电动车|车子|工装|衣服|手套)\S{0,3}(?:给不给|发不发|提供|配不配|谁出)"),
                  re.compile(r"自备|自带|提供|配发|统一发|发放|配备"), "工具、车辆谁出"),
    # 竹子要自己去买吗, 料去哪领: the material of piecework, handed out or bought
    "materials": (re.compile(r"(?:料|材料|原料|竹子|竹片|篾|布料|线头)\S{0,4}(?:自己|要买|去买|谁出|谁给|哪里?领|去哪|给不给|提供|发不发)"),
                  re.compile(r"领料|材料|原料|包料|发料|供料"), "材料谁出"),
    # 要本地户口冇: whose 户籍 the posting takes
    "hukou": (re.compile(r"户口|户籍|本地人|外地人|外县|本县人"), re.compile(r"户籍|户口|本县|本地|外地|周边"), "户籍要求"),
    "at_home": (re.compile(r"拿回家|带回家|在家做|在家里做|在家干|领料|居家"), re.compile(r"回家|在家|居家|领料"), "能不能在家做"),
    "gender": (re.compile(r"(?:女|男)(?:的|人|同志)?(?:也|能|可以|要|收)|要(?:女|男)的|限(?:男|女)"),
               re.compile(r"男女不限|不限男女|限男|限女|男性|女性"), "男女要求"),
    "age": (re.compile(r"年纪|岁数|年龄|多大|\d{2}岁?了|老了"), re.compile(r"年龄|\d{2}\s*岁|周岁"), "年龄要求"),
    "needs": (re.compile(r"要求|条件|门槛|要啥人|收啥人|啥人能"),
              re.compile(r"年龄|\d{2}\s*岁|以上|学历|初中|高中|中专|技校|证|经验|会|熟练|男女|限[男女]"), "要求"),
    "months": (re.compile(r"干到啥时候|到什么时候|到啥时候|干多久|做多久|几月份?|哪个月|啥季节|什么季节|长期|长久"),
               re.compile(r"\d{1,2}月|季|长期|常年"), "干到什么时候"),
    "posture": (re.compile(r"站一?整天|站着|坐着|站久|一直站|能坐"), re.compile(r"坐着|站着|久站|站立|坐班"), "站着还是坐着干"),
    "settle": (re.compile(r"日结|月结|周结|一天一结|[多几]久(?:发|结)|啥时候发|什么时候发|几号发|押工资|压工资"),
               re.compile(r"日结|月结|周结|一天一结|按月发|每月\d+[号日]|押\S{0,2}工资"), "工资怎么结（日结还是月结）"),
    # "工资会不会拖 按时发吗": no posting can promise it, so it is said as not stated, with whom to ask
    "on_time": (re.compile(r"拖欠|拖工资|欠薪|会不会拖|拖不拖|按时发|准时发|按时给|发得出|按月足额"),
                re.compile(r"按时发放|按时足额|足额发放|准时发"), "工资会不会按时发"),
    "overtime_pay": (re.compile(r"加班费|加班工资|加班\S{0,2}(?:钱|怎么算|咋算|给不给钱|有没有钱)"),
                     re.compile(r"加班费|加班工资|加班\S{0,4}(?:倍|元|块)"), "加班费怎么算"),
    "labour": (re.compile(r"累不累|累吗|累不累人|辛苦吗|辛不辛苦|要搬东西|搬重的|重不重|是不是重活|重活吗|要扛"),
               re.compile(r"体力|搬运|装卸|装箱|重活|力气|轻松|轻活|坐着"), "累不累（体力活）"),
    "schooling": (re.compile(r"学历|文凭|中专的?够|高中的?够|初中的?够|要(?:中专|高中|初中|大专)|识字"),
                  re.compile(r"学历|文凭|中专|高中|初中|大专|本科|识字"), "学历要求"),
    # 接送孙子 is a school run, not a bus
    "transport": (re.compile(r"车\S?接|接送(?!孩子|小孩|孙|娃)|班车|通勤|坐车|车费|交通|怎么过去|咋过去"),
                  re.compile(r"接送|班车|通勤|车费|交通"), "接送、交通"),
    # 冷不冷 (冷库作业), 晒不晒, 灰大不大: where and in what the work is done
    "conditions": (re.compile(r"冷不冷|冷吗|[很太多](?:冷|热)|冻手|怕冻|怕冷|热不热|热吗|晒不晒|晒太阳|灰大|粉尘|气味|味道大|臭不臭|脏不脏|环境|室内|室外|露天"),
                   re.compile(r"冷库|冷冻|冷藏|低温|高温|室内|室外|户外|露天|空调|粉尘|环境|车间"), "工作环境（冷热、室内室外）"),
    "pregnancy": (re.compile(r"孕妇|怀孕|怀上|大肚子|哺乳|喂奶"), re.compile(r"孕|哺乳"), "孕妇能不能做"),
}
# Words of postings a reader may not know, said plainly after the posting's own words.
PLAIN_WORDS = {"两班倒": "白班、夜班两班轮着上", "三班倒": "早、中、晚三班轮着上", "长白班": "只上白班，不上夜班",
               "计件": "按做的件数算钱，做得多拿得多", "日结": "工资一天一结", "做六休一": "一周上六天、休一天"}
# how far it is from them: no posting states it, so said as missing (the place itself is given)
_DISTANCE = re.compile(r"多远|远不远|远不(?!了)|远吗|远么|离\S{1,8}远(?:不|吗|么|没)|近不近|近吗|几公里|多久能到|坐车要?多久")
PLACE_ASKED = re.compile(r"在哪|哪里的|哪儿的|哪的|是\S{1,5}的吧|地址|地点|哪个县|哪个地方|在\S{1,6}哪(?:里|儿|块|个位置)"
                         r"|具体位置|" + _DISTANCE.pattern)
PAY_ASKED = re.compile(r"(?:多少|几多|几个|好多)\s*钱|(?:多少|几多)\s*\S{0,2}一个?月|(?:一个?月|一天|每月|每天)\S{0,2}(?:有|能有|能拿|拿得到|够)\s*[一二两三四五六七八九十百千万\d]+|一天\S{0,2}(?:[一二两三四五六七八九十百\d]+)多?(?:块|元)|工资|多少钱|几多钱|给多少|月薪|薪水|待遇|算钱|挣多少|能挣|赚多少|偌济钱|钱\S{0,2}(?:怎么|咋|样般|按怎|点样|怎样)算|按(?:日|天|月|斤|件)算|(?:一个?月|每月|一天|每天)\S{0,3}(?:多少|几多|偌济)|(?:能|可以)?拿多少|能到\S{1,6}(?:不|吗|么|没)|(?:有没有|能不能|能有)\S{0,3}\d+(?:\.\d+)?\s*[wWkK万千]")

# What is asked of a posting, as sound-alike misspellings may write it (包主 for 包住, 体俭 for 体检)
_ASKED_WORDS = ("包住", "包吃", "住宿", "宿舍", "管饭", "食堂", "加班", "夜班", "白班", "倒班", "社保", "保险", "体检",
                "健康证", "工资", "年纪", "岁数")


@lru_cache(maxsize=1)
def _sounds() -> dict[str, list[str]]:
    from matching.sounds import sound_table

    return sound_table(_ASKED_WORDS)


def heard(text: str) -> str:
    """``text`` with sound-alike misspellings of what people ask about a posting written right."""
    from matching.sounds import respell

    return respell(text, _sounds())


def answer_about(view: PostingView, text: str) -> str | None:
    """What a message of any length asks of one posting, in the posting's own words; None when it asks nothing."""
    return about(view, heard(normalize(text)))


def asks_about(text: str) -> bool:
    """Whether a message asks one of the things a posting may state (住宿, 上班时间, 男女 …)."""
    said = heard(normalize(text))
    return any(asks.search(_asked(kind, said)) for kind, (asks, _, _) in ABOUT.items())


def _asked(kind: str, text: str) -> str:
    """The words to read ``kind`` in: "不用交钱的" said as a condition of the work asks no fee."""
    return without_fee_condition(text) if kind == "fees" else text


def about(view: PostingView, text: str, *, pay: bool = True) -> str | None:
    """The posting's own words on each thing the message asks (住宿, 吃饭, 上班时间, 社保, 体检, 年龄,
    工资), or that it does not say; None when it asks none of them."""
    lines, missing = [], []
    fit = hours_fit(view, text) or age_fit(view, text)
    if fit:  # "下午五点才下班 可我四点半要去接孩子 这样行不行"
        return fit if fit.startswith("【") else f"【{view.title}】{fit}"
    if PLACE_ASKED.search(text):  # "鞋厂那个是晋江的吧": where it is
        lines.append(f"地点：{view.place or '未写明'}")
        if _DISTANCE.search(text):  # "离县城多远": the place is known, the distance is not
            missing.append("具体位置和路程")
    for kind, (asks, says, name) in ABOUT.items():
        if asks.search(_asked(kind, text)):
            hit = sentence_with(view.text, says, every=kind == "needs")
            if hit and hit + _plain(hit) not in lines:  # one sentence may answer two asks (包吃住)
                lines.append(hit + _plain(hit))
            elif hit:
                continue
            elif kind == "meals" and re.search(r"包住|住宿|宿舍", view.text):  # "包吃吗" of a posting that says 包住
                lines.append("岗位写了包住，没写包不包吃")
            elif kind == "housing" and re.search(r"包吃|管饭|包饭|工作餐", view.text):  # and the other way round
                lines.append("岗位写了包吃，没写包不包住")
            else:
                missing.append(name)
    if pay and (PAY_ASKED.search(text) or re.search(r"挣|赚", text)):
        lines.append(f"工资：{view.pay}" + _plain(view.pay + view.text) + per_day(view.pay, text))
    if not lines and not missing:
        return None
    said = f"【{view.title}】" + "；".join(lines)
    if missing:
        said += ("\n" if lines else "") + f"岗位信息里没有写{'、'.join(missing)}的情况。{ask_employer(view)}"
    return said


_MONTHLY = re.compile(r"(\d{3,5})(?:-(\d{3,5}))?元/月")


def per_day(pay: str, text: str) -> str:
    """"一天几多钱" of a monthly wage: what it comes to a day, said to be a month's pay."""
    m = _MONTHLY.search(pay)
    if not m or not re.search(r"一天|每天|一日|日薪|天\S{0,2}多少", text):
        return ""
    lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
    a, b = round(lo / DAYS_PER_MONTH), round(hi / DAYS_PER_MONTH)
    each = f"{a}元" if a == b else f"{a}-{b}元"
    return f"（按月发的工资；按每月干{DAYS_PER_MONTH}天算，一天大约{each}）"


def _plain(text: str) -> str:
    told = [f"{w}：{m}" for w, m in PLAIN_WORDS.items() if w in text]
    return f"（{'；'.join(told)}）" if told else ""


def sentence_with(text: str, pattern: re.Pattern[str], *, every: bool = False) -> str:
    """The first part of ``text`` that ``pattern`` finds; with ``every``, all of them (a posting's requirements)."""
    parts = [clip(p.strip(), 80) for p in re.split(r"[。；;！!\n]", text) if pattern.search(p)]
    return "；".join(parts) if every else (parts[0] if parts else "")


def clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


_FUNCTION = set("的了吗呢吧啊呀嘛不没有能可以是我你他她俺这那个要会就还也都在得去做干")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")


def _content_bigrams(text: str) -> set[str]:
    return {b for i in range(len(text) - 1) if _CJK2.fullmatch(b := text[i:i + 2]) and not set(b) & _FUNCTION}


def said_in(view: PostingView, text: str) -> str:
    """The part of the posting's text that answers a question in its own words ("接孩子能请假不" → "可按接送
    孩子的时间请假"): two or more words shared; '' when no part shares that much."""
    # "挑茶叶那个要会技术不": the words before 那个 and the title's words name the posting, they ask nothing
    asked = _content_bigrams(re.sub(r"^.{1,12}?[那这](?:个|家|份)(?=.{2})", "", normalize(text)))
    asked -= _content_bigrams(view.title)
    parts = [p.strip() for p in re.split(r"[，,。；;！!\n]", view.text or "") if p.strip()]
    best = max(parts, key=lambda p: len(asked & _content_bigrams(p)), default="")
    return best if best and len(asked & _content_bigrams(best)) >= 2 else ""

