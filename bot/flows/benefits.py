"""我能领什么补贴: ask only the facts still unknown, one at a time, then list the entitlements.

Facts come from the registry when the follower is a registered person; each answer is saved back, so
nobody is asked the same thing twice. The list is short numbered lines; a number shows one in full.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from bot import service
from bot.flows.context import Ctx, leave_flow
from bot.intents import read_intent
from bot.protocol import Inbound
from core.numbers import numerals_to_digits
from core.text import cn_to_int, normalize
from core.timeutil import to_china
from knowledge.eligibility import load_rules
from knowledge.message import QUESTION, split_message
from knowledge.personal import rule_facts
from matching.facts import SCHOOLS, FactError, read_bool, read_business, read_pension, read_year

REQUEST = re.compile(
    r"^(?:查补贴|查政策|领补贴|我能领什么补贴)$"
    r"|(?:我|俺|自己|我家|本人|咱).{0,6}(?:能|可以|可|能够|有资格|该|够).{0,6}(?:领|享受|享有|拿|申请|办|得|要).{0,6}"
    r"(?:什么|哪些|啥|哪种|哪几|多少).{0,6}(?:补贴|补助|政策|待遇|扶持|优惠|钱)"
    # "那我到底能领哪几样 你说清楚点", "你直接讲 能领哪几样": the whole list asked for, its noun left out
    r"|(?:到底|直接).{0,6}(?:能|可以)(?:领|拿|享受)(?:哪几样|哪几项|哪些|啥|什么)(?![\u4e00-\u9fff]{0,2}(?:补贴|钱|证))"
)
SKIP = {"不知道", "不清楚", "不晓得", "跳过", "不确定", "不懂", "忘了"}
MAX_BYTES = 1900  # under WeChat's 2048 with room for the footer
DONE_HINT = "回复数字看详细，回复“菜单”返回。"
NONE_FOUND = "按您说的情况，暂时没有查到能确定享受的政策。情况有变化可以再回复“我能领什么补贴”。\n回复 5 可以找工作人员。"

# Choices shown for the facts whose answers are one of a few values (value, what people read).
CHOICES: dict[str, list[tuple[Any, str]]] = {
    "gender": [("男", "男"), ("女", "女")],
    "status": [("seeking", "正在找工作"), ("employed", "已经有工作"), ("not_seeking", "暂时不找工作")],
    "pension": [("none", "没参加"), ("urban_rural", "城乡居民养老保险"), ("employee", "职工养老保险")],
    "business": [("none", "没有创业"), ("first", "第一次创办（小微企业或个体户）"), ("existing", "已经在经营")],
    "graduate": [(None, "不是（近年没有从学校毕业）"), *[(s, s) for s in SCHOOLS]],
    "graduate.school": [(s, s) for s in SCHOOLS],
}


def is_request(text: str) -> bool:
    """True for "我能领什么补贴" and its everyday variants (not for a question about one named policy)."""
    return bool(REQUEST.search(normalize(text)))


def _today(ctx: Ctx) -> date:
    local = to_china(ctx.now)
    return local.date() if local else date.today()


def _question(key: str) -> str:
    spec = load_rules().facts_["person"][key]
    choices = CHOICES.get(key)
    if choices:
        return spec.question.split("？")[0] + "？\n" + "\n".join(f"{i} {label}" for i, (_, label) in enumerate(choices, 1))
    if spec.type == "bool":
        return f"{spec.question}\n回复 1 是 或 2 不是"
    return spec.question


def _parse(key: str, text: str) -> tuple[bool, Any, str | None]:
    """(understood, value, retry message) for an answer to the question about ``key``."""
    t = normalize(text).strip("。，,.!！ ")
    choices = CHOICES.get(key)
    spec = load_rules().facts_["person"][key]
    if choices:
        if t.isdigit() and 1 <= int(t) <= len(choices):
            return True, choices[int(t) - 1][0], None
        for value, label in choices:
            if t in (label, str(value)):
                return True, value, None
        try:
            if key == "pension":
                return True, read_pension(t), None
            if key == "business":
                return True, read_business(t), None
        except FactError:
            pass
        if key == "graduate" and t in ("不是", "没有", "否", "没毕业", "没上学"):
            return True, None, None
        return False, None, f"请回复数字 1 到 {len(choices)}。不清楚回复“跳过”。"
    if spec.type == "bool":
        try:
            return True, read_bool({"1": "是", "2": "否"}.get(t, t), key), None
        except FactError:
            lead = _lead_answer(t)  # "是的 但是村里说去年脱贫了"
            if lead is not None:
                return True, lead, None
            return False, None, "请回复 1 是 或 2 不是。不清楚回复“跳过”。"
    if key == "graduate.year":
        try:
            return True, read_year(t), None
        except FactError:
            return False, None, "请回复毕业年份，比如：2026"
    digits = re.search(r"\d+", t)
    n = int(digits.group()) if digits else cn_to_int(t.replace("岁", "").replace("周", ""))
    if n is None or not 10 <= n <= 110:
        return False, None, "请回复数字，比如：45"
    return True, n, None


_LEAD_YES = re.compile(r"^(?:没错|对|是|嗯|有|算是)(?!不是|没有|不)")
_LEAD_NO = re.compile(r"^(?:不是|没有|没|否|不算|不)")


def _lead_answer(t: str) -> bool | None:
    """A yes or no that opens a longer answer ("是的 去年脱贫了", "没有 一直在家"); None for a question."""
    if QUESTION.search(t):
        return None
    if _LEAD_YES.match(t):
        return True
    if _LEAD_NO.match(t):
        return False
    return None


def _set(facts: dict[str, Any], key: str, value: Any) -> dict[str, Any]:
    facts = dict(facts)
    if "." in key:
        parent, child = key.split(".", 1)
        facts[parent] = {**(facts.get(parent) or {}), child: value}
    elif key == "graduate" and value is not None:
        facts["graduate"] = {**(facts.get("graduate") or {}), "school": value}
    else:
        facts[key] = value
    return facts


def _next_key(facts: dict[str, Any], skipped: list[str], today: date) -> str | None:
    result = load_rules().evaluate(facts, today)
    return next((k for k in result.missing_facts if k not in skipped), None)


# registration answers that are entitlement facts too (a check begun mid-registration)
FROM_REGISTRATION = {"age": "age", "gender": "gender", "poor": "poverty_registered"}


# Facts on record that decide an entitlement; 非建档立卡 is not passed on (an unset flag reads the same).
_DECIDING = ("age", "gender", "poverty_registered", "poverty_exited", "dibao", "tekun", "pension", "business", "graduate")


def known_facts(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> dict[str, Any]:
    """What is on record about the writer for a policy answer: the register's facts, else the answers
    given so far in an unfinished registration."""
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id:
        facts = ctx.backends.person_facts(ctx.session, person_id=user.person_id, today=_today(ctx))
    else:
        data = state.get("data") or (state.get("paused") or {}).get("data") or {}
        facts = {fact: data[key] for key, fact in FROM_REGISTRATION.items() if data.get(key) is not None}
        facts = {**(state.get("told_facts") or {}), **facts}  # told in an earlier message (我今年技校毕业)
    return {k: v for k, v in facts.items() if k in _DECIDING and v not in (None, False)}


def deciding_facts(text: str) -> dict[str, Any]:
    """The facts a message states about its writer that decide entitlements (graduation, 低保 …)."""
    if not text or len(text) < 6:
        return {}
    return {k: v for k, v in told_facts(text).items() if k in _DECIDING and v not in (None, False)}


def start(ctx: Ctx, state: dict[str, Any], msg: Inbound, known: dict[str, Any] | None = None,
          lead: str = "") -> tuple[dict[str, Any], str]:
    """Begin: known facts from the registry (if registered), ``known`` registration answers and this
    chat; ask the first unknown one."""
    user = service.get_user(ctx.session, msg.openid)
    facts = ctx.backends.person_facts(ctx.session, person_id=user.person_id, today=_today(ctx)) if user.person_id else {}
    said = {fact: (known or {})[key] for key, fact in FROM_REGISTRATION.items() if (known or {}).get(key) is not None}
    told = told_facts(msg.text or "")  # "我今年刚毕业 家里是建档立卡的 …我能领什么补贴" already says some
    # "你就直接告诉我能领哪几样" after a question that told the facts: they are not asked again
    told = {**(told_facts(str(state.get("last_q") or "")) if state.get("topic") else {}), **told}
    facts = {**facts, **(state.get("told_facts") or {}), **said, **told}  # an earlier check's answers too
    state = leave_flow(state) | {"flow": "benefits", "facts": facts, "skipped": []}
    if told:
        _save(ctx, msg, facts, list(told))
    if told and _DIRECT.search(normalize(msg.text or "")):  # "你就直接告诉我能领哪几样": no questions first
        return finish(ctx, state, msg)
    head = lead + "帮您查一查能享受哪些政策，先问几个问题，不清楚的回复“跳过”，回复“取消”退出。\n"
    return _ask_or_finish(ctx, state, msg, head)


_DIRECT = re.compile(r"直接(?:告诉|说|讲|列)|别问了|不要问了|少问")


def told_facts(text: str) -> dict[str, Any]:
    """The entitlement facts a free-text message states about the writer (none when it is about someone else)."""
    facts = split_message(text).facts
    if facts.get("relation", "self") != "self":
        return {}
    return rule_facts(facts, load_rules())


def _save(ctx: Ctx, msg: Inbound, facts: dict[str, Any], keys: list[str]) -> None:
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id:
        tops = {k.split(".")[0] for k in keys}  # graduate.year saves the whole graduate
        ctx.backends.save_person_facts(ctx.session, person_id=user.person_id,
                                       facts={t: facts.get(t) for t in tops}, today=_today(ctx))


# Intents that are not about the person (a statement like 干不动了 may still answer the question asked).
# "你就直接说我能领啥", "那我到底能领哪几样 你说清楚点": the result with what is known so far
JUST_SAY = re.compile(r"直接(?:说|讲|告诉)|你就(?:说|讲)|到底能领|说清楚点?|能领(?:啥|什么|哪几样|哪些)")
ELSEWHERE = {"policy_question", "human", "my_pushes", "job_search", "opt_out", "opt_in", "menu", "my_info"}
LEAVE_MIN = 0.5  # a non-answer read at least this surely as another intent leaves the questions
SURE_ELSEWHERE = {"job_search", "human", "opt_out", "my_pushes"}
SURE_LEAVE = 0.9  # even a message that could pass for an answer leaves when it surely asks for these

GRADUATE_MAX_AGE = 40  # older people are not asked about graduating unless they mention school


def _numbered(text: str) -> bool:
    """A numbered answer ("1", "2 第一次创办") stays an answer."""
    return bool(re.match(r"^\s*\d\b", text))


def _ask_or_finish(ctx: Ctx, state: dict[str, Any], msg: Inbound, head: str = "") -> tuple[dict[str, Any], str]:
    facts = state["facts"]
    if "graduate" not in facts and (facts.get("age") or 0) > GRADUATE_MAX_AGE:
        state = state | {"facts": _set(facts, "graduate", None)}  # a 63-year-old is not asked 毕业
    key = _next_key(state["facts"], state["skipped"], _today(ctx))
    if key is not None:
        return state | {"step": key}, head + _question(key)
    return finish(ctx, state, msg)


def step(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str] | None:
    """Take one answer; None when the message is not for this flow (the router handles it)."""
    key = state.get("step")
    text = normalize(msg.text or "")
    if key == "detail":
        t = text.strip("。. ")
        found = state.get("found") or []
        if t.isdigit() and 1 <= int(t) <= len(found):
            return state, detail(found[int(t) - 1], _today(ctx), state.get("facts") or {})
        best = _listed_named(state, text) if _WHERE.search(text) else None
        if best is not None:
            named = best[0]  # "那个两千块的去哪申请": where to apply for the one it names
            for e in load_rules().evaluate(state.get("facts") or {}, _today(ctx)).entitlements:
                if e["name"] == named:
                    return state, f"【{named}】到哪里办：{e['how_to_apply']}\n依据：{e['citation']}"
        return None
    if not key:
        return None
    if text.strip("。. ") in SKIP:
        return _ask_or_finish(ctx, state | {"skipped": [*state.get("skipped", []), key]}, msg)
    if len(text) >= 8 and QUESTION.search(text) and not _numbered(text):
        reading = read_intent(msg.text or "")
        if reading.intent in SURE_ELSEWHERE and reading.score >= SURE_LEAVE:
            return None  # "在家编竹篮我会 政和有没有拿回家做的活": a request of its own, not an answer
    ok, value, retry = _parse(key, text)
    told = told_facts(msg.text or "")  # "六十三了 男的 建档立卡户 还没脱贫" answers more than was asked
    if not ok and JUST_SAY.search(text):  # "在家种茶 不出去了 你就直接说我能领啥": what is known, now
        return finish(ctx, state | {"facts": {**(state.get("facts") or {}), **told}}, msg)
    if not ok and not told and read_intent(msg.text or "").intent == "thanks_bye" and len(text) >= 3:
        return None  # "好 知道了 谢谢你 再见": the chat ends here, not an answer
    if not ok and not told:
        reading = read_intent(msg.text or "")
        if reading.intent == "entitlements":  # "你就直接说我能领啥": list what is known
            return finish(ctx, state, msg)
        if (reading.score >= LEAVE_MIN and reading.intent in ELSEWHERE) or QUESTION.search(text):
            return None  # "读技校要交学费不", "要啥时候之前弄啊": a question of its own, handled as usual
        return state, str(retry)
    facts = {**(state.get("facts") or {}), **told}
    if ok:
        facts = _set(facts, key, value)
    _save(ctx, msg, facts, [*told, key] if ok else list(told))
    state = state | {"facts": facts, "told_facts": facts}  # kept past this check for the next one
    early = _early(ctx, state, told)
    if early:
        state = state | {"early": early[0]}
    # "养老保险一直都有交" at the start-up question: heard, and the question still open is asked again
    again = "" if ok or early else "记下了。再问一下：\n"
    return _ask_or_finish(ctx, state, msg, early[1] if early else again)


GOALS = ("wants_training", "business", "returning_migrant", "wants_technical_school")


VOLUNTEERED = 2  # facts told in one answer beyond the question ("六十一岁 建档立卡 没参加养老保险")


def _early(ctx: Ctx, state: dict[str, Any], told: dict[str, Any]) -> tuple[list[str], str] | None:
    """"想去学做糕点 以后想开个小店", "六十一岁 建档立卡 没参加养老保险": a plan or a situation told
    mid-way gets what is already certain at once, before the remaining questions (which may add more);
    each entitlement is said early once."""
    if not any(told.get(g) for g in GOALS) and len(told) < VOLUNTEERED:
        return None
    result = load_rules().evaluate(state["facts"], _today(ctx))
    names = [e["name"] for e in result.entitlements[:4]]
    if not names or not result.missing_facts or set(names) <= set(state.get("early") or []):
        return None
    return names, f"按您说的，已经能享受：{'、'.join(names)}。再问几个问题，看看还有没有别的：\n"


def _line(i: int, e: dict[str, Any], short: bool) -> str:
    amount = e["amount"] if not short or len(e["amount"]) <= 40 else e["amount"][:38] + "…"
    cite = e["citation"].split("；")[0]
    how = e["how_to_apply"] if not short or len(e["how_to_apply"]) <= 30 else e["how_to_apply"][:28] + "…"
    return f"{i} {e['name']}：{amount}\n  依据：{cite}\n  办理：{how}"


def listing(entitlements: list[dict[str, Any]]) -> str:
    """Numbered lines within WeChat's limit: full where they fit, shortened where not."""
    head = f"您可以享受这{len(entitlements)}项政策：\n"
    for short in (False, True):
        text = head + "\n".join(_line(i, e, short) for i, e in enumerate(entitlements, 1))
        if len(text.encode()) <= MAX_BYTES:
            return text
    names = "\n".join(f"{i} {e['name']}" for i, e in enumerate(entitlements, 1))
    return head + names


def detail(name: str, today: date, facts: dict[str, Any]) -> str:
    """One entitlement in full: what, why, the document and article, where to apply."""
    for e in load_rules().evaluate(facts, today).entitlements:
        if e["name"] == name:
            text = (f"{e['name']}\n待遇：{e['amount']}\n为什么：{e['why']}\n依据：{e['citation']}\n"
                    f"到哪里办：{e['how_to_apply']}")
            return text.encode()[:MAX_BYTES].decode(errors="ignore")
    return f"“{name}”的情况有变化，请回复“我能领什么补贴”重新查。"


def finish(ctx: Ctx, state: dict[str, Any], msg: Inbound) -> tuple[dict[str, Any], str]:
    """List what the facts give; record them as told for a registered person."""
    facts = state.get("facts") or {}
    result = load_rules().evaluate(facts, _today(ctx))
    names = [e["name"] for e in result.entitlements]
    user = service.get_user(ctx.session, msg.openid)
    if user.person_id and names:
        ctx.backends.entitlements_told(ctx.session, person_id=user.person_id, names=names, today=_today(ctx))
    joining = _once_insured(facts, names, _today(ctx))
    if not names:
        return leave_flow(state), (joining + "\n" + NONE_FOUND) if joining else NONE_FOUND
    tail = ("\n" + joining if joining else "") + "\n" + DONE_HINT
    if result.pending:
        tail = f"\n另有{len(result.pending)}项要看您跳过的情况，可问工作人员（回复 5）。" + tail
    listed = [[e["name"], e["amount"], e["citation"]] for e in result.entitlements]
    text = listing(result.entitlements) + tail
    if len(text.encode()) > MAX_BYTES:  # the joining note is the first thing to go
        text = text.replace("\n" + joining, "") if joining else text
    return leave_flow(state) | {"flow": "benefits", "step": "detail", "found": names, "facts": facts,
                                "listed": listed}, text


def _once_insured(facts: dict[str, Any], names: list[str], today: Any) -> str:
    """Not insured yet: what joining 城乡居民养老保险 would bring (the 代缴 is for those who join, 251号
    二（三）10; coordinators are to bring the uninsured in, 258号 四（一）); '' when nothing more."""
    if facts.get("pension") != "none":
        return ""
    gained = [e for e in load_rules().evaluate(facts | {"pension": "urban_rural"}, today).entitlements
              if e["name"] not in names]
    if not gained:
        return ""
    e = gained[0]
    return (f"您还没参加养老保险：先到{e['how_to_apply'].split('（')[0]}参加城乡居民基本养老保险，"
            f"就能享受【{e['name']}】：{e['amount']}（{e['citation']}）。")


_WHERE = re.compile(r"去哪|到哪|哪里|哪儿|找谁|怎么申请|咋申请|怎么办理|咋办理|怎么领|咋领|在哪")


def _listed_named(state: dict[str, Any], text: str) -> tuple[str, str] | None:
    """The listed entitlement a message names by its name or amount (两千块 → 2000元): (name, citation)."""
    said = numerals_to_digits(normalize(text))
    best, best_hits = None, 0
    for name, amount, citation in state.get("listed") or []:
        marks = set(re.findall(r"\d+", amount)) | {w for w in re.findall(r"[\u4e00-\u9fff]{2}", name)}
        hits = sum(m in said for m in marks)
        if hits > best_hits:
            best, best_hits = (name, citation), hits
    return best


def follow_up_topic(ctx: Ctx, state: dict[str, Any], text: str) -> str | None:
    """After the list, "那个两千块的去哪申请" is about the entitlement it names (by name or amount):
    its clause becomes the topic the question is read against."""
    best = _listed_named(state, text)
    return ctx.backends.topic_of(best[1], best[0]) if best else None
