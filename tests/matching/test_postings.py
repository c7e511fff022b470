"""Reading postings: requirements, limits, pay per month, place and tags, as employers write them."""

from __future__ import annotations

import pytest

from core.gazetteer import get_gazetteer
from matching.postings import parse_posting, parse_requirements

G = get_gazetteer()


def job(**kw) -> object:
    rec = {"id": "J1", "title": "普工", "location": "福州市闽侯县", "salary_min": 4000, "salary_max": 5000,
           "salary_unit": "month", "description": ""}
    rec.update(kw)
    return parse_posting(rec)


@pytest.mark.parametrize(
    "text,required,preferred",
    [
        ("须持叉车证", ["forklift"], []),
        ("钢结构焊接，持焊工证", ["welder"], []),
        ("公司通勤用车，持C1驾照三年以上", ["C1"], []),
        ("持挖掘机证，有两年经验", ["excavator"], []),
        ("需持电工证、焊工证", ["electrician", "welder"], []),
        ("照顾新生儿，母婴护理证优先", [], ["maternity"]),
        ("有护理经验优先", [], []),
        ("持A2/B2驾照均可", ["B2"], []),  # either class: the lower one is enough
        ("B照以上", ["B2"], []),
    ],
)
def test_requirements_hard_and_preferred(text: str, required: list[str], preferred: list[str]) -> None:
    assert parse_requirements(text) == (required, preferred)


def test_requirements_licence_to_work_means_the_trade_named() -> None:
    assert parse_requirements("持证上岗", "维修电工") == (["electrician"], [])


def test_day_pay_normalised_to_month() -> None:
    j = job(salary_min=130, salary_max=180, salary_unit="day")
    assert (j.pay_min, j.pay_max) == (130 * 26, 180 * 26) and j.pay_raw == (130, 180)


def test_location_to_county_and_city() -> None:
    j = job(location="南平市武夷山市")
    assert j.county == G.resolve("武夷山").code and j.city == G.counties[j.county].city_code
    only_city = job(location="厦门")
    assert only_city.county is None and only_city.city == G.resolve_city("厦门")


def test_public_welfare_post_local_only_for_registered_poor() -> None:
    j = job(title="公益性岗位：乡村保洁", location="三明市宁化县", description="村庄环境保洁，限本县建档立卡贫困人口",
            tags=["公益性岗位"])
    assert j.local_only == G.resolve("宁化").code and j.poor_only and j.helps_home


def test_tags_from_text() -> None:
    j = job(title="扶贫车间编织工", description="藤编、草编手工，可在家做，计件")
    assert "扶贫车间" in j.tags and j.helps_home and "handicraft" in j.kinds


@pytest.mark.parametrize("text,gender", [("限女性", "女"), ("只招男工", "男"), ("男女不限", None), ("女性优先", None),
                                         ("男工女工均可", None)])
def test_gender_limit_from_text(text: str, gender: str | None) -> None:
    assert job(description=text).gender == gender


def test_gender_field_wins_and_any_is_none() -> None:
    assert job(gender="男").gender == "男" and job(gender="不限").gender is None


def test_age_limits_from_fields_or_text() -> None:
    assert (job(age_min=18, age_max=45).age_min, job(age_min=18, age_max=45).age_max) == (18, 45)
    j = job(description="年龄18-50岁，身体健康")
    assert (j.age_min, j.age_max) == (18, 50)
    assert job(description="45岁以下").age_max == 45


def test_open_expired_and_headcount_fields_optional() -> None:
    assert job().is_open and job().headcount_left is None
    assert not job(status="closed").is_open
    assert job(headcount=5, filled=5).headcount_left == 0
    assert job(expires_at="2020-01-01").expires == "2020-01-01"


def test_board_and_no_experience_read_from_text() -> None:
    j = job(description="电子元件装配，不需经验，包住")
    assert j.board and j.no_skill and "factory" in j.kinds


def test_health_certificate_never_withholds_a_push() -> None:
    assert parse_requirements("须持健康证") == ([], ["health"])


@pytest.mark.parametrize(
    "text,title,required",
    [("需持有效低压电工作业证", "电工", ["electrician"]), ("叉车证必备", "叉车司机", ["forklift"]),
     ("仓库装卸，无证勿扰", "叉车司机", ["forklift"])],
)
def test_requirements_more_hard_phrasings(text: str, title: str, required: list[str]) -> None:
    assert parse_requirements(text, title)[0] == required


def test_structured_fields_local_only_and_licences() -> None:
    j = job(title="公益性岗位：保洁", tags=["公益性岗位"], local_only=True, required_certificates=["低压电工作业证", "B2"])
    assert j.local_only == G.resolve("闽侯").code and j.poor_only
    assert j.required_certs == ["electrician", "B2"]


def test_weekly_pay_to_month() -> None:
    j = job(salary_min=2000, salary_max=2000, salary_unit="week")
    assert j.pay_min == j.pay_max == 8660
