"""A message as people send it: the ask, the story told on the way, and the facts in the story.

"俺今年五十八了女的 家在寿宁乡下 … 人家说俺年纪大了陪训补帖领不了 是不是真的" is mostly story; the ask
is its last clauses. Retrieval reads the whole message with the ask weighted up (the story often
names the topic: 村医, 扶贫车间, 技校), the answer-or-decline decision asks whether the best clause
answers the ask, and the facts (age 58, woman, 寿宁县) can decide an entitlement for this person.

Works on 繁體 (OpenCC first), missing punctuation and voice-to-text run-ons; numbers are read by
cn2an before anything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.numbers import birth_year, numerals_to_digits
from core.text import normalize
from core.timeutil import to_china, utcnow

MAX_MESSAGE_CHARS = 600  # a WeChat message is rarely longer; a paste beyond this is cut at a clause end
# Words and endings that make a clause a question (吗/不/没/啥/咋/多少/能不能/怎么/哪/是不是/有没有/？).
QUESTION = re.compile(
    r"[?？吗么嘛呢]|[吧啊呀]$|不[呢啊哦]?$|没[有呢啊]?$|啥|咋|怎|多少|几[个年月天次回块岁]|能不能|可不可以|行不行|中不中|"
    r"是不是|有没有|要不要|会不会|[能可行中好对]不|哪|谁|什么|如何|何时|为啥|为什么|多久|多长|多大|多高|是真的"
)
# Where a run-on (voice input, no punctuation) turns to a new clause.
_TURN = re.compile(
    r"(?=(?:俺们?|我们?|咱们?|听说|现在|人家|村里|可是|但是|不过|就是|所以|因为|请问|想问|那我|那俺|另外|还有|今年|去年|前年))"
)
_SEPARATORS = re.compile(r"[，,。.!！？?；;:：、\s…~～]+")
_RUN_ON = 24  # a separator-free stretch longer than this is cut at clause turns


@dataclass
class Message:
    """One message: normalised text, its ask, the story before it and the facts the story states."""

    raw: str
    text: str  # simplified, numerals as digits, whitespace squeezed
    ask: str  # the clause(s) carrying the question
    story: str  # everything else
    clauses: list[str] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

    @property
    def is_story(self) -> bool:
        return len(self.story) >= 20


def _clauses(text: str) -> list[str]:
    """Clauses by punctuation and spaces; long separator-free runs cut where a new clause starts."""
    out: list[str] = []
    for part in _SEPARATORS.split(text):
        if not part:
            continue
        if len(part) <= _RUN_ON:
            out.append(part)
            continue
        pieces = [p for p in _TURN.split(part) if p]
        merged: list[str] = []
        for p in pieces:  # a turn word right after a cut makes no clause of its own
            if merged and len(merged[-1]) < 6:
                merged[-1] += p
            else:
                merged.append(p)
        out.extend(merged)
    return out


def _is_question(clause: str) -> bool:
    return bool(QUESTION.search(clause))


SHORT_MESSAGE = 24  # characters: a message this short is asked whole


def split_message(raw: str) -> Message:
    """Split a message into its ask and the story, and read the facts it states."""
    text = normalize(raw or "", keep_space=True)
    if len(text) > MAX_MESSAGE_CHARS:  # a long paste: repeats out, then its start and its end
        text = " ".join(dict.fromkeys(_clauses(text)))
        if len(text) > MAX_MESSAGE_CHARS:
            text = text[: MAX_MESSAGE_CHARS // 3] + " " + text[-(MAX_MESSAGE_CHARS * 2 // 3):]
    text = numerals_to_digits(text)
    clauses = _clauses(text)
    if not clauses:
        return Message(raw or "", text.replace(" ", ""), "", "", [], {})
    asked = [i for i, c in enumerate(clauses) if _is_question(c)]
    if asked:
        last = asked[-1]
        first = last
        # Questions right before the last one belong to the same ask (还能免费不 一年能学几回).
        while first - 1 >= 0 and first - 1 in asked and last - first < 2:
            first -= 1
        # A bare "到底帮交多少啊" leans on the clause before it for its subject.
        if sum(len(c) for c in clauses[first : last + 1]) < 9 and first > 0:
            first -= 1
        tail = clauses[last + 1 :]
        ask_parts = clauses[first : last + 1] + [c for c in tail if len(c) <= 6]
        story_parts = clauses[:first] + [c for c in tail if len(c) > 6]
    else:
        ask_parts = clauses[-2:] if len(clauses[-1]) < 9 else clauses[-1:]
        story_parts = clauses[: len(clauses) - len(ask_parts)]
    whole = "".join(clauses)
    ask = "".join(ask_parts)
    facts = read_facts(text, ask)  # whom it asks for is read from the question itself ("老公前年走了" tells)
    if len(whole) <= SHORT_MESSAGE and QUESTION.search(ask):
        # "我今年大专毕业 家里是贫困户 有补贴没 多少钱": a short message is one question with its subject,
        # not a story; its first clause says what the question is about
        ask, story_parts = whole, []
    return Message(raw or "", whole, ask, "".join(story_parts), clauses, facts)


# --- facts -------------------------------------------------------------------------------------

_RELATIONS: list[tuple[str, str, str | None]] = [
    # (pattern, relation, gender)
    (r"俺爹|我爹|我爸|俺爸|老父亲|我父亲|俺父亲|阿爸|老爸|我家老头|阮爸|阮老爸", "father", "男"),
    (r"俺娘|我娘|我妈|俺妈|老母亲|我母亲|俺母亲|阿妈|阿母|老妈|阮妈|阮阿母", "mother", "女"),
    (r"阿公|爷爷|外公|姥爷", "grandfather", "男"),
    (r"公公|岳父|老丈人", "father_in_law", "男"),
    (r"阿嬷|奶奶|外婆|姥姥", "grandmother", "女"),
    (r"婆婆|岳母|丈母娘", "mother_in_law", "女"),
    (r"老公|丈夫|俺男人|我男人|当家的|我家那口子|孩子他爸|娃他爹|娃他爸|阮尪|尪婿", "husband", "男"),
    (r"老婆|媳妇|婆娘|妻子|爱人|孩子他妈|娃他娘|娃他妈|阮某|牵手", "wife", "女"),
    (r"孙女|外孙女", "granddaughter", "女"),
    (r"孙子|外孙", "grandson", "男"),
    (r"儿子|俺家小子|我家小子|伢子|后生|囝仔", "son", "男"),
    (r"女儿|闺女|丫头|查某囝|囡", "daughter", "女"),
    (r"姐姐|妹妹|(?:我|俺|阮)(?:姐|妹)|表姐|堂姐|表妹|堂妹|嫂子|弟媳|姑姑|姨妈|舅妈|婶婶|侄女|外甥女", "female_relative", "女"),
    (r"哥哥|弟弟|(?:我|俺|阮)(?:哥|弟)|表哥|堂哥|表弟|堂弟|姐夫|妹夫|叔叔|伯伯|舅舅|姑父|姨父|侄子|外甥", "male_relative", "男"),
    (r"(?<![带看管顾])(?:娃|孩子|小孩)", "child", None),  # 带小孩 (as work, or care) is no subject
]
# Anyone a message may be about ("那他老婆呢"): a follow-up naming a person names no new topic.
PEOPLE = re.compile("|".join(p for p, _, _ in _RELATIONS) + r"|他们|她们|他|她|老人|家里人")
_AGE = re.compile(
    r"(?:今年|年纪|年龄|岁数)?(?:已经|都|快|刚|才|满|有)?(\d{2})(?:周岁|岁|多岁|出头|好几|了|来岁)(?!以上|以下|以内|之前|之后)"
    r"|(?:今年|年纪|年龄)(?:已经|都|快|刚|才|满|有)?(\d{2})"
)
_FEMALE = re.compile(r"女的|妇女|俺是女|我是女|女同志|大娘|大妈|阿姨|大姐|寡妇|老太|查某人|女人家|妇道")
_MALE = re.compile(r"男的|俺是男|我是男|大爷|大叔|老汉|老头")


def _relative_at(t: str) -> tuple[str, str | None, int] | None:
    """The first relative named in ``t``: (relation, gender, position)."""
    best: tuple[str, str | None, int] | None = None
    for pattern, relation, gender in _RELATIONS:
        m = re.search(pattern, t)
        if m and (best is None or m.start() < best[2]):
            best = (relation, gender, m.start())
    return best


def relative_at_start(text: str) -> tuple[str, str | None] | None:
    """The relative a message opens with, right after who acts for them ("帮我弟问一下", "替俺娘问问"):
    (relation, gender), or None."""
    t = text.replace(" ", "")
    m = re.match(r"\S{0,2}?(?:帮|替|代|给)", t)
    found = _relative_at(t[m.end(): m.end() + 6]) if m else None
    return (found[0], found[1]) if found is not None and found[2] <= 1 else None


def _subject(t: str, ask: str) -> tuple[str, str | None, int]:
    """Whom the message asks for: a relative named in the ask ("他能领不"), or one the message opens
    with ("俺男人五十岁 …", "娃十六了 …"); else the writer ("我四十八了 老公前年走了" is about me)."""
    in_ask = _relative_at(ask)
    if in_ask is not None:
        return in_ask[0], in_ask[1], len(t) - len(ask) + in_ask[2]
    opening = _relative_at(t[:8])
    if opening is not None and opening[2] <= 2 and re.match(r".{0,5}?(?:\d{2}|今年|年纪|岁)", t[opening[2]:]):
        return opening
    return "self", None, 0


def read_facts(text: str, ask: str | None = None) -> dict:
    """Facts a message states about the person it asks for (keys of the entitlement rules)."""
    t = text.replace(" ", "")
    facts: dict = {}
    relation, gender, at = _subject(t, (ask or t[-12:]).replace(" ", ""))
    facts["relation"] = relation
    if gender:
        facts["gender"] = gender
    elif relation == "self":
        if _FEMALE.search(t) or re.search(r"(?:我|俺|阮)(?:家)?(?:老公|丈夫|男人|当家的|尪)", t):
            facts["gender"] = "女"
        elif _MALE.search(t) or re.search(r"(?:我|俺|阮)(?:家)?(?:老婆|媳妇|婆娘|某)(?!\S?些)", t):
            facts["gender"] = "男"
    ages = [(m.start(1) if m.group(1) else m.start(2), int(m.group(1) or m.group(2))) for m in _AGE.finditer(t)]
    # "阮阿爸50 …", "俺男人50": a bare number right after the person is an age.
    ages += [(m.start(1), int(m.group(1))) for m in re.finditer(r"(?:俺|我|阮|咱)\S{0,3}?(\d{2})(?![\d年月日号元块万千百%])", t)]
    # "快六十了", "明年才满六十": one year short of the number said
    ages = [(pos, a - 1 if re.search(r"(?:快|明年(?:才|就)?满?|明年就)$", t[max(0, pos - 5):pos]) else a) for pos, a in ages]
    if born := birth_year(t):  # "我是68年出生的", "1965年生": the birth year said
        ages.append((born[1], to_china(utcnow()).year - born[0]))  # type: ignore[union-attr]
    ages.sort()
    ages = [(pos, a) for pos, a in ages if 14 <= a <= 95]
    if ages:
        after = [a for pos, a in ages if pos >= at]
        facts["age"] = (after or [a for _, a in ages])[0]
    if re.search(r"建档立卡|建挡立卡|建档力卡|贫困户|贫困家庭|扶贫户|贫困人口|精准户|精准扶贫户|建卡户", t):
        facts["poverty_registered"] = True
    if re.search(r"不是贫困户|不是建档立卡|非贫困户|没评上贫困", t):
        facts["poverty_registered"] = False
    if re.search(r"(?<!还)(?<!没有)(?<!没)(?:已经|已|去年|前年|今年|早就)?脱贫了|已脱贫|标注脱贫", t) and not re.search(
            r"(?:还|没|未|还没有?)脱贫", t):
        facts["poverty_exited"] = True
    elif re.search(r"还没脱贫|没有脱贫|未脱贫|没脱贫", t):
        facts["poverty_exited"] = False
    if re.search(r"低保|低包", t) and not re.search(r"不是低保|没(?:有)?低保|没吃低保", t):
        facts["dibao"] = True
    if re.search(r"特困|五保", t):
        facts["tekun"] = True
    no = "[没无冇未]"
    if re.search(rf"{no}(?:有)?(?:交|缴|参加|买|办|入|参)(?:过)?(?:什么|任何)?(?:养老|保)|养老保险(?:从来|一直|也|都)?{no}(?:有)?(?:交|缴|参加|买|办)"
                 rf"|从来{no}(?:交|缴|参加|买)|一直{no}(?:有)?养老保险|{no}(?:有)?(?:入|参)保"
                 rf"|养老\S{{0,14}}?(?:一直|从来|都|也|还)?{no}(?:有)?去(?:交|缴|参加|买|办)", t):  # 村里叫了几次 我一直没去交
        facts["pension"] = "none"
    elif re.search(r"养老\S{0,16}?(?:一直(?:都)?有?(?:在)?交|年年(?:都)?交|每年都交|一年交一次|村里收的)", t):  # 村里收的那种 一直都有交
        facts["pension"] = "urban_rural"
    elif re.search(r"城乡(?:居民)?(?:基本)?养老|新农保|农村养老保险|居民养老", t) and re.search(
            r"交了|在交|参加了|一直交|有交|每年(?:都)?(?:交|缴)|代交|代缴|领(?:那个)?养老金|缴的|交的|最低档", t):
        facts["pension"] = "urban_rural"
    elif re.search(r"职工养老|单位(?:给|帮)?(?:交|缴)(?:了)?社保|厂里(?:给|帮)?(?:交|缴)(?:了)?社保", t):
        facts["pension"] = "employee"
    if re.search(r"(?:想|欲|打算|准备|计划|琢磨)(?:着)?\S{0,8}?(?:开|办|搞|干|租)(?:个|一个|家|间|一间|了)?|个体户|头一(?:回|摆|次)创业|第一次(?:搞|创业)", t) and re.search(
            r"店|馆|厂|作坊|场|超市|公司|合作社|创业|生意|摊|小卖部|个体", t):
        facts["business"] = "existing" if re.search(r"已经开|开了(?:个|一个|家)?\S{0,4}(?:店|馆|厂)|办了", t) else "first"
    if re.search(r"(?:还|一直|都)?没(?:有)?找到(?:工作|活)|找不到(?:工作|活)|正在找工作|在找工作|失业了|没(?:有)?(?:工作|活干)了?", t):
        facts["status"] = "seeking"
    elif re.search(r"不想(?:出去|再出去|找|干|打工)|干不动|不找(?:工作|活)了|(?:就|只)?在家(?:里)?(?:带|种|养|照顾)|种种地", t):
        facts["status"] = "not_seeking"
    if re.search(r"(?:打工|在外|外出)\S{0,12}(?:回来|回乡|回家|返乡|回老家)|返乡|回乡创业", t):
        facts["returning_migrant"] = True
    if re.search(r"想(?:去|要)?学|学(?:个|点)(?:手艺|技术)|参加培训|培训班|陪训|想培训", t):
        facts["wants_training"] = True
    grad = _graduate(t)
    if grad:
        facts["graduate"] = grad
    elif re.search(r"没(?:读|念|上)(?:过)?(?:几年|几天|什么)?(?:书|学)|小学(?:都)?没(?:读完|毕业)|文盲|不识字", t):
        facts["graduate"] = None  # "没读几年书": not a school leaver, so no graduates' subsidies to ask about
    county = _county(t)
    if county:
        facts["county"] = county
    return facts


def _graduate(t: str) -> dict | None:
    school = None
    if re.search(r"大学|本科|大专|专科|高校|学院", t) and re.search(r"毕业|应届|刚出来", t):
        school = "全日制普通高校"
    elif re.search(r"技校|技工(?:院校|学校)", t) and re.search(r"毕业|读完", t):
        m = re.search(r"(高级工|预备技师|中级工)班?", t)
        school = f"技工院校{m.group(1)}班" if m else "技工院校"
    if school is None:
        return None
    grad: dict = {"school": school}
    # "2026年毕业", "今年刚毕业", "我今年技校毕业的", "今年6月刚从学院毕业"
    m = re.search(r"(20\d\d)年?\S{0,10}?(?:毕业|的毕业生)|(今年|去年|前年)[^岁，,。；;\s]{0,8}?毕业", t)
    if m:
        from core.timeutil import to_china, utcnow

        this_year = to_china(utcnow()).year  # type: ignore[union-attr]
        grad["year"] = int(m.group(1)) if m.group(1) else this_year - ["今年", "去年", "前年"].index(m.group(2))
    return grad


def _county(t: str) -> str | None:
    from core.gazetteer import get_gazetteer

    found = get_gazetteer().find_in_prose(t)
    return found[0][1] if found else None
