"""Side steps while registration is open: put off (等会儿再说), postings asked for meanwhile or narrowed
after a list (不要夜班的, 还是回老家宁化找吧), then the registration's open question again."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from bot import intents
from bot.flows import account, register
from bot.flows.context import FLOW_KEYS, Ctx, leave_flow
from bot.protocol import Inbound
from core.gazetteer import get_gazetteer
from core.text import normalize

Reply = tuple[dict[str, Any], str]


# "等会儿再说 我先打电话问问": registration put off, not given up (what was said is kept for later)
LATER = re.compile(r"(等|过)(一)?(会|下)儿?(再|吧)|以后再|回头再|晚点再|改天再|下次再|有空再|先不(登|填|弄|写)")
WANTS_WORK = re.compile(r"活|工作|岗位|招工|招人|上班")


def known(state: dict[str, Any]) -> dict[str, Any]:
    return dict(state.get("data") or {}) | {"asked": state.get("asked")}


def set_aside(state: dict[str, Any]) -> dict[str, Any]:
    """The state with registration closed and its answers kept for 登记 later."""
    return leave_flow(state) | {"paused": state.get("data") or {}}


def pause(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> Reply:
    """Registration put off: its answers kept for 登记 later; postings if the message asks for them."""
    paused = set_aside(state)
    head = "好的，先不登记。您已经说的先帮您记着，随时回复“登记”接着填。"
    jobs = account.preview(ctx, msg, known(state)) if WANTS_WORK.search(msg.text or "") else []
    if not jobs:
        return paused, head + "\n想先看看岗位，回复“找工作”；回复“菜单”看能做什么。"
    paused, shown = account.listed(paused, jobs, "按您说的，先找到这些岗位：")
    return paused, head + "\n" + shown


# "不要夜班的", "要包住的", "太远了": a preference narrowing the postings just listed
REFINE = re.compile(r"不要|别要?|只要|要(?:包|有)|不想|最好|白班|夜班|包吃|包住|近(?:一)?点|太远|太低|高(?:一)?点")




def jobs(ctx: Ctx, state: dict[str, Any], msg: Inbound, *, refine: bool = False) -> Reply | None:
    """A job request mid-registration that says more (pay, place, work), or a preference after a list:
    matching postings now, searched with what was asked before unless a new place replaces it."""
    said = account.says_what(msg.text or "")
    if not said and not refine and not (state.get("data") or {}).get("county"):
        return None  # a bare "有没有活" from someone whose place is not known yet: registration first
    state = register.keep_fields(state, msg.text or "")  # "我家在长汀 …": the county is an answer too
    now = said or normalize(msg.text or "")
    moved = "county" in register.read_fields(msg.text or "")
    nearer = bool(account.NEARER.search(normalize(msg.text or "")))
    if nearer and (elsewhere := _place_instead(msg.text or "")):  # "泉州太远了 … 有没有三明的": 三明 is the wish now
        now, moved, nearer = elsewhere, True, False
    before = "" if moved or nearer else str(state.get("asked") or "")
    if moved and (state.get("data") or {}).get("wishes"):  # "算了 还是回老家宁化找吧" is the wish now
        state = state | {"data": dict(state["data"]) | {"wishes": now}}
    if nearer:  # "厦门太远了 有没有近一点的": the far place is dropped, home is where to look
        wish = get_gazetteer().without_places(str((state.get("data") or {}).get("wishes") or ""))
        state = state | {"data": dict(state.get("data") or {}) | {"wishes": f"{wish} 离家近".strip()}}
        now = "离家近"
    asked = " ".join(x for x in (before, now) if x)[-400:]
    jobs = account.preview(ctx, dataclasses.replace(msg, text=asked), dict(state.get("data") or {}))
    told_far = bool(re.search(r"太远了|都太远|太远啦", normalize(msg.text or ""))) and not re.search(r"[别不]要?太远", normalize(msg.text or ""))
    if told_far:  # "都太远了": the places just called too far are not offered again ("别太远" only sets a limit)
        home = (state.get("data") or {}).get("county")
        far = {v.county for i in state.get("shown") or [] if (v := ctx.backends.posting(ctx.session, posting_id=int(i)))}
        far.discard(home)
        jobs = [j for j in jobs if j.posting_id not in set(state.get("shown") or [])
                and ((v := ctx.backends.posting(ctx.session, posting_id=int(j.posting_id))) is None or v.county not in far)]
    state = state | {"asked": asked}
    if not jobs:  # said honestly, not the same question again
        lead = account.outside_fujian(msg.text or "") or "按您说的，暂时没有找到合适的岗位；"  # "那浙江温州呢"
        return resume(state, (leave_flow(state), f"{lead}登记好以后，有了会第一时间推送给您。想请工作人员帮您找，回复“人工”。"))
    shown, text = account.listed(leave_flow(state), jobs, account.minor_note(dict(state.get("data") or {})) + "按您说的，找到这些岗位：")
    return resume(state, (shown, _none_of_kind(msg.text or "", jobs) + text))


_FAR = re.compile(r"太远|远了|远啦|跑不了那么远|离家远")


def _place_instead(text: str) -> str:
    """"泉州太远了 家里老人没人管 有没有三明的": the clauses that name a place other than the one called too
    far, which is then where to look; '' when only the far place (or none) is named."""
    clauses = [c for c in re.split(r"[，,。；;！!？?\s]+", normalize(text, keep_space=True)) if c]
    rest = " ".join(c for c in clauses if not _FAR.search(c))
    return rest if rest and get_gazetteer().find(rest) else ""


# "村里有冇公益岗": a kind of post asked for by name, and none of it in what was found
_KIND_ASKED = {"公益": ("公益性岗位", "公益性岗位由当地开发，用来托底安置确实难以就业的贫困劳动力，可以问村委会或乡镇劳动保障所有没有空缺。"),
               "扶贫车间": ("扶贫车间的活", "")}


def _none_of_kind(text: str, jobs: list[Any]) -> str:
    for word, (name, why) in _KIND_ASKED.items():
        if word in text and not any(word in j.title for j in jobs):
            return f"暂时没有在招的{name}。{why}\n"
    return ""


def resume(before: dict[str, Any], reply: Reply) -> Reply:
    """A side step taken mid-registration, then the registration's open question again."""
    new_state, text = reply
    kept = {k: before[k] for k in FLOW_KEYS if k in before}
    data = kept.get("data") or {}
    if kept.get("flow") == "register" and kept.get("step") in data:  # "ok 我叫罗子轩 … 长汀有啥活": answered on the way
        kept["step"] = register.next_field(data) or kept["step"]
    pending = register.question(kept | {"for": before.get("for")}, str(kept.get("step") or ""))
    if "pick" not in new_state and (before.get("pick") or {}).get("kind") == "jobs":
        kept["pick"] = before["pick"]  # a policy answer on the way leaves the job list open ("挑茶那个怎么报名")
    # a policy answer is what "那个多少钱" next points at, though the job list stays open beside it
    kept["policy_last"] = bool(new_state.get("last_q")) and new_state.get("last_q") != before.get("last_q")
    return new_state | kept, text + (f"\n——\n接着登记：{pending}" if pending else "")


BYE = "不客气！登记先放着，已说的都记着，随时回复“登记”接着填；想看岗位回复“找工作”。"
NOD = re.compile(r"^(?:嗯+|好+|好的|行|可以|对|是的?|哦+|噢)(?:\s?(?:嗯|好|行|可以|对|是的?))*[。.!！~]?$")


_THANKS = re.compile(r"感激|感谢|多谢|谢谢|谢了|叨扰|告辞|再会|改日再|回头再(?:来|聊|问)|先这样吧?$")
_ANY = re.compile(r"都行|都可以|都能|都中|都成|随便|啥都|什么都|哪样都")


def closing(text: str) -> bool:
    """"不用了 今天先看到这 谢谢啊": the person is done for now (registration is kept, not refused)."""
    if _ANY.search(text):  # "嗯 都行" at a question: an answer (anything will do), not a goodbye
        return False
    if _THANKS.search(text) and not re.search(r"\d|[男女?？吗叫姓岁县市区镇村]|电话|手机|名字", text):  # "承蒙指点，不胜感激，改日再来叨扰。"
        return True
    reading = intents.read_intent(text)
    return reading.intent == "thanks_bye" and reading.score >= intents.CLARIFY_BELOW and len(normalize(text)) >= 3


def after_wish(ctx: Ctx, before: dict[str, Any], reply: Reply, msg: Inbound, *, keep: bool = False) -> Reply:
    """The work wanted was just told ("他就想在村里附近 扫扫地"): the postings for it now, the rest of
    registration after them, when the place is known. ``keep``: the reply's own words (a read-back of a
    whole registration typed at once) follow the list."""
    state, text = reply
    data = state.get("data") or {}
    if state.get("flow") != "register" or not data.get("county") or state.get("step") == "wishes":
        return reply
    told_now = data.get("wishes") and data.get("wishes") != (before.get("data") or {}).get("wishes")
    # "我一条腿不好使 能干啥活啊" began registration and nothing could be shown then: shown once the place
    # and something to search by (the trade, "以前编过竹篮") are known
    waiting = "asked" in state and not state.get("shown") and (data.get("skills") or state.get("asked"))
    # "我会剪线头钉扣子 想在家里做手工活" at the skills question: the trade and the place are enough to look
    waiting = waiting or (not state.get("shown") and data.get("skills") and not (before.get("data") or {}).get("skills")
                          and str(data.get("skills")) not in ("无", "没有"))
    if not (told_now or waiting):
        return reply
    wish = str(data.get("wishes") or "") if told_now else ""
    jobs = account.preview(ctx, dataclasses.replace(msg, text=wish), data | {"asked": state.get("asked")})
    if not jobs:
        return reply
    keep = keep or not told_now or text.startswith("记下了")  # "记下了：同意发短信" is read back after the list
    shown, listed = account.listed(leave_flow(state), jobs, "按您说的，找到这些岗位：")
    if keep:
        if not told_now or not text.startswith("记下了"):
            return shown | {k: state[k] for k in FLOW_KEYS if k in state}, f"{listed}\n——\n{text}"
        said, _, question = text.partition("\n")  # "记下了：同意发短信。" then the next question
        return shown | {k: state[k] for k in FLOW_KEYS if k in state}, f"{listed}\n——\n{said}\n接着登记：{question}"
    return resume(state, (shown, listed))
