"""Reading people: places, pay, kinds of work, licences and circumstances, as people write them."""

from __future__ import annotations

import pytest

from core.gazetteer import get_gazetteer
from matching.profile import Profile, parse_min_pay, parse_places, parse_profile

G = get_gazetteer()
NANAN = G.resolve("南安").code
NINGHUA = G.resolve("宁化").code


def person(skills: str = "", wishes: str = "", county: str = "泉州市南安市", **kw) -> Profile:
    rec = {"id": "T1", "county": county, "age": 40, "gender": "男", "status": "seeking",
           "poverty_registered": True, "skills": skills, "wishes": wishes}
    return parse_profile({**rec, **kw})


def counties(codes: list[str]) -> set[str]:
    return {G.counties[c].name for c in codes}


@pytest.mark.parametrize("wish", ["本地", "就在家门口", "本县就行", "回老家附近的厂"])
def test_places_local_words_mean_own_county(wish: str) -> None:
    places, anywhere, basis, *_ = parse_places(wish, NANAN)
    assert (places, anywhere, basis) == ([NANAN], False, "local")


def test_places_named_county_only_there() -> None:
    places, _, basis, names, _ = parse_places("家里走不开，只能在宁化", NANAN)
    assert places == [NINGHUA] and names == ["宁化县"]


def test_places_two_cities() -> None:
    places, *_ = parse_places("福州或者泉州", NANAN)
    assert {G.counties[c].city_name for c in places} == {"福州市", "泉州市"}


def test_places_want_to_go_to_city() -> None:
    places, *_ = parse_places("想去厦门", NANAN)
    assert counties(places) == {"思明区", "海沧区", "湖里区", "集美区", "同安区", "翔安区"}


def test_places_county_or_city_nearby() -> None:
    places, *_ = parse_places("南安或者泉州附近工地", NANAN)
    assert NANAN in places and {G.counties[c].city_name for c in places} == {"泉州市"}


def test_places_county_nearby_adds_neighbours() -> None:
    fuan = G.resolve("福安").code
    places, *_ = parse_places("福安附近", fuan)
    assert fuan in places and set(G.neighbours(fuan)) <= set(places)


@pytest.mark.parametrize("wish", ["哪里都行", "外地也行", "地点不限", "去厦门，外地也行", "福建省内都行"])
def test_places_anywhere(wish: str) -> None:
    assert parse_places(wish, NANAN)[1] is True


def test_places_anywhere_inside_a_named_city_stays_in_it() -> None:
    places, anywhere, *_ = parse_places("福州哪里都行", NANAN)
    assert not anywhere and {G.counties[c].city_name for c in places} == {"福州市"}


def test_places_nothing_said_means_the_whole_province_nearest_first() -> None:
    places, anywhere, basis, *_ = parse_places("想找个活", NANAN)
    assert basis == "mobile" and anywhere and not places


def test_places_nothing_said_but_tied_to_home_stays_home() -> None:
    places, anywhere, basis, *_ = parse_places("想找个活", NANAN, home_bound=True)
    assert basis == "local" and not anywhere and places == [NANAN]


@pytest.mark.parametrize("wish", ["去哪都中 工资高就行", "哪里钱多去哪", "在哪都无所谓", "哪儿都成"])
def test_places_anywhere_said_in_dialect_or_by_pay(wish: str) -> None:
    _, anywhere, basis, *_ = parse_places(wish, NANAN)
    assert anywhere and basis == "anywhere"


def test_places_home_or_city() -> None:
    places, *_ = parse_places("本地或者福州", NANAN)
    assert NANAN in places and G.resolve("鼓楼区").code in places


def test_places_misspelt_city_by_sound() -> None:
    places, *_ = parse_places("想去福洲", NANAN)
    assert {G.counties[c].city_name for c in places} == {"福州市"}


def test_places_traditional_characters() -> None:
    places, *_ = parse_places("建甌本地", NANAN)
    assert counties(places) == {"建瓯市"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("7000以上", 7000),
        ("工资不低于5000", 5000),
        ("六千左右", 5400),  # about that much: 90 % is the floor
        ("月薪一万", 9000),
        ("一天200以上", 5200),  # day pay × 26
        ("四千就行", 4000),
        ("五六千", 5000),
        ("工资5000-8000", 5000),
        ("6k以上", 6000),
        ("年薪六万以上", 5000),
    ],
)
def test_min_pay_phrases(text: str, expected: int) -> None:
    assert parse_min_pay(text)[0] == expected


@pytest.mark.parametrize("text", ["做了十几年泥水工", "带过两个孙子", "今年50岁", ""])
def test_min_pay_ignores_years_ages_and_children(text: str) -> None:
    assert parse_min_pay(text)[0] is None


@pytest.mark.parametrize(
    "skills,wishes,family",
    [
        ("做了十几年泥水工，会砌砖抹灰", "", "masonry"),
        ("会踩缝纫机，做过衣服", "", "sewing"),
        ("有叉车证", "", "forklift"),
        ("带过两个孙子，会做饭", "想在福州做育儿嫂", "nanny"),
        ("做岩茶二十年", "", "tea"),
        ("有焊工证，做过钢结构", "", "welding"),
        ("在养老院照顾过老人", "", "eldercare"),
        ("初中毕业", "莆田本地进厂", "factory"),
        ("会编竹篮", "在家门口做手工", "handicraft"),
        ("会踩逢纫机", "", "sewing"),  # misspelt, same sound
    ],
)
def test_kinds_of_work_found(skills: str, wishes: str, family: str) -> None:
    assert family in person(skills, wishes).kinds


def test_kinds_security_guard_is_not_factory_work() -> None:
    p = person("做过工厂门卫", "晋江做保安")
    assert "security" in p.kinds and "factory" not in p.done


@pytest.mark.parametrize(
    "skills,held",
    [
        ("有电工证", {"electrician"}),
        ("有焊工证，做过钢结构", {"welder"}),
        ("有叉车证", {"forklift"}),
        ("开挖掘机八年，有证", {"excavator"}),
        ("有厨师证", {"chef"}),
        ("有母婴护理证，做过月嫂", {"maternity"}),
        ("有保育员证", {"nursery"}),
        ("办了健康证", {"health"}),
        ("会开大货车，A2驾照", {"A2", "B2", "C1"}),
        ("B2驾照，跑过运输", {"B2", "C1"}),
        ("有驾照", {"C1"}),
    ],
)
def test_certificates_held(skills: str, held: set[str]) -> None:
    assert held <= set(person(skills).certs)


def test_certificates_c1_does_not_imply_b2() -> None:
    assert "B2" not in person("C1驾照五年").certs


@pytest.mark.parametrize("skills", ["会开叉车，但是没有证", "没有叉车证", "开过挖机，证还没考"])
def test_certificates_said_not_held(skills: str) -> None:
    assert not {"forklift", "excavator"} & set(person(skills).certs)


def test_circumstance_caring_for_elders_means_home_not_elder_care_work() -> None:
    p = person("没什么技术", "老人要照顾，走不开")
    assert p.home_bound and "eldercare" not in p.kinds and p.places == [NANAN]


def test_circumstance_room_and_board_and_home_work() -> None:
    assert person("", "外地也行，包吃住").wants_board
    assert person("会编竹篮", "在家做手工").home_work


def test_no_trade_people_are_generic() -> None:
    assert person("没什么技术", "本地").generic
    assert not person("在理发店当过学徒", "本地").generic


def test_status_from_text_not_seeking() -> None:
    assert not person("", "暂时不找工作").seeking


def test_profile_round_trips_as_dict() -> None:
    p = person("有焊工证，做过钢结构", "漳州，七千以上")
    d = p.to_dict()
    assert d["min_pay"] == 7000 and "welder" in d["certs"]
    assert Profile.from_dict(d) == p


@pytest.mark.parametrize("skills,wishes,absent", [("没什么技术", "不想进厂，想做家政", "factory"), ("不会开车", "想做保安", "driver"),
                                                  ("没做过保洁", "想进厂", "cleaning")])
def test_kinds_said_not_wanted_or_not_done_do_not_count(skills: str, wishes: str, absent: str) -> None:
    assert absent not in person(skills, wishes).kinds


def test_places_outside_fujian_only_accept_nothing_here() -> None:
    places, anywhere, basis, names, _ = parse_places("想去上海打工", NANAN)
    assert (places, anywhere, basis, names) == ([], False, "outside", ["上海"])


@pytest.mark.parametrize("skills,family", [("种了十年茶", "tea_garden"), ("做岩茶二十年", "tea"), ("巡山护林", "patrol"), ("做过绿化", "greening")])
def test_kinds_more_trades(skills: str, family: str) -> None:
    assert family in person(skills).kinds


def test_kinds_milk_tea_is_not_tea_making() -> None:
    assert "tea" not in person("在奶茶店做过").kinds


@pytest.mark.parametrize("skills,family", [("给人家带过娃", "nanny"), ("做过几年厨子", "cooking"), ("跑过滴滴", "driver"),
                                           ("会修电动车", "mechanic"), ("会织毛衣", "handicraft")])
def test_kinds_colloquial(skills: str, family: str) -> None:
    assert family in person(skills).kinds


def test_odd_jobs_person_takes_work_that_needs_no_trade() -> None:
    assert person("打过零工", "本地").generic


@pytest.mark.parametrize("raw,gender", [("男", "男"), ("女性", "女"), ("F", "女"), ("male", "男"), ("不限", None), (None, None)])
def test_gender_as_records_write_it(raw: object, gender: str | None) -> None:
    assert person(gender=raw).gender == gender


@pytest.mark.parametrize("raw,status", [("seeking", "seeking"), ("已就业", "employed"), ("暂不求职", "not_seeking"), (None, "seeking")])
def test_status_as_records_write_it(raw: object, status: str) -> None:
    assert person(status=raw).status == status
