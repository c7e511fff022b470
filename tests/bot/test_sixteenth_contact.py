"""What blind conversation set 35 found (written by someone who never saw the code): a posting heard of from a
neighbour ("霞浦有个剥虾的厂在招人 是真的吗") got a policy clause; a posting's overtime pay and whether wages are
paid on time got its other lines as if they answered; "那你帮我问问" after "问问招聘方" was taken as a name;
"不用人工了" could not take a hand-over back; a 16-year-old asking to work got a pension verdict; "去哪报名"
after the 技校 answer started a registration; a posting named mid-registration ("浦城那个护林员 我能报吗") was
taken as the county; "嗯 都行" at the skills question paused the registration; "刚才说的你都给我删掉" was not a
request to delete; "不登记 以后还能来问政策吗", the weather and a classical goodbye were answered as other things."""

from __future__ import annotations

from bot import service
from tests.bot.conftest import add_postings, say
from tests.bot.test_fifteenth_contact import _HARNESS, _RANGER

_SHRIMP = ("水产加工工（剥虾、分拣）", "宁德市霞浦县", "350921", "350900", 3500, 5500, "海鲜剥壳、分拣，计件，冷库作业", 18, 55)
_BATTERY = ("动力电池厂操作工", "宁德市蕉城区", "350902", "350900", 5500, 7500, "锂电池生产线操作，两班倒，包吃住", 18, 40)


def test_a_posting_heard_of_by_its_work_and_place_is_found_and_asked_about(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_SHRIMP])
    me = "oShrimp35"
    heard = say(client, "听邻居说霞浦有个剥虾的厂在招人 是真的吗", openid=me)
    assert "剥虾" in heard and "3500" in heard
    assert "冷库" in say(client, "冷库会不会很冷 我有关节炎", openid=me)


def test_what_a_posting_does_not_state_is_said_so_and_can_be_handed_to_a_person(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_BATTERY])
    me = "oBattery35"
    say(client, "我在蕉城 想找电池厂的活", openid=me)
    overtime = say(client, "电池厂那个加班费怎么算的", openid=me)
    assert "没有写加班费" in overtime and "倍" not in overtime
    on_time = say(client, "工资会不会拖 按时发吗", openid=me)
    assert "没有写工资会不会按时发" in on_time
    assert "已转给工作人员" in say(client, "那你帮我问问 问清楚了再告诉我", openid=me)


def test_a_hand_over_asked_for_can_be_taken_back(client) -> None:  # type: ignore[no-untyped-def]
    me = "oNoPerson35"
    assert "已转给工作人员" in say(client, "转人工", openid=me)
    reply = say(client, "算了算了 不用人工了 我自己先看看", openid=me)
    assert "已取消" in reply
    with client.app.state.sessionmaker() as s:
        assert not [t for t in service.list_tickets(s) if t.openid == me]


def test_someone_under_eighteen_asking_for_work_gets_the_law_and_technical_school(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_BATTERY])
    reply = say(client, "我16岁 能不能先去打工", openid="oYoung35")
    assert "18周岁" in reply and "技工院校" in reply and "电池" not in reply


def test_where_to_apply_after_a_policy_answer_is_no_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSchool35"
    say(client, "读技校要交学费吗", openid=me)
    reply = say(client, "去哪报名", openid=me)
    assert "人社" in reply and "姓名" not in reply


def test_a_posting_named_mid_registration_is_answered_and_registration_goes_on(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_RANGER])
    me = "oRanger35"
    say(client, "我想登记找活", openid=me)
    reply = say(client, "浦城那个护林员 我能报吗 咋报", openid=me)
    assert "护林员" in reply and "接着登记" in reply


def test_anything_will_do_at_the_skills_question_is_no_goodbye(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_HARNESS])
    me = "oShy35"
    for line in ("找活", "长汀", "50 女的", "罗金花 15980317726"):
        say(client, line, openid=me)
    assert "登记先放着" not in say(client, "嗯 都行", openid=me)
    assert "线束" in say(client, "线束那个 可以", openid=me)


def test_deleting_what_was_just_said_and_asking_without_registering(client) -> None:  # type: ignore[no-untyped-def]
    me = "oErase35"
    say(client, "我叫郑玉兰 屏南的 五十五岁 电话13950612388", openid=me)
    assert "确认删除" in say(client, "算了算了 我儿子说网上不要乱填信息 刚才说的你都给我删掉 不登了", openid=me)
    say(client, "确认删除", openid=me)
    assert "可以" in say(client, "那不登记 以后还能来问政策吗", openid=me)


def test_weather_talk_and_a_classical_goodbye_mid_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oScholar35"
    say(client, "我叫郑玉兰 屏南的 五十五岁 电话13950612388", openid=me)
    assert "天气" in say(client, "听说这两天要下霜了 屏南冷不冷 你那边呢", openid=me)
    assert "不客气" in say(client, "承蒙指点，不胜感激，改日再来叨扰。", openid=me)


def test_an_age_said_roughly_is_read_but_an_exact_one_wins() -> None:
    from bot.flows.fields import read_fields

    assert read_fields("郑阿土 年纪嘛五十出头")["age"] == 52
    assert read_fields("快六十了")["age"] == 59
    assert read_fields("俺叫黄土根 今年五十一了 说起来俺十几岁就出去了")["age"] == 51
    assert "age" not in read_fields("工资五千多 一个月三四千左右也行")
