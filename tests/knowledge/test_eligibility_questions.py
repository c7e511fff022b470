"""Missing facts become questions, never guesses (251号 二（一）4「做到可享受的政策全部落实到位、落实到人」)."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput, NotFitted
from knowledge.eligibility import RuleBook, evaluate, load_rules, next_question
from tests.knowledge.eligibility_people import AS_OF, graduate, person


def without(facts: dict, *keys: str) -> dict:
    return {k: v for k, v in facts.items() if k not in keys}


def test_missing_graduation_year_asks_instead_of_guessing():
    """258号 五（四）「毕业年度内」 cannot be decided without the year: neither given nor denied, asked."""
    facts = person(age=22, graduate={"school": "全日制普通高校", "employed": False})
    result = evaluate(facts, AS_OF)
    names = {e["name"] for e in result.entitlements}
    assert "一次性求职创业补贴" not in names and "就业红娘" not in names
    assert "您是哪一年毕业的？" in result.questions
    pending = {p["name"]: p["missing"] for p in result.pending}
    assert pending["一次性求职创业补贴"] == ["graduate.year"]
    # 三支一扶加分 and 就业见习 also need the year (离校 = graduated by now).
    assert "graduate.year" in pending["就业见习"]


def test_missing_fact_that_cannot_change_the_outcome_is_not_asked():
    """A rule already decided by a known fact asks nothing more: a non-graduate is never asked the year."""
    result = evaluate(without(person(), "poverty_exited"), AS_OF)
    assert "您是哪一年毕业的？" not in result.questions
    # poverty_exited only decides 代缴 here (not 低保, not 特困, in the urban-rural scheme).
    assert result.missing_facts == ["poverty_exited"]
    assert "城乡居民养老保险费代缴" not in {e["name"] for e in result.entitlements}


def test_exited_flag_not_asked_when_dibao_already_decides():
    """251号 二（三）10: 低保对象 qualify for 代缴 whatever the 脱贫 mark, so the mark is not asked."""
    result = evaluate(without(person(dibao=True), "poverty_exited"), AS_OF)
    assert "城乡居民养老保险费代缴" in {e["name"] for e in result.entitlements}
    assert "poverty_exited" not in result.missing_facts


def test_unknown_age_keeps_age_bound_rules_pending():
    """251号 二（二）7 age limit 60: with no age, 职业培训补贴 is pending and age is asked."""
    result = evaluate(without(person(gender="女", wants_training=True), "age"), AS_OF)
    assert "职业培训补贴" not in {e["name"] for e in result.entitlements}
    assert result.questions[0] == "您今年多大年纪（周岁）？"


def test_null_value_is_unknown_except_for_graduate():
    """graduate: null means "not a graduate" (known); any other null is an unknown fact to ask."""
    result = evaluate(person(wants_training=None), AS_OF)
    assert "wants_training" in result.missing_facts
    assert "graduate" not in result.missing_facts


def test_next_question_for_empty_facts_is_poverty_registration():
    """With nothing known, 建档立卡 status decides the most rules, so it is asked first."""
    assert next_question({}, AS_OF) == "您家是建档立卡贫困户吗？"


def test_next_question_leads_to_a_complete_answer_one_fact_at_a_time():
    """Answering the next question each time ends with every rule decided, asking each fact at most once."""
    truth = person(age=22, graduate=graduate(year=2026))
    rules = load_rules()
    by_question = {spec.question: key for key, spec in rules.facts_["person"].items()}
    known: dict = {}
    asked = []
    while (q := next_question(known, AS_OF)) is not None:
        key = by_question[q]
        assert key not in asked
        asked.append(key)
        head, _, tail = key.partition(".")
        if tail:
            known.setdefault(head, {})[tail] = truth[head][tail]
        else:
            known[key] = dict(truth[key]) if isinstance(truth[key], dict) else truth[key]
            if isinstance(known[key], dict):
                known[key] = {}  # the parent answer is "yes, graduated"; details are asked next
    final = {e["name"] for e in evaluate(known, AS_OF).entitlements}
    assert final == {e["name"] for e in evaluate(truth, AS_OF).entitlements}
    assert len(asked) < len(rules.facts_["person"])  # some facts never needed asking


def test_wrong_value_gives_chinese_error():
    """Bad input gets a clear Chinese error naming the fact, not a silent wrong answer."""
    with pytest.raises(InvalidInput) as exc:
        evaluate(person(gender="M"), AS_OF)
    assert "性别" in exc.value.message_zh and "男" in exc.value.message_zh
    with pytest.raises(InvalidInput):
        evaluate(person(age="三十"), AS_OF)
    with pytest.raises(InvalidInput):
        evaluate(person(graduate={"school": "全日制普通高校", "year": "去年", "employed": False}), AS_OF)


def test_unfitted_rule_book_raises_not_fitted():
    with pytest.raises(NotFitted):
        RuleBook().evaluate(person(), AS_OF)


def test_employer_rules_evaluate_employer_facts():
    """251号 二（三）11: 扶贫车间 paying 社保 for poor workers gets 扶贫车间社保补贴; missing facts are asked."""
    rules = load_rules()
    facts = {"hires_poor_labourers": True, "is_poverty_workshop": True, "pays_social_insurance_for_poor": True,
             "stabilises_poor_jobs": False, "poor_employed_one_year": False}
    result = rules.evaluate(facts, AS_OF, subject="employer")
    assert {e["name"] for e in result.entitlements} == {"吸纳就业补贴", "扶贫车间社保补贴"}
    assert result.missing_facts == ["meets_base_threshold"]


EMPLOYER_BASE = {"hires_poor_labourers": True, "is_poverty_workshop": False, "pays_social_insurance_for_poor": False,
                 "stabilises_poor_jobs": False, "poor_employed_one_year": False, "meets_base_threshold": False}


@pytest.mark.parametrize(("fact", "name"), [
    ("stabilises_poor_jobs", "稳岗补贴"),            # 251号 二（三）11: 稳定贫困劳动力就业岗位的企业 … 失业保险稳岗补贴
    ("poor_employed_one_year", "稳定就业1年以上奖励"),  # 251号 二（一）2: 稳定就业1年以上的各类生产经营主体
    ("meets_base_threshold", "就业扶贫基地授牌"),      # 251号 二（一）2: 吸纳扶贫对象达到一定人数的，给予授牌表彰
])
def test_employer_rule_turns_on_with_its_fact(fact, name):
    """Each employer-side rule is given exactly when its own fact holds (and the employer hires poor labourers)."""
    rules = load_rules()
    off = {e["name"] for e in rules.evaluate(EMPLOYER_BASE, AS_OF, subject="employer").entitlements}
    on = {e["name"] for e in rules.evaluate({**EMPLOYER_BASE, fact: True}, AS_OF, subject="employer").entitlements}
    assert off == {"吸纳就业补贴"} and on == {"吸纳就业补贴", name}
    none = rules.evaluate({**EMPLOYER_BASE, fact: True, "hires_poor_labourers": False}, AS_OF, subject="employer")
    assert none.entitlements == []
