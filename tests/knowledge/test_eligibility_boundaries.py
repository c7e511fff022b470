"""One test per entitlement rule and per boundary; each docstring cites the clause it implements."""

from __future__ import annotations

import pytest

from knowledge.eligibility import evaluate
from tests.knowledge.eligibility_people import AS_OF, graduate, person

JOB_SEARCH = "一次性求职创业补贴"
STARTUP = "一次性创业扶持补贴"
TRAINING_SUBSIDY = "职业培训补贴"
FREE_TRAINING = "免费职业技能培训"
PENSION_PAID = "城乡居民养老保险费代缴"
PENSION_LATE = "补办城乡居民养老保险"


def names(facts: dict) -> set[str]:
    return {e["name"] for e in evaluate(facts, AS_OF).entitlements}


# ---- 一次性求职创业补贴


@pytest.mark.parametrize("school", ["全日制普通高校", "技工院校高级工班", "技工院校预备技师班", "特殊教育院校职业教育类"])
def test_job_search_subsidy_given_to_listed_schools_in_graduation_year(school):
    """闽人社文〔2018〕258号 五（四）: 全日制普通高校、技工院校高级工班、预备技师班和特殊教育院校职业教育类，
    毕业年度内 … 建档立卡贫困家庭毕业生 … 每人2000元的一次性求职创业补贴."""
    result = evaluate(person(age=22, graduate=graduate(school, 2026)), AS_OF)
    given = {e["name"]: e for e in result.entitlements}
    assert JOB_SEARCH in given
    assert "2000元" in given[JOB_SEARCH]["amount"]
    assert "258号 五（四）" in given[JOB_SEARCH]["citation"]


@pytest.mark.parametrize("school", ["技工院校中级工班", "初中", "高中"])
def test_job_search_subsidy_not_for_intermediate_class_or_middle_school(school):
    """闽人社文〔2017〕251号 二（二）9 and 258号 五（四） list only 高级工班、预备技师班 of 技工院校:
    中级工班 and 初中/高中 graduates are outside the clause."""
    assert JOB_SEARCH not in names(person(age=19, graduate=graduate(school, 2026)))


def test_job_search_subsidy_only_in_graduation_year_not_the_year_after():
    """251号 二（一）6 「毕业生年度内」; 毕业年度 = the calendar year of graduation (2026 as of 2026-11-22)."""
    assert JOB_SEARCH in names(person(age=22, graduate=graduate(year=2026)))
    assert JOB_SEARCH not in names(person(age=23, graduate=graduate(year=2025)))
    assert JOB_SEARCH not in names(person(age=21, graduate=graduate(year=2027)))


def test_job_search_subsidy_needs_job_or_business_seeking_intent():
    """258号 五（四）「有就业创业意愿并积极求职创业」: someone not seeking work is not given it."""
    assert JOB_SEARCH not in names(person(age=22, status="not_seeking", graduate=graduate()))
    assert JOB_SEARCH in names(person(age=22, status="not_seeking", business="first", graduate=graduate()))


def test_job_search_subsidy_needs_registered_poor_family_but_not_unexited():
    """258号 五（四）「建档立卡贫困家庭毕业生」: a non-registered family is out; an exited (已脱贫) one is still 建档立卡."""
    assert JOB_SEARCH not in names(person(age=22, poverty_registered=False, graduate=graduate()))
    assert JOB_SEARCH in names(person(age=22, poverty_exited=True, graduate=graduate()))


# ---- 一次性创业扶持补贴


def test_startup_subsidy_for_first_business_not_existing():
    """258号 二（一）「首次创办小微企业或从事个体经营」: first business yes (≤1万元), an existing one no."""
    result = evaluate(person(business="first"), AS_OF)
    given = {e["name"]: e for e in result.entitlements}
    assert "1万元" in given[STARTUP]["amount"]
    assert STARTUP not in names(person(business="existing"))
    assert STARTUP not in names(person(business="none"))


def test_startup_subsidy_for_returning_migrant_without_poverty_registration():
    """258号 二（一）「贫困劳动力和农民工等返乡下乡创业人员」: a returning migrant need not be 建档立卡."""
    assert STARTUP in names(person(poverty_registered=False, returning_migrant=True, business="first"))
    assert STARTUP not in names(person(poverty_registered=False, returning_migrant=False, business="first"))


# ---- 职业培训补贴 and 免费职业技能培训


@pytest.mark.parametrize(("age", "given"), [(55, True), (58, True), (59, True), (60, True), (61, False)])
def test_training_subsidy_women_age_relaxed_to_60(age, given):
    """闽人社文〔2017〕251号 二（二）7: 建档立卡女性贫困劳动力 … 享受职业培训补贴年龄放宽至60周岁 (60 included)."""
    assert (TRAINING_SUBSIDY in names(person(gender="女", age=age, wants_training=True))) is given


@pytest.mark.parametrize(("age", "given"), [(45, True), (60, True), (61, False), (15, False)])
def test_training_subsidy_men_within_working_age(age, given):
    """258号 三（一）/ 251号 二（二）7 for 贫困劳动力 in 劳动年龄: men 16–60 (法定退休年龄 60)."""
    assert (TRAINING_SUBSIDY in names(person(age=age, wants_training=True))) is given


def test_training_needs_training_wish():
    """251号 二（二）7「有培训意愿的」and 251号 一「有参加职业培训意愿的贫困劳动力」."""
    got = names(person(wants_training=False))
    assert TRAINING_SUBSIDY not in got and FREE_TRAINING not in got


def test_free_training_once_a_year_for_poor_labourers_wanting_training():
    """251号 一: 每个有参加职业培训意愿的贫困劳动力每年都能接受1次免费职业培训; 258号 三（二）."""
    result = evaluate(person(poverty_exited=True, wants_training=True), AS_OF)
    given = {e["name"]: e for e in result.entitlements}
    assert "每年" in given[FREE_TRAINING]["amount"]
    assert FREE_TRAINING not in names(person(poverty_registered=False, wants_training=True))


# ---- 城乡居民养老保险费代缴 and 补办


def test_pension_contribution_for_unexited_poor_not_exited():
    """251号 二（三）10「建档立卡未标注脱贫的贫困人口」: 未脱贫 yes, 已脱贫 no (unless 低保/特困)."""
    assert PENSION_PAID in names(person(poverty_exited=False))
    assert PENSION_PAID not in names(person(poverty_exited=True))


@pytest.mark.parametrize("flag", ["dibao", "tekun"])
def test_pension_contribution_for_dibao_and_tekun_even_if_exited_or_unregistered(flag):
    """251号 二（三）10「低保对象、特困人员等困难群体」 need no poverty registration."""
    assert PENSION_PAID in names(person(poverty_registered=False, **{flag: True}))
    assert PENSION_PAID in names(person(poverty_exited=True, **{flag: True}))


def test_pension_contribution_only_for_urban_rural_scheme():
    """251号 二（三）10「参加城乡居民基本养老保险的，地方政府为其代缴」: participation in the urban-rural scheme is
    the condition — not for 职工养老保险, and not (yet) for the uninsured, who are guided to join first."""
    assert PENSION_PAID not in names(person(pension="employee"))
    assert PENSION_PAID not in names(person(pension="none"))
    assert PENSION_PAID not in names(person(pension="none", poverty_registered=False, dibao=True))
    assert PENSION_PAID not in names(person(age=60, pension="none"))
    assert PENSION_PAID in names(person(pension="urban_rural"))
    result = evaluate(person(), AS_OF)
    assert "50%" in {e["name"]: e for e in result.entitlements}[PENSION_PAID]["amount"]


@pytest.mark.parametrize(("age", "given"), [(59, False), (60, True), (61, True), (75, True)])
def test_late_pension_enrolment_from_60(age, given):
    """258号 四（一）: 组织年满60周岁但未参保的贫困人口 … 补办相关手续 (60 included, 59 not)."""
    assert (PENSION_LATE in names(person(age=age, pension="none"))) is given


def test_late_pension_enrolment_not_when_insured_and_not_for_unregistered():
    """258号 四（一）「未参保的贫困人口」: insured people and non-建档立卡 people are out; 已脱贫 still in."""
    assert PENSION_LATE not in names(person(age=65, pension="urban_rural"))
    assert PENSION_LATE not in names(person(age=65, pension="none", poverty_registered=False, dibao=True))
    assert PENSION_LATE in names(person(age=65, pension="none", poverty_exited=True))


def test_pension_contribution_has_no_upper_age_but_starts_at_16():
    """251号 二（三）10 sets no age limit; the scheme itself enrols from 16 (国发〔2014〕8号)."""
    assert PENSION_PAID in names(person(age=59))
    assert PENSION_PAID in names(person(age=66))
    assert PENSION_PAID not in names(person(age=15, pension="none"))


# ---- 公益性岗位


def test_public_welfare_job_only_when_market_channels_failed():
    """258号 二（一）: 对市场渠道确实难以实现就业的贫困劳动力 … 开发公益性岗位予以托底安置."""
    assert "公益性岗位" in names(person(market_job_failed=True, poverty_exited=True))
    assert "公益性岗位" not in names(person(market_job_failed=False))
    assert "公益性岗位" not in names(person(market_job_failed=True, poverty_registered=False))


# ---- 高校毕业生: 就业见习, 就业红娘, 三支一扶加分


def test_internship_for_unemployed_college_graduates_this_year_or_earlier():
    """251号 二（一）6: 支持贫困家庭的离校未就业高校毕业生参加就业见习 (graduation year or later)."""
    assert "就业见习" in names(person(age=22, graduate=graduate(year=2026)))
    assert "就业见习" in names(person(age=24, graduate=graduate(year=2024)))
    assert "就业见习" not in names(person(age=22, graduate=graduate(employed=True)))
    assert "就业见习" not in names(person(age=21, graduate=graduate(year=2027)))
    assert "就业见习" not in names(person(age=20, graduate=graduate("技工院校高级工班")))


def test_matchmaker_only_in_graduation_year():
    """258号 五（四）: 面向毕业年度离校未就业的建档立卡贫困家庭高校毕业生，开展“就业红娘”结对帮扶."""
    assert "就业红娘" in names(person(age=22, graduate=graduate(year=2026)))
    assert "就业红娘" not in names(person(age=23, graduate=graduate(year=2025)))
    assert "就业红娘" not in names(person(age=22, graduate=graduate(employed=True)))


def test_sanzhi_yifu_bonus_for_poor_family_college_graduates():
    """251号 二（一）6: 对报名参加省级“三支一扶”计划的贫困家庭高校毕业生予以加分."""
    assert "三支一扶加分" in names(person(age=24, graduate=graduate(year=2024, employed=True)))
    assert "三支一扶加分" not in names(person(age=19, graduate=graduate("高中")))
    assert "三支一扶加分" not in names(person(age=24, poverty_registered=False, graduate=graduate()))


# ---- 技工教育, 就业创业证


def test_technical_school_for_poor_family_students_wanting_it():
    """258号 一（二）/ 三（三）: 有就读技工院校意愿的建档立卡贫困家庭应往届初、高中毕业生 — 免试入学、免学费、助学金."""
    got = names(person(age=16, graduate=graduate("初中", 2026), wants_technical_school=True))
    assert any(n.startswith("技工教育") for n in got)
    assert not any(n.startswith("技工教育") for n in names(person(age=16, graduate=graduate("初中", 2026))))
    assert not any(n.startswith("技工教育") for n in names(
        person(age=18, poverty_registered=False, graduate=graduate("高中", 2025), wants_technical_school=True)))


def test_employment_card_for_poor_labourers_who_need_it():
    """251号 二（一）4: 为符合条件且有需要的贫困劳动力发放《就业创业证》 (seeking work, employed or in business)."""
    assert "就业创业证" in names(person(status="seeking"))
    assert "就业创业证" not in names(person(status="not_seeking"))
    assert "就业创业证" in names(person(status="not_seeking", business="existing"))


# ---- employer-side rules never reach people


def test_employer_rules_are_not_given_to_people():
    """251号 二（一）2 / 二（三）11, 258号 二（一）: 吸纳就业补贴、稳岗补贴 … are for employers (subject: employer)."""
    got = names(person(business="existing", status="employed"))
    assert not got & {"吸纳就业补贴", "扶贫车间社保补贴", "稳岗补贴", "稳定就业1年以上奖励", "就业扶贫基地授牌"}
