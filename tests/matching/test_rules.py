"""Hard rules: each passes a pair that keeps it and names, in Chinese, why a pair breaks it."""

from __future__ import annotations

from datetime import date

from matching.postings import parse_posting
from matching.profile import parse_profile
from matching.rules import (
    failures,
    rule_age,
    rule_certs,
    rule_gender,
    rule_local_only,
    rule_open,
    rule_pay,
    rule_place,
    rule_seeking,
)

TODAY = date(2026, 11, 22)


def person(**kw):
    rec = {"id": "P", "county": "三明市宁化县", "age": 40, "gender": "女", "status": "seeking",
           "poverty_registered": True, "skills": "", "wishes": "宁化本地"}
    rec.update(kw)
    return parse_profile(rec)


def job(**kw):
    rec = {"id": "J", "title": "保洁员", "location": "三明市宁化县", "salary_min": 2000, "salary_max": 3000,
           "salary_unit": "month", "age_min": 18, "age_max": 55, "gender": None, "description": "", "tags": []}
    rec.update(kw)
    return parse_posting(rec)


def test_rule_seeking() -> None:
    assert rule_seeking(person(), job(), TODAY) is None
    assert rule_seeking(person(status="not_seeking"), job(), TODAY) == "本人暂不找工作"
    assert rule_seeking(person(status="employed"), job(), TODAY) == "本人已就业"


def test_rule_age_limits() -> None:
    assert rule_age(person(age=55), job(), TODAY) is None
    assert rule_age(person(age=58), job(), TODAY) == "岗位限55岁以下，本人58岁"
    assert rule_age(person(age=17), job(), TODAY) == "岗位要求18岁以上，本人17岁"
    assert rule_age(person(age=70), job(age_min=None, age_max=None), TODAY) is None


def test_rule_gender_female_not_sent_to_men_only_post() -> None:
    assert rule_gender(person(gender="女"), job(gender="男"), TODAY) == "岗位只招男性"
    assert rule_gender(person(gender="男"), job(gender="男"), TODAY) is None
    assert rule_gender(person(gender="女"), job(gender=None), TODAY) is None


def test_rule_certs_required_held_or_implied() -> None:
    need_fork = job(description="须持叉车证")
    assert rule_certs(person(skills="有叉车证"), need_fork, TODAY) is None
    assert rule_certs(person(skills="会开叉车，没有证"), need_fork, TODAY) == "岗位须持叉车证，本人没有"
    need_c1 = job(description="持C1驾照三年以上")
    assert rule_certs(person(skills="A2驾照"), need_c1, TODAY) is None  # A2 drives what C1 drives
    need_b2 = job(description="须持B2驾照")
    assert rule_certs(person(skills="C1驾照"), need_b2, TODAY) == "岗位须持B2驾照，本人没有"
    assert rule_certs(person(), job(description="叉车证优先"), TODAY) is None  # a preference only


def test_rule_place() -> None:
    assert rule_place(person(wishes="宁化本地"), job(), TODAY) is None
    why = rule_place(person(wishes="宁化本地"), job(location="福州市鼓楼区"), TODAY)
    assert why == "岗位在福州市鼓楼区，不在本人想去的地方（宁化县）"
    assert rule_place(person(wishes="哪里都行"), job(location="福州市鼓楼区"), TODAY) is None


def test_rule_local_only_public_welfare_post() -> None:
    post = job(title="公益性岗位：乡村保洁", description="限本县建档立卡贫困人口", tags=["公益性岗位"])
    assert rule_local_only(person(), post, TODAY) is None
    assert rule_local_only(person(poverty_registered=False), post, TODAY) == "岗位只招本县建档立卡贫困人口"
    outsider = person(county="三明市清流县", wishes="宁化也行")
    assert rule_local_only(outsider, post, TODAY) == "公益性岗位只招宁化县本地人"


def test_rule_open_expiry_headcount() -> None:
    assert rule_open(person(), job(), TODAY) is None
    assert rule_open(person(), job(status="closed"), TODAY) == "岗位已关闭"
    assert rule_open(person(), job(expires_at="2026-11-01"), TODAY) == "岗位已于2026-11-01过期"
    assert rule_open(person(), job(expires_at="2026-12-01"), TODAY) is None
    assert rule_open(person(), job(headcount=3, filled=3), TODAY) == "岗位已招满"


def test_rule_pay_range_overlap() -> None:
    assert rule_pay(person(wishes="宁化本地，3000以上"), job(), TODAY) is None  # max 3000 reaches the wish
    assert rule_pay(person(wishes="宁化本地，4000以上"), job(), TODAY) == "工资最高约3000元/月，低于本人期望的4000元"
    day = job(salary_min=150, salary_max=200, salary_unit="day")
    assert rule_pay(person(wishes="宁化本地，5000以上"), day, TODAY) is None  # 200 × 26 = 5200


def test_failures_lists_every_broken_rule() -> None:
    why = failures(person(gender="女", age=60), job(gender="男", location="福州市鼓楼区"), TODAY)
    assert why == ["岗位在福州市鼓楼区，不在本人想去的地方（宁化县）", "岗位只招男性", "岗位限55岁以下，本人60岁"]


def test_rule_place_city_only_and_unknown_postings() -> None:
    assert rule_place(person(wishes="三明"), job(location="三明"), TODAY) is None
    assert rule_place(person(wishes="宁化本地"), job(location="厦门"), TODAY) is not None
    assert rule_place(person(wishes="想去上海"), job(location=""), TODAY) is not None
    assert rule_place(person(wishes="哪里都行"), job(location=""), TODAY) is None
