"""Conditions people state in passing and postings state in their text: meals and lodging required,
work refused, a trade to learn, work done online from home, the months a person is free, postings
for experienced hands only. Each is read from plain words and decides what is pushed (found by the
blind set tests/matching/data/blind4, written by someone who never saw the matcher)."""

from __future__ import annotations

from datetime import date

import pytest

from matching.engine import Matcher
from matching.profile import parse_profile
from matching.rules import failures
from tests.matching.test_engine import job as base_job
from tests.matching.test_engine import person as base_person

TODAY = date(2026, 11, 22)


def job(jid: str, **kw) -> dict:
    return base_job(jid, **{"location": "三明市宁化县", **kw})


def person(pid: str = "P", **kw) -> dict:
    return base_person(pid, **{"county": "三明市宁化县", "gender": "男", **kw})


def pushed(people: list[dict], postings: list[dict], top: int = 3) -> dict[str, list[str]]:
    m = Matcher(today=TODAY).fit(postings)
    return {r.labourer_id: [x.posting_id for x in r.matches] for r in m.match_many(people, top)}


REBAR = dict(title="钢筋工", salary_min=7000, salary_max=9000, description="工地绑钢筋")


def test_meals_and_lodging_said_as_a_must_rule_out_postings_without_them() -> None:
    jobs = [job("NONE", **{**REBAR, "description": "绑钢筋，日结，不包吃住，自己找地方住"}, tags=["包吃住"]),
            job("ROOM", **{**REBAR, "description": "绑钢筋，包住不包吃"}),
            job("BOTH", **{**REBAR, "description": "绑钢筋，包吃住", "salary_max": 7200})]
    must = person("M", skills="以前在工地上帮人绑钢筋", wishes="要包吃包住，一个月五千以上")
    rather = person("R", skills="以前在工地上帮人绑钢筋", wishes="最好包吃住，一个月五千以上")
    got = pushed([must, rather], jobs)
    assert got["M"] == ["BOTH"]  # 不包吃住 takes back the tag; 包住不包吃 has no meals
    assert set(got["R"]) == {"NONE", "ROOM", "BOTH"}  # a preference rules nothing out
    p = parse_profile(must)
    from matching.postings import parse_posting

    assert "本人要包吃住，岗位不包吃" in failures(p, parse_posting(jobs[1]), TODAY)


@pytest.mark.parametrize("wishes", ["不想进厂当普工 省内都行", "进厂的活我不想干 省内都行", "电子厂干不了 哪里都行"])
def test_work_refused_is_never_pushed_even_to_someone_with_no_trade(wishes: str) -> None:
    jobs = [job("F", title="电子厂操作工", description="贴片、检验，包吃住，两班倒，无经验可学"),
            job("C", title="超市理货员", description="上货理货，无经验可学")]
    got = pushed([person("P", skills="高中刚毕业 没技术", wishes=wishes, age=19)], jobs)
    assert got["P"] == ["C"]


def test_a_refusal_after_the_work_covers_only_that_work() -> None:
    p = parse_profile(person(skills="以前做过淘宝客服", wishes="想找个网上的客服家里有电脑手工活太费眼睛我不想做"))
    assert "handicraft" in p.refused and "handicraft" not in p.kinds
    assert "sales" in p.wished  # 客服 comes before another kind of work: not refused


def test_wanting_to_learn_a_trade_puts_postings_that_teach_one_first() -> None:
    jobs = [job("A", title="汽修学徒", location="厦门市海沧区", salary_min=3000, salary_max=4500,
                description="无经验可学，师傅带，包吃住"),
            job("W", title="搬运工", location="厦门市海沧区", salary_min=5000, salary_max=7000,
                description="仓库装卸，无经验可学，包吃住")]
    got = pushed([person("P", skills="高中刚毕业 没技术 没驾照", wishes="想学门手艺 省内都行 最好包吃住", age=19)], jobs)
    assert got["P"][0] == "A"  # the better-paid unskilled work comes after learning a trade
    m = Matcher(today=TODAY).fit(jobs)
    reasons = m.query(person("P", skills="高中刚毕业 没技术", wishes="想学门手艺 省内都行", age=19)).matches[0].reasons
    assert reasons[0].startswith("您想学门手艺，岗位是汽修学徒")


def test_work_done_online_from_home_reaches_people_of_any_county() -> None:
    jobs = [job("ONLINE", title="线上客服（居家办公）", location="福州市仓山区", salary_min=3000, salary_max=4500,
                description="淘宝店铺线上客服，居家办公，打字快，自备电脑"),
            job("SHOP", title="电商客服", location="福州市仓山区", salary_min=3000, salary_max=4500, description="店里上班")]
    home = person("H", gender="女", skills="以前在厦门做过两年淘宝客服", wishes="孩子小离不开人 只能在家里做 网上的客服")
    assert pushed([home], jobs)["H"] == ["ONLINE"]


def test_a_seasonal_posting_outside_the_months_a_person_is_free_is_not_pushed() -> None:
    jobs = [job("AUTUMN", title="蜜柚采摘工", location="漳州市平和县", salary_min=150, salary_max=180, salary_unit="day",
                description="9月至11月蜜柚采摘、装箱", tags=["季节性"]),
            job("WINTER", title="鱼塘清塘临时工", location="漳州市平和县", salary_min=150, salary_max=180, salary_unit="day",
                description="冬季干塘、清淤、喂料，12月到次年3月，有养鱼经验优先", tags=["季节性"])]
    p = person("P", county="漳州市平和县", age=50, skills="在老家帮人看过鱼塘，会喂鱼，家里种了几亩蜜柚",
               wishes="农闲的时候才有空，冬天到开春这段。就在平和本县")
    assert pushed([p], jobs)["P"] == ["WINTER"]
    prof = parse_profile(p)
    assert prof.free_months == [1, 2, 3, 12] and "driver" not in prof.kinds  # 农闲的时候 is no 的士
    from matching.postings import parse_posting

    assert failures(prof, parse_posting(jobs[0]), TODAY) == ["岗位在9月至11月，本人那时没空（12月至3月有空）"]


def test_postings_for_experienced_hands_are_not_newcomer_work() -> None:
    jobs = [job("SKILLED", title="鞋面车工", description="急招鞋面车工，熟手，计件多劳多得"),
            job("EASY", title="鞋厂包装工", description="包装鞋盒，无经验可学")]
    got = pushed([person("P", skills="初中毕业 没什么技术", wishes="本地就行")], jobs)
    assert got["P"] == ["EASY"]


# --- found by blind set 5 (tests/matching/data/blind5) ---------------------------------------------

FORKLIFT = dict(title="叉车司机", location="福州市福清市", salary_min=5000, salary_max=6500, description="持叉车证")


@pytest.mark.parametrize("wishes", ["福清 不要夜班", "只上白班", "福清白班五千以上", "不能倒班 家里老人要照顾", "福清的 别是那种上夜班的"])
def test_people_who_work_days_only_get_no_night_or_rotating_shifts(wishes: str) -> None:
    jobs = [job("NIGHT", **{**FORKLIFT, "description": "持叉车证，冷库夜间出货，固定夜班19:00-次日7:00"}),
            job("ROTA", **{**FORKLIFT, "description": "持叉车证，入职需能适应倒班（白班、夜班每月轮换）"}),
            job("DAY", **{**FORKLIFT, "description": "持叉车证，长白班，不上夜班"})]
    p = person("P", county="福州市福清市", skills="叉车 有叉车证", wishes=wishes)
    assert pushed([p], jobs)["P"] == ["DAY"]
    anyway = person("A", county="福州市福清市", skills="叉车 有叉车证", wishes="福清 白班夜班都行")
    assert set(pushed([anyway], jobs)["A"]) == {"NIGHT", "ROTA", "DAY"}


def test_the_city_proper_is_its_districts_and_pinghe_is_one_place() -> None:
    p = parse_profile(person(county="龙岩市连城县", wishes="连城或者龙岩市区"))
    assert sorted(p.places) == ["350802", "350803", "350825"]  # 新罗、永定 and 连城, not 长汀
    q = parse_profile(person(county="漳州市平和县", wishes="漳州市区或者平和都行"))
    assert "350628" in q.places and "350623" not in q.places  # 平和 is not split at 和; 漳浦 is no district
    r = parse_profile(person(county="莆田市城厢区", wishes="市区 白班 四千左右就行"))
    assert r.place_basis == "named" and "350302" in r.places and r.day_only


def test_a_certificate_the_licence_list_does_not_know_is_still_required() -> None:
    jobs = [job("T", title="幼儿园教师", location="龙岩市新罗区", description="大专学历，必须持有幼儿园教师资格证"),
            job("N", title="保育员", location="龙岩市新罗区", description="协助老师照顾幼儿，中专及以上")]
    not_yet = person("P", gender="女", county="龙岩市新罗区", skills="大专，学前教育专业，教资还没考下来", wishes="想去幼儿园")
    has = person("Q", gender="女", county="龙岩市新罗区", skills="大专，学前教育，有幼儿教师资格证", wishes="想去幼儿园")
    got = pushed([not_yet, has], jobs)
    assert got["P"] == ["N"] and "T" in got["Q"]
    from matching.postings import parse_posting

    assert "岗位须持幼儿园教师资格证，本人没有" in failures(parse_profile(not_yet), parse_posting(jobs[0]), TODAY)


def test_a_bare_none_on_a_form_is_no_trade_and_a_trade_of_machines_is_one() -> None:
    assert parse_profile(person(skills="没有", wishes="建阳 工资高点")).generic
    p = parse_profile(person(skills="开过冲床，在昆山五金厂干了八年"))
    assert "machining" in p.kinds
