"""Question analysis: normalisation, informative terms, colloquial and sound-alike expansion.

A question becomes a list of term groups: one group per informative word of the question, holding
the word, the dictionary words inside it, its document-wording synonyms and, for a word the corpus
does not know, a corpus word that sounds the same (养老保线 → 保险). Groups drive both retrieval and
the "how much of the question does this clause cover" test used to decide when not to answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from core.text import normalize, synonyms, tokenize

MAX_QUESTION_CHARS = 120  # a WeChat question is short; longer input is cut at a sentence end

# Function words and question scaffolding: they say nothing about which clause answers.
STOPWORDS = frozenset(
    """
    的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 有 没 没有 有没有 在 和 与 及 或 也 都 还 就 又 才 要 想 能 会 可 可以 能不能 可不可以
    我 我们 你 你们 他 她 它 他们 咱 咱们 俺 自己 家里 人家 这 那 这个 那个 这些 那些 哪 哪个 哪些 哪里 哪儿 什么 啥 怎么 怎样
    怎么样 如何 多少 几 多 请问 问 问下 问一下 一下 知道 告诉 了解 想问 咨询 一个 个 些 给 让 被 把 对 从 到 去 来 上 下 里
    现在 目前 今年 吧 不 不是 是不是 还是 如果 但是 因为 所以 那么 这么 需要 应该 得 地 着 过 请 帮 帮忙 帮我 谢谢 你好 您好
    哪几个 几个 哪几 多少钱 多少人 多大 多高 多长 是啥 有啥 干啥 咋 咋办 怎么办 怎么弄 办理 申请 领取 可不可以 行不行 行吗
    啥意思 什么意思 意思 渠道 途径 方式 方法 流程
    期间 时间 之后 以后 之前 以前 的话 一般 平时 到底 究竟 还有 另外 其他 其它 所有 全部
    每个 每一个 各个 地方 没地方 不管 管不管 管吗
    不要 要不要 自己 从来 一直 已经 还能 现在 今年 明年 去年
    干嘛 干啥 啥事 怎么回事 咋回事 是啥 啥样 做到 程度 什么程度
    这项 这件 这事 那项 这块 文是 哪天 几号 几月 何时 什么时候 啥时候 时候 日期 截止 哪年 哪一天 谁 负责人 哪两个 哪一个 联合
    政府 国家 相关 有关 规定 政策 文件 办法 具体 情况 方面 一些 多久 多长时间 为什么 为啥 能否 是否 有无 要求 条件
    """.split()
)
# Words asking who is responsible / when: they pick the answer's form, not the clause.
UNIT_CUES = ("谁负责", "哪个部门", "哪个单位", "什么部门", "什么单位", "哪些部门", "哪些单位", "责任单位",
             "谁管", "归谁管", "哪里管", "谁来管", "哪个处", "负责部门", "负责单位", "牵头")
UNIT_PATTERN = re.compile(
    r"(?:谁|哪个|哪些|哪几个|什么|哪一个|哪)(?:个)?(?:部门|单位|处室|处|机构|科室|局)"
    r"|谁(?:来)?(?:负责|管|牵头|组织|抓)|归谁|由谁|找谁|问谁|(?:由|是)\S{0,3}(?:部门|单位|处室)\S{0,2}负责"
)
# In a "who is responsible" question these words say what kind of answer is wanted, not the topic.
UNIT_WORDS = frozenset("部门 单位 处室 机构 科室 负责 牵头 主管 管理 组织 落实 责任".split())
# The documents are the 人社 system's own: a local bureau named in a question ("能找人社局吗") says
# where to go, not which clause answers. Such words help retrieval but are never required for
# coverage. (The provincial 人社厅 acts in the documents — 省人社厅每年安排… — so it stays a topic.)
AGENCY_WORDS = frozenset("人社局 劳动局 人社部门 社保局 人力社保局 人社所 劳动所 劳动保障所".split())
AGE = re.compile(r"\d{1,3}(?:多)?(?:周)?岁|[二三四五六七八九]十(?:好几|多|出头|来)")
PLACE_CUE = re.compile(r"哪(?:个|些|几个|两个|一个)?(?:县|市|区)|[县市区]\S{0,3}哪")
AMOUNT_CUES = ("多少", "几", "多大", "多高", "标准", "金额", "比例", "多长", "多久")
# A question for a sum of money, not a count of people or times ("招多少人" is not one).
MONEY_CUE = re.compile(r"多少钱|几块钱|多少块|(?:工资|收入|薪水|工钱)\S{0,2}多少|(?:领|给|补|贴|赔|发|拿|奖|助|报销)\S{0,2}多少|多少(?:补贴|补助|资助|钱|经费|资金|奖励|津贴)"
                       r"|金额|(?:每个?|一个)月\S{0,4}多少")
# "能领几个月": a length the documents must state. Not 多久 ("多久一次" is answered by 定期) nor
# 几年 ("打了几年工" tells, not asks).
# "听说补助1000元 是这个数吗": a sum stated and then doubted asks for the sum the documents set.
STATED_SUM = re.compile(r"\d+(?:\.\d+)?(?:万元|万块|万|元|块钱|块|%)")
DOUBT = re.compile(r"真的|是真|对不对|对吗|这个数|这么多|这么少|那么多|准不准|靠谱|是吗|没那么")
DOUBT_SPAN = 14  # characters after the sum in which the doubt must come
DURATION_CUE = re.compile(r"(?:能|可以|可|给|领|发|补|享受)\S{0,2}(?:几个月|多少个月|几天|多少天|多长时间)")
# Words of such a question that name the money rather than what it is for.
MONEY_WORDS = frozenset("钱 补贴 补助 资金 经费 资助 奖励 津贴 待遇 标准 金额 费用 每月 每个月 一个月 领钱 给钱 发钱".split())
DATE_CUES = ("期限", "时限", "截止日期", "最晚", "什么时候", "何时", "哪天", "哪一天", "几月", "几号", "截止", "日期", "时间", "哪年", "多会儿", "啥时候")

# Colloquial shapes too open for a word list: "开个小饭馆", "办家养殖场", "开间理发店" all mean
# starting a business (创业 / 个体经营 in the documents).
PATTERNS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"(?:开|办|搞|干)(?:个|一个|家|一家|间|一间|了个)?[\u4e00-\u9fff]{0,4}?"
                r"(?:店|馆|铺|厂|超市|作坊|公司|场|坊|摊|小卖部)"), ("创业", "个体经营")),
]
WHICH_WORDS = frozenset("哪个 哪些 哪 哪一个 哪家 什么".split())
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NUMERIC = re.compile(r"^[\d零〇一二两三四五六七八九十百千万亿.%多余来几]+(?:好几|出头)?[岁年月日号元万个次名人周块]*$")


@dataclass
class TermGroup:
    """One informative word of the question and the terms that stand for it in the documents."""

    word: str
    terms: list[str] = field(default_factory=list)  # the word itself first, then alternatives
    expansion: bool = False  # came from a colloquial phrase rather than a question word
    canonical: tuple[str, ...] = ()  # for a phrase: the document terms it stands for
    cover: tuple[str, ...] = ()  # for a phrase: what must be in a clause for it to count as covered
    required: bool = True  # False: helps retrieval only, never counted in coverage
    span: tuple[int, int] = (-1, -1)  # where a question word sits in the question
    doc_ref: bool = False  # "258号": a document's number

    def __hash__(self) -> int:  # groups are compared by identity
        return id(self)


@dataclass
class Analysed:
    text: str  # normalised, truncated question
    groups: list[TermGroup]
    asks_units: bool
    asks_date: bool
    asks_amount: bool = False
    asks_place: bool = False
    numbers: list[str] = field(default_factory=list)  # 五十八岁 → "58": matched, never required
    asks_age: bool = False
    asks_money: bool = False  # "能领多少", "每月多少钱": wants a sum of money
    asks_duration: bool = False  # "能领几个月", "多久一次": wants a length of time


def _boundaries(words: list[str]) -> set[int]:
    out, pos = {0}, 0
    for w in words:
        pos += len(w)
        out.add(pos)
    return out


_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+(?=[月日号岁元块万])|[一二三四五六七八九]?十[一二三四五六七八九]?(?=年)")


def _digits(m: re.Match[str]) -> str:
    from core.text import cn_to_int

    value = cn_to_int(m.group(0))
    return str(value) if value is not None else m.group(0)


def clip_question(text: str, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """Normalise (Chinese numbers before 月/日/岁/元… become digits) and cut a long question."""
    text = _CN_NUMBER.sub(_digits, normalize(text))
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = max(head.rfind(p) for p in "。？！?!；;")
    return head[: cut + 1] if cut >= 8 else head


@lru_cache(maxsize=4096)
def _char_pinyin(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


def pinyin_of(word: str) -> str:
    return " ".join(_char_pinyin(c) for c in word)


@lru_cache(maxsize=1)
def _synonym_table() -> list[tuple[str, list[str]]]:
    # Longest colloquial phrases first, so 开小店 wins over 店.
    return sorted(synonyms().items(), key=lambda kv: -len(kv[0]))


def _leading_number(word: str) -> str:
    from core.text import cn_to_int

    m = re.match(r"[\d零〇一二两三四五六七八九十百千万]+", word)
    value = cn_to_int(m.group(0)) if m else None
    return str(value) if value is not None else ""


def is_informative(word: str) -> bool:
    return (len(word) >= 2 and word not in STOPWORDS and word not in UNIT_CUES and word not in DATE_CUES
            and not _NUMERIC.match(word))


def _tiling(word: str, known: dict[str, int]) -> list[str] | None:
    """Split a word into dictionary words of two or more characters (家政公司 → 家政|公司), or None."""
    n = len(word)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(2, n + 1):
        for start in range(end - 2, -1, -1):
            prev = best[start]
            piece, current = word[start:end], best[end]
            if (prev is not None and piece != word and known.get(piece)
                    and (current is None or len(prev) + 1 < len(current))):
                best[end] = [*prev, word[start:end]]
    return best[n]


def _compound_bounds(words: list[str], vocabulary: frozenset[str], sources: set[str]) -> set[int]:
    """Boundaries inside a compound the documents never use, so a colloquial part can expand.

    jieba keeps 家政公司 whole, hiding 家政 (→ 家庭服务). A compound that tiles into dictionary words
    of 2+ characters, one of them a colloquial phrase, is opened at its tiles; 社保卡 (社保 | 卡) does
    not tile and stays a card, not 社保.
    """
    from core.text import jieba_instance

    freq = jieba_instance().dt.FREQ
    out, pos = set(), 0
    for w in words:
        start, pos = pos, pos + len(w)
        if len(w) < 4 or w in vocabulary:
            continue
        tiles = _tiling(w, freq)
        if tiles and len(tiles) > 1 and any(t in sources for t in tiles):
            at = start
            for t in tiles:
                at += len(t)
                out.add(at)
    return out


def analyse(question: str, *, vocabulary: frozenset[str] = frozenset(),
            sound_alikes: dict[str, str] | None = None, max_chars: int = MAX_QUESTION_CHARS) -> Analysed:
    """Question → term groups (see module docstring)."""
    import jieba

    from core.text import jieba_instance

    text = clip_question(question, max_chars)
    jieba_instance()
    asks_units = any(c in text for c in UNIT_CUES) or bool(UNIT_PATTERN.search(text))
    asks_date = any(c in text for c in DATE_CUES)
    groups: list[TermGroup] = []
    spans: list[tuple[int, int, TermGroup]] = []
    numbers: list[str] = []
    syn = _synonym_table()
    words = jieba.lcut(text)
    # Word boundaries from both segmentations: jieba's HMM glues words it does not know ("一人补"),
    # the dictionary-only pass keeps "一人" | "补".
    bounds = _boundaries(words) | _boundaries(jieba.lcut(text, HMM=False))
    bounds |= _compound_bounds(words, vocabulary, {src for src, _ in syn})
    # Colloquial phrases first: the phrase becomes one group standing for its canonical terms. It
    # must start and end on word boundaries: 社保 inside 社保卡 is not 社保.
    for src, dst in syn:
        start = text.find(src)
        while start >= 0:
            end = start + len(src)
            if start in bounds and end in bounds and not any(s < end and start < e for s, e, _ in spans):
                terms = [src]
                for d in dst:
                    for t in [d, *tokenize(d, normalized=True)]:
                        if (len(t) >= 2 or t == d) and t not in terms:
                            terms.append(t)
                # Covered only by the phrase or a whole canonical term: 岗位信息 is not covered by 信息.
                group = TermGroup(src, terms, expansion=True, canonical=tuple(dst), cover=(src, *dst),
                                  required=src not in AGENCY_WORDS)
                groups.append(group)
                spans.append((start, end, group))
            start = text.find(src, end)
    for pattern, meant in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span()
            if start in bounds and end in bounds and not any(s < end and start < e for s, e, _ in spans):
                terms = [m.group(0), *meant]
                group = TermGroup(m.group(0), terms, expansion=True, canonical=meant, cover=meant)
                groups.append(group)
                spans.append((start, end, group))
    # "258号" names a document: it is matched against the 文号 every clause carries.
    for m in re.finditer(r"(\d{2,4})\s*号", text):
        group = TermGroup(m.group(0), [m.group(1) + "号", m.group(1)], doc_ref=True)
        groups.append(group)
        spans.append((m.start(), m.end(), group))
    pos = 0
    for word in words:
        start, pos = pos, pos + len(word)
        hit = next(((s, e, g) for s, e, g in spans if s < pos and start < e), None)
        if hit is not None:  # 助学金 overlapping the phrase 助学: one topic, one group
            s, e, overlap = hit
            if word not in overlap.terms and is_informative(word):
                overlap.terms.append(word)
                if s <= start and pos <= e and overlap.cover:  # 社保 said inside 交社保 covers it too
                    overlap.cover = (*overlap.cover, word)
            continue
        if not is_informative(word) or (asks_units and word in UNIT_WORDS):
            if _NUMERIC.match(word) and (n := _leading_number(word)):
                numbers.append(n)
            continue
        if any(g.word == word for g in groups):  # a repeated word counts once
            continue
        terms = [word]
        if len(word) > 2:
            terms.extend(t for t in tokenize(word, normalized=True) if t != word and len(t) >= 2)
        groups.append(TermGroup(word, terms, span=(start, pos), required=word not in AGENCY_WORDS))
    # "进哪个站", "去哪家厂": a one-character noun after 哪个 names the kind of thing asked for. It
    # is no word of its own (too short to be informative), so it helps retrieval only — through the
    # corpus words ending in it (服务站, 工作站) — and is never required for coverage.
    pos = 0
    for i, word in enumerate(words[:-1]):
        pos += len(word)
        nxt = words[i + 1]
        if word in WHICH_WORDS and len(nxt) == 1 and "\u4e00" <= nxt <= "\u9fff" and nxt not in STOPWORDS:
            kinds = [nxt, *sorted(w for w in vocabulary if w.endswith(nxt) and 2 <= len(w) <= 3)]
            groups.append(TermGroup(nxt, kinds, expansion=True, required=False))
    if sound_alikes:
        _add_sound_alikes(text, groups, vocabulary, sound_alikes)
    asks_age = bool(AGE.search(text))
    if asks_age:  # an age ("五十好几", "58岁") points to the clauses that state age limits
        groups.append(TermGroup("岁", ["岁", "周岁", "年龄", "年满"], expansion=True, required=False))
    asks_amount = any(c in text for c in AMOUNT_CUES)
    asks_place = bool(PLACE_CUE.search(text))
    return Analysed(text, groups, asks_units, asks_date, asks_amount, asks_place, numbers, asks_age,
                    asks_money=bool(MONEY_CUE.search(text)) or _doubts_sum(text), asks_duration=bool(DURATION_CUE.search(text)))


def _doubts_sum(text: str) -> bool:
    return any(DOUBT.search(text, m.end(), m.end() + DOUBT_SPAN) for m in STATED_SUM.finditer(text))


def _add_sound_alikes(text: str, groups: list[TermGroup], vocabulary: frozenset[str],
                      sound_alikes: dict[str, str]) -> None:
    """A misspelt word (保线, 公意性) gains the corpus word that sounds the same (保险, 公益性)."""
    for run in _CJK_RUN.findall(text):
        for n in (4, 3, 2):
            for i in range(len(run) - n + 1):
                window = run[i : i + n]
                if window in vocabulary:
                    continue
                target = sound_alikes.get(pinyin_of(window))
                if not target or target == window:
                    continue
                same = sum(a == b for a, b in zip(window, target, strict=True))
                if same == 0:  # all characters different: a different word, not a slip
                    continue
                # Only a question word that overlaps the window may take the correction: a window
                # straddling two known words (政府有 → 府有 ≈ 负有) is not a slip.
                owner = next((g for g in groups if not g.expansion and g.word not in vocabulary
                              and (window in g.word or g.word in window)), None)
                if owner is not None and target not in owner.terms:
                    owner.terms.append(target)
