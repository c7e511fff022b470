"""Policy questions → the knowledge base's cited answer, or an honest "don't know" that is recorded."""

from __future__ import annotations

from typing import Any

from bot.backends import Answer
from bot.flows.context import Ctx, Defer
from bot.protocol import Inbound

FALLBACK = "这个问题我暂时答不上来，已记下交给工作人员。\n回复 5 可以找工作人员。"
UNAVAILABLE = "政策问答正在准备中，请稍后再问。\n回复 5 可以找工作人员。"
MAX_SOURCES = 3


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
    """Answer one question (``question`` is the normalised text); remember it for 人工."""
    if ctx.can_defer and not ctx.backends.knowledge_ready:
        raise Defer("knowledge answerer not loaded yet")
    ans = ctx.backends.answer(msg.text or question, key=question)
    state = {k: v for k, v in state.items() if k != "flow"} | {"last_q": question[:500]}
    if ans.fallback or not ans.answer.strip():
        ctx.backends.record_unanswered(ctx.session, question=msg.text or question, openid=msg.openid)
        return state, FALLBACK if ctx.backends.knowledge_available else UNAVAILABLE
    return state, render_answer(ans)
