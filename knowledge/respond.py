"""A message in, an answer out: split the message, read it, let the learned decider answer or decline.

>>> respond(index, reader, decider, "俺五十八了女的 想学养老护理 年纪大了陪训补帖领不了 是不是真的")
"""

from __future__ import annotations

import re

import numpy as np

from core.text import normalize
from knowledge.answer import (
    EMPTY_TEXT,
    FALLBACK_TEXT,
    GARBLED_TEXT,
    WECHAT_MAX_BYTES,
    Answer,
    Suggestion,
    fallback_answer,
    pick_sentences,
    render,
)
from knowledge.asks import KINDS, NAMES, asked, stated
from knowledge.decider import AnswerDecider, Decision
from knowledge.features import FEATURES, Candidate, Reader
from knowledge.figures import clause_for, figures
from knowledge.index import PolicyIndex
from knowledge.message import PEOPLE, QUESTION, Message, split_message
from knowledge.personal import personal_line, told_over
from knowledge.query import MONEY_WORDS, Analysed
from knowledge.segment import Clause

_TAGS = re.compile(r"<[^>]{0,200}>")
_CJK = re.compile(r"[\u4e00-\u9fff]")
FOLLOW_UP_MAX_CHARS = 16  # "去哪里申请 要啥材料": short, and naming no topic of its own
TOPIC_WORD_IDF = 1.2  # a corpus word rarer than this names a topic (申请, 材料, 条件 do not)
ALSO_RATIO = 0.65  # a runner-up clause rated this share of the best is quoted too ("另见…")
MISSING = {"money_missing": "具体金额", "span_missing": "具体期限", "date_missing": "具体时间"}
CHOICES_TAIL = "回复数字看答案；都不是请换个说法问，或回复“人工”。"
# What a follow-up without a subject asks (能给多少, 去哪办, 要啥材料, 那我呢); "我家的猫不吃饭怎么办" is none.
_FOLLOW_UP = re.compile(r"^(?:那|还有|那么)|呢[?？]?$|多少|几|哪|谁|条件|材料|手续|证明|申请|办理|能领|能拿|能给|给多|"
                        r"要求|标准|时候|多久|期限|算不算|行不行|可以吗|能不能|够不够|符合")
# "那要考试吗", "还得面试不": what one must do, asked right after an answer, is asked of its subject
_LEANS_BACK = re.compile(r"(?:那|还)?(?:要|得|需要|用)(?!是)")
ANOTHER = re.compile(r"^那(?:我|俺|阮|咱)?家?(?:" + PEOPLE.pattern + r")\S{0,3}?呢")
# Numbered questions ("1.… 2.… 3.…", "1)… 2)…", "①… ②…") are separate questions too.
_SEPARATE = re.compile(r"(?<=[?？])|(?=另外|还有个?问题|顺便|再问|此外)"
                       r"|(?<=[\s，,。；;：:])(?=[(（]?[2-9][.．、)）](?!\d)|[②-⑨])")
_FIRST_PERSON = re.compile(r"[我俺阮咱侬𠊎]|本人|自己|自家")  # 𠊎: Hakka "I"
# A firm or workshop writing about its workers: the entitlement verdicts are a labourer's, not theirs.
_EMPLOYER = re.compile(r"(?:我们|我|本|咱)(?:是|们)?(?:公司|企业|单位|工厂|厂|车间|合作社|基地)|HR|人事(?:部|这边)|招用了|企业层面")


def clean_question(question: object) -> str:
    """The text of a message as a question: markup out, never None."""
    text = question if isinstance(question, str) else ("" if question is None else str(question))
    return _TAGS.sub(" ", text)


def parse_topic(topic: str | None) -> tuple[str | None, str]:
    """A topic token is "clause_id<TAB>the ask it answered"; a bare clause id is accepted too."""
    if not topic:
        return None, ""
    clause_id, _, ask = topic.partition("\t")
    return clause_id or None, ask


def names_a_topic(index: PolicyIndex, a: Analysed) -> bool:
    """Does the ask name something of its own (创业补贴, 技校), or lean on what was said before (能给多少)?"""
    for g in a.groups:
        if not g.required or g.word in MONEY_WORDS:
            continue
        if any(index.term_idf_.get(t, 0.0) >= TOPIC_WORD_IDF for t in g.terms if t not in MONEY_WORDS):
            return True
        if g.word not in index.vocabulary_ and index.term_weight(g) >= 0.9 * index.unseen_idf_:
            return True  # a rare word the documents lack (医保, 公积金): a topic, maybe outside them
    return False


def _leaves(index: PolicyIndex, topic_id: str, a: Analysed) -> bool:
    """Does the ask name a subject of the documents (a word of some clause's heading) that the clause
    just discussed lacks ("那创业呢" after the pension clause)? Then it asks about something else,
    however common the word; "去哪报名" names no subject and stays on the clause."""
    text = _clause_text(index, topic_id)
    if not text:
        return False
    headings = _headings(index)
    return any(g.required and g.word in headings and g.word not in text for g in a.groups)


def _within(index: PolicyIndex, topic_id: str, a: Analysed) -> bool:
    """Every word the ask leans on is in the clause just discussed ("学费要交吗" after the 技校 clause);
    "我家的猫不吃饭怎么办" is not a follow-up of anything."""
    text = _clause_text(index, topic_id)
    return bool(text) and all(g.word in text for g in a.groups if g.required)


def _clause_text(index: PolicyIndex, clause_id: str) -> str:
    """A clause's heading and text ("" when the id is unknown, e.g. after a document was removed)."""
    clause = next((c for c in index.clauses_ if c.id == clause_id), None)
    return (clause.heading or "") + clause.text if clause is not None else ""


def _headings(index: PolicyIndex) -> str:
    if not hasattr(index, "_headings_text"):
        index._headings_text = "".join(c.heading or "" for c in index.clauses_)  # type: ignore[attr-defined]
    return index._headings_text  # type: ignore[attr-defined,no-any-return]


def respond(index: PolicyIndex, reader: Reader, decider: AnswerDecider, question: object, *,
            topic: str | None = None, known: dict | None = None) -> Answer:
    """Answer one message (a follow-up is read against ``topic``), or decline honestly. ``known``: what a
    register already holds of the writer (age, 建档立卡 …), under what the message itself says."""
    q = clean_question(question)
    if not q.strip():
        return Answer(q, EMPTY_TEXT, True)
    if len(_CJK.findall(q)) < 2:
        return Answer(q, GARBLED_TEXT, True)
    if (figure := _figure(index, q)) is not None:  # "文件里那个三百五是给谁的": the clause stating that figure
        return figure
    message = split_message(q)
    if known and message.facts.get("relation", "self") == "self":  # the writer's record, not a relative's
        message.facts = told_over(known, message.facts)
    topic_id, topic_ask = parse_topic(topic)
    leaning = index.analyse(PEOPLE.sub("", message.ask))  # "那他老婆呢": a person is not a new topic
    # "那我能不能领 我五十七了 建档立卡户": a follow-up that tells the person's facts after its short ask
    short = len(message.text) <= FOLLOW_UP_MAX_CHARS or (
        message.text.startswith("那") and len(message.ask) <= FOLLOW_UP_MAX_CHARS and bool(message.facts))
    # "那我老婆呢 她五十 一个户口本上的": the same question for another person, whatever the facts after it
    # name; "她脚不好走不了远路 去哪里办": a message opening on 她 leans on the person just discussed
    leans = bool(re.match(r"[他她]", message.text)) and len(message.text) <= 2 * FOLLOW_UP_MAX_CHARS
    tid = topic_id or ""
    follow = bool(tid) and (
        (short or leans)
        and bool(_FOLLOW_UP.search(message.text) or (QUESTION.search(message.text) and _within(index, tid, leaning)))
        and (leans or not names_a_topic(index, leaning) or _within(index, tid, leaning))
        and not _leaves(index, tid, leaning))
    if topic_id and not follow and ANOTHER.match(message.text):
        # the same question for another person, unless their facts rule the clause out ("那我爸呢 他63了
        # 一直没交过养老保险" after the 代缴 clause is the 补办 question)
        clause = next((c for c in index.clauses_ if c.id == topic_id), None)
        follow = clause is not None and "可能不适用" not in personal_line(clause, message.facts, ask=message.ask)
    if topic_id and not follow and short and _LEANS_BACK.match(message.text):
        # "那要考试吗" after the 技校 clause: 考试 names a subject of its own, yet read with what was asked
        # before, the same clause comes first (its 免试入学 answers it)
        again = decider.decide(reader.read(_with_topic(message, topic_ask), None))
        follow = again.best is not None and index.clauses_[again.reading.candidates[again.best].index].id == topic_id
    if follow:
        message = _with_topic(message, topic_ask)
    else:
        topic_id = None
    decision = decider.decide(reader.read(message, topic_id))
    if decision.answer and decision.best is not None:
        return _answer(index, decider, decision, q, message)
    if topic_id:
        return _on_topic(index, topic_id, decision, q, message)
    return (_in_parts(index, reader, decider, q, message) or _procedure_aside(index, reader, decider, q, message)
            or _decline(index, decision, q))


def _figure(index: PolicyIndex, q: str) -> Answer | None:
    if not hasattr(index, "_figures"):
        index._figures = [figures(c.text) for c in index.clauses_]  # type: ignore[attr-defined]
    found = clause_for(index.clauses_, index._figures, q)  # type: ignore[attr-defined]
    if found is None:
        return None
    clause, sentence = found
    lead = sentence if len(sentence) <= 90 else sentence[:89] + "…"
    ans = render(index, clause, index.analyse(q), q, personal=lead)
    ans.topic = f"{clause.id}\t{q[-60:]}"
    return ans


def questions_of(message: Message) -> list[str]:
    """The separate questions of one message, marked as such by a question mark or a 另外 / 还有 /
    顺便问 ("公益性岗位工资多少？另外给不给社保补贴？"), each with what was told before it; [] for one
    question. Run-on clauses ("几月办 培训几天") stay one question: they ask about one thing."""
    parts: list[str] = []
    told = ""
    for piece in _SEPARATE.split(normalize(message.raw or message.text, keep_space=True)):
        told += piece
        if QUESTION.search(piece) and len(_CJK.findall(piece)) >= 2:
            parts.append(told)
            told = ""
    if told and parts:
        parts[-1] += told
    return parts if len(parts) >= 2 else []


UNMARKED_MIN = 5  # characters of an unmarked question clause tried on its own ("那低保呢" leans on the next)
UNMARKED_MAX = 30  # a longer message is a story with one ask, not questions run together


def question_clauses(message: Message) -> list[str]:
    """"扶贫车间是啥 活能拿回家做吗": questions run together without a mark, each clause that asks
    (with the story told before it), for a message declined whole; [] when fewer than two ask."""
    if len(message.text) > UNMARKED_MAX:
        return []
    parts: list[str] = []
    told = ""
    for clause in message.clauses:
        told += clause + " "
        if QUESTION.search(clause) and len(_CJK.findall(clause)) >= UNMARKED_MIN:
            parts.append(told.strip())
            told = ""
    return parts if len(parts) >= 2 else []


def _in_parts(index: PolicyIndex, reader: Reader, decider: AnswerDecider, q: str, message: Message) -> Answer | None:
    """A message declined as a whole because one of its questions is outside the documents: each
    question on its own, the ones the documents answer answered and the others named as not covered."""
    answered: list[Answer] = []
    missing: list[str] = []
    for part in questions_of(message) or question_clauses(message):
        m = split_message(part)
        d = decider.decide(reader.read(m, None))
        if d.answer and d.best is not None:
            a = _answer(index, decider, d, part, m)
            if all(a.clause_id != b.clause_id for b in answered):
                answered.append(a)
        else:
            missing.append(re.sub(r"^(?:另外|还有|顺便问下?|再问一下|对了)[，,]?|[?？,，。\s]+$", "", part)[-24:])
    if not answered:
        return None
    notes = ["另外，您问的" + "、".join(f"“{x}”" for x in missing) + "，文件里没有写，具体请问当地人社部门（也可回复“人工”）。"
             ] if missing else []
    texts = [a.answer for a in answered]
    text = "\n——\n".join(texts + notes)
    if len(text.encode("utf-8")) > WECHAT_MAX_BYTES:  # the later answers shortened to their lead and citation
        texts = texts[:1] + [t.splitlines()[0] + "\n" + t.splitlines()[-1] for t in texts[1:]]
        text = "\n——\n".join(texts + notes)
    first = answered[0]
    return Answer(q, text, False, [s for a in answered for s in a.sources], [], first.clause_id, first.topic,
                  min(a.confidence for a in answered))


# "去哪报名", "找谁办": where to go, which the documents rarely say, asked beside what they do say
_PROCEDURE = re.compile(r"(?:去|到|在)?(?:哪里|哪儿|哪)(?:报名|报|办理?|申请|领|登记)|找谁(?:办|报名|申请)?|(?:怎么|咋)(?:报名|申请)")


def _procedure_aside(index: PolicyIndex, reader: Reader, decider: AnswerDecider, q: str,
                     message: Message) -> Answer | None:
    """"技校那个要考试不 去哪报名", "学手艺去哪报名 要钱不": declined whole for the where-to-go part; the
    rest answered, and the where-to-go named as not in the documents. None when the rest is declined too."""
    m = _PROCEDURE.search(message.text)
    if m is None:
        return None
    rest = f"{message.text[: m.start()]} {message.text[m.end():]}".strip()
    if not QUESTION.search(rest) or len(_CJK.findall(rest)) < 3:
        return None
    part = split_message(rest)
    d = decider.decide(reader.read(part, None))
    if not (d.answer and d.best is not None):
        return None
    a = _answer(index, decider, d, rest, part)
    note = f"另外，{m.group(0)}文件里没有写，具体请问当地人社部门或村里的劳动保障协理员（也可回复“人工”）。"
    return Answer(q, f"{a.answer}\n——\n{note}", False, a.sources, [], a.clause_id, a.topic, a.confidence)


def _on_topic(index: PolicyIndex, topic_id: str, decision: Decision, q: str, message: Message) -> Answer:
    """A follow-up (去哪办, 要啥材料) on the clause just discussed: answer from it, saying plainly what
    it does not state instead of quoting a near clause or giving up."""
    clause = next((c for c in index.clauses_ if c.id == topic_id), None)
    if clause is None:
        return _decline(index, decision, q)
    reading = decision.reading
    wanted = asked(message.ask)
    missing = [NAMES[k] for k in KINDS if k in wanted and k not in stated(clause.text)
               and not (k == "who" and clause.units_note)]
    lead = ""
    if missing:
        lead = f"文件里没有写明{'和'.join(missing[:2])}，具体请问当地人社部门或乡镇劳动保障事务所（也可回复“人工”）。"
    ans = render(index, clause, reading.ask, q, story=reading.full, personal=lead)
    ans.topic = f"{clause.id}\t{message.ask[-60:]}"
    return ans


def _with_topic(message: Message, topic_ask: str) -> Message:
    joined = split_message(f"{topic_ask}，{message.raw}")
    return Message(message.raw, joined.text, joined.ask, joined.story, joined.clauses, message.facts)


VERDICT_ASKS = frozenset({"money", "age", "span"})  # kinds of ask a personal verdict answers


def _answer(index: PolicyIndex, decider: AnswerDecider, decision: Decision, q: str, message: Message) -> Answer:
    reading = decision.reading
    cand = reading.candidates[decision.best]  # type: ignore[index]
    clause = index.clauses_[cand.index]
    # Only a message about the writer or their family gets a verdict: "贫困家庭高校毕业生是谁负责" is not.
    about_someone = bool(_FIRST_PERSON.search(message.raw)) or message.facts.get("relation", "self") != "self"
    if _EMPLOYER.search(message.raw):  # "我们是食品加工企业…": a firm asks, no labourer's verdict
        about_someone = False
    # A verdict answers "can I get it" (and how much, from what age); "归哪个处管", "证什么时候发到位",
    # "去哪办" ask something else about it, and a verdict in the first line would hide the answer.
    other_ask = bool(asked(message.ask) - VERDICT_ASKS)
    personal = personal_line(clause, message.facts, ask=message.ask) if about_someone and not other_ask and (
        message.is_story or len(message.facts) > 2) else ""
    ans = render(index, clause, reading.ask, q, base=_sentence_base(cand), story=reading.full,
                 score=decision.confidence, personal=personal, also=_also(index, decision, clause))
    ans.topic = f"{clause.id}\t{message.ask[-60:]}"
    return ans


def _sentence_base(cand: Candidate) -> list[float] | None:
    """Each sentence's retrieval score, the ask's and the whole message's scaled and added."""
    base = None
    for hit in (cand.ask, cand.full):
        if hit is not None and hit.sentence_scores:
            top = max(hit.sentence_scores) or 1.0
            scaled = [x / top for x in hit.sentence_scores]
            base = scaled if base is None else [x + y for x, y in zip(base, scaled, strict=True)]
    return base


def _also(index: PolicyIndex, decision: Decision, clause: Clause) -> tuple[Clause, str] | None:
    """The runner-up clause's best sentence when the decider rates it nearly as high: mostly the other
    document's wording of the same policy (258号 三（三） and 251号 item 9 on technical schools)."""
    p = decision.probabilities
    if len(p) < 2:
        return None
    second = int(np.argsort(-p)[1])
    if p[second] < ALSO_RATIO * p[decision.best]:
        return None
    cand = decision.reading.candidates[second]
    other = index.clauses_[cand.index]
    if other.id == clause.id:
        return None
    said = pick_sentences(index, other, decision.reading.ask, _sentence_base(cand), decision.reading.full)
    return (other, said[0]) if said else None


def _decline(index: PolicyIndex, decision: Decision, q: str) -> Answer:
    reading = decision.reading
    if decision.best is not None and decision.suggestions:
        row = reading.rows[decision.best]
        lacking = [text for name, text in MISSING.items() if row[FEATURES.index(name)] > 0]
        clause = index.clauses_[reading.candidates[decision.best].index]
        if lacking and decision.best == decision.suggestions[0]:
            # The topic is in the documents but what was asked about it is not: say so plainly.
            text = (f"文件里讲到了“{clause.heading or clause.citation}”（{clause.citation}），"
                    f"但没有写明您问的{lacking[0]}。\n" + FALLBACK_TEXT.split("\n", 1)[1])
            return fallback_answer(q, text)
        seen: set[str] = set()
        choices: list[Suggestion] = []
        for i in decision.suggestions:
            c = index.clauses_[reading.candidates[i].index]
            title = (c.heading or c.citation)[:20]
            if title not in seen:
                seen.add(title)
                choices.append(Suggestion(c.id, title))
        if len(choices) >= 1:
            lines = "\n".join(f"{n} {s.title}" for n, s in enumerate(choices, 1))
            return Answer(q, f"您是想问：\n{lines}\n{CHOICES_TAIL}", True, suggestions=choices,
                          confidence=decision.confidence)
    return fallback_answer(q)


def answer_clause(index: PolicyIndex, clause_id: str, question: str = "") -> Answer:
    """The answer from one chosen clause (a "did you mean" pick), read for the original question."""
    clause = next((c for c in index.clauses_ if c.id == clause_id), None)
    if clause is None:
        return fallback_answer(question)
    a = index.analyse(question) if question.strip() else index.analyse(clause.heading)
    ans = render(index, clause, a, question)
    # the sentence the person was shown carries the subject a follow-up leans on ("过了今年还行不" after
    # a guess for "那这样算不算", whose own words name nothing)
    shown = ans.sources[0].text if ans.sources else clause.heading
    ans.topic = f"{clause.id}\t{shown[:60]}"
    return ans
