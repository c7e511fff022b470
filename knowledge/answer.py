"""Answer composer: best sentences of the best clause, a short lead, the citation — or a calibrated "don't know"."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from knowledge.index import AMOUNT, Hit, PolicyIndex, general_pos
from knowledge.query import MONEY_WORDS, Analysed, TermGroup

WECHAT_MAX_BYTES = 2048
MIN_COVERAGE = 0.625  # share of the question's informative (IDF-weighted) words the clause must cover
FULL_COVERAGE = 0.85  # a clause covering this much of the question needs no strength check
MIN_COVERED = 1.6  # and the covered words must weigh at least this much (补贴 alone is not a topic)
SECOND_SOURCE_RATIO = 0.8
MAX_BODY_CHARS = 460  # of the best clause; with the lead, citation and a second source well under 2048 bytes
MAX_SENTENCES = 4
# A sum of money (or a share of one); "不低于当地最低工资标准" states a level by reference, which
# answers "生活补贴有多少" — unlike "随最低工资标准提高而逐步提高", which states none.
SUM = re.compile(r"\d+(?:\.\d+)?(?:[-—]\d+)?\s*(?:万元|元|%)|不低于[^，。；]{0,6}最低工资标准")
SPAN = re.compile(r"\d+(?:[-—]\d+)?\s*(?:个)?(?:年|个月|周|天|日)|每(?:半)?(?:年|季度|月)|半年")  # a length of time
SUM_WINDOW = 30  # characters between a quantity and the word saying what it is for

FALLBACK_TEXT = (
    "抱歉，这个问题在我掌握的就业扶贫政策文件里没有找到答案。\n"
    "我可以回答：就业创业补贴、公益性岗位、职业技能培训和补贴、技工院校招生和资助、城乡居民养老保险代缴、"
    "工伤和失业保险、高校毕业生求职创业补贴、三支一扶、重点县人才政策、各项工作的责任单位和时间要求等。\n"
    "需要人工帮助请回复“人工”，或联系当地村（社区）劳动保障协理员。"
)
EMPTY_TEXT = "您好，请用文字把问题发给我，例如：“贫困家庭大学生找工作有补贴吗？”"
GARBLED_TEXT = "抱歉，没看懂您的问题。请用中文文字描述，例如：“我想开个小店，有创业补贴吗？”"
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass
class Source:
    """Where an answer comes from: document, human citation, the quoted text and its score."""

    doc: str
    citation: str
    text: str
    score: float


@dataclass
class Answer:
    """What ``jiuye ask`` prints and the bot sends: reply text, fallback flag and sources."""

    q: str
    answer: str
    fallback: bool
    sources: list[Source] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON contract: {"q", "answer", "fallback", "sources": [{"doc", "citation", "text", "score"}]}."""
        return {"q": self.q, "answer": self.answer, "fallback": self.fallback,
                "sources": [asdict(s) for s in self.sources]}


def _fit_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "…"


def _pick_sentences(index: PolicyIndex, hit: Hit, a: Analysed, max_chars: int = MAX_BODY_CHARS) -> list[str]:
    """The best sentence, then sentences that cover question words the chosen ones miss, then runners-up."""
    sentences = hit.clause.sentences or [hit.clause.text]
    scores = list(hit.sentence_scores) or [0.0] * len(sentences)
    if len(scores) != len(sentences):
        scores = [0.0] * len(sentences)
    weights = [index.term_weight(g) for g in a.groups]
    covers = [
        {j for j, g in enumerate(a.groups) if any(t in sent for t in (g.cover or g.terms) if len(t) >= 2)}
        for sent in sentences
    ]
    order = sorted(range(len(sentences)), key=lambda i: -scores[i])
    chosen = [order[0]]
    used = len(sentences[order[0]])
    covered = set(covers[order[0]])
    while len(chosen) < MAX_SENTENCES:
        gain = {i: sum(weights[j] for j in covers[i] - covered) for i in order if i not in chosen}
        best = max(gain, key=lambda i: (gain[i], scores[i]), default=None)
        if best is None or gain[best] <= 0 or used + len(sentences[best]) > max_chars:
            break
        chosen.append(best)
        used += len(sentences[best])
        covered |= covers[best]
    for i in order:
        if len(chosen) >= MAX_SENTENCES or scores[i] < 0.3 * scores[order[0]]:
            break
        if i not in chosen and used + len(sentences[i]) <= max_chars:
            chosen.append(i)
            used += len(sentences[i])
    return [sentences[i] for i in sorted(chosen)]


def _second_sentence(index: PolicyIndex, hit: Hit, a: Analysed, said: str) -> str:
    """The runner-up clause's sentence with the asker's own words the answer lacks (免学费 where the
    answer says 减免相关费用), else its best-scoring one; at most 160 characters."""
    sentences = hit.clause.sentences or [hit.clause.text]
    scores = hit.sentence_scores if len(hit.sentence_scores) == len(sentences) else [0.0] * len(sentences)
    missing = [g for g in a.groups if g.word not in said]

    def gain(i: int) -> float:
        return sum(index.term_weight(g) for g in missing if g.word in sentences[i])

    def states(i: int) -> bool:  # "多少" wants the sentence with the number
        return a.asks_amount and not a.asks_date and bool(AMOUNT.search(sentences[i]))

    fits = [i for i in range(len(sentences)) if len(sentences[i]) <= 160] or [0]
    return sentences[max(fits, key=lambda i: (states(i), gain(i), scores[i]))][:160]


def states_quantity_for(a: Analysed, hit: Hit, quantity: re.Pattern[str]) -> bool:
    """Does the clause state a quantity (a sum, a length of time) next to what the question asks about?

    低保 named in a list of 代缴 groups beside "50%" does not say what 低保 pays; a clause saying
    only that 失业保险待遇 rises with the minimum wage states no sum either.
    """
    topics = [g for g in a.groups if g.required and g.word not in MONEY_WORDS and not g.doc_ref]
    if not topics:
        return True
    for sentence in hit.clause.sentences or [hit.clause.text]:
        found = [m.span() for m in quantity.finditer(sentence)]
        if not found:
            continue
        for g in topics:
            for t in {g.word, *(t for t in (*g.terms, *g.cover) if len(t) >= 2)} - MONEY_WORDS:
                at = sentence.find(t)
                while at >= 0:
                    # A word inside the quantity itself (最低工资 in "不低于…最低工资标准") is what
                    # the level refers to, not what it is paid for.
                    if any(at - SUM_WINDOW <= e and s <= at + len(t) + SUM_WINDOW
                           and not (s <= at and at + len(t) <= e) for s, e in found):
                        return True
                    at = sentence.find(t, at + 1)
    return False


def states_what_is_asked(a: Analysed, hit: Hit) -> bool:
    """A "how much money" or "how long" question is answered only by a clause stating one."""
    if a.asks_money and not states_quantity_for(a, hit, SUM):
        return False
    return not (a.asks_duration and not states_quantity_for(a, hit, SPAN))


_PRICED = re.compile(r"(?:是|有|能|为|大概|一般){0,2}(?:多少|几)")


def priced_word(a: Analysed) -> TermGroup | None:
    """In "扶贫车间工人的最低工资是多少" the noun right before "(是)多少" is what the sum is asked for
    (a verb fragment such as 能补 or a time word such as 当年 is not)."""
    if not a.asks_money:
        return None
    for m in _PRICED.finditer(a.text):
        head = next((g for g in a.groups if g.span[1] == m.start() and g.required and not g.expansion
                     and g.word not in MONEY_WORDS and general_pos(g.word)[:1] == "n"), None)
        if head is not None:
            return head
    return None


def accept(index: PolicyIndex, hit: Hit, a: Analysed | None = None) -> bool:
    """Answer only when the clause covers the question's informative words well enough."""
    strong_enough = hit.strength >= index.min_strength_ or hit.coverage >= FULL_COVERAGE
    covered = (hit.coverage >= MIN_COVERAGE and hit.covered_weight >= MIN_COVERED
               and hit.score >= index.min_score_ and strong_enough)
    if a is None or not covered:
        return covered
    head = priced_word(a)
    if head is not None and not index.covers_word(head, hit.clause):  # a sum for something else
        return False
    return states_what_is_asked(a, hit)


def fallback_answer(question: str) -> Answer:
    """The calibrated "don't know": what can be asked, and how to reach a person."""
    return Answer(question, FALLBACK_TEXT, True)


def compose(index: PolicyIndex, question: str) -> Answer:
    """Question → Answer; empty or unreadable input gets a short Chinese prompt instead."""
    q = question if isinstance(question, str) else str(question)
    if not q.strip():
        return Answer(q, EMPTY_TEXT, True)
    if not _READABLE.search(q):
        return Answer(q, GARBLED_TEXT, True)
    a = index.analyse(q)
    if not a.groups:
        return fallback_answer(q)
    hits = index.search(a, k=3)
    if hits and accept(index, hits[0]) and not accept(index, hits[0], a):
        hits = hits[1:]  # the best clause states no sum or time span: a runner-up that does may answer
    elif a.asks_amount and not a.asks_date and hits and not states_quantity_for(a, hits[0], AMOUNT):
        # "多少名额": an accepted runner-up stating a number beside the topic beats one that states none.
        better = next((h for h in hits[1:] if accept(index, h, a) and states_quantity_for(a, h, AMOUNT)), None)
        if better is not None:
            hits = [better, *(h for h in hits if h is not better)]
    if not hits or not accept(index, hits[0], a):
        return fallback_answer(q)
    top = hits[0]
    clause = top.clause
    picked = _pick_sentences(index, top, a)
    head = f"这项工作的责任单位是：{clause.units_note}。\n" if a.asks_units and clause.units_note else ""
    lead = f"【{clause.heading}】" if clause.heading else ""
    cite = f"\n（出处：{clause.citation}）"
    sources = [Source(clause.doc, clause.citation, "".join(picked), round(top.score, 3))]
    also = ""
    for other in hits[1:2]:
        if (accept(index, other, a) and other.score >= SECOND_SOURCE_RATIO * top.score
                and other.clause.id != clause.id):
            more = _second_sentence(index, other, a, "".join(picked))
            also = f"\n另见{other.clause.citation}：{more}"
            sources.append(Source(other.clause.doc, other.clause.citation, more, round(other.score, 3)))
    # The citation always survives the WeChat limit: the second source goes first, then the body is cut.
    body_budget = WECHAT_MAX_BYTES - len((head + cite).encode("utf-8"))
    if len((lead + "".join(picked) + also).encode("utf-8")) > body_budget:
        also = ""
        sources = sources[:1]
    body = _fit_bytes(lead + "".join(picked), body_budget)
    return Answer(q, head + body + cite + also, False, sources)
