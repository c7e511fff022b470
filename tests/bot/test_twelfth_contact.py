"""What blind conversation set 31 found (written by someone who never saw the code): how far a posting is
("离那远不", "在南安哪里"), whether there is a pick-up ("有没有车接") and its pay said as people say it ("一个月
几个钱", voice input's "公司多少 一个月") went unanswered; "不进厂也行" was read as wanting factory work,
"我不进厂" as nothing, "除了开车的 … 还有别的没" showed the driving job again, and "电池厂那个要上夜班吗" about a
posting of an earlier list was answered about one on screen."""

from __future__ import annotations

from matching.kinds import get_families
from tests.bot.conftest import add_postings, say

_CLEANER = ("商场保洁员", "福州市鼓楼区", "350102", "350100", 3000, 3500, "商场保洁，白班，不需经验", 18, 60)
_BATTERY = ("动力电池厂操作工", "宁德市蕉城区", "350902", "350900", 5500, 7500, "电池生产线，两班倒，包吃住", 18, 40)
_CARER = ("养老院护工", "宁德市蕉城区", "350902", "350900", 4000, 5000, "照顾老人起居，包住，可培训上岗", 18, 58)


def test_a_postings_distance_pick_up_and_pay_in_peoples_words(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_CLEANER])
    me = "oCleaner31"
    assert "保洁" in say(client, "我想找个保洁的活 在福州 五十六岁 女的", openid=me)
    assert "3000-3500" in say(client, "一个月几个钱", openid=me)
    far = say(client, "我住五四路那块 离那远不", openid=me)
    assert "鼓楼" in far and "没有写具体位置和路程" in far  # the place, and honestly no distance
    assert "没有写接送、交通" in say(client, "有没有车接", openid=me)
    other = "oCleaner31b"
    say(client, "我想找个保洁的活 在福州 五十六岁 女的", openid=other)
    assert "3000-3500" in say(client, "公司多少 一个月", openid=other)  # voice input's 公司 for 工资


def test_work_not_needed_widens_and_work_refused_narrows() -> None:
    fam = get_families()
    assert fam.scan_refused("我不进厂") == {"factory": "进厂"}  # 不 before the work word itself
    assert fam.scan("不进厂也行") == {} and fam.scan_refused("不进厂也行") == {}
    assert fam.scan_relaxed("想进厂 太远了 不进厂也行") == {"factory": "进厂"}
    assert "driver" in fam.scan_refused("除了开车的 不要进厂的 还有别的没")


def test_not_a_factory_is_fine_too_brings_other_work_of_the_place(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_BATTERY, _CARER])
    me = "oNingde31"
    assert "电池" in say(client, "你好 我26 女 宁德蕉城的 想进厂 包吃住最好", openid=me)
    say(client, "换一批", openid=me)
    assert "养老院" in say(client, "太远了 就要蕉城的 不进厂也行", openid=me)
    night = say(client, "电池厂那个要上夜班吗", openid=me)  # named from the earlier list, not one on screen
    assert "动力电池" in night and "两班倒" in night and "养老院" not in night
