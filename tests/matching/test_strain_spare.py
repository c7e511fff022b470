"""Climbing and carrying limits, and weekends or part-time only: a 63-year-old who cannot walk the hills
is not offered forest patrol, a pregnant woman no loading work, and someone free only at weekends no
full-time factory job (found by blind conversation set 15, written by someone who never saw the matcher)."""

from __future__ import annotations

from matching import strain
from matching.shifts import spare_ok, spare_only
from tests.matching.test_conditions import pushed
from tests.matching.test_engine import job as base_job
from tests.matching.test_engine import person as base_person


def job(jid: str, **kw) -> dict:
    return base_job(jid, **{"location": "南平市政和县", "salary_min": 1500, "salary_max": 3000, "age_max": 65, **kw})


PATROL = job("PATROL", title="公益性岗位：护林员", tags=["公益性岗位"], description="每天巡山，山路多，年龄65岁以下")
CLEANER = job("CLEANER", title="公益性岗位：乡村保洁员", tags=["公益性岗位"], description="村庄保洁，就近安排，活轻，不用爬山")
LOADER = job("LOADER", title="快递分拣装卸工", description="快递包裹分拣、搬运装卸，体力活", salary_min=4000, salary_max=5500)
SORTER = job("SORTER", title="快递分拣员", description="包裹扫码分拣，不安排重体力活", salary_min=3500, salary_max=4500)
FACTORY = job("FACTORY", title="茶叶厂包装工", description="茶叶包装，长白班，做六休一", salary_min=3000, salary_max=4000)
WEEKEND = job("WEEKEND", title="茶叶店周末帮工", description="周末和节假日帮忙包装茶叶，时间灵活", salary_min=100,
              salary_max=150, salary_unit="day")


def test_limits_and_needs_read_negations_both_ways() -> None:
    assert strain.limits("腿脚不好 不能爬山") == strain.CLIMB | strain.WALK
    assert strain.limits("怀孕五个月了 搬不动东西") == strain.CARRY
    assert strain.limits("会开车 身体好") == 0
    assert strain.needs("每天巡山，山路多") == strain.CLIMB
    assert strain.needs("活轻，不用爬山") == 0  # the posting's own "no" is respected
    assert strain.needs("包裹分拣，不安排重体力活") == 0
    assert strain.needs("货物搬运装卸") == strain.CARRY


def test_an_older_man_who_cannot_climb_gets_the_village_post_not_the_hill_patrol() -> None:
    man = base_person("O", county="南平市政和县", gender="男", age=63, skills="种地",
                      wishes="只能在村里附近 腿脚不好 不能爬山")
    got = pushed([man], [PATROL, CLEANER], top=5)["O"]
    assert got == ["CLEANER"]


def test_a_pregnant_woman_gets_no_loading_work_but_light_work_still_comes() -> None:
    woman = base_person("P", county="南平市政和县", gender="女", age=27, skills="在快递站干过分拣",
                        wishes="怀孕了 想在政和找个轻松点的活")
    got = pushed([woman], [LOADER, SORTER], top=5)["P"]
    assert "LOADER" not in got and "SORTER" in got


def test_weekends_only_means_postings_that_say_weekends_or_free_hours() -> None:
    assert spare_only("平时要带孙子 礼拜六礼拜日有闲") and not spare_only("想在政和找个厂里的活")
    assert spare_ok("周末和节假日帮忙包装茶叶") and not spare_ok("茶叶包装，长白班，做六休一")
    student = base_person("S", county="南平市政和县", gender="女", age=45, skills="在茶叶店包装过茶叶",
                          wishes="平时要带孙子 只能礼拜六礼拜日做 在政和")
    got = pushed([student], [FACTORY, WEEKEND], top=5)["S"]
    assert got == ["WEEKEND"]


def test_handwork_at_home_means_any_piecework_taken_home() -> None:
    # "只能在家做点手工" from a mother of small children: toy assembly taken home is that, not only weaving
    toys = job("TOYS", title="扶贫车间：玩具配件组装（居家）", location="漳州市平和县", tags=["扶贫车间"],
               description="领料回家组装，计件，时间自由")
    far = job("FAR", title="扶贫车间：竹编工艺品编织", tags=["扶贫车间"], description="竹编，可领料回家做")
    mother = base_person("M", county="漳州市平和县", gender="女", age=34, skills="",
                         wishes="孩子还小 只能在厝里做点手工")  # Minnan 厝里: at home
    assert pushed([mother], [toys, far], top=5)["M"] == ["TOYS"]


def test_where_someone_was_hurt_is_no_wish_and_day_work_rules_out_live_in() -> None:
    from matching.profile import parse_profile
    from matching.shifts import day_only, needs_nights

    p = parse_profile({"id": "h1", "age": 48, "county": "宁德市古田县", "skills": "",
                       "wishes": "他去年在工地上摔下来伤了腰 现在重活干不了 只能做轻一点的活"})
    assert not p.wished  # 工地 is where he was hurt, not the work he wants
    assert day_only("想在福州找个白天的工 晚上要回家睡")
    assert needs_nights("照顾一岁宝宝，住家，包吃住") and not needs_nights("商场保洁，白班")
