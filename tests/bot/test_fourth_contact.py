"""What blind conversation set 16 found (written by someone who never saw the code): a number past the
list, "is it on?" about pushes, "听不懂 说简单点" after a policy answer, two postings weighed then both
wanted, a posting picked by its place, "谢谢啊" at the name question, "短信发就发"."""

from __future__ import annotations

from tests.bot.conftest import say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    rows = [("鞋厂普工（针车/成型）", "泉州市晋江市", "350582", "350500", 4500, 7000, "运动鞋成型、针车，计件，包住"),
            ("制衣厂车位工", "泉州市石狮市", "350581", "350500", 5000, 8000, "服装车位，计件，包吃住"),
            ("笋干加工厂普工", "南平市建瓯市", "350783", "350700", 3500, 4500, "笋干切片、晾晒、包装，白班，包午饭")]
    with client.app.state.sessionmaker() as s:
        s.add_all([Posting(title=t, employer_name="", location=loc, county_code=county, city_code=city,
                           salary_min=lo, salary_max=hi, salary_unit="month", description=d, age_min=18, age_max=50,
                           tags=[], status="open") for t, loc, county, city, lo, hi, d in rows])
        s.commit()


REGISTER = "我叫林美玲 女 31岁 泉州安溪县城厢镇 建档立卡 电话13859920471 会针车 做过三年鞋厂 想去晋江石狮都行 工资五千以上 短信可以"


def test_postings_are_picked_by_place_weighed_and_both_applied_for(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFour1"
    listed = say(client, REGISTER, openid=me)
    assert "登记成功" in listed and "鞋厂普工" in listed and "制衣厂车位工" in listed
    assert "刚才列出的只有2个" in say(client, "7", openid=me)  # no seventh, no menu item, no error
    assert "已记下您想报名【制衣厂车位工】" in say(client, "我想报石狮那个", openid=me)  # not a new registration
    weighed = say(client, "鞋厂那个跟制衣厂那个 哪个工资高", openid=me)
    assert "【制衣厂车位工】工资高一些" in weighed
    both = say(client, "两个都想去 能都报不", openid=me)
    assert "【鞋厂普工（针车/成型）】" in both and "【制衣厂车位工】" in both and "工作人员会联系您" in both


def test_pushes_asked_about_are_told_not_changed(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFour2"
    assert "已退订" in say(client, "退订", openid=me)
    assert "现在是停着的" in say(client, "我退订了吗", openid=me)
    say(client, "订阅", openid=me)
    assert "现在是开着的" in say(client, "现在是开着的吧 短信", openid=me)


def test_a_monthly_wage_asked_by_the_day_and_sms_said_the_local_way(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFour3"
    say(client, "有冇笋干厂的活 我在建瓯", openid=me)
    got = say(client, "魏玉兰 女 44 建瓯东游镇 建档立卡 电话15259817640 会剥笋晒笋干 短信发就发", openid=me)
    assert "同意给您发岗位短信吗" not in got  # 发就发 is a yes
    day = say(client, "笋干那个 一天几多钱", openid=me)
    assert "3500-4500元/月" in day and "一天大约135-173元" in day
    assert "没有写工资怎么结" in say(client, "是日结还是月结", openid=me)


def test_thanks_at_the_name_question_is_not_a_name(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFour4"
    say(client, "我要登记", openid=me)
    bye = say(client, "谢谢啊", openid=me)
    assert "记下了" not in bye and "不客气" in bye


def test_plain_words_after_a_policy_answer_give_its_verdict_not_a_ticket(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFour5"
    first = say(client, "𠊎五十七了 女的 建档立卡户 想学个手艺 政府培训还给补贴冇", openid=me)
    assert "您可以享受职业培训补贴" in first  # 𠊎 is Hakka for 我: the answer speaks to her
    plain = say(client, "听不懂 说简单点", openid=me)
    assert plain.startswith("简单说：按您说的情况，您可以享受职业培训补贴。") and "人工" in plain
    assert "已转给工作人员" not in plain
