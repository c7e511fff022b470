"""First contact in people's own words (real app, XML, Redis, registry): a registration request that
already names the person, "why do you ask", a place alone as a job request, 还有吗 after a list, 咋报
with one posting on screen, and "delete my data"."""

from __future__ import annotations

from sqlalchemy import select

from tests.bot.conftest import say


def _postings(client, n: int) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title=f"保洁员{i}组", employer_name=f"浦城物业{i}", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=3000 + 100 * i, salary_max=4000 + 100 * i, salary_unit="month",
                    description="小区保洁，不需要技术，包住。", status="open")
            for i in range(1, n + 1)
        ])
        s.commit()


def _listed(reply: str) -> list[str]:
    return [line.split()[1].split("（")[0] for line in reply.splitlines() if line[:1].isdigit() and "（" in line]


def test_a_registration_request_that_names_the_person_is_not_asked_the_name_again(client) -> None:  # type: ignore[no-untyped-def]
    me = "oNamed1"
    first = say(client, "我要登记 我叫林秀英", openid=me)
    assert "林秀英" in first and "姓名" not in first and "多大年纪" in first
    both = say(client, "女 永泰县梧桐镇", openid=me)  # a bare gender and a county at the age question
    assert "女" in both and "永泰县" in both and "多大年纪" in both
    assert "会什么" in say(client, "38", openid=me)  # gender and county were taken: the work is next
    other = say(client, "登记：王金水，58岁，长汀县策武镇，电话13900002222", openid="oNamed2")
    assert "王金水" in other and "58岁" in other and "姓名" not in other


def test_why_a_question_is_asked_is_explained_and_the_question_waits(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWhy1"
    say(client, "我要登记 我叫林秀英", openid=me)
    why = say(client, "你问这个干嘛", openid=me)
    assert "年龄" in why and "要求" in why and "工作人员" in why and "菜单" not in why
    phone = say(client, "手机号必须给吗", openid=me)
    assert "不是必须" in phone and "不填" in phone and "您今年多大年纪（几岁）？" in phone  # the open question, not the phone's
    assert "已改为" not in phone and "您会什么" not in say(client, "你问这个干嘛", openid=me)


def test_a_place_alone_finds_jobs_and_more_shows_the_rest_then_says_there_are_no_more(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client, 6)
    me = "oMore1"
    first = say(client, "找活 浦城", openid=me)
    shown = _listed(first)
    assert len(shown) == 4 and "请问您的姓名" in first
    more = say(client, "还有吗", openid=me)
    rest = _listed(more)
    assert rest and not set(rest) & set(shown) and "接着登记：请问您的姓名" in more
    assert "就是上面这些" in say(client, "还有吗", openid=me)


def test_how_to_apply_with_one_posting_on_screen_applies_to_it_and_with_two_asks_which(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client, 1)
    me = "oApply1"
    first = say(client, "找活 浦城", openid=me)
    assert len(_listed(first)) == 1
    applied = say(client, "咋报", openid=me)
    assert "已记下您想报名【保洁员1组】" in applied and "接着登记：请问您的姓名" in applied
    _postings(client, 1)
    two = "oApply2"
    assert len(_listed(say(client, "找活 浦城", openid=two))) == 2
    which = say(client, "咋报名", openid=two)
    assert "哪一个" in which and "已记下" not in which


def test_deleting_my_data_is_confirmed_then_pushes_stop_and_staff_are_asked_to_delete_the_record(client) -> None:  # type: ignore[no-untyped-def]
    from bot.models import HandoffTicket, WechatUser

    me = "oErase1"
    done = say(client, "登记 黄丽 女的 43岁 福鼎市 电话13900003333 可以发短信 会采茶 想在福鼎找茶厂的活", openid=me)
    for _ in range(4):  # whatever is still missing, answered
        if "登记成功" in done:
            break
        done = say(client, "1" if "回复 1" in done else "采茶", openid=me)
    assert "登记成功" in done
    asked = say(client, "把我的信息删了", openid=me)
    assert "确认删除" in asked
    assert "不删" not in say(client, "确认删除", openid=me)
    with client.app.state.sessionmaker() as s:
        user = s.get(WechatUser, me)
        assert user.push_opt_out and user.draft is None and user.person_id is None
        ticket = s.scalars(select(HandoffTicket).where(HandoffTicket.openid == me)).one()
        assert "删除" in ticket.text and "13900003333" not in ticket.text
    assert "还没有登记" in say(client, "我的信息", openid=me)
    kept = "oErase2"
    say(client, "把我的资料删除", openid=kept)
    assert "你好" not in say(client, "算了还是不删了", openid=kept)
    with client.app.state.sessionmaker() as s:
        assert not s.get(WechatUser, kept).push_opt_out  # anything but a confirmation deletes nothing


def test_what_can_i_get_mid_registration_starts_the_check_and_a_told_situation_is_answered_early(client) -> None:  # type: ignore[no-untyped-def]
    me = "oCheck1"
    say(client, "我要登记 我叫陈水生", openid=me)
    check = say(client, "我能領什麼補貼", openid=me)  # 繁體, mid-registration
    assert "登记先放着" in check and "没有找到答案" not in check
    early = say(client, "六十一歲 有建檔立卡 沒參加養老保險", openid=me)
    assert "已经能享受" in early and "养老保险" in early and "毕业" not in early
    again = say(client, "登记", openid=me)
    assert "接着登记" in again and "姓名" not in again  # the name said before is kept


def test_put_off_at_a_free_text_question_is_not_taken_for_the_answer(client) -> None:  # type: ignore[no-untyped-def]
    me = "oLater2"
    say(client, "我要登记", openid=me)
    asked = say(client, "我叫黄德才 男 45岁 长汀县的", openid=me)
    assert "您会什么" in asked  # a bare 男 is the gender: the next question is the work
    later = say(client, "等会儿再说", openid=me)
    assert "先不登记" in later
    assert "您会什么" in say(client, "登记", openid=me)  # not recorded as the skill


def test_an_employer_not_answering_the_phone_gets_an_apology_and_a_way_on(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "打了电话没人接 怎么回事！", openid="oNoAnswer1")
    assert "抱歉" in said and "人工" in said and "还没有给您推荐过岗位" not in said


def test_a_loan_asked_for_is_pointed_to_whoever_handles_it_not_made_a_ticket(client) -> None:  # type: ignore[no-untyped-def]
    from bot.models import HandoffTicket

    said = say(client, "我最近手头紧 你们能不能借点钱给我", openid="oLoan1")
    assert "不能借钱" in said and "找工作" in said
    with client.app.state.sessionmaker() as s:
        assert s.scalars(select(HandoffTicket).where(HandoffTicket.openid == "oLoan1")).first() is None
    assert "已转给工作人员" in say(client, "借钱的事我要找人工问问", openid="oLoan2")


def test_a_bare_name_and_phone_then_how_far_then_a_sticker_mid_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oBare1"
    first = say(client, "陈建国 13859012345", openid=me)
    assert "陈建国" in first and "138****2345" in first and "多大年纪" in first
    far = say(client, "好了没", openid=me)
    assert "还差" in far and "年龄" in far and "多大年纪" in far
    sticker = say(client, "🙏", openid=me)
    assert "好的" in sticker and "多大年纪" in sticker and "姓名" not in sticker


def test_a_question_about_the_list_is_answered_for_each_posting_and_a_preference_narrows_it(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title="仓库夜班保安", employer_name="浦城物流园", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=3500, salary_max=4000, salary_unit="month",
                    description="夜班看仓库，包住。", status="open"),
            Posting(title="小区白班保安", employer_name="浦城物业", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=3000, salary_max=3500, salary_unit="month",
                    description="白班巡逻，不包住。", status="open"),
        ])
        s.commit()
    me = "oList1"
    first = say(client, "想找个保安的活 浦城", openid=me)
    assert set(_listed(first)) == {"仓库夜班保安", "小区白班保安"}
    housing = say(client, "有包住的不", openid=me)
    assert "仓库夜班保安：夜班看仓库，包住" in housing and "小区白班保安：白班巡逻，不包住" in housing
    day = say(client, "不要夜班的", openid=me)
    assert _listed(day) == ["小区白班保安"] and "接着登记" in day
