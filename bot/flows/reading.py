"""How sure a reading is and what kind of message it is: a question, a fragment, fillers, an interruption
of a flow. Shared by the router and the registration side steps."""

from __future__ import annotations

import re
from functools import lru_cache

from bot import intents
from core.pinyin_input import from_pinyin
from core.text import normalize as _normalize
from knowledge.message import QUESTION, split_message

# work asked for in so many words ("找个活", "屏南有啥活"), not a subsidy for it ("找工作补贴")
ASKS_WORK = re.compile(r"(?:找\S{0,4}(?:活|工作|工|事做)|有(?:啥|什么|没有|冇|无)\S{0,2}(?:活|工作|岗位))(?!\S{0,2}补)")
STRONG_IN_FLOW = {"opt_out": 0.5, "opt_in": 0.6, "human": 0.8}
ASKING = {"policy_question", "entitlements"}
SURE = 0.8  # an opt-out worded as a question ("停了以后还能问问题不") is acted on only this sure


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """core.text.normalize, cached: people send the same few words and questions again and again."""
    return _normalize(text)


# An opt-out refuses something it names: messages, pushes, calls, the service ("莫怪" alone refuses nothing)
_REFUSED = re.compile(r"发|推|传|讯|短信|信息|消息|通知|打扰|烦|联系|电话|找|登记|订|介绍|岗位|工作|活|管|不要了|不需要|不用|用不"
                      r"|拉黑|取消|停|退|别再|删|关|收|骚扰|莫再|够了|算了|完没完|名单|去掉|塞满|花|[a-z]{2}|^t$", re.I)


def names_refused(text: str) -> bool:
    return bool(_REFUSED.search(text))


def guarded(reading: intents.Reading, text: str) -> intents.Reading:
    """A reading not to act on even though it is likely, made unsure so the person is asked back:
    an opt-out worded as a question ("报上了会发短信告诉我不": the documents are asked first, and it is
    never acted on as a refusal), or one character ("我", sent before the rest was typed) read less than
    surely ("活", work, is read surely and kept)."""
    if not reading.exact and reading.intent == "opt_out" and not names_refused(text):  # never acted on
        return intents.Reading(reading.intent, min(reading.score, intents.CLARIFY_BELOW - 0.01), reading.second)
    if not reading.exact and ((reading.score < SURE and (
            (reading.intent == "opt_out" and is_question(text)) or fragment(text)
            or not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", text))) or says_nothing(text)):  # 😀😀😀: asked back
        return intents.Reading(reading.intent, min(reading.score, intents.CLARIFY_BELOW - 0.01), reading.second)
    return reading


# Openers and fillers that carry no request ("喂喂 那个咯 我问下那个"): such a message is asked back.
_FILLERS = re.compile(r"喂+|那个|这个|那啥|我想问|想问|请问|问一?下|问问|你好|您好|在吗|在不在|打扰了?|麻烦|就是|然后|一下"
                      r"|[我你那这咯啊呀嗯哦噢哈呢吧嘛啦诶欸]|[\s，。,.!！?？~～…]")


def says_nothing(text: str) -> bool:
    return len(text) >= 3 and not _FILLERS.sub("", text)


def fragment(text: str) -> bool:
    return len(intents.command_word(text)) == 1


# Southern question forms: Minnan 有无/偌济/敢有/会毋 (有没有, 多少, 是否), Cantonese 几多/有冇/系唔系
_SOUTHERN = re.compile(r"有无|偌济|偌多|敢有|敢是|[会是有]毋|几多|有冇|系唔系|得唔得|啱唔啱|样般|么个|做乜|乜[个嘢事]"
                       # a clause closed by 冇/无/毋 asks (Hakka 做得冇, Minnan 着考试无), unless it says "none at all"
                       r"|(?<=[\u4e00-\u9fff]{2})(?<![都也全还一])[冇无毋](?=$|\s)")


def is_question(text: str) -> bool:
    """Worded as a question; a closing 吧/啊 ("还是发给俺吧") makes a request, not one."""
    text = _ANYTHING.sub("", text)  # "你们先别给我发啥了": 啥 after a refusal means "anything", asks nothing
    return bool(QUESTION.search(text.rstrip("吧啊呀。.!！~～ ")) or _SOUTHERN.search(text) or _A_NOT_A.search(text)
                or EITHER_OR.search(text) or _CLAUSE_NOT.search(text))


# "还能领培训补贴不 我们家建档立卡的": a clause closing on 不 asks, though more follows it
_CLAUSE_NOT = re.compile(r"(?:能|可以|有|会|要|算|给|行)[^\s，,。；;]{0,10}不(?=\s|[，,。；;])")


# "是我自己送过去还是他们来收", "是白班还是夜班": a choice put to the reader asks, with no 吗 or ？
EITHER_OR = re.compile(r"是[^，,。；;\s]{1,12}还是[^，,。；;\s]{1,12}[呢啊呀]?$")


_A_NOT_A = re.compile(r"(?<![不没])((?![不没])[\u4e00-\u9fff])[不没]\1")  # "给不给买保险", "包不包住", "去没去"
# "你们先别给我发啥了", "没啥手艺": 啥 after a refusal or a 没 means "anything", it asks nothing (有没有啥 still asks)
_ANYTHING = re.compile(r"(?:别|(?<!要)不要|不用|莫|甭|不想|(?<!有)没有?)\S{0,5}?(?:啥|什么|任何)(?:东西|消息|信息)?了?")


# the bot's own word for a person ("回复“人工”"), asked for in a sentence: "再帮我找个人工 要打字的"
_ASKS_PERSON = re.compile(r"(?:找|转|要|叫|接|给我|来个|请)\S{0,3}人工(?!费|智能|成本)"
                          r"|(?:找|叫|请|来)(?:个|一个)(?:真)?人(?:问|帮|来|跟我|和我|聊|说|接)|找(?:个)?(?:真人|工作人员|客服)"  # 帮我找个人问问
                          r"|(?:你|你们)(?:帮我|替我|给我|去|帮忙)\S{0,2}问(?:问|一下|一问|清楚)|问清楚了?再(?:告诉|回|跟)我")  # 那你帮我问问


def asks_person(text: str) -> bool:
    return bool(_ASKS_PERSON.search(text))


def interrupts(raw: str) -> str | None:
    """An opt-out or a call for a person sent in the middle of a flow is not an answer to its question
    ("报上了会发短信告诉我不" asks about SMS; it does not refuse them)."""
    if asks_person(normalize(raw or "")):
        return "human"
    reading = intents.read_intent(raw)
    if reading.intent == "opt_out" and not reading.exact and not names_refused(normalize(raw or "")):
        return None
    floor = STRONG_IN_FLOW.get(reading.intent)
    if floor is not None and is_question(normalize(raw or "")):
        floor = max(floor, SURE)
    return reading.intent if floor is not None and reading.score >= floor else None


def ends_asking(raw: str) -> bool:
    """The message's last ask, read on its own, is a question about policy."""
    ask_part = split_message(raw).ask
    if ask_part == normalize(raw) or not QUESTION.search(ask_part):
        return False
    r = intents.read_intent(ask_part)  # "…没活干了 失业了能领钱吗": job_search 0.43, policy second: still an ask
    return r.intent in ASKING or (r.second in ASKING and r.score < SURE)


# The service's own words, as sound-alike typing may write them (登计 for 登记, 短心 for 短信, 补帖 for 补贴)
_OWN_WORDS = ("登记", "报名", "退订", "订阅", "短信", "微信", "推送", "补贴", "培训", "工作", "岗位", "菜单", "人工")


@lru_cache(maxsize=1)
def _own_sounds() -> dict[str, list[str]]:
    from matching.sounds import sound_table

    return sound_table(_OWN_WORDS)


def heard(text: str) -> str:
    """``text`` with pinyin typing in characters (xuefei → 学费) and sound-alike misspellings of the
    service's own words written right."""
    from matching.sounds import respell

    return respell(from_pinyin(text), _own_sounds()) if text else text


STORY_UNSURE = 0.75  # a whole message read less surely than this is read by its last clause when that is sure
_CLAUSES = re.compile(r"[\s，,。；;！!？?]+")


def story_then_ask(raw: str, reading: intents.Reading) -> intents.Reading:
    """"在东莞电子厂做了九年 …刚回上杭 有挖机证 … 上杭有活冇": a story told before the ask reads as news
    (moved, worked); the ask that closes it says what is wanted."""
    parts = [p for p in _CLAUSES.split(raw.strip()) if p]
    if len(parts) < 3 or reading.intent not in ("update_info", "register", "my_info") or reading.score >= STORY_UNSURE:
        return reading
    last = parts[-1]
    tail = intents.read_intent(last)
    if tail.intent == "job_search" and tail.score >= intents.CLARIFY_BELOW + 0.2 and is_question(_normalize(last)):
        return intents.Reading("job_search", tail.score, reading.intent)
    return reading
