"""Entitlements (政策落实到人): declarative rules in ``knowledge/rules/entitlements.yaml`` over a
person's (or an employer's) facts, evaluated with three-valued logic.

A rule whose outcome depends on a fact that is not known is neither given nor denied: it is
*pending*, and the facts that would decide it become questions to ask, most useful first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from core.errors import InvalidInput, JiuyeError, NotFitted

RULES_PATH = Path(__file__).with_name("rules") / "entitlements.yaml"

COMPARATORS = {
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "not_in": lambda a, b: a not in b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
ORDERING = {"<", "<=", ">", ">="}
VARIABLES = {"$as_of_year": lambda as_of: as_of.year}
FACT_TYPES = {"int", "bool", "enum", "object"}
SUBJECTS = {"person": "facts", "employer": "employer_facts"}
REQUIRED = ("key", "name", "subject", "conditions", "amount", "citations", "how_to_apply", "why")
CITATION_RE = re.compile(r"^闽人社文〔20\d\d〕\d+号 [一二三四五六七八九十]+(（[一二三四五六七八九十]+）)?\d*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_][a-z_.]*)\}")
_MISSING = object()  # a fact the caller did not give (as opposed to a known null)


class RuleFileError(JiuyeError):
    """The rule file is malformed; raised at load time with the offending entry."""

    http_status = 500
    message_zh = "政策规则文件有误，请联系管理员"


class UnknownFact(RuleFileError):
    """A condition or template names a fact the file does not declare."""


class UnknownOperator(RuleFileError):
    """A condition uses an operator other than eq ne in not_in < <= > >=."""


@dataclass(frozen=True)
class FactSpec:
    key: str
    type: str
    question: str
    label: str = ""
    values: tuple = ()
    nullable: bool = False


@dataclass(frozen=True)
class Rule:
    key: str
    name: str
    subject: str
    conditions: tuple
    amount: str
    citations: tuple[str, ...]
    how_to_apply: str
    why: str
    audience: str = ""
    notes: str = ""
    quotes: tuple[str, ...] = ()


@dataclass
class Result:
    """What a person is entitled to, and what to ask to decide the rest."""

    entitlements: list[dict] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    missing_facts: list[str] = field(default_factory=list)
    pending: list[dict] = field(default_factory=list)  # [{name, missing: [fact keys]}]


# ---------------------------------------------------------------- loading and validation


def _compile(cond: Any, facts: dict[str, FactSpec], defs: dict, where: str, depth: int = 0) -> tuple:
    """Turn a YAML condition into a nested tuple, checking facts, operators and value types."""
    if depth > 20:
        raise RuleFileError(f"{where}: conditions nest too deep (a ref cycle?)")
    if not isinstance(cond, dict) or not cond:
        raise RuleFileError(f"{where}: a condition must be a mapping, got {cond!r}")
    for combinator in ("all", "any"):
        if combinator in cond:
            parts = cond[combinator]
            if len(cond) != 1 or not isinstance(parts, list) or not parts:
                raise RuleFileError(f"{where}: '{combinator}' takes a non-empty list and nothing beside it")
            return (combinator, tuple(_compile(p, facts, defs, where, depth + 1) for p in parts))
    if "not" in cond:
        if len(cond) != 1:
            raise RuleFileError(f"{where}: 'not' stands alone")
        return ("not", _compile(cond["not"], facts, defs, where, depth + 1))
    if "ref" in cond:
        if cond["ref"] not in defs:
            raise RuleFileError(f"{where}: unknown definition {cond['ref']!r}")
        return _compile(defs[cond["ref"]], facts, defs, f"{where} → {cond['ref']}", depth + 1)
    if "fact" not in cond:
        raise UnknownOperator(f"{where}: condition {cond!r} has none of all/any/not/ref/fact")
    key = cond["fact"]
    if key not in facts:
        raise UnknownFact(f"{where}: unknown fact {key!r}")
    rest = {k: v for k, v in cond.items() if k != "fact"}
    if "op" in rest:
        op, value = rest.pop("op"), rest.pop("value", _MISSING)
        if rest or value is _MISSING:
            raise RuleFileError(f"{where}: 'op' needs exactly one 'value' beside it: {cond!r}")
    elif len(rest) == 1:
        ((op, value),) = rest.items()
    else:
        raise UnknownOperator(f"{where}: condition {cond!r} needs exactly one operator")
    if op not in COMPARATORS:
        raise UnknownOperator(f"{where}: unknown operator {op!r} on fact {key!r}")
    _check_value(facts[key], op, value, where)
    head = key.partition(".")[0]
    nullable = facts[head].nullable if head in facts else False
    return ("cmp", key, op, tuple(value) if isinstance(value, list) else value, nullable)


def _check_value(spec: FactSpec, op: str, value: Any, where: str) -> None:
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise RuleFileError(f"{where}: '{op}' on {spec.key!r} needs a non-empty list")
        for v in value:
            _check_value(spec, "eq", v, where)
        return
    if op in ORDERING and spec.type != "int":
        raise RuleFileError(f"{where}: '{op}' only applies to whole numbers, not {spec.key!r}")
    if isinstance(value, str) and value.startswith("$"):
        if value not in VARIABLES or spec.type != "int":
            raise RuleFileError(f"{where}: unknown variable {value!r} for {spec.key!r}")
        return
    ok = {
        "int": isinstance(value, int) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "enum": value in spec.values,
        "object": value is None,
    }[spec.type]
    if not ok:
        raise RuleFileError(f"{where}: value {value!r} does not fit fact {spec.key!r} ({spec.type})")


def _fact_specs(raw: Any, section: str) -> dict[str, FactSpec]:
    if not isinstance(raw, dict):
        raise RuleFileError(f"'{section}' must map fact names to their descriptions")
    specs: dict[str, FactSpec] = {}
    for key, d in raw.items():
        if not isinstance(d, dict) or d.get("type") not in FACT_TYPES or not d.get("question"):
            raise RuleFileError(f"{section}.{key}: needs a type ({'/'.join(sorted(FACT_TYPES))}) and a question")
        if d["type"] == "enum" and not d.get("values"):
            raise RuleFileError(f"{section}.{key}: an enum needs its values")
        parent = key.rpartition(".")[0]
        if parent and (parent not in specs or specs[parent].type != "object"):
            raise RuleFileError(f"{section}.{key}: parent {parent!r} must be declared before it as an object")
        specs[key] = FactSpec(key, d["type"], str(d["question"]), str(d.get("label", "")),
                              tuple(d.get("values") or ()), bool(d.get("nullable", False)))
    return specs


def _citations(raw: Any, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Citations are strings or {ref, quote}; the quote is the clause's own words (checked by tests)."""
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(f"{where}: needs at least one citation")
    refs, quotes = [], []
    for c in raw:
        ref, quote = (c.get("ref"), c.get("quote", "")) if isinstance(c, dict) else (c, "")
        if not isinstance(ref, str) or not CITATION_RE.match(ref):
            raise RuleFileError(f"{where}: citation {ref!r} is not like '闽人社文〔2018〕258号 五（四）'")
        refs.append(ref)
        quotes.append(quote)
    return tuple(refs), tuple(quotes)


class RuleBook:
    """Entitlement rules loaded from a YAML file.

    Parameters
    ----------
    path : path of the rule file; the shipped ``knowledge/rules/entitlements.yaml`` by default.

    Attributes
    ----------
    rules_ : list of Rule, in file order.
    facts_ : dict subject → {fact key → FactSpec}, in file order (earlier facts are asked first on ties).
    """

    def __init__(self, path: str | Path | None = None):
        self.path = path

    def fit(self, data: dict | None = None) -> RuleBook:
        """Load and validate the rule file (or an already-parsed mapping); raise RuleFileError on any fault."""
        if data is None:
            path = Path(self.path or RULES_PATH)
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as exc:
                raise RuleFileError(f"{path}: {exc}") from exc
        if not isinstance(data, dict) or "entitlements" not in data or "facts" not in data:
            raise RuleFileError("the rule file needs 'facts' and 'entitlements'")
        facts = {"person": _fact_specs(data["facts"], "facts"),
                 "employer": _fact_specs(data.get("employer_facts") or {}, "employer_facts")}
        defs = data.get("definitions") or {}
        rules: list[Rule] = []
        for i, e in enumerate(data["entitlements"]):
            where = f"entitlements[{i}] {e.get('name', '?') if isinstance(e, dict) else '?'}"
            if not isinstance(e, dict) or any(not e.get(k) for k in REQUIRED):
                raise RuleFileError(f"{where}: needs {', '.join(REQUIRED)}")
            if e["subject"] not in SUBJECTS:
                raise RuleFileError(f"{where}: subject must be person or employer, not {e['subject']!r}")
            if any(r.key == e["key"] or r.name == e["name"] for r in rules):
                raise RuleFileError(f"{where}: key or name used twice")
            specs = facts[e["subject"]]
            for name in PLACEHOLDER_RE.findall(e["why"]):
                if name not in specs and name != "as_of_year":
                    raise UnknownFact(f"{where}: why template names unknown fact {name!r}")
            refs, quotes = _citations(e["citations"], where)
            rules.append(Rule(
                key=e["key"], name=e["name"], subject=e["subject"],
                conditions=_compile(e["conditions"], specs, defs, where),
                amount=str(e["amount"]), citations=refs, quotes=quotes, how_to_apply=str(e["how_to_apply"]),
                why=str(e["why"]), audience=str(e.get("audience", "")), notes=str(e.get("notes", "")),
            ))
        self.rules_, self.facts_ = rules, facts
        return self

    # ------------------------------------------------------------ evaluation

    def _fitted(self) -> None:
        if not hasattr(self, "rules_"):
            raise NotFitted("RuleBook.fit() has not been called")

    def check_facts(self, facts: dict, subject: str = "person") -> None:
        """Raise InvalidInput (Chinese message) when a given fact has the wrong kind of value."""
        self._fitted()
        for spec in self.facts_[subject].values():
            value = _lookup(facts, spec.key)
            if value is _MISSING or value is None:
                continue
            ok = {
                "int": isinstance(value, int) and not isinstance(value, bool),
                "bool": isinstance(value, bool),
                "enum": value in spec.values,
                "object": isinstance(value, dict),
            }[spec.type]
            if not ok:
                allowed = "、".join(map(str, spec.values)) if spec.type == "enum" else {
                    "int": "整数", "bool": "true 或 false", "object": "对象或 null"}[spec.type]
                raise InvalidInput(f"bad fact {spec.key}={value!r}",
                                   message_zh=f"「{spec.label or spec.key}」（{spec.key}）的值 {value!r} 不对，应为{allowed}")

    def evaluate(self, facts: dict, as_of: date | None = None, subject: str = "person") -> Result:
        """Entitlements given by the facts, plus questions for the facts that would decide the rest."""
        self._fitted()
        self.check_facts(facts, subject)
        as_of = as_of or _today()
        result = Result()
        votes: dict[str, int] = {}
        for rule in self.rules_:
            if rule.subject != subject:
                continue
            truth, missing = _eval(rule.conditions, facts, as_of)
            if truth is True:
                result.entitlements.append({
                    "key": rule.key, "name": rule.name, "amount": rule.amount,
                    "citation": "；".join(rule.citations), "why": _render(rule.why, facts, as_of),
                    "how_to_apply": rule.how_to_apply,
                })
            elif truth is None:
                ordered = [k for k in self.facts_[subject] if k in missing]
                result.pending.append({"name": rule.name, "missing": ordered})
                for k in ordered:
                    votes[k] = votes.get(k, 0) + 1
        order = list(self.facts_[subject])
        # Most useful first: the fact that would help decide the most pending rules; file order on ties.
        result.missing_facts = sorted(votes, key=lambda k: (-votes[k], order.index(k)))
        result.questions = [self.facts_[subject][k].question for k in result.missing_facts]
        return result

    def next_question(self, facts: dict, as_of: date | None = None, subject: str = "person") -> str | None:
        """The single most useful question to ask next, or None when every rule is decided."""
        questions = self.evaluate(facts, as_of, subject).questions
        return questions[0] if questions else None


def _today() -> date:
    from core.timeutil import CHINA, utcnow

    return utcnow().astimezone(CHINA).date()


def _lookup(facts: dict, key: str) -> Any:
    """A fact's value: _MISSING when not given; None when a known-null parent makes it not apply."""
    head, _, tail = key.partition(".")
    if head not in facts:
        return _MISSING
    value = facts[head]
    if not tail:
        return value
    if value is None:
        return None
    return value.get(tail, _MISSING) if isinstance(value, dict) else _MISSING


def _resolve(facts: dict, key: str, nullable: bool) -> tuple[Any, str | None]:
    """(value, None) when known; (None, fact-to-ask) when unknown.

    A null is a known "not applicable" only for a fact declared ``nullable`` (e.g. graduate: null =
    not a graduate, so graduate.year does not apply); any other null is simply unknown.
    """
    head = key.partition(".")[0]
    if facts.get(head) is None and not (nullable and head in facts):
        return None, head
    value = _lookup(facts, key)
    if value is _MISSING or (value is None and facts[head] is not None):
        return None, key
    return value, None


def _eval(cond: tuple, facts: dict, as_of: date) -> tuple[bool | None, set[str]]:
    """Kleene three-valued evaluation; the set holds the unknown facts that could change the outcome."""
    kind = cond[0]
    if kind == "cmp":
        _, key, op, target, nullable = cond
        value, ask = _resolve(facts, key, nullable)
        if ask:
            return None, {ask}
        if isinstance(target, str) and target in VARIABLES:
            target = VARIABLES[target](as_of)
        if value is None and op in ORDERING:  # not applicable (e.g. no graduate record)
            return False, set()
        return bool(COMPARATORS[op](value, target)), set()
    if kind == "not":
        truth, missing = _eval(cond[1], facts, as_of)
        return (None if truth is None else not truth), missing
    results = [_eval(c, facts, as_of) for c in cond[1]]
    decisive = kind == "any"  # any: one True decides; all: one False decides
    if any(t is decisive for t, _ in results):
        return decisive, set()
    unknown = set().union(*(m for t, m in results if t is None))
    return (None, unknown) if unknown else (not decisive, set())


def _render(template: str, facts: dict, as_of: date) -> str:
    def one(m: re.Match) -> str:
        if m.group(1) == "as_of_year":
            return str(as_of.year)
        value = _lookup(facts, m.group(1))
        if value is _MISSING or value is None:
            return ""
        return {True: "是", False: "否"}.get(value, str(value)) if isinstance(value, bool) else str(value)

    return PLACEHOLDER_RE.sub(one, template)


@lru_cache(maxsize=4)
def load_rules(path: str | None = None) -> RuleBook:
    """The fitted rule book for a file (the shipped one by default), cached."""
    return RuleBook(path).fit()


def evaluate(facts: dict, as_of: date | None = None, *, rules: RuleBook | None = None) -> Result:
    """Entitlements and questions for one person's facts (see RuleBook.evaluate)."""
    return (rules or load_rules()).evaluate(facts, as_of)


def next_question(facts: dict, as_of: date | None = None, *, rules: RuleBook | None = None) -> str | None:
    """The single most useful next question for one person, or None when nothing is left to ask."""
    return (rules or load_rules()).next_question(facts, as_of)
