"""What blind conversation set 26 found (written by someone who never saw the code): chat shorthand
(gz, zf, bt, 3k), "还没找到工作" read as having found work, "不是屏南 是古田" correcting to the first county,
"你是男的女的" taken as a name, an application's phone number dropped, an injury at work taken as a job
request, and busy months ("清明到五月底走不开") not keeping seasonal work away."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say


def test_not_having_found_work_is_not_having_found_it(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "听说zf给建档立卡家的毕业生发bt 我今年技校高级工班毕业的 还没找到工作 能领多少", openid="oGrad26")
    assert "恭喜" not in said and "2000" in said


def test_a_county_corrected_as_not_this_but_that_takes_the_second() -> None:
    from bot.flows.freetext import correction

    assert correction("不对 写错了 不是屏南 是古田 城东的") == ("county", "宁德市古田县")
    assert correction("年龄也写错了 不是四十五 是五十四") == ("age", "54")


def test_asking_whether_the_bot_is_a_man_or_a_woman_is_answered_mid_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWho26"
    say(client, "我要登记", openid=me)
    said = say(client, "你是男的女的", openid=me)
    assert "助手" in said and "姓名" in said  # answered, then the registration's question again


def test_an_application_with_a_spaced_phone_number_keeps_the_number(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("叉车工", "三明市永安市", "350481", "350400", 5000, 6000, "仓库叉车作业，须持叉车证", 20, 50)])
    me = "oFork26"
    assert "叉车工" in say(client, "有没有开叉车的活 我永安的 男的 三十九 有叉车证", openid=me)
    said = say(client, "今天热死了 那就报这个叉车工 电话159 6033 8812", openid=me)
    assert "已记下您想报名【叉车工】" in said and "159****8812" in said


def test_an_injury_at_work_asked_about_is_the_insurance_policy(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "工地上干活摔了 有没有保险", openid="oHurt26")
    assert "工伤保险" in said and "姓名" not in said


def test_busy_months_keep_seasonal_work_in_them_away() -> None:
    from matching.season import free_months
    from tests.matching.test_conditions import job, person, pushed

    assert 4 not in free_months("就是清明到五月底自家要采茶走不开") and 8 in free_months("就是清明到五月底自家要采茶走不开")
    picking = job("PK", title="采茶工（春茶季）", description="4-5月春茶采摘，季节性", tags=["季节性"])
    rolling = job("RL", title="茶厂揉捻工", description="岩茶初制揉捻，会做茶优先")
    woman = person("TE", age=46, gender="女", skills="会做岩茶", wishes="想找个活 就是清明到五月底自家要采茶走不开")
    assert pushed([woman], [picking, rolling])["TE"] == ["RL"]


def test_a_posting_named_after_apply_words_is_found() -> None:
    from bot.flows.named import names_in

    assert names_in("行 就报这个小工") == ["小工"] and names_in("我要报那个采茶的") == ["采茶"]


def test_a_handoff_mid_registration_keeps_the_answers_and_a_pause_is_explained(client) -> None:  # type: ignore[no-untyped-def]
    me = "oPause27"
    say(client, "我叫吴德茂 男 46岁 寿宁县的 会炒茶揉茶 想在寿宁找茶厂的活 电话15959321847 可以发短信", openid=me)
    say(client, "这个月家里自己茶山忙 这个月别发了 下个月再说", openid=me)
    back = say(client, "到时候你会自己发还是我要跟你说一声", openid=me)
    assert "订阅" in back and "工作人员" not in back
    say(client, "叫你们的人跟我说", openid=me)
    mine = say(client, "我登记的啥信息 给我看看", openid=me)
    assert "吴德茂" in mine and "还没有登记" not in mine
