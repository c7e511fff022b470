"""The rule file itself: it loads, faults are named at load time, and every citation is the clause's own words."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from knowledge.eligibility import RULES_PATH, RuleBook, RuleFileError, UnknownFact, UnknownOperator

CORPUS = Path(__file__).resolve().parents[2] / "knowledge" / "corpus"
DOCS = {"闽人社文〔2017〕251号": "min_renshewen_2017_251.txt", "闽人社文〔2018〕258号": "min_renshewen_2018_258.txt"}
NUMERALS = "一二三四五六七八九十"
PERSON_RULES = ["一次性求职创业补贴", "一次性创业扶持补贴", "职业培训补贴", "免费职业技能培训", "城乡居民养老保险费代缴",
                "补办城乡居民养老保险", "公益性岗位", "就业见习", "就业红娘", "三支一扶加分", "技工教育", "就业创业证"]
EMPLOYER_RULES = ["吸纳就业补贴", "扶贫车间社保补贴", "稳岗补贴", "稳定就业1年以上奖励", "就业扶贫基地授牌"]


def raw() -> dict:
    return yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))


def test_shipped_rule_file_loads_with_every_named_entitlement():
    book = RuleBook().fit()
    by_subject = {s: [r.name for r in book.rules_ if r.subject == s] for s in ("person", "employer")}
    for name in PERSON_RULES:
        assert any(n.startswith(name) for n in by_subject["person"]), name
    assert sorted(by_subject["employer"]) == sorted(EMPLOYER_RULES)
    assert all(r.citations and r.how_to_apply and r.why and r.notes for r in book.rules_)


def _break(mutate) -> dict:
    data = copy.deepcopy(raw())
    mutate(data)
    return data


def test_unknown_fact_is_named_at_load_time():
    data = _break(lambda d: d["entitlements"][0]["conditions"]["all"].append({"fact": "income", "eq": 1}))
    with pytest.raises(UnknownFact, match="income"):
        RuleBook().fit(data)


def test_unknown_operator_is_named_at_load_time():
    data = _break(lambda d: d["entitlements"][0]["conditions"]["all"].append({"fact": "age", "op": "~", "value": 1}))
    with pytest.raises(UnknownOperator, match="'~'"):
        RuleBook().fit(data)
    data = _break(lambda d: d["entitlements"][0]["conditions"]["all"].append({"fact": "age", "between": [1, 2]}))
    with pytest.raises(UnknownOperator, match="between"):
        RuleBook().fit(data)


@pytest.mark.parametrize(("condition", "message"), [
    ({"fact": "gender", "eq": "M"}, "does not fit"),
    ({"fact": "graduate.school", "in": ["大学"]}, "does not fit"),
    ({"fact": "gender", "<": 3}, "whole numbers"),
    ({"fact": "graduate.year", "eq": "$today"}, "unknown variable"),
    ({"ref": "nobody"}, "unknown definition"),
    ({"fact": "age"}, "exactly one operator"),
])
def test_bad_values_and_refs_are_rejected(condition, message):
    data = _break(lambda d: d["entitlements"][1]["conditions"]["all"].append(condition))
    with pytest.raises(RuleFileError, match=message):
        RuleBook().fit(data)


def test_employer_facts_do_not_leak_into_person_rules():
    data = _break(lambda d: d["entitlements"][0]["conditions"]["all"].append({"fact": "hires_poor_labourers", "eq": True}))
    with pytest.raises(UnknownFact):
        RuleBook().fit(data)


def test_bad_citation_and_template_are_rejected():
    with pytest.raises(RuleFileError, match="citation"):
        RuleBook().fit(_break(lambda d: d["entitlements"][0].update(citations=["258号第五条"])))
    with pytest.raises(UnknownFact, match="income"):
        RuleBook().fit(_break(lambda d: d["entitlements"][0].update(why="您的收入是{income}")))
    with pytest.raises(RuleFileError, match="twice"):
        RuleBook().fit(_break(lambda d: d["entitlements"].append(copy.deepcopy(d["entitlements"][0]))))


def test_missing_file_is_a_rule_file_error(tmp_path):
    with pytest.raises(RuleFileError):
        RuleBook(tmp_path / "none.yaml").fit()


# ---- citations checked against the documents


def _norm(text: str) -> str:
    text = re.sub(r"(?m)^\s*[-—]\s*\d+\s*[-—]?\s*$", "", text)  # page-number lines: "-3 -", "— 5 —", "-6"
    text = re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）").replace(",", "，")
    return re.sub("[\"“”「」]", "", text)


def _span(text: str, start: int, end: int, marker: str, following: str | None) -> tuple[int, int]:
    """The part of text[start:end] from marker up to the following sibling marker."""
    at = text.find(marker, start, end)
    assert at >= 0, f"{marker} not found"
    stop = text.find(following, at + len(marker), end) if following else -1
    return at, stop if stop >= 0 else end


def clause(ref: str) -> str:
    """The text of a clause like '闽人社文〔2017〕251号 二（一）6' (section, sub-section, item)."""
    doc, path = ref.split(" ")
    text = _norm((CORPUS / DOCS[doc]).read_text(encoding="utf-8"))
    m = re.fullmatch(rf"([{NUMERALS}]+)(?:（([{NUMERALS}]+)）)?(\d+)?", path)
    assert m, ref
    top, sub, item = m.groups()
    start, end = _span(text, 0, len(text), f"{top}、", f"{NUMERALS[NUMERALS.index(top) + 1]}、")
    if sub:
        start, end = _span(text, start, end, f"（{sub}）", f"（{NUMERALS[NUMERALS.index(sub) + 1]}）")
    if item:
        first = re.compile(rf"(?<![\d.]){item}\.(?!\d)").search(text, start, end)
        assert first, ref
        follow = re.compile(rf"(?<![\d.]){int(item) + 1}\.(?!\d)").search(text, first.end(), end)
        start, end = first.start(), follow.start() if follow else end
    return text[start:end]


def test_every_citation_quote_is_in_the_cited_clause():
    """Each citation carries a quote of the clause; the quote must be found inside that very clause."""
    book = RuleBook().fit()
    checked = 0
    for rule in book.rules_:
        assert len(rule.quotes) == len(rule.citations), rule.name
        for ref, quote in zip(rule.citations, rule.quotes, strict=True):
            assert quote, f"{rule.name}: {ref} has no quote"
            assert _norm(quote) in clause(ref), f"{rule.name}: 「{quote}」 is not in {ref}"
            checked += 1
    assert checked >= 25


def test_clause_locator_finds_the_right_clause_not_a_neighbour():
    """Guard for the check above: a quote from 251号 二（一）6 is not in 二（一）5 nor in 258号 五（四）."""
    assert "一次性求职创业补贴2000元" in clause("闽人社文〔2017〕251号 二（一）6")
    assert "一次性求职创业补贴" not in clause("闽人社文〔2017〕251号 二（一）5")
    assert "就业红娘" not in clause("闽人社文〔2018〕258号 五（三）")
    assert "年满60周岁但未参保" in clause("闽人社文〔2018〕258号 四（一）")
