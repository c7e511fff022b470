"""Worries about money or cards ("要不要交钱 要我银行卡号吗", "骑手那个 要不要交押金"): reassurance, after the
posting's own words when a posting is meant."""

from __future__ import annotations

from typing import Any

from bot.flows import meanwhile, named, picks, posting_asks, private, safety
from bot.flows.context import Ctx, leave_flow
from bot.protocol import Inbound

Reply = tuple[dict[str, Any], str]


def money_or_cards(ctx: Ctx, state: dict[str, Any], msg: Inbound, text: str, in_flow: bool) -> Reply | None:
    """The reassurance (with the posting meant, if any); None when the message voices no such worry."""
    # with postings on screen a fee is the job's, unless a policy is asked ("学手艺去哪报名 要钱不": training)
    on_jobs = (bool(state.get("posting")) or (state.get("pick") or {}).get("kind") == "jobs") and (
        not picks.asks_policy(text) or picks.listed_named(ctx, state, text) is not None)
    if safety.concern(text, about_jobs=on_jobs) and not state.get("verify") and not (in_flow and private.refusal(text)):
        # "要不要交钱 要我银行卡号吗": no clause, reassurance ("号码能不能不填 怕被骗" is the phone skipped);
        # "超市那个咋报名 要先交押金吗": and how to apply for that posting
        # "骑手那个 要不要交押金": that posting's own words first, then the reassurance
        applied = named.focus(ctx, leave_flow(state), msg)
        if applied is None and state.get("posting"):
            applied = picks.about_posting(ctx, leave_flow(state), msg)
        if applied is None and (view := picks.listed_named(ctx, state, text)) is not None:
            said = posting_asks.answer_about(view, text) or picks.details(view, text)  # "竹编她不会 要不要交学费"
            applied = (leave_flow(state) | {"posting": view.id}, said)
        if applied is None and not safety.asks_money(msg.text or ""):  # a pasted notice of a posting we hold
            applied = named.pasted(ctx, leave_flow(state), msg.text or "")
        safe = (applied[0], f"{applied[1]}\n——\n{safety.SAFE}") if applied else (leave_flow(state), safety.SAFE)
        if in_flow:
            return meanwhile.resume(state, safe)
        return safe[0] if applied else named.keep_named(ctx, state, msg.text or ""), safe[1]
    return None
