"""What the blind matching set 11 (written by a helper who never saw the matcher) found: fee-charging training
courses offered as work, a certificate a posting says it does not need, gender in a 招聘对象 line, one position's
limit in a posting of several, night work only, 24-hour clocks and a shift past midnight, a day-rate floor said
as a refusal, days off a month, a home county said to be too far, a cold store for bad joints, and employers'
size."""

from __future__ import annotations

from matching.hours import free_hours, posting_hours
from matching.pay import parse_min_pay
from matching.places import parse_places
from matching.shifts import posting_rest, rest_floor
from tests.matching.test_conditions import job, person, pushed


def test_a_course_that_charges_tuition_is_never_pushed_as_work() -> None:
    course = job("C", title="电焊工培训（包考证、推荐就业）", salary_min=8000, salary_max=12000,
                 description="零基础包教包会，培训期一个月，学费2800元（含考证费），结业后推荐上岗")
    free = job("F", title="电焊学徒", salary_min=4000, salary_max=5000, description="零基础可学，不收学费，包住")
    learner = person("L", age=23, wishes="想学电焊，哪里都行")
    assert pushed([learner], [course, free])["L"] == ["F"]


def test_a_certificate_the_posting_says_it_does_not_need_is_not_required() -> None:
    fitter = job("W", title="家装水电工", salary_min=4800, salary_max=6500,
                 description="家装水电开槽、布管、穿线，不要求电工证，白班08:00—17:30")
    man = person("M", age=34, skills="跟师傅做了六年家装水电，没考过电工证", wishes="家装水电类，月薪4500以上")
    assert pushed([man], [fitter])["M"] == ["W"]


def test_gender_in_a_recruiting_line_limits_but_not_one_position_among_several() -> None:
    sorter = job("S", title="笋干分拣工", description="招聘对象：男性，60周岁以下，需搬运笋干袋")
    several = job("K", title="钢结构公司招聘（电焊工、普工、食堂帮厨）", salary_min=3500, salary_max=9000, age_max=55,
                  description="一、电焊工2名：持焊工证，55周岁以下；二、普工5名：搬运、打磨；三、食堂帮厨1名：限女性。")
    woman = person("W", gender="女", age=51, skills="在豆干厂包过豆干，也分拣过笋干", wishes="想在本县做分拣的活")
    welder = person("H", age=47, skills="电焊做了二十多年，焊工证有的", wishes="还是做电焊，本县")
    got = pushed([woman, welder], [sorter, several])
    assert "S" not in got["W"] and got["H"] == ["K"]


def test_night_work_only_and_clocks_past_midnight() -> None:
    assert free_hours("白天要在家带孙子，只能上夜班，晚上20:00以后到早上那种")[0] == 18 * 60
    assert posting_hours("固定夜班，工作时间21:00—次日06:00") == (21 * 60, 30 * 60)
    assert free_hours("每天18:00以前要下班") == (None, 18 * 60)
    assert free_hours("07:50送完、16:30要接") == (7 * 60 + 50, 16 * 60 + 30)
    day = job("D", title="石材厂打磨工", description="石材打磨，工作时间07:30—17:30")
    night = job("N", title="夜班仓库理货员", description="固定夜班，工作时间21:00—次日06:00，到货清点、上架")
    grandad = person("G", age=50, skills="在石材厂做过打磨、搬运", wishes="白天要在家带孙子，只能上夜班，本县")
    assert pushed([grandad], [day, night])["G"] == ["N"]


def test_a_day_rate_refused_below_a_figure_is_a_hard_floor() -> None:
    assert parse_min_pay("一天少于300块就不去了")[0] == 300 * 26
    assert parse_min_pay("月薪低于5000就算了")[0] == 5000
    assert parse_min_pay("孩子不到3岁就不去了")[0] is None
    site = job("S", title="建筑小工", salary_min=220, salary_max=280, salary_unit="day", description="搬运、拌砂浆，日结")
    man = person("M", age=58, skills="工地小工十几年", wishes="想去工地做小工，一天少于300块就不去了")
    assert pushed([man], [site])["M"] == []


def test_days_off_a_month() -> None:
    assert rest_floor("要做六休一或者双休，一个月只休两天那种不去") == 4
    assert rest_floor("一定要双休") == 8 and rest_floor("最好双休") == 0
    assert posting_rest("两班倒，月休2天，包吃住") == 2 and posting_rest("做六休一") == 4 and posting_rest("包住") == -1
    two = job("T", title="SMT贴片操作工", salary_min=5500, salary_max=7000, description="SMT产线，两班倒，月休2天")
    six = job("S", title="SMT操作员", salary_min=5000, salary_max=6500, description="贴片机上料，两班倒，做六休一")
    man = person("M", age=23, skills="在东莞电子厂做SMT", wishes="还是做SMT，哪里都行，要做六休一或者双休，一个月只休两天那种不去")
    assert pushed([man], [two, six])["M"] == ["S"]


def test_the_home_county_said_to_be_too_far_is_ruled_out() -> None:
    read = parse_places("只能在荔城区、城厢区找，回仙游都太远", "350322")
    assert read.codes == ["350302", "350304"] and "350322" in read.excluded


def test_bad_joints_rule_out_a_cold_store_and_small_employers_can_be_refused() -> None:
    cold = job("C", title="冷冻水产分拣工", description="冷库内作业（零下18度），鱼货分拣")
    warm = job("W", title="水产加工工", description="剖鱼、片鱼，常温车间，白班")
    fisher = person("F", age=39, skills="在水产厂剖鱼", wishes="还想干水产加工，本县；关节不好，冷库里面的活干不了")
    assert pushed([fisher], [cold, warm])["F"] == ["W"]
    small = job("P", title="包装工", employer="某食品厂（个体）", description="食品包装，白班")
    big = job("B", title="包装工", employer="某食品集团（上市公司）", description="食品包装，白班")
    picky = person("Y", age=27, skills="在小厂做过包装", wishes="只进大厂或者国企，小作坊、私人老板的不去，本县")
    assert pushed([picky], [small, big])["Y"] == ["B"]
