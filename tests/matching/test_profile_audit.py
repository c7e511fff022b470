"""Phrasings an auditor's blind set misread: ruled-out places, misspelt places beside right ones,
regions, licences not held, sound-alike licences and trades, pay, circumstances (exact phrases)."""

from __future__ import annotations

import pytest

from core.gazetteer import get_gazetteer
from matching.profile import parse_min_pay, parse_places, parse_profile

G = get_gazetteer()
DATIAN = G.resolve("大田").code
LONGHAI = G.resolve("龙海").code
MINHOU = G.resolve("闽侯").code
XIAMEN = set(G.in_city("350200"))


def person(skills: str = "", wishes: str = "", county: str = "三明市大田县", **kw):
    rec = {"id": "T1", "county": county, "age": 40, "gender": "男", "status": "seeking",
           "poverty_registered": True, "skills": skills, "wishes": wishes}
    return parse_profile({**rec, **kw})


def cities(codes: list[str]) -> set[str]:
    return {G.counties[c].city_name for c in codes}


@pytest.mark.parametrize("wish", ["不想去外地", "不想去外地，本地就行", "不去外地"])
def test_places_not_away_means_own_county(wish: str) -> None:
    p = parse_places(wish, DATIAN)
    assert (p.codes, p.anywhere, p.basis) == ([DATIAN], False, "local")


def test_places_not_xiamen_too_far_rules_xiamen_out() -> None:
    p = parse_places("不要去厦门 太远了", LONGHAI)
    assert not XIAMEN & set(p.codes) and XIAMEN <= set(p.excluded) and LONGHAI in p.codes


def test_places_anywhere_but_xiamen() -> None:
    p = parse_places("除了厦门哪里都行", LONGHAI)
    assert p.anywhere and set(p.excluded) == XIAMEN


def test_places_besides_a_city_is_inclusive() -> None:
    p = parse_places("除了福州，厦门也可以", LONGHAI)
    assert cities(p.codes) == {"福州市", "厦门市"} and not p.excluded


def test_places_not_the_city_keeps_home_inside_it() -> None:
    p = parse_places("不想去福州，想在本地", MINHOU)
    assert p.codes == [MINHOU]


def test_places_ruled_out_are_refused_by_the_rule_and_the_engine() -> None:
    from matching.features import accept_row, place_column
    from matching.postings import parse_posting
    from matching.rules import rule_place

    p = person("", "除了厦门哪里都行", county="漳州市龙海区")
    xm = parse_posting({"id": "J", "title": "普工", "location": "厦门市集美区", "salary_min": 5000, "salary_max": 6000})
    zz = parse_posting({"id": "K", "title": "普工", "location": "漳州市芗城区", "salary_min": 5000, "salary_max": 6000})
    assert rule_place(p, xm, None) and rule_place(p, zz, None) is None  # type: ignore[arg-type]
    row = accept_row(p)
    assert not row[place_column(xm.county, xm.city)] and row[place_column(zz.county, zz.city)]


@pytest.mark.parametrize(
    "wish,expected",
    [("福洲或者泉州都行", {"福州市", "泉州市"}), ("去泉州或者夏门", {"泉州市", "厦门市"}), ("永安三明都可以", {"三明市"})],
)
def test_places_misspelt_beside_spelt_right(wish: str, expected: set[str]) -> None:
    assert cities(parse_places(wish, LONGHAI).codes) == expected


def test_places_yongan_and_sanming_both() -> None:
    assert len(parse_places("永安三明都可以", DATIAN).codes) == len(G.in_city("350400"))


def test_places_outside_province_is_not_a_sound_alike() -> None:
    assert parse_places("想去南京", DATIAN).basis == "outside"  # 南京 sounds like 南靖


@pytest.mark.parametrize(
    "wish,expected",
    [("想去闽南打工", {"厦门市", "泉州市", "漳州市"}), ("去省城", {"福州市"}), ("闽东", {"宁德市"}), ("闽北", {"南平市"}),
     ("闽西", {"龙岩市"})],
)
def test_places_regions(wish: str, expected: set[str]) -> None:
    assert cities(parse_places(wish, DATIAN).codes) == expected


@pytest.mark.parametrize("skills", ["有汗工证", "有焊工正", "有汗工证 会氩弧焊"])
def test_certificates_sound_alike_names(skills: str) -> None:
    assert "welder" in person(skills).certs


def test_certificates_sound_alike_needs_whole_words() -> None:
    assert "electrician" not in person("做电工正好十年").certs


def test_certificates_low_voltage_operation_certificate() -> None:
    assert "electrician" in person("有低压电工作业证").certs


@pytest.mark.parametrize(
    "skills,absent",
    [("会开车，没驾照", "C1"), ("电工证快考出来了", "electrician"), ("以前有叉车证，过期了", "forklift")],
)
def test_certificates_not_held_now(skills: str, absent: str) -> None:
    assert absent not in person(skills).certs


@pytest.mark.parametrize("skills", ["想找轻松一点工作", "有一点工作经验"])
def test_kinds_sound_alike_only_on_whole_words(skills: str) -> None:
    assert "electrician" not in person(skills, skills).kinds


def test_kinds_sound_alike_still_found() -> None:
    assert "security" in person("当过报安").kinds


@pytest.mark.parametrize(
    "text,expected",
    [("月薪过万", 10000), ("最少三千", 3000), ("日结150", 3510), ("时薪20以上", 4160), ("每周一千五", 5850)],
)
def test_min_pay_more_phrases(text: str, expected: int) -> None:
    assert parse_min_pay(text)[0] == expected


def test_circumstance_home_with_the_baby_wants_work_nearby() -> None:
    p = person("", "在家带娃 想找附近的活")
    assert p.home_bound and "nanny" not in p.kinds and p.place_basis == "near"


def test_circumstance_someone_else_minds_the_children() -> None:
    p = person("", "老婆在家带孩子，我可以出去打工 去哪都行")
    assert not p.home_bound and "nanny" not in p.kinds and p.anywhere


def test_current_county_is_where_local_means() -> None:
    jinjiang = G.resolve("晋江").code
    p = person("", "本地", current_county_code=jinjiang)
    assert p.places == [jinjiang] and p.county == DATIAN and p.current_county == jinjiang


@pytest.mark.parametrize("wish", ["只要不是厦门都行", "除了厦门以外都可以"])
def test_places_anything_but_a_city(wish: str) -> None:
    p = parse_places(wish, LONGHAI)
    assert p.anywhere and set(p.excluded) == XIAMEN


@pytest.mark.parametrize("wish", ["不要求包吃住泉州", "特别想去泉州", "福州，会安装"])
def test_places_negation_and_sound_words_elsewhere_rule_nothing_out(wish: str) -> None:
    p = parse_places(wish, LONGHAI)
    assert not p.excluded and p.basis == "named" and len(cities(p.codes)) == 1
