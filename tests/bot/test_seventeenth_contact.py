"""What blind conversation set 36 found (written by someone who never saw the code): "有活了会发短信告诉我吗" was
taken as found work; "手机号给了会不会天天有人打电话推销" went to a person and "只发短信 别打电话" then withdrew
it; "你都给我记了些啥 念给我听听" mid-registration got a policy decline; "低保会不会给取消掉" started a
registration; "托底安置 是啥意思" got a job list; "宁化是我户口那边 人现在住长汀" changed the county to 宁化;
"行吧 范德明 三十三" was no name; a wife's training question mid-registration was taken as the husband's gender;
"还是推给我吧" after stopping pushes did not resume them; posts reserved for disabled people were invented by
silence."""

from __future__ import annotations

from bot import service
from bot.flows.account import FOUND_JOB
from bot.flows.answers import read_name
from bot.flows.freetext import correction
from tests.bot.conftest import add_postings, say
from tests.bot.test_fifteenth_contact import _SWEEPER


def test_a_question_about_future_messages_is_no_news_of_work() -> None:
    assert not FOUND_JOB.search("手机号13950652218，留这个可以吗？有活了会发短信告诉我吗？")
    assert not FOUND_JOB.search("有活了吗") and FOUND_JOB.search("我有工作了 不用发了")


def test_a_worry_about_sales_calls_is_answered_and_a_contact_wish_withdraws_nothing(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSales36"
    worry = say(client, "手机号给了会不会天天有人打电话推销", openid=me)
    assert "不会" in worry and "已转给工作人员" not in worry
    say(client, "转人工", openid=me)
    assert "已取消" not in say(client, "13507591284 只发短信 别打电话", openid=me)
    with client.app.state.sessionmaker() as s:
        assert [t for t in service.list_tickets(s) if t.openid == me]


def test_what_was_recorded_is_read_back_mid_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oReadBack36"
    say(client, "我叫傅文清 五十六岁 浦城的 电话13665096351", openid=me)
    assert "傅文清" in say(client, "你都给我记了些啥 念给我听听", openid=me)


def test_minimum_living_allowance_and_word_meanings_are_said_plainly(client) -> None:  # type: ignore[no-untyped-def]
    dibao = say(client, "我家是低保户 在你们这登记找工作 低保会不会给取消掉", openid="oDibao36")
    assert "民政" in dibao and "姓名" not in dibao
    meaning = say(client, "还有个词 托底安置 是啥意思", openid="oWords36")
    assert "公益性岗位" in meaning and "市场" in meaning


def test_where_one_lives_wins_over_the_household_register() -> None:
    assert correction("哦说错了 宁化是我户口那边 人现在住长汀 要找长汀的活") == ("county", "龙岩市长汀县")


def test_a_name_among_other_words_and_a_name_typed_with_a_space() -> None:
    assert read_name("行吧 范德明 三十三 高中毕业") == ("范德明", None)
    assert read_name("王 小明") == ("王小明", None)


def test_a_relatives_training_question_mid_registration_is_answered_for_her(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWife36"
    say(client, "我叫吴建华 四十六岁 寿宁的 电话13905938812", openid=me)
    reply = say(client, "我老婆五十二了 想学月嫂 还能领培训补贴不 我们家建档立卡的", openid=me)
    assert "培训补贴" in reply and "记下了：男" not in reply


def test_pushes_asked_for_again_in_words_resume(client) -> None:  # type: ignore[no-untyped-def]
    me = "oChef36"
    say(client, "退订", openid=me)
    assert "已恢复推送" in say(client, "那有好的厨师活还是推给我吧 别的不用推", openid=me)
    with client.app.state.sessionmaker() as s:
        assert not service.get_user(s, me).push_opt_out


def test_no_post_is_said_to_be_reserved_for_disabled_people(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_SWEEPER])
    reply = say(client, "宁化的 我儿子有残疾证 有没有专门给残疾人的岗位", openid="oDisabled36")
    assert "没有专门留给残疾人的岗位" in reply and "残联" in reply


def test_back_from_a_posting_opened_off_a_list_shows_the_list_again(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("小区保洁员", "三明市宁化县", "350424", "350400", 2300, 2800, "县城小区楼道保洁，白班", 18, 60),
                          ("街道保洁员", "三明市宁化县", "350424", "350400", 2000, 2500, "县城街道保洁，白班", 18, 60)])
    me = "oBack36"
    listed = say(client, "宁化的 五十岁 男的 想找保洁的活", openid=me)
    assert "1 " in listed and "2 " in listed
    say(client, "2", openid=me)
    back = say(client, "返回", openid=me)
    assert "刚才的岗位" in back and "1 " in back and "菜单" in back
