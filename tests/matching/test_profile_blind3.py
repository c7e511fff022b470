"""Readings the blind3 set (28 people × 70 postings, labelled before the matcher saw it) asked for,
pinned in general terms: schooling, licences said as done, 健康证 not yet held, home-only work."""

from __future__ import annotations

from matching.postings import parse_posting
from matching.profile import parse_profile
from matching.rules import failures
from tests.matching.test_engine import job, person


def profile(**kw):  # type: ignore[no-untyped-def]
    return parse_profile(person(**kw))


def test_school_leaver_naming_no_trade_takes_newcomer_work() -> None:
    p = profile(skills="读完初三就没读了，没出过远门")
    assert p.generic and p.schooling == 2 and p.place_basis == "mobile"


def test_an_unlisted_trade_is_not_read_as_no_trade() -> None:
    assert not profile(skills="在理发店当过两年学徒，会剪头发").generic


def test_schooling_floor_rules_out_only_people_below_it() -> None:
    j = parse_posting(job("J", title="网店客服", description="淘宝店客服，会电脑打字，中专以上学历，白班。"))
    assert failures(profile(skills="读完初三就没读了"), j)
    assert not failures(profile(skills="中专会计专业今年毕业"), j)
    assert not failures(profile(skills="会打字"), j)  # schooling not said: not ruled out


def test_licence_said_as_passed_is_held() -> None:
    assert "welder" in profile(gender="男", skills="搞电汗的，证考了，在钢构厂烧了三年").certs


def test_health_certificate_needed_before_starting_rules_out_who_has_none() -> None:
    first = parse_posting(job("J", title="酒楼厨房帮工", description="后厨打荷、切配，上岗前必须已有健康证，管吃。"))
    later = parse_posting(job("K", title="学校食堂帮厨", description="洗切配菜，入职后统一办健康证。"))
    cook = profile(skills="会炒菜，健康证没办过")
    assert failures(cook, first) and not failures(cook, later)
    assert not failures(profile(skills="会炒菜"), first)  # not said: not ruled out


def test_only_at_home_takes_only_work_done_at_home() -> None:
    p = profile(skills="会踩缝纫机", wishes="娃还在吃奶，只能在家里做点手工")
    seat = parse_posting(job("S", title="扶贫车间：制衣车位", description="车间在镇上，需会平车，早八点到晚五点", tags=["扶贫车间"]))
    home = parse_posting(job("H", title="扶贫车间：缠藤", description="可领料回家做，计件", tags=["扶贫车间"]))
    assert p.home_only and failures(p, seat) and not failures(p, home)
