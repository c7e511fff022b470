"""托底 and mobility: nobody tied to home is left silent when the county has a 公益性岗位 or 扶贫车间;
people who name no place are matched across the province, nearest first; 哪里都行 ranks by pay."""

from __future__ import annotations

from datetime import date

from matching.engine import Matcher
from matching.profile import parse_profile
from tests.matching.test_engine import job as base_job
from tests.matching.test_engine import person as base_person

TODAY = date(2026, 11, 22)
HOME = "龙岩市长汀县"


def person(pid: str = "P", **kw) -> dict:
    return base_person(pid, **{"county": HOME, **kw})


def job(jid: str, **kw) -> dict:
    return base_job(jid, **{"location": HOME, **kw})


POSTINGS = [
    job("W1", title="公益性岗位：村道保洁员", salary_min=1200, salary_max=1200, age_min=None, age_max=60,
        description="负责本村道路保洁，就近安排，限本县户籍建档立卡贫困人口", tags=["公益性岗位"]),
    job("W2", title="公益性岗位：护林员", location="南平市浦城县", salary_min=1200, salary_max=1200, age_max=65,
        description="巡山护林，限本县建档立卡贫困人口", tags=["公益性岗位"]),
    job("F1", title="电子厂普工", location="厦门市翔安区", salary_min=4500, salary_max=6000, age_max=45,
        description="流水线组装，包吃住，不需经验"),
    job("F2", title="食品厂包装工", location="龙岩市新罗区", salary_min=4000, salary_max=4800,
        description="饼干包装，不需经验"),
    job("C1", title="电商客服", location="泉州市晋江市", salary_min=4000, salary_max=6000, age_max=35,
        description="淘宝店铺客服，会打字"),
    job("D1", title="焊工", location="福州市马尾区", salary_min=9000, salary_max=12000,
        description="船体焊接"),
    job("D2", title="电焊工", location="龙岩市新罗区", salary_min=6000, salary_max=7000,
        description="钢结构焊接"),
]


def matcher() -> Matcher:
    return Matcher(today=TODAY).fit(POSTINGS)


def test_older_person_tied_to_home_gets_the_county_welfare_post_first_with_its_source() -> None:
    old = person(age=60, skills="除了种田啥也不会", wishes="腿脚不灵便 只能在村里")
    r = matcher().query(old)
    assert r.matches and r.matches[0].posting_id == "W1"  # 60 at a limit of 60 is within
    why = "；".join(r.matches[0].reasons)
    assert "公益性岗位" in why and "不要求技术" in why and "258号" in why


def test_welfare_post_of_another_county_is_not_offered() -> None:
    r = matcher().query(person(age=58, skills="种田", wishes="只能在本地"))
    assert "W2" not in [m.posting_id for m in r.matches]


def test_person_who_can_move_and_has_other_fits_does_not_take_a_scarce_welfare_post() -> None:
    young = person(age=30, skills="没什么技术", wishes="")
    ids = [m.posting_id for m in matcher().query(young, top=5).matches]
    assert ids and "W1" not in ids


def test_no_place_said_means_the_province_nearest_first_and_the_profile_says_so() -> None:
    p = parse_profile(person(county="龙岩市连城县", age=22, skills="中专学的电子商务，会用电脑打字"))
    assert p.place_basis == "mobile" and "全省由近到远" in p.place_reading
    r = matcher().query(person(county="龙岩市连城县", age=22, skills="中专学的电子商务，会用电脑打字"))
    assert r.matches and r.matches[0].posting_id == "C1"  # 晋江, another city: the province is open


def test_nearest_of_two_equal_postings_comes_first_for_a_mobile_person() -> None:
    r = matcher().query(person(county="龙岩市连城县", age=40, gender="男", skills="电焊工，干了十年", wishes=""))
    ids = [m.posting_id for m in r.matches]
    assert ids[:2] == ["D2", "D1"]  # 新罗 (home city) before 马尾 (another city)


def test_anywhere_by_pay_puts_the_best_paid_first() -> None:
    r = matcher().query(person(county="龙岩市连城县", age=40, gender="男", skills="电焊工，干了十年", wishes="哪里钱多去哪"))
    assert [m.posting_id for m in r.matches][:2] == ["D1", "D2"]
    assert parse_profile(person(wishes="去哪都中 工资高就行")).place_reading.startswith("哪里都行")


def test_note_names_a_county_once() -> None:
    m = Matcher(today=TODAY).fit([job("X", title="挖掘机司机", description="须持挖掘机操作证", location="龙岩市长汀县")])
    r = m.query(person(skills="会开挖机", wishes="长汀，长汀县城附近"))
    assert not r.matches and r.note and "长汀县、长汀县" not in r.note


def test_a_person_of_sixty_or_more_who_names_no_place_keeps_the_home_workshop_over_far_work() -> None:
    jobs = [
        job("B1", title="扶贫车间：竹编工艺品编织", location="南平市政和县", salary_min=1800, salary_max=3000, age_max=None,
            description="竹篮、竹盒编织，计件，可领料回家做", tags=["扶贫车间"]),
        job("T1", title="春茶采茶工（季节性）", location="泉州市安溪县", salary_min=120, salary_max=180, salary_unit="day",
            age_max=65, description="手工采茶，按斤计价"),
    ]
    weaver = person(county="南平市政和县", age=63, gender="男", skills="会编竹篮", wishes="有冇编竹子的活")
    ids = [m.posting_id for m in Matcher(today=TODAY).fit(jobs).query(weaver, top=3).matches]
    assert ids and ids[0] == "B1"  # at 63 a job 265 km away is no reason to withhold the workshop at home
    young = person(county="南平市政和县", age=30, gender="男", skills="会编竹篮", wishes="")
    assert "B1" not in [m.posting_id for m in Matcher(today=TODAY).fit(jobs).query(young, top=3).matches]


def test_tied_to_a_sick_spouse_but_naming_the_village_is_not_home_only() -> None:
    carer = parse_profile(person(age=60, skills="种地", wishes="腿脚不好走不了远路，老伴中风离不开人，只能在村里附近"))
    assert not carer.home_only and carer.village
    r = matcher().query(person(age=60, skills="种地", wishes="腿脚不好走不了远路，老伴中风离不开人，只能在村里附近"))
    assert r.matches and r.matches[0].posting_id == "W1"
    assert parse_profile(person(wishes="老伴中风离不开人 只能在家里做")).home_only
