"""A registered person's record: read back, changed in words ("改成在仙游做家政", "搬到福州仓山了"), corrected
one field at a time ("改年龄 46"). Split from ``register``, which asks the questions."""

from __future__ import annotations

import re
from typing import Any

from bot import service
from bot.backends import RecordTaken
from bot.flows import freetext
from bot.flows.answers import CHANGE_HINT, TAKEN, VALIDATORS, read_county
from bot.flows.context import Ctx, leave_flow
from bot.flows.fields import read_fields
from bot.flows.register import _next, finish, profile, question, start, summary, today
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.text import normalize


def update(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """修改信息: a registered person sees the record and how to change one item; others register."""
    user = service.get_user(ctx.session, msg.openid)
    from bot.flows.account import FOUND_JOB, found_job

    if FOUND_JOB.search(normalize(msg.text or "")):  # "找到活了 已经上班了": employed, pushes stop
        return found_job(ctx, state, msg)
    found = read_fields(msg.text or "")
    said = normalize(msg.text or "")
    if not user.draft and not user.person_id and (freetext.WANTS.search(said) or (
            freetext.names_work(said) and not _MOVED.search(said))):  # "想去福洲或者泉洲做保母 五十六了"
        # "…后来就回老家了 想在家门口找个活干" from someone not registered: a job request, not a move to record
        from bot.flows.account import find_jobs

        return find_jobs(ctx, state, msg)
    text = normalize(msg.text or "")
    new_work = freetext.names_work(text) and bool(_WORK_CHANGED.search(text))
    if "county" in found and not (new_work and not _MOVED.search(text)):  # "搬到福州仓山了": where they are now
        from bot.flows.account import moved

        county = get_gazetteer().get(found["county"])
        if county is not None:
            return moved(ctx, leave_flow(state), msg, county)
    if not user.draft and not user.person_id:
        return start(ctx, state, msg)
    fixable = {k: v for k, v in found.items() if k in ("name", "age", "phone", "gender")}
    if fixable:
        replies = []
        for field, value in fixable.items():
            state, said = correct(ctx, state, msg, field, str(value))
            replies.append(said)
        return state, "\n".join(replies)
    if new_work:  # "想找的活改一下 不要厂里的 改成在仙游做家政或者带小孩 白天的": the wish is these words now
        state, said = correct(ctx, leave_flow(state), msg, "wishes", _CHANGE_WORDS.sub("", text).strip() or text)
        return state, said + ("\n回复“找工作”现在就按新的找。" if said.startswith("已改为") else "")
    moved_wish = wish_place_changed(ctx, state, msg, dict(user.draft or {}))
    if moved_wish is not None:
        return moved_wish
    return leave_flow(state), ("您登记的信息：" + summary(dict(user.draft or {})) + "。\n" + CHANGE_HINT)


_MOVED = re.compile(r"搬|现在(?:在|住)|住到|人在|回到|回来了|到了|来了")
_WORK_CHANGED = re.compile(r"改|换成|换个|不要|不想|不做|不干|想找|想做|想干|要找")
_CHANGE_WORDS = re.compile(r"^(?:想找的活|找的活|工作意向|意向|想找的)?(?:改一下|改下|改改|改一改)\s*")


def wish_place_changed(ctx: Ctx, state: dict[str, Any], msg: Inbound,
                       data: dict[str, Any]) -> tuple[dict[str, Any], str] | None:
    """"算了 还是在县里吧 不想走远 厦门不去了": where the person wants work has changed; the places of the
    old wish give way to the new words (its kind of work and pay stay). None when no place is said."""
    from matching.places import parse_places, place_reading

    text = normalize(msg.text or "")
    home = str(data.get("county") or "") or None
    said = parse_places(text, home)
    if said.basis not in ("named", "local", "near") and not said.excluded:
        return None
    kinds = freetext.kinds_named(str(data.get("wishes") or ""))
    wish = f"{kinds} {text}".strip()[-300:]  # the old wish's kinds of work stay; its places and pay go
    state, reply = correct(ctx, leave_flow(state), msg, "wishes", wish)
    if not reply.startswith("已改为"):
        return state, reply
    now = parse_places(wish, home)
    county = get_gazetteer().get(home) if home else None
    where = place_reading(now.basis, now.names, county.name if county else "", now.excluded)
    return state, f"已改好找工作的地方：{where}。以后按这个给您找岗位，回复“找工作”现在就看。"


def _not_registered(state: dict[str, Any]) -> str:
    """For someone with no record: what a registration begun and not finished holds so far, or how to register."""
    kept = dict(state.get("data") or {}) if state.get("flow") == "register" else dict(state.get("paused") or {})
    if kept and summary(kept):
        return f"还没登记完，目前记下的：{summary(kept)}。回复“登记”接着填。"
    return "您还没有登记。回复 3 开始登记。"


def show_record(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """我的信息: what is on record (phone masked), or how to register."""
    user = service.get_user(ctx.session, msg.openid)
    if not user.draft and not user.person_id:
        return state, _not_registered(state)
    data = dict(user.draft or {})
    extra = "".join(f"\n{label}：{data[k]}" for k, label in (("skills", "会做"), ("wishes", "想找")) if data.get(k))
    from bot.flows.private import who_sees

    return state, "您登记的信息：" + summary(data) + "。" + extra + who_sees(msg.text) + "\n" + CHANGE_HINT


def correct(ctx: Ctx, state: dict[str, Any], msg: Inbound, field: str, raw: str) -> tuple[dict[str, Any], str]:
    """Change one answer, during registration or after it."""
    value, retry = read_county(raw) if field == "county" else VALIDATORS[field](raw)
    if isinstance(value, list):  # suggestions: "1" then picks the first, as during registration
        return state | {"fix_choices": value}, str(retry).replace("回复数字", "回复数字选择")
    if retry:
        return state, str(retry)
    state = {k: v for k, v in state.items() if k != "fix_choices"}
    shown = summary({field: value}) or str(value)
    if field == "sms_ok":
        shown = "同意发短信" if value else "不发短信"
    if field == "poor":
        shown = "建档立卡贫困户" if value else "不是建档立卡贫困户"
    if state.get("flow") == "register":
        data = dict(state.get("data", {})) | {field: value}
        step = state.get("step") or ""
        if step == field:  # the open question answered by the correction: on to the next one
            step = _next(data) or ""
            state = {k: v for k, v in state.items() if k != "choices"}
            if not step:
                return finish(ctx, state | {"data": data, "step": None}, msg)
        state = state | {"data": data, "step": step or state.get("step")}
        ask = question(state, step)
        return state, f"已改为：{shown}" + (f"\n{ask}" if ask else "")
    user = service.get_user(ctx.session, msg.openid)
    if not user.draft and not user.person_id:
        return state, _not_registered(state)
    data = dict(user.draft or {}) | {field: value}
    if user.person_id and ctx.backends.registry_ready:
        try:
            ctx.backends.register(
                ctx.session, profile=profile(data, openid=msg.openid, today=today(ctx)), person_id=user.person_id
            )
        except RecordTaken:
            return state, TAKEN
    service.save_draft(ctx.session, openid=msg.openid, draft=data)
    return state, f"已改为：{shown}"
