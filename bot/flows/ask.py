"""Policy questions → the knowledge base's cited answer, or an honest "don't know" that is recorded."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bot.backends import Answer
from bot.flows import referral
from bot.flows.context import Ctx, Defer
from bot.protocol import Inbound

FALLBACK = "这个问题在政策文件里没有找到答案。\n回复“人工”找工作人员，或联系当地村（社区）劳动保障协理员。"
UNAVAILABLE = "政策问答正在准备中，请稍后再问。\n回复 5 可以找工作人员。"
MAX_SOURCES = 3
ASK_AGAIN = "这个问题我还是没能回答。回复“人工”，请工作人员联系您；或换个说法再问。"
MAYBE = "您问的可能是这一条："
NOT_IT = "不是您要问的，请换个说法，或回复“人工”。"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def source_label(source: Any) -> str:
    """A short citation for one source, whatever shape the knowledge base returns."""
    if isinstance(source, str):
        return source
    if isinstance(source, dict):
        for k in ("citation", "label", "title"):
            if source.get(k):
                return str(source[k])
    for attr in ("citation", "label", "title"):
        value = getattr(source, attr, None)
        if value:
            return str(value)
    return str(source)


def render_answer(ans: Answer) -> str:
    """Answer text plus the documents it rests on (unless the text already cites them)."""
    text = ans.answer.strip()
    labels = [label for s in ans.sources[:MAX_SOURCES] if (label := source_label(s)) and label not in text]
    if labels:
        text += "\n依据：" + "；".join(dict.fromkeys(labels))
    return text


def answer(ctx: Ctx, state: dict[str, Any], msg: Inbound, question: str) -> tuple[dict[str, Any], str]:
    """Answer one question (``question`` is the normalised text), read against the topic discussed last."""
    return reply_with(ctx, state, msg, question, lookup(ctx, state, msg, question))


def lookup(ctx: Ctx, state: dict[str, Any], msg: Inbound, question: str) -> Answer:
    """The knowledge base's answer, read against the topic discussed last; deferred to the queue while
    the answerer is still loading."""
    if ctx.can_defer and not ctx.backends.knowledge_ready:
        raise Defer("knowledge answerer not loaded yet")
    from bot.flows.benefits import known_facts

    return ctx.backends.answer(msg.text or question, key=question, topic=state.get("topic"),
                               known=known_facts(ctx, state, msg))


def usable(ans: Answer) -> bool:
    """An answer to give: the documents' own, or one close clause offered as a guess (see reply_with)."""
    return not ans.fallback or len(ans.choices) == 1


def reply_with(ctx: Ctx, state: dict[str, Any], msg: Inbound, question: str, ans: Answer) -> tuple[dict[str, Any], str]:
    """The reply for an answer: cited text, "did you mean" choices kept for a number, or an honest decline."""
    state = {k: v for k, v in state.items() if k not in ("flow", "pick", "posting")} | {"last_q": question[:500]}
    if ans.topic:
        state["topic"] = ans.topic
    if ans.fallback and (staff := ctx.backends.staff_answer(ctx.session, question=msg.text or question)):
        return {k: v for k, v in state.items() if k != "missed"}, staff  # asked before and answered by a person
    if len(ans.choices) == 1:  # one close clause: its answer, said to be a guess, beats a one-item menu
        guess = ctx.backends.answer_clause(ans.choices[0], msg.text or question)
        if guess.answer.strip() and not guess.fallback:
            state = {k: v for k, v in state.items() if k != "missed"} | ({"topic": guess.topic} if guess.topic else {})
            return state, f"{MAYBE}\n{render_answer(guess)}\n{NOT_IT}"
    if ans.choices:
        state["pick"] = {"kind": "clauses", "ids": ans.choices}
    if ans.fallback and not ans.choices and (elsewhere := referral.reply(msg.text or question)):
        return {k: v for k, v in state.items() if k != "missed"}, elsewhere  # 低保, 看病报销: whom to ask
    if ans.fallback and not ans.choices and (posted := _posting_named(ctx, state, msg.text or question)):
        return posted  # "护林员一个月多少钱": the documents set no pay, the posting does
    if ans.fallback or not ans.answer.strip():
        if not ans.choices and worth_recording(msg.text or question):
            ctx.backends.record_unanswered(ctx.session, question=msg.text or question, openid=msg.openid)
        if not ans.answer.strip():
            return state, FALLBACK if ctx.backends.knowledge_available else UNAVAILABLE
        return missed(state, question, ans.answer.strip())  # the documents' honest decline: what can be asked, 人工
    return {k: v for k, v in state.items() if k != "missed"}, render_answer(ans)


def _posting_named(ctx: Ctx, state: dict[str, Any], text: str) -> tuple[dict[str, Any], str] | None:
    from bot.flows import named, picks, posting_asks

    views = named.titles_named(ctx, text)
    if not views:
        return None
    said = "\n——\n".join(posting_asks.answer_about(v, text) or picks.details(v, text) for v in views)
    state = {k: v for k, v in state.items() if k != "missed"} | ({"posting": views[0].id} if len(views) == 1 else {})
    return state, f"政策文件里没有写这个；在招的岗位里有：\n{said}"


def plainer(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """"听不懂 说简单点" right after a policy answer: its verdict (or its lead sentence) alone, with a
    person offered; None when no answer was given last."""
    last = state.get("last_q")
    if not last or not state.get("topic"):
        return None
    ans = ctx.backends.answer(str(last), key=str(last), topic=None)
    if ans.fallback or not ans.answer.strip():
        return None
    lines = [x.strip() for x in ans.answer.strip().splitlines() if x.strip()]
    head = [x for x in lines[:2] if not x.startswith(("【", "（出处"))][:2]
    text = "\n".join(re.sub(r"^（按您说的：[^）]*）", "", x)[:80] for x in head)
    return state, f"简单说：{text}\n还是不明白的话，回复“人工”，工作人员会打电话给您讲。"


def shorter_list(ctx: Ctx, state: dict[str, Any]) -> str:
    """"字太多 看不懂" after a job list: the same postings, a short line each (name, place, pay); '' with none open."""
    listed = state.get("pick") or {}
    if listed.get("kind") != "jobs":
        return ""
    lines = []
    for i, pid in enumerate(listed.get("ids") or [], 1):
        view = ctx.backends.posting(ctx.session, posting_id=int(pid))
        if view is not None:
            lines.append(f"{i} {re.sub(r'[（(].*?[)）]', '', view.title)}，{view.place or '地点未写'}，{view.pay}")
    return ("简单说，适合您的有这几个：\n" + "\n".join(lines) + "\n想看哪个就回复它的序号。") if lines else ""


def missed(state: dict[str, Any], question: str, reply: str) -> tuple[dict[str, Any], str]:
    """A reply to a message not understood; the same message again is offered a person first."""
    if state.get("missed") == question:
        return state, ASK_AGAIN
    return state | {"missed": question}, reply


def worth_recording(text: str) -> bool:
    """Only real questions go on the coordinators' unanswered list: not emoji, noise or one word."""
    return len(_CJK.findall(text or "")) >= 4


def brief(ans: Answer) -> str:
    """An answer's direct first line and its citation, to sit beside another reply."""
    lines = [x for x in ans.answer.strip().splitlines() if x.strip()]
    cited = next((x for x in reversed(lines) if x.startswith("（出处")), "")
    return "\n".join(x for x in (lines[0][:80] if lines else "", cited) if x)


# "是不是要找到工作才能领", "还能申请吗": a condition of the entitlement just answered, its name left out
CLAIMING = re.compile(r"(?:才能|才可以|才给|能不能|可不可以|还能|还可以|能)(?:领|申请|享受|拿)|(?:领|申请|享受)(?:得到|得了|不了)")


def about_last(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str) -> tuple[dict[str, Any], str] | None:
    """A short question about claiming, with no entitlement named, right after a policy answer: asked of
    that answer's question ("是不是要找到工作才能领" after the graduates' 2000元); None otherwise."""
    from bot.flows.reading import is_question

    if not (state.get("topic") and state.get("last_q")) or len(text) > 30 or not is_question(text):
        return None
    if not CLAIMING.search(text) or ASKS_POLICY.search(text):
        return None
    again = dataclasses.replace(msg, text=f"{msg.text} {state['last_q']}")
    ans = lookup(ctx, state, again, again.text or "")
    return reply_with(ctx, state, again, again.text or "", ans) if usable(ans) and not ans.choices else None


ASKS_POLICY = re.compile(r"补贴|补助|政策|扶持|培训|保险|社保|养老|贷款|资助|奖励|奖补")
# "学个月嫂证 有补贴不", "想先学门手艺 不要钱的那种有没": learning a trade and what it costs is the
# training policy, never a posting of that trade
_LEARNING = re.compile(r"(?:学|考|培训)(?:个|门|一门|一个|点|这个|那个)?\S{0,6}?(?:证|手艺|技术|本事)|学(?:这个|那个|个|门)")
_COST = re.compile(r"补贴|补助|免费|不要钱|要钱|交钱|收钱|收费|学费|多少钱|给钱|报销|政府|出钱|掏钱|花钱|自己出"
                   r"|(?:去|到)?(?:哪里?|哪儿|哪)(?:报名|报|学)|找谁报")


TRAINING_ASKED = "贫困劳动力参加职业技能培训取得证书有什么补贴"  # the topic said in the documents' words


# the programme's own kinds of work, asked about in general ("公益岗啥人能去", "干公益岗 社保有补吗"), not a posting
_POLICY_TERMS = re.compile(r"公益岗|公益性岗位|扶贫车间|就业见习")
_POINTING = re.compile(r"那个|这个|哪个|这些|那些|第[一二三四五六七八九十\d]|[\d一二三四五六七八九]号|上面|刚才")
_GENERAL_ASK = re.compile(r"啥人|什么人|哪些人|谁能|谁可以|条件|社保|补贴|补助|政策|有补|给补")


def about_the_policy(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str) -> tuple[dict[str, Any], str] | None:
    """A question about 公益岗 or 扶贫车间 in general while postings of that kind are on screen: who may
    take one, what it brings (社保补贴) is the documents' answer, not each posting's "没有写"."""
    if not (_POLICY_TERMS.search(text) and _GENERAL_ASK.search(text)) or _POINTING.search(text):
        return None
    ans = lookup(ctx, state, msg, text)
    return None if ans.fallback else reply_with(ctx, state, msg, text, ans)


def as_training(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[Inbound, Answer]:
    """The message read as the training policy ("学个手艺 像育婴师那种 培训有没有补贴"): the message with the
    topic said in the documents' words, and the answer to that."""
    training = dataclasses.replace(msg, text=f"{msg.text} {TRAINING_ASKED}")
    return training, lookup(ctx, state, training, training.text or "")


def learning_asked(text: str) -> bool:
    """"学个手艺要钱不", "学月嫂要自己出钱冇", "学手艺那个去哪报名": training asked about in a trade's words."""
    if not _COST.search(text):
        return False
    if _LEARNING.search(text):
        return True
    from matching.kinds import get_families  # "学月嫂", "学电焊": 学 and a kind of work

    return any(get_families().scan(m.group(1)) for m in re.finditer(r"学(?:做|当|开)?(\S{2,4})", text))


def also_asked(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> str:
    """"想找个活干 顺便问下培训补贴咋领": the policy question asked beside a job request, answered briefly
    ('' when there is none, or the documents do not answer it)."""
    from bot import intents
    from knowledge.message import QUESTION

    pieces = [p for p in re.split(r"[\s,，。!！?？；;]+", msg.text or "") if len(p) >= 4]
    if len(pieces) < 2:
        return ""
    part = next((p for p in pieces if QUESTION.search(p) and ASKS_POLICY.search(p)
                 and intents.read_intent(p).intent in ("policy_question", "entitlements")), "")
    if not part:
        return ""
    ans = lookup(ctx, state, dataclasses.replace(msg, text=part), part)
    if ans.fallback or ans.choices or not ans.answer.strip():
        return ""
    return "您问的：" + brief(ans)
