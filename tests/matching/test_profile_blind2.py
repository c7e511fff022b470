"""Phrasings the blind2 set (37 people × 54 postings, labelled before the matcher saw it) misread at
first contact: a floor beside a hope, coastal regions, sound-alike trades (in/ing), hill work, farm
work for people tied to home; and how a pay wished by the day is answered."""

from __future__ import annotations

import pytest

from core.gazetteer import get_gazetteer
from matching.profile import parse_min_pay, parse_places
from matching.sounds import char_sound
from tests.matching.test_profile_audit import cities, person

YOUXI = get_gazetteer().resolve("尤溪").code


FLOORS = {"龙岩范围，月入过万最好，最少七千": 7000, "七千最好，六千也行": 6000, "八千更好，至少六千": 6000, "月入过万": 10000}


@pytest.mark.parametrize("text", FLOORS)
def test_pay_floor_beats_a_hope(text: str) -> None:
    assert parse_min_pay(text)[0] == FLOORS[text]


@pytest.mark.parametrize(("wish", "want"), [
    ("去沿海做鞋，计件的", {"福州市", "厦门市", "泉州市", "漳州市", "莆田市", "宁德市"}),
    ("沿海城市都行", {"福州市", "厦门市", "泉州市", "漳州市", "莆田市", "宁德市"}),
    ("想去福厦泉", {"福州市", "厦门市", "泉州市"}),
])
def test_places_coastal_regions(wish: str, want: set[str]) -> None:
    p = parse_places(wish, YOUXI)
    assert cities(p.codes) == want and not p.anywhere


def test_southern_sounds_fold_in_ing_and_retroflex() -> None:
    assert char_sound("精") == char_sound("筋") and char_sound("插") == char_sound("叉")
    assert char_sound("山") == char_sound("三") and char_sound("钢") != char_sound("根")


def test_misspelt_trade_beside_a_workplace() -> None:
    p = person(skills="在工地扎钢精十年", wishes="去泉州厦门都行")
    assert {"construction", "rebar"} <= set(p.done)


def test_hill_work_is_forestry() -> None:
    p = person(skills="在山上种毛竹，对山里熟", wishes="离家近")
    assert "forestry" in p.done


def test_home_bound_farm_worker_takes_newcomer_work() -> None:
    assert person(skills="种过茶，采茶", wishes="家里走不开，老公身体不好").generic
    assert not person(skills="种过茶，采茶", wishes="本地").generic  # not tied to home: keeps to tea
    assert not person(skills="做了十年电焊", wishes="要照顾老人").generic  # a trade stays a trade
    assert not person(skills="种过茶", wishes="要照顾孩子，想做保洁").generic  # names the work wished


def test_day_pay_answered_in_the_persons_words() -> None:
    from matching.reasons import _pay_text

    assert _pay_text(180, 180, "day", 4680, 4680, 4680, "一天两百").endswith("接近您说的“一天两百”")
    assert _pay_text(300, 300, "day", 7800, 7800, 5200, "一天两百以上").endswith("符合您说的“一天两百以上”")
    assert _pay_text(5000, 6000, "month", 5000, 6000, 5000, "五千以上").endswith("不低于您期望的5000元")
