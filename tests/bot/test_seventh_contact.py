"""What blind conversation set 21 found (written by someone who never saw the code): birth years for ages,
facts told with a policy question kept for the registration that follows, whole registrations that keep
the trade and the licence, a fact added after a policy answer, learning a trade asked as the training
policy, and questions about a posting that it does not answer."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.bot.conftest import add_postings, say

THIS_YEAR = datetime.now(ZoneInfo("Asia/Shanghai")).year


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    rows = [  # title, place, county, city, pay, text, ages
        ("小区保洁员", "漳州市平和县", "350628", "350600", 2300, 2800, "县城小区楼道保洁，白班", 18, 60),
        ("建筑泥水工", "泉州市南安市", "350583", "350500", 7000, 9000, "砌砖、抹灰，有经验", 18, 55),
        ("货车司机", "漳州市芗城区", "350602", "350600", 7000, 9000, "物流配送，须持B2以上驾照，三年以上驾龄", 25, 50),
    ]
    add_postings(client, rows)


def test_a_birth_year_is_read_as_the_age_it_gives() -> None:
    from bot.flows.answers import VALIDATORS
    from bot.flows.fields import read_fields

    said = read_fields("我是仙游度尾的 叫郑玉兰 女的 六八年生的 字识无几个")
    assert said["age"] == THIS_YEAR - 1968 and said["name"] == "郑玉兰"
    assert VALIDATORS["age"]("七五年的") == (THIS_YEAR - 1975, None)
    assert read_fields("1972年出生 男")["age"] == THIS_YEAR - 1972
    assert "age" not in read_fields("我儿子08年生的")  # someone else's
    assert "age" not in read_fields("这房子98年的老房")
    assert "age" not in read_fields("听讲五十岁以上不给")  # an age limit, not the writer's age


def test_words_that_are_no_name_are_not_taken_for_one() -> None:
    from bot.flows import told
    from bot.flows.fields import could_be_name

    assert not could_be_name("一个人") and not could_be_name("打字慢")
    assert could_be_name("吴长生") and could_be_name("杨开发") and could_be_name("郑玉兰")
    assert "name" not in told.all_told("一个人 想找点事作", {}, name_slot=True)


def test_facts_told_with_a_policy_question_are_kept_for_the_registration(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oStory21"
    answered = say(client, "你好 我林水生 男的 今年四十七 平和小溪的 就住县城 建档立卡户还没脱贫 电话13605968842 "
                           "短信可以发 以前做装修打杂 还有我听人讲贫困户交养老保险政府会帮出一部分 是真的呣知", openid=me)
    assert "50%" in answered
    jobs = say(client, "头路咧 有没", openid=me)
    assert "小区保洁员" in jobs  # his county was kept: postings in 平和 at once
    assert "多大年纪" not in jobs and "性别" not in jobs and "手机号" not in jobs  # what he told is not asked again


def test_a_whole_registration_at_the_age_question_keeps_the_name_and_the_trade(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWidower21"
    assert "姓名" in say(client, "一个人 想找点事作", openid=me)  # "一个人" is no name
    said = say(client, "吴长生 男 61 政和东平 贫困户没脱 电话13507693358 发信息可以 会编竹蓝 在家附近", openid=me)
    assert "吴长生" in said and "编竹蓝" in said
    assert "您会什么" not in said  # the trade was told


def test_a_licence_class_told_in_a_registration_is_kept_and_meets_a_lower_one(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    said = say(client, "我叫蔡国栋 男 38岁 长泰岩溪的 贫困户建档立卡的 电话18950435116 短信行 A2本 开了八年半挂 "
                       "想在漳州厦门开车 七千以上", openid="oDriver21")
    assert "货车司机" in said


def test_a_fact_added_after_a_policy_answer_asks_that_question_again(client) -> None:  # type: ignore[no-untyped-def]
    me = "oDibao21"
    say(client, "我家前年脱贫了 交城乡养老保险 政府还帮交吗", openid=me)
    again = say(client, "我现在还吃低保", openid=me)
    assert "50%" in again and "民政" not in again


def test_learning_a_trade_and_its_cost_is_the_training_policy(client) -> None:  # type: ignore[no-untyped-def]
    from bot.flows.ask import learning_asked

    assert learning_asked("出去前想先学门手艺 不要钱的那种有没")
    assert learning_asked("问下我想去学个育婴师 有没有补贴的")
    assert not learning_asked("有没有育婴师的活")
    reply = say(client, "出去前想先学门手艺 不要钱的那种有没", openid="oLearn21")
    assert "培训" in reply and "岗位" not in reply.split("\n")[0]


def test_a_question_a_posting_does_not_answer_says_so(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oMason21"
    say(client, "我叫傅金水 男 45岁 南安的 建档立卡 电话13905951234 短信可以 会砌砖抹灰 想在南安做", openid=me)
    say(client, "泥水工那个", openid=me)
    asked = say(client, "泥水那个要带工具去不", openid=me)
    assert "没有写" in asked and "人工" in asked


def test_someone_afraid_of_being_found_hears_that_first_and_can_refuse_sms(client) -> None:  # type: ignore[no-untyped-def]
    me = "oHiding22"
    said = say(client, "我跟我男人闹掰了 他喝了酒就打人 我躲出来了 想找个包吃住的活 你们登记的东西他会不会查到 "
                       "村里会不会告诉他", openid=me)
    assert said.index("不会告诉任何人") < said.index("登记") and "110" in said
    no_sms = say(client, "手机他知道号码 短信别发 我只看微信", openid=me)
    assert "不发短信" in no_sms and "接着登记" in no_sms
    assert "短信" not in say(client, "周秀兰", openid=me).split("\n")[-1]  # the SMS question is not asked later


def test_a_posting_reported_filled_goes_to_a_coordinator_naming_it(client) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from bot.models import HandoffTicket

    _postings(client)
    me = "oFull21"
    say(client, "我叫傅金水 男 45岁 南安的 建档立卡 电话13905951234 短信可以 会砌砖抹灰 想在南安做", openid=me)
    said = say(client, "那个泥水工的活我去了 人家讲早招满了 你们更新一下", openid=me)
    assert "工作人员" in said and "核实" in said
    with client.app.state.sessionmaker() as s:
        ticket = s.scalars(select(HandoffTicket).where(HandoffTicket.openid == me)).one()
    assert "建筑泥水工" in ticket.text and "招满" in ticket.text


def test_insurance_for_an_injury_at_work_is_the_policy_not_the_posting(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oHurt21"
    say(client, "我叫傅金水 男 45岁 南安的 建档立卡 电话13905951234 短信可以 会砌砖抹灰 想在南安做", openid=me)
    say(client, "泥水工那个", openid=me)
    assert "工伤保险" in say(client, "工地摔了有保险没", openid=me)
