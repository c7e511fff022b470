"""Answer composer: best sentences of the best clause, a short lead, the citation — or a calibrated "don't know"."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from knowledge.answer_rules import SPAN, SUM
from knowledge.index import AMOUNT, DATE, PolicyIndex
from knowledge.query import Analysed
from knowledge.segment import Clause

WECHAT_MAX_BYTES = 2048
MAX_BODY_CHARS = 460  # of the best clause; with the lead, citation and a second source well under 2048 bytes

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
class Suggestion:
    """A "did you mean" choice: the clause it would answer from and a short title."""

    clause_id: str
    title: str


@dataclass
class Answer:
    """What ``jiuye ask`` prints and the bot sends: reply text, fallback flag and sources.

    ``clause_id`` names the clause answered; ``topic`` is what to pass back as ``topic=`` with the
    next message, so a follow-up without a subject (能给多少, 去哪办) is read against this one;
    ``suggestions`` are the numbered "did you mean" choices of a close decline.
    """

    q: str
    answer: str
    fallback: bool
    sources: list[Source] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    clause_id: str | None = None
    topic: str | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict:
        """The JSON contract: {"q", "answer", "fallback", "sources": [{"doc", "citation", "text", "score"}],
        "suggestions": [{"clause_id", "title"}]}."""
        return {"q": self.q, "answer": self.answer, "fallback": self.fallback,
                "sources": [asdict(s) for s in self.sources],
                "suggestions": [asdict(s) for s in self.suggestions]}


def _fit_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "…"


FRAGMENT = re.compile(r"[^，；：,;:]+[，；：,;:]?")
_CONDITION = re.compile(r"^(?:对|凡|符合|凡是)|(?:的|等)$")  # to whom or on what condition, not what is given
LEAD_MAX = 40  # characters of the first line: the direct answer a low-literacy reader needs
BODY_SENTENCES = 2
AGE_LIMIT = re.compile(r"\d+周岁|年龄")
# Money the documents pay to an institution, not to the person (整建制购买培训, 直接补贴培训机构).
TO_INSTITUTION = re.compile(r"承接主体|直接补贴(?:培训)?机构|补贴(?:给|到)(?:培训)?(?:机构|企业|单位)")


def _relevance(index: PolicyIndex, a: Analysed, text: str) -> float:
    """How much of the ask a piece of text covers, with a bonus for stating what is asked."""
    score = sum(index.term_weight(g) for g in a.groups if g.required
                and any(t in text for t in (g.cover or g.terms) if len(t) >= 2))
    if a.asks_money and SUM.search(text):
        score += 3.0
    elif a.asks_amount and not a.asks_date and AMOUNT.search(text):
        score += 2.0
    if a.asks_duration and SPAN.search(text):
        score += 2.0
    if a.asks_date and DATE.search(text):
        score += 2.0
    if a.asks_age and AGE_LIMIT.search(text):
        score += 2.0
    return score


def pick_sentences(index: PolicyIndex, clause: Clause, a: Analysed, base: list[float] | None = None,
                   story: Analysed | None = None) -> list[str]:
    """At most two sentences: the one answering the ask best, then one adding asked words it lacks.

    The story (the whole message) counts at half weight: it often names what the ask only points at.
    """
    sentences = clause.sentences or [clause.text]
    base = base if base is not None and len(base) == len(sentences) else [0.0] * len(sentences)
    top = max(base) or 1.0
    rel = [_relevance(index, a, s) + b / top + (0.5 * _relevance(index, story, s) if story else 0.0)
           for s, b in zip(sentences, base, strict=True)]
    first = max(range(len(sentences)), key=lambda i: (rel[i], -i))
    chosen = [first]
    said = sentences[first]
    missing = [g for g in a.groups if g.required and not any(t in said for t in (g.cover or g.terms) if len(t) >= 2)]
    gain = {i: sum(index.term_weight(g) for g in missing if any(t in sentences[i] for t in (g.cover or g.terms)
                                                                if len(t) >= 2))
            for i in range(len(sentences)) if i != first}
    if gain:
        second = max(gain, key=lambda i: (gain[i], rel[i]))
        if (gain[second] > 0 or rel[second] >= 0.6 * rel[first] > 0) and \
                len(said) + len(sentences[second]) <= MAX_BODY_CHARS:
            chosen.append(second)
    return [sentences[i] for i in sorted(chosen[:BODY_SENTENCES])]


def lead_line(index: PolicyIndex, clause: Clause, a: Analysed, body: list[str]) -> str:
    """The first line (≤40 characters): who is responsible, or the phrase stating what is asked."""
    if a.asks_units and clause.units_note:
        units = clause.units_note
        if len(units) > LEAD_MAX - 6:
            cut = units[: LEAD_MAX - 7]
            units = cut[: max(cut.rfind("、"), 4)] + "等单位"
        return f"由{units}负责。"
    fragments = [f.strip("，；：,;: ") for s in body for f in FRAGMENT.findall(s)]
    fragments = [f for f in fragments if len(f) >= 4] or [body[0]]
    rel = [_relevance(index, a, f) for f in fragments]
    i = max(range(len(fragments)), key=lambda k: (rel[k], -k))
    # "对建档立卡…等困难群体" only says to whom: the line is what is done for them, said after it
    while _CONDITION.search(fragments[i]) and i + 1 < len(fragments):
        i += 1
    text = fragments[i]
    if len(text) < 10 and i > 0:  # "给予2000元" leans on what comes before it
        text = fragments[i - 1] + "，" + text
    elif len(text) < 10 and i + 1 < len(fragments):  # "在此基础上" says nothing until what follows it
        text = text + "，" + fragments[i + 1]
    if len(text) > LEAD_MAX:
        text = _around_asked(text, a, index)
    return text.rstrip("。") + "。"


def _around_asked(text: str, a: Analysed, index: PolicyIndex) -> str:
    """A 40-character window of a long phrase, placed on the quantity or the best-covered ask word."""
    anchor = None
    for pattern, wanted in ((SUM, a.asks_money), (SPAN, a.asks_duration), (DATE, a.asks_date),
                            (AGE_LIMIT, a.asks_age), (AMOUNT, a.asks_amount)):
        m = pattern.search(text) if wanted else None
        if m:
            anchor = m.start()
            break
    if anchor is None:
        hits = [(index.term_weight(g), text.find(t)) for g in a.groups if g.required
                for t in (g.cover or g.terms) if len(t) >= 2 and t in text]
        anchor = max(hits)[1] if hits else 0
    start = max(0, min(anchor - LEAD_MAX // 2, len(text) - (LEAD_MAX - 1)))
    window = text[start : start + LEAD_MAX - 1]
    return ("…" if start else "") + window


def render(index: PolicyIndex, clause: Clause, a: Analysed, question: str, *, base: list[float] | None = None,
           story: Analysed | None = None, personal: str = "", score: float = 0.0,
           also: tuple[Clause, str] | None = None) -> Answer:
    """A cited answer from one clause: lead line, at most two sentences, the citation, maybe one more fact."""
    body = pick_sentences(index, clause, a, base, story)
    lead = personal or lead_line(index, clause, a, body)
    note = ""
    if a.asks_money and any(SUM.search(x) and TO_INSTITUTION.search(x) for x in body):
        note = "\n（注：这部分钱由政府拨给培训机构或企业，不直接发给个人。）"
    heading = f"【{clause.heading}】" if clause.heading else ""
    if a.asks_units and clause.units_note and not personal:
        heading = f"责任单位：{clause.units_note}\n{heading}"
    cite = f"\n（出处：{clause.citation}）"
    sources = [Source(clause.doc, clause.citation, "".join(body), round(score, 3))]
    extra = ""
    if also is not None:
        other, sentence = also
        extra = f"\n另见{other.citation}：{sentence}"
        sources.append(Source(other.doc, other.citation, sentence, 0.0))
    head = lead + "\n"
    budget = WECHAT_MAX_BYTES - len((head + cite + note).encode("utf-8"))
    if len((heading + "".join(body) + extra).encode("utf-8")) > budget:
        extra, sources = "", sources[:1]
    text = head + _fit_bytes(heading + "".join(body), budget) + note + cite + extra
    return Answer(question, text, False, sources, clause_id=clause.id, confidence=score)


def fallback_answer(question: str, text: str = FALLBACK_TEXT) -> Answer:
    """The calibrated "don't know": what can be asked, and how to reach a person."""
    return Answer(question, text, True)
