"""A personal first line when the story says enough: the facts a message states, run through the
entitlement rules (knowledge/rules/entitlements.yaml) that cite the clause being answered.

"俺六十三了 建档立卡 养老保险从来没交过 …" answered from 258号 四（一） → "按您说的情况（63岁，建档立卡），
可以补办城乡居民养老保险…". Where a deciding fact is missing, the line says which one and offers
the step-by-step check (我能领什么补贴).
"""

from __future__ import annotations

from core.errors import JiuyeError
from knowledge.eligibility import RuleBook, _eval, _today, load_rules
from knowledge.segment import Clause

RULE_FACTS = ("age", "gender", "poverty_registered", "poverty_exited", "dibao", "tekun", "pension", "business",
              "returning_migrant", "wants_training", "graduate", "status")
DECIDING = ("age", "poverty_registered", "dibao", "tekun", "pension", "business", "graduate", "poverty_exited")
MAX_LINE = 90
WISHES = ("wants_training", "wants_technical_school")
CHECK_HINT = "回复“我能领什么补贴”可以逐项核对。"


def told_over(known: dict, said: dict) -> dict:
    """Facts said now over facts known; a graduation said without its year ("听说大学生毕业有…") does not
    undo one known with its year ("我今年技校毕业的")."""
    out = {**known, **said}
    grad, kept = said.get("graduate"), known.get("graduate")
    if isinstance(grad, dict) and not grad.get("year") and isinstance(kept, dict) and kept.get("year"):
        out["graduate"] = kept
    return out


def rule_facts(facts: dict, rules: RuleBook) -> dict:
    """The story's facts that the rules know, with values they accept (an unknown school kind is dropped)."""
    out = {k: facts[k] for k in RULE_FACTS if k in facts}
    grad = out.get("graduate")
    if isinstance(grad, dict):
        school = grad.get("school")
        allowed = rules.facts_["person"].get("graduate.school")
        if allowed is not None and school not in allowed.values:
            grad = {k: v for k, v in grad.items() if k != "school"}
        out["graduate"] = grad
    return out


def _said(facts: dict) -> str:
    parts = []
    if "age" in facts:
        parts.append(f"{facts['age']}岁")
    if facts.get("gender"):
        parts.append(f"{facts['gender']}性")
    if facts.get("poverty_registered"):
        parts.append("建档立卡")
    if facts.get("dibao"):
        parts.append("低保")
    if facts.get("tekun"):
        parts.append("特困")
    if facts.get("pension") == "none":
        parts.append("没参加养老保险")
    return "、".join(parts)


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _about(rules: list, ask: str) -> list:
    """The rules the ask is about, best first: a clause such as 258号 二（一） cites several (创业扶持,
    公益性岗位, 吸纳就业补贴), and a 兜底 question must not get a verdict on the start-up grant.
    Ranked by two-character overlap of the ask with each rule's name and quoted words; none shared → none."""
    if len(rules) <= 1 or not ask:
        return rules
    asked = _bigrams(ask)
    scored = [(len(asked & _bigrams(r.name + "".join(r.quotes))), n, r) for n, r in enumerate(rules)]
    return [r for hits, _, r in sorted(scored, key=lambda t: (-t[0], t[1])) if hits]


def personal_line(clause: Clause, facts: dict, rules: RuleBook | None = None, ask: str = "") -> str:
    """What this person can get under the clause answered, as far as the story decides; '' when it says too little.

    ``ask`` (the question part of the message) picks among the rules the clause backs."""
    if not any(k in facts for k in DECIDING):
        return ""
    rules = rules or load_rules()
    known = rule_facts(facts, rules)
    try:
        rules.check_facts(known)
    except JiuyeError:
        return ""
    cited = [r for r in rules.rules_ if r.subject == "person"
             and any(clause.citation == ref or ref.startswith(clause.citation + "，") for ref in r.citations)]
    cited = _about(cited, ask)
    if not cited:
        return ""
    said = f"（按您说的：{_said(facts)}）" if _said(facts) else ""
    # asking about the training or technical-school entitlement is itself the wish to take it up
    wished = {w: True for w in WISHES if w not in known}
    verdicts = [(rule, *_eval(rule.conditions, known | wished, _today())) for rule in cited]
    for rule, truth, _ in verdicts:  # a verdict the story decides beats a question about another rule
        if truth is True:
            amount = rule.amount.split("；")[0].split("。")[0]
            return _lines(f"按您说的情况，您可以享受{rule.name}。", f"{said}{amount}。" if amount else said)
    for rule, truth, missing in verdicts:
        if truth is None and missing:
            spec = rules.facts_["person"].get(sorted(missing, key=list(rules.facts_["person"]).index)[0])
            if spec is not None:
                # not "能不能享受": a hurried reader takes its 不能享受 for the answer
                return _lines(f"是否可以享受{rule.name}，还要看一项情况。", f"{said}{spec.question}{CHECK_HINT}")
    rule = cited[0]
    if not rule.audience:
        return ""
    return _lines(f"按您说的情况，{rule.name}可能不适用于您。", f"{said}它面向：{rule.audience}。")


def _lines(first: str, second: str) -> str:
    """A first line of at most 40 characters (the verdict), then the detail on its own line."""
    return _fit(first, 40) + ("\n" + _fit(second, MAX_LINE) if second else "")


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
