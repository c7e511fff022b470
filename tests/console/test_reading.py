"""The matcher's reading shown to a coordinator in sentences, corrected in words, never as JSON."""

from __future__ import annotations

import re

from matching.models import Labourer
from tests.console.conftest import csrf_of, login


def test_the_reading_is_sentences_and_is_corrected_in_words(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    page = client.get(f"/console/people/{pid}").text  # entered by hand: the matcher reads him for the page
    said = re.search(r"匹配程序的理解：</b>(.*?)</p>", page)
    assert said and "想去：" in said.group(1) and "会做/做过：焊工" in said.group(1), said
    assert '"places"' not in page and "匹配画像" not in page  # no JSON for a coordinator
    r = client.post(f"/console/people/{pid}", data={"reading_places": "浦城县、松溪县", "reading_pay": "3500元",
                                                     "csrf_token": csrf_of(page)}, follow_redirects=True)
    assert "已保存" in r.text and "想去：浦城县、松溪县" in r.text and "最低月薪：3500元" in r.text
    assert "协理员更正过" in r.text
    db.expire_all()
    profile = db.get(Labourer, pid).profile
    assert profile["places"] == ["350722", "350724"] and profile["min_pay"] == 3500
    bad = client.post(f"/console/people/{pid}", data={"reading_places": "火星县", "csrf_token": csrf_of(r.text)},
                      follow_redirects=True)
    assert "没有找到“火星县”" in bad.text
    assert "想去：浦城县、松溪县" in bad.text  # nothing half-written


def test_conditions_said_in_passing_are_read_back_in_words() -> None:
    from matching.profile import parse_profile, stored
    from service.console.reading import plain_reading

    p = parse_profile({"id": "X", "county": "漳州市平和县", "age": 50, "gender": "男", "status": "seeking",
                       "skills": "在老家看过鱼塘", "wishes": "不想进厂 要包吃包住 冬天到开春才有空"})
    lines = dict(plain_reading(stored(p)))
    assert lines["不想做"] == "工厂普工" and lines["有空的月份"] == "12月至3月"
    assert "一定要包吃住" in lines["其他"]
