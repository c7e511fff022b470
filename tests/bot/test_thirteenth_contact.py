"""What blind conversation set 32 found (written by someone who never saw the code): "以后有新工作也别推给我"
was read as asking for pushes and answered "已恢复订阅"; "泉州太远了 … 有没有三明的" searched near home instead of
三明; "九千那个呢" picked a posting by its title's characters, not by the pay named; "我四十八 她四十六" gave no
age; "洗碗那个管吃住不" was not read as asking about board; "到时候你提醒我一下" got a clarifying question. (Set 31,
rerun: "我不会弄这个 找个人工跟我说吧" beside a posting got the posting's experience line.)"""

from __future__ import annotations

from bot.flows.register import read_fields
from bot.intents import read_intent
from tests.bot.conftest import add_postings, say

_GLOVES = ("扶贫车间：手套缝制（居家）", "三明市宁化县", "350424", "350400", 1500, 3000, "领料回家缝手套，计件", 18, 60)
_SHOES = ("鞋厂普工", "泉州市晋江市", "350582", "350500", 4500, 7000, "针车、成型，包住", 18, 50)
_MASON = ("建筑泥水工", "泉州市南安市", "350583", "350500", 7000, 9000, "砌砖、抹灰，有经验优先", 18, 55)
_REBAR = ("建筑钢筋工", "泉州市南安市", "350583", "350500", 8000, 10000, "钢筋绑扎，有工地经验即可，包住", 18, 55)
_DISHES = ("饭店洗碗工", "莆田市荔城区", "350304", "350300", 3200, 3800, "洗碗收台，包吃住", 18, 60)


def test_do_not_push_me_new_work_is_an_opt_out_not_an_opt_in() -> None:
    for text in ("好 那以后有新工作也别推给我 我干着挺好", "以后有新工作也别推给我", "新工作不用推给我了"):
        assert read_intent(text).intent == "opt_out", text
    assert read_intent("有新工作再推给我吧").intent != "opt_out"


def test_do_not_push_me_stops_pushes(client) -> None:  # type: ignore[no-untyped-def]
    me = "oStop32"
    say(client, "你好", openid=me)
    reply = say(client, "好 那以后有新工作也别推给我 我干着挺好", openid=me)
    assert "恢复订阅" not in reply and ("退订" in reply or "不再" in reply or "停" in reply)


def test_a_place_too_far_and_another_named_searches_the_other(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_GLOVES, _SHOES])
    me = "oNinghua32"
    assert "鞋厂" in say(client, "我想去泉州找活 邱月娥 女 四十 宁化的 会点针线活", openid=me)
    other = say(client, "泉州太远了 家里老人没人管 有没有三明的", openid=me)
    assert "手套" in other and "晋江" not in other


def test_a_posting_named_by_its_pay_is_the_one_meant(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_REBAR, _MASON])
    me = "oMason32"
    listed = say(client, "有没有工地上的活 泉州 我男的 四十二 砌砖绑钢筋都干过", openid=me)
    assert "泥水" in listed and "钢筋" in listed
    picked = say(client, "九千那个呢 要啥经验", openid=me)
    assert "泥水" in picked and "钢筋" not in picked


def test_the_writers_own_age_beside_a_spouses() -> None:
    assert read_fields("我和我老婆都想去厦门打工 我四十八 她四十六 屏南的")["age"] == 48
    assert "age" not in read_fields("我老婆四十六")


def test_board_asked_as_guan_chi_zhu(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_DISHES])
    me = "oDishes32"
    assert "洗碗" in say(client, "我五十了 女的 就在荔城找 不想跑远", openid=me)
    reply = say(client, "洗碗那个管吃住不 一天干几个钟头", openid=me)
    assert "包吃住" in reply and "上班时间" in reply  # board said, hours honestly not stated


def test_a_reminder_asked_for_says_how_it_comes(client) -> None:  # type: ignore[no-untyped-def]
    me = "oRemind32"
    say(client, "你好", openid=me)
    reply = say(client, "现在不去 要过完年正月十五以后才出门 到时候你提醒我一下", openid=me)
    assert "推送" in reply and "您是想" not in reply
    refused = say(client, "以后有活也别发给我", openid=me)
    assert "退订" in refused and "推送给您（" not in refused


def test_a_person_asked_for_by_the_menus_word_beside_a_posting(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_DISHES])
    me = "oHuman32"
    assert "洗碗" in say(client, "我五十了 女的 就在荔城找 不想跑远", openid=me)
    assert "工作人员" in say(client, "我不会弄这个 找个人工跟我说吧", openid=me)  # not the posting's 经验 line
