"""What blind conversation set 33 found (written by someone who never saw the code): a wage complaint's next
message ("包工头姓黄") got a job list; "我已经转了他300了 能要回来吗" got "年龄要求18-50岁，0岁，还不到"; the
posting reported as a fraud was offered again; "不用交钱的" was read as a question about fees; "电话" and the
number sent as two messages ended in a handoff; "以前在广东饭店干" was read as wanting work in 广东; the old of
two phone numbers was kept; "四十有八" gave no age."""

from __future__ import annotations

from sqlalchemy import select

from bot.flows.account import outside_fujian
from bot.flows.fields import read_fields
from bot.models import HandoffTicket
from core.numbers import numerals_to_digits
from tests.bot.conftest import add_postings, say

_MASON = ("建筑泥水工", "泉州市南安市", "350583", "350500", 7000, 9000, "砌砖、抹灰，有经验优先", 18, 55)
_RIDER = ("外卖骑手", "厦门市思明区", "350203", "350200", 6000, 9000, "须自备电动车，会用手机导航，多劳多得", 18, 50)
_CLEANER = ("保洁员", "厦门市思明区", "350203", "350200", 3000, 3500, "写字楼保洁，白班", 18, 55)
_COOK = ("中餐厨师", "龙岩市新罗区", "350802", "350800", 5500, 8000, "会做闽西客家菜，有经验者优先，包吃住", 22, 55)
_BAMBOO = ("笋干加工厂普工", "南平市建瓯市", "350783", "350700", 3500, 4500, "笋干切片、晾晒、包装，白班，包午饭", 18, 58)


def _ticket(client, openid):
    with client.app.state.sessionmaker() as s:
        return s.scalars(select(HandoffTicket).where(HandoffTicket.openid == openid)).one()


def test_a_wage_complaint_says_where_to_complain_and_takes_what_follows_into_the_ticket(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_MASON])
    me = "oWages33"
    first = say(client, "老板欠我三个月工资 一万八 打电话不接 你们管不管", openid=me)
    assert "12333" in first and "监察" in first and "工作人员" in first and "泥水工" not in first
    more = say(client, "我男的 45 南安人 在南安工地砌砖 包工头姓黄", openid=me)
    assert "补充给工作人员" in more and "泥水工" not in more
    assert "包工头姓黄" in _ticket(client, me).text
    assert "工作人员" in say(client, "你们能帮我要回来不", openid=me)
    assert "泥水工" in say(client, "钱要回来之前总得干活 南安有啥活 我会砌砖", openid=me)


def test_money_paid_to_a_fake_recruiter_is_sent_to_the_police_and_that_posting_not_offered_again(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_RIDER, _CLEANER])
    me = "oFraud33"
    say(client, "我看到厦门送外卖那个 打电话过去 说要先交800押金 还要买他们的电动车 是不是骗人的", openid=me)
    paid = say(client, "我已经转了他300了 能要回来吗", openid=me)
    assert "110" in paid and "工作人员" in paid and "0岁" not in paid
    say(client, "我叫陈海燕 女 26 霞浦人 现在在厦门 电话18759212345", openid=me)
    jobs = say(client, "帮我找个正规的 厦门的 不用交钱的", openid=me)
    assert "保洁员" in jobs and "外卖" not in jobs and "放心" not in jobs


def test_a_label_and_its_value_in_two_messages_are_one_answer(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_BAMBOO])
    me = "oSplit33"
    for text in ("找个活", "在建瓯附近", "陈木生", "男的 四十六"):
        say(client, text, openid=me)
    assert "接着说" in say(client, "电话", openid=me)
    assert "138****2345" in say(client, "13859912345", openid=me)
    assert "接着说" in say(client, "短信", openid=me)
    assert "同意发短信" in say(client, "可以发", openid=me)
    assert "138****2345" in say(client, "我电话记对了吧", openid=me)


def test_work_done_elsewhere_is_history_not_a_place_wanted(client) -> None:  # type: ignore[no-untyped-def]
    assert outside_fujian("会炒客家菜 以前在广东饭店干 有没有厨师的活") == ""
    assert "广东" in outside_fujian("想去广东进厂 有没有")
    add_postings(client, [_COOK])
    me = "oCook33"
    say(client, "罗志强 男 39 新罗区的", openid=me)
    assert "中餐厨师" in say(client, "会炒客家菜 以前在广东饭店干 有没有厨师的活", openid=me)


def test_the_new_phone_number_is_kept_not_the_old_one() -> None:
    assert read_fields("我换号了 旧的13906901234不用了 以后发18250871234")["phone"] == "18250871234"
    assert read_fields("原来的13906901234停了 新号18250871234")["phone"] == "18250871234"
    assert read_fields("13906901234或者18250871234")["phone"] == "13906901234"


def test_forty_and_eight_is_forty_eight() -> None:
    assert numerals_to_digits("年纪四十有八") == "年纪48"
    assert read_fields("我三十有八岁")["age"] == 38


_MUSHROOM = ("食用菌菌棒制作工", "宁德市古田县", "350922", "350900", 3500, 5000, "菌棒装袋、灭菌，早班", 18, 55)
_SHELVES = ("超市理货员", "宁德市古田县", "350922", "350900", 3000, 3600, "上货理货，做六休一", 18, 50)
_VILLAGE = ("公益性岗位：村道保洁员", "宁德市屏南县", "350923", "350900", 1300, 1300, "每天上午清扫村道约3小时", 18, 65)


def test_work_asked_for_at_the_skills_question_lists_postings(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_MUSHROOM, _SHELVES])
    me = "oGutian33"
    say(client, "我想登记 黄美玉 女 42 古田的", openid=me)
    listed = say(client, "以前在超市干过 有啥工作推荐", openid=me)
    assert "理货" in listed and "记下了：会以前" not in listed
    hours = say(client, "菌棒那个几点上班", openid=me)
    assert "早班" in hours and "找到这些岗位" not in hours


def test_an_unsure_message_that_asks_for_work_in_so_many_words_gets_postings(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_VILLAGE])
    said = say(client, "人还没来 你先说说屏南有啥活 我62了 男的 建档立卡户", openid="oPingnan33")
    assert "村道保洁" in said


def test_a_number_given_with_written_wrong_is_a_correction_not_a_check() -> None:
    from bot.flows.registering import checks_kept

    assert checks_kept("我电话记对了吧") and checks_kept("名字没写错吧")
    assert not checks_kept("电话写错了 是15959321874")


_GLOVES = ("扶贫车间：手套缝制（居家）", "三明市宁化县", "350424", "350400", 1500, 3000, "领料回家缝手套，计件", 18, 60)
_SWEEPER = ("公益性岗位：乡村保洁", "三明市宁化县", "350424", "350400", 1500, 1500, "村道清扫，男女不限", 18, 60)


def test_who_may_take_a_public_welfare_post_is_the_documents_answer_even_with_such_postings_listed(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_GLOVES, _SWEEPER])
    me = "oNinghua33"
    say(client, "腰不好 重活干不了 还有啥活能干", openid=me)
    say(client, "宁化县的 五十五 男 叫邱水根 建档立卡户 还没脱贫", openid=me)
    who = say(client, "公益岗啥人能去", openid=me)
    assert "托底" in who and "258号" in who and "接着登记" in who
    assert "社保补贴" in say(client, "干公益岗 社保有补吗", openid=me)


def test_a_training_question_in_a_trades_words_mid_registration_is_the_training_policy(client) -> None:  # type: ignore[no-untyped-def]
    me = "oChangting33"
    say(client, "生完二胎在家带孩子 想找个活 能接送孩子的", openid=me)
    say(client, "长汀县的 钟丽萍 29 电话15080312345", openid=me)
    said = say(client, "我想学个手艺 像育婴师那种 培训有没有补贴", openid=me)
    assert "培训补贴" in said and "没有找到答案" not in said


def test_someone_to_help_one_to_one_is_the_documents_pairing_not_a_registration(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "有没有人能一对一帮我找工作", openid="oPucheng33")
    assert "结对" in said and "251号" in said and "姓名" not in said


def test_the_households_status_is_no_trade() -> None:
    from bot.flows.freetext import without_status
    from bot.flows.register import with_trade

    assert without_status("建档立卡户 还没脱贫") == ""
    assert without_status("会开三轮 已经脱贫了") == "会开三轮"
    found = with_trade("宁化县的 五十五 男 叫邱水根 建档立卡户 还没脱贫",
                       {"county": "350424", "age": 55, "gender": "男", "name": "邱水根", "poor": True}, {})
    assert "skills" not in found
