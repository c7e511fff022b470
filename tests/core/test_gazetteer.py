import csv

import pytest

from core.gazetteer import get_gazetteer


@pytest.mark.parametrize(
    "text,code",
    [
        ("浦城", "350722"),
        ("南平浦城县", "350722"),
        ("南平市浦城县", "350722"),
        ("厦门湖里", "350206"),
        ("福州市长乐区", "350112"),
        ("长乐市", "350112"),  # renamed 2017
        ("沙县", "350405"),  # became 沙县区 in 2021
        ("梅列区", "350404"),  # merged into 三元区
        ("福建省三明市宁化县城关镇", "350424"),
    ],
)
def test_resolve_free_text_to_county_code(text: str, code: str) -> None:
    county = get_gazetteer().resolve(text)
    assert county is not None and county.code == code


def test_resolve_returns_none_for_city_only_or_unknown() -> None:
    g = get_gazetteer()
    assert g.resolve("福州") is None
    assert g.resolve_city("福州") == "350100"
    assert g.resolve("北京朝阳") is None


def test_find_reads_several_places_in_wishes() -> None:
    assert get_gazetteer().find("福州或者泉州") == [("city", "350100"), ("city", "350500")]


def test_neighbours_are_near_and_exclude_far_counties() -> None:
    g = get_gazetteer()
    near = g.neighbours("350722")  # 浦城
    assert "350724" in near  # 松溪
    assert "350206" not in near  # 湖里 is far away
    assert g.distance_km("350722", "350722") == 0.0


def test_suggest_offers_sound_alike_names() -> None:
    assert get_gazetteer().suggest("普城")[0] == "浦城县"


def test_23_key_poverty_counties_flagged() -> None:
    assert sum(c.key_poverty for c in get_gazetteer().counties.values()) == 23


def test_matches_official_division_list(shared_dir) -> None:  # type: ignore[no-untyped-def]
    g = get_gazetteer()
    rows = list(csv.DictReader(open(shared_dir / "data" / "admin_fujian_divisions.csv", encoding="utf-8")))
    counties = {r["code6"]: r["name"] for r in rows if r["level"] not in ("province", "prefecture")}
    assert {c: g.counties[c].name for c in counties if c in g.counties} == counties
    assert set(counties) == set(g.counties)
    key = {r["county_code6"] for r in csv.DictReader(open(shared_dir / "data" / "fujian_key_poverty_counties.csv", encoding="utf-8"))}
    assert key == {c.code for c in g.counties.values() if c.key_poverty}


def test_places_in_prose_ignore_everyday_words_that_are_county_names() -> None:
    from jobs_feed.service import _place_in_text

    for text in ("产品表面要有光泽", "中华安全生产先进单位", "安装金门窗", "和平和谐家园物业", "东山再起", "三元里餐厅"):
        assert _place_in_text(text) is None, text
    assert _place_in_text("产品表面要有光泽，工作地点福州") == "福州市"
    assert _place_in_text("泉州南安建筑工地招泥水工") == "泉州市南安市"
    assert _place_in_text("华安工业园招工") == "漳州市华安县"
    assert _place_in_text("浦城县扶贫车间招工") == "南平市浦城县"
