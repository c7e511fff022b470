"""What the blind matching set 10 (written by a helper who never saw the matcher) found: certificates named
by their official names and grades, city nicknames and "省城 or home", a floor on the base pay, social
insurance as a condition, a person free only until 春节 against a year's contract, "学技术的厂" as no wish
for any factory work, and seasons months away when pushing now."""

from __future__ import annotations

from datetime import date

from matching.certs import find_certs
from matching.engine import Matcher
from matching.othercerts import held
from matching.places import parse_places
from matching.season import free_months
from tests.matching.test_conditions import job, person, pushed


def test_a_certificate_named_with_its_grade_is_held() -> None:
    carer = job("C", title="养老院护理员", description="照护老人起居，白班，须持养老护理员证")
    woman = person("W", gender="女", age=50, skills="养老护理员 五级（初级工）职业技能等级证书；照顾瘫痪婆婆八年",
                   wishes="还是做护理老人的活")
    assert pushed([woman], [carer])["W"] == ["C"]
    assert held("美发师,五级(初级工)职业资格证书") == ("美发师证书",)
    assert "forklift" in find_certs("有《特种设备作业人员证》N1叉车司机")
    assert "forklift" in find_certs("须持特种设备作业人员证(N1)")
    assert "chef" in find_certs("中式烹调师四级")


def test_a_second_certificate_required_by_its_official_name_is_not_held() -> None:
    tower = job("T", title="风电塔筒焊工", salary_min=10000, salary_max=14000,
                description="高空作业，须同时持有焊工证和《特种作业操作证（登高架设作业）》")
    plant = job("P", title="钢结构焊工", salary_min=8000, salary_max=10000,
                description="钢结构焊接，须持特种作业操作证（熔化焊接与热切割作业）")
    welder = person("H", age=29, skills="特种作业操作证（熔化焊接与热切割作业），会二保焊", wishes="还是做焊工，哪里都行")
    assert pushed([welder], [tower, plant])["H"] == ["P"]


def test_the_provincial_capital_or_home_are_both_wished_and_nicknames_are_cities() -> None:
    both = parse_places("省城抑是闽清本地都好,远了伓去", "350124")
    assert "350104" in both.codes and "350124" in both.codes  # 仓山区 and 闽清县
    assert parse_places("福州市闽清县", "350124").codes == ["350124"]  # a city before its county names the county
    assert "350203" in parse_places("漳浦本地或者去鹭岛都可以", "350623").codes  # 思明区


def test_a_floor_on_the_base_pay_rules_out_a_low_base_with_commission() -> None:
    low = job("LOW", title="美发助理", salary_min=2000, salary_max=7000, description="洗吹、烫染助理，底薪2000+提成")
    fair = job("OK", title="美发助理", salary_min=3500, salary_max=8000, description="洗发吹整，底薪3500元+提成")
    woman = person("W", gender="女", age=28, skills="在理发店洗头、烫染做了四年", wishes="还是做美发；底薪不能低于3000，有提成更好")
    assert pushed([woman], [low, fair])["W"] == ["OK"]
    anyhow = person("A", gender="女", age=28, skills="在理发店洗头做了四年", wishes="还是做美发，一个月不能低于3000")
    assert sorted(pushed([anyhow], [low, fair])["A"]) == ["LOW", "OK"]


def test_social_insurance_said_as_a_must_rules_out_a_posting_without_it() -> None:
    cash = job("CASH", title="仓库管理员", salary_min=5000, salary_max=6000, description="收发货、盘点；不缴社保，工资现金月结")
    insured = job("INS", title="仓库管理员", salary_min=5000, salary_max=6000, description="出入库、盘点，五险一金")
    must = person("M", age=42, skills="当了六年仓库保管员", wishes="做仓库管理,五险一金要有")
    assert pushed([must], [cash, insured])["M"] == ["INS"]
    easy = person("E", age=42, skills="当了六年仓库保管员", wishes="做仓库管理，社保无所谓")
    assert sorted(pushed([easy], [cash, insured])["E"]) == ["CASH", "INS"]


def test_free_only_until_the_new_year_rules_out_a_year_long_contract() -> None:
    assert free_months("只能做到春节前(明年二月初),年后要去女儿家", now=12) == frozenset({12, 1, 2})
    year = job("Y", title="育婴员（长期住家）", gender="女", salary_min=6000, salary_max=7000,
               description="住家照顾宝宝；须签订一年合同")
    short = job("S", title="家政保洁（年前大扫除）", gender="女", salary_min=150, salary_max=200, salary_unit="day",
                description="年前上门大扫除，做到腊月底")
    woman = person("W", gender="女", age=45, skills="帮亲戚带过三个孩子，家务都会", wishes="只能做到春节前,想做带孩子或者家政的短期活")
    assert pushed([woman], [year, short])["W"] == ["S"]


def test_a_factory_where_one_can_learn_is_no_wish_for_any_factory_work() -> None:
    porter = job("L", title="装卸搬运工", salary_min=5000, salary_max=6500, description="陶瓷厂成品装车，全人工搬运")
    cnc = job("N", title="数控车工", salary_min=4500, salary_max=5500, description="阀门厂数控车床操作，老师傅带")
    grad = person("G", age=24, skills="技工院校数控加工专业毕业，会看图纸", wishes="工资5000以上,想找能学技术的厂")
    assert pushed([grad], [porter, cnc])["G"][0] == "N"


def test_a_season_months_away_is_pushed_now_only_to_who_asked_for_that_work() -> None:
    tobacco = job("T", title="烤烟采收工（季节性）", salary_min=150, salary_max=180, salary_unit="day",
                  tags=["季节性"], description="7月至9月烟叶采收、编烟")
    canteen = job("C", title="工业园食堂帮厨", salary_min=3500, salary_max=4200, description="洗菜切菜，白班")
    anyone = person("A", gender="女", age=41, wishes="想在县里找个活")
    december = date(2026, 12, 5)
    now = Matcher(today=december, in_season=True).fit([tobacco, canteen])
    assert [m.posting_id for m in now.query(anyone).matches] == ["C"]
    asked = now.query(person("B", age=41, wishes="明年有没有烤烟采收的活"))
    assert asked.matches[0].posting_id == "T" and "7月至9月的季节活" in asked.matches[0].reasons
    assert asked.matches[0].reasons[0].startswith("您想找烤烟采收的活")
    # a labelled set matched offline is not judged by the day it is run
    later = Matcher(today=december).fit([tobacco, canteen])
    assert "T" in [m.posting_id for m in later.query(anyone).matches]
