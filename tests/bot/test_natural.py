"""People's own words through the real app (signed WeChat XML, real Redis state, the real registry).

Job requests, opt-outs, follow-ups, numbered picks and free-text answers as people type them.
"""

from __future__ import annotations

from sqlalchemy import func, select

from tests.bot.conftest import say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title="搬运工", employer_name="浦城物流园", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=3500, salary_max=4500, salary_unit="month",
                    description="装卸搬运，会开三轮车优先。包住，不包吃。", status="open"),
            Posting(title="仓库理货员", employer_name="浦城商贸公司", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=3200, salary_max=4000, salary_unit="month",
                    description="理货、搬运，早八点到晚五点。", status="open"),
        ])
        s.commit()


def _user(client, openid: str):  # type: ignore[no-untyped-def]
    from bot.models import WechatUser

    with client.app.state.sessionmaker() as s:
        return s.get(WechatUser, openid)


def _unanswered(client) -> int:  # type: ignore[no-untyped-def]
    from knowledge.models import UnansweredQuestion

    with client.app.state.sessionmaker() as s:
        return int(s.scalar(select(func.count()).select_from(UnansweredQuestion)) or 0)


def test_a_job_request_in_own_words_registers_from_free_text_then_a_number_picks_the_job(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oNatural1"
    first = say(client, "家门口有啥活干吗 浦城县的 搬运也行", openid=me)
    # what the request says is enough to look: jobs at once, then registration for pushes
    assert "1 搬运工" in first and "您想做搬运" in first and "登记一下" in first and "姓名" in first
    second = say(client, "我叫张大山 男的 今年五十二岁", openid=me)
    assert "姓名" not in second and "性别" not in second and "多大年纪" not in second
    assert "会什么" in second  # 浦城县 came with the first message: the county is not asked
    third = say(client, "开三轮车 搬运", openid=me)
    assert "手机号" in third  # the wish came with the first message too
    fourth = say(client, "手机号码是幺三八 零零一三 八零零零 短信可以发", openid=me)
    assert "138****8000" in fourth and "同意发短信" in fourth and "建档立卡" in fourth
    done = say(client, "是的 但是村里说去年脱贫了", openid=me)
    assert "登记成功" in done and "搬运工" in done and "回复序号看详情" in done
    detail = say(client, "1", openid=me)  # the first job of the list, not menu item 1 (问政策)
    assert "【搬运工】" in detail and "3500-4500元/月" in detail and "报名" in detail
    assert "包住" in say(client, "这个包住吗", openid=me)
    applied = say(client, "我要报名", openid=me)
    assert "已记下您想报名【搬运工】" in applied
    from bot.models import HandoffTicket

    with client.app.state.sessionmaker() as s:
        ticket = s.scalars(select(HandoffTicket).where(HandoffTicket.openid == me)).one()
        assert "搬运工" in ticket.text
    mine = say(client, "你们推荐给我的那几个工作再发我看看", openid=me)
    assert "搬运工" in mine  # the list registration showed counts as recommended


def test_refusals_in_any_words_stop_pushes_and_one_word_resumes(client) -> None:  # type: ignore[no-untyped-def]
    for i, text in enumerate(["不要再给我发短信了", "别发了 烦死了", "莫再发了 俺不找了", "天天推这些没用的 烦不烦"]):
        me = f"oStop{i}"
        reply = say(client, text, openid=me)
        assert "已退订" in reply and "订阅" in reply, text  # one line, and how to resume
        assert _user(client, me).push_opt_out, text
        assert "已恢复订阅" in say(client, "订阅", openid=me)
        assert not _user(client, me).push_opt_out
    assert _unanswered(client) == 0  # refusals are not policy questions


def test_a_follow_up_is_read_against_the_subsidy_just_discussed(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFollow"
    first = say(client, "我在外面打工十年了 想回来在镇上开个小饭店 政府有没有扶持", openid=me)
    assert "创业" in first and "闽人社文" in first
    amount = say(client, "能给多少", openid=me)
    assert "1万" in amount and "2000" not in amount


def test_a_correction_or_a_question_mid_registration_keeps_the_registration_going(client) -> None:  # type: ignore[no-untyped-def]
    me = "oMid"
    say(client, "登记", openid=me)
    say(client, "林秀英", openid=me)
    assert "多大年纪" in say(client, "女", openid=me)
    answered = say(client, "扶贫车间吸纳贫困劳动力就业有什么补贴", openid=me)
    assert "闽人社文" in answered and "接着登记：您今年多大年纪（几岁）？" in answered
    assert "户籍" in say(client, "46", openid=me)
    fixed = say(client, "等一下 年龄打错了 是48岁", openid=me)
    assert "已改为：48岁" in fixed and "户籍" in fixed  # applied, and the flow goes on where it was
    assert "请只输入您的姓名" not in say(client, "浦城县", openid=me)


def test_noise_is_not_recorded_and_an_unclear_message_is_asked_back(client) -> None:  # type: ignore[no-untyped-def]
    assert "没看懂" in say(client, "asdfghjkl", openid="oNoise")
    assert "没看懂" in say(client, "😀😀😀", openid="oNoise")
    say(client, "哈哈哈", openid="oNoise")
    assert "不客气" in say(client, "好的谢谢", openid="oNoise")
    assert _unanswered(client) == 0


def test_a_message_sent_before_it_was_finished_starts_nothing(client) -> None:  # type: ignore[no-untyped-def]
    # "我" alone (the rest still being typed) used to start the 15-question subsidy check
    first = say(client, "我", openid="oFragment")
    assert "建档立卡贫困户吗" not in first and "姓名" not in first and "您是想" in first
    assert "您是想" not in say(client, "活", openid="oFragment2")  # one character read surely (work) is acted on


def test_three_for_a_registered_person_shows_the_record_not_a_new_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oKnown"
    say(client, "登记", openid=me)
    for answer in ["陈大海", "男", "50", "浦城县", "无", "无", "13700137111", "1", "1"]:
        say(client, answer, openid=me)
    shown = say(client, "3", openid=me)
    assert "您登记的信息" in shown and "陈大海" in shown and "137****7111" in shown and "13700137111" not in shown
    assert "陈大海" in say(client, "查下我的资料", openid=me)


def test_a_whole_registration_in_one_message_or_after_the_name_is_recorded_and_read_back(client) -> None:  # type: ignore[no-untyped-def]
    whole = say(client, "俺叫邱水生 男的 五十岁 建宁县人 电话一八六五零九七四三二一 短信能发", openid="oWhole")
    assert "帮您登记" in whole and "186****4321" in whole and "建宁县" in whole and "姓名" not in whole
    say(client, "登记", openid="oFirst")
    first = say(client, "陈美玉 女 四十八 寿宁县", openid="oFirst")
    assert "姓名" not in first and "48岁" in first and "寿宁县" in first and "会什么" in first


def test_a_question_at_the_name_step_is_answered_not_taken_for_a_name(client) -> None:  # type: ignore[no-untyped-def]
    say(client, "登记", openid="oAsk")
    reply = say(client, "扶贫车间吸纳贫困劳动力就业有什么补贴", openid="oAsk")
    assert "闽人社文" in reply and "接着登记：请问您的姓名？" in reply


def test_a_call_back_number_given_with_the_request_for_a_person_is_kept(client) -> None:  # type: ignore[no-untyped-def]
    from bot.models import HandoffTicket

    reply = say(client, "转人工 我电话幺三九 一二三四 五六七八 叫他打给我", openid="oCall")
    assert "工作人员" in reply and "139****5678" in reply and "13912345678" not in reply
    with client.app.state.sessionmaker() as s:
        assert "13912345678" in s.scalars(select(HandoffTicket).where(HandoffTicket.openid == "oCall")).one().text


def test_the_same_message_not_understood_twice_is_offered_a_person(client) -> None:  # type: ignore[no-untyped-def]
    first = say(client, "我家的猪不吃食了", openid="oTwice")
    assert "您是想" in first or "没有找到答案" in first
    assert "工作人员联系您" in say(client, "我家的猪不吃食了", openid="oTwice")


def test_a_job_request_with_conditions_offers_to_update_the_wish_and_yes_updates_it(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oWish"
    say(client, "登记", openid=me)
    for answer in ["黄阿妹", "女", "52", "浦城县", "无", "想去福州进厂", "13700137222", "1", "1"]:
        say(client, answer, openid=me)
    reply = say(client, "家门口有啥活干吗 搬运理货都行", openid=me)
    assert "记作您的找工作意向" in reply
    updated = say(client, "是", openid=me)
    assert "已改为" in updated and "搬运理货都行" in updated
    assert "想找：家门口有啥活干吗 搬运理货都行" in say(client, "我的信息", openid=me)


def test_a_side_question_mid_registration_gets_choices_a_number_picks_one_and_registration_goes_on(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSide"
    say(client, "我要登记", openid=me)
    say(client, "吴春生", openid=me)
    say(client, "男", openid=me)
    assert "户籍" in say(client, "45", openid=me)
    side = say(client, "对了问一下 我想去考个叉车证 考下来政府有补贴没", openid=me)
    assert "没有找到这个县" not in side  # a question, not a county
    assert "培训补贴" in side and "接着登记" in side and "户籍" in side.split("接着登记")[1]
    if "您是想问" in side:  # the documents' clause offered as a choice: a number picks it
        picked = say(client, "1", openid=me)
        assert "职业技能鉴定补贴" in picked and "接着登记" in picked
    county = say(client, "浦城县 富岭镇的", openid=me)
    assert "会什么" in county  # the registration went on where it was
    assert "记下了：南平市浦城县" in county  # a free-text answer is read back as it was understood


def test_mid_registration_a_refusal_a_question_and_a_read_back_are_not_taken_for_answers(client) -> None:  # type: ignore[no-untyped-def]
    me = "oMidTurns"
    say(client, "我要登记", openid=me)
    asked = say(client, "我都五十一了 还能培训不", openid=me)  # at the name question
    assert "60周岁" in asked and "接着登记：请问您的姓名" in asked  # answered, then the name is asked again
    say(client, "陈美玉", openid=me)
    said = say(client, "女", openid=me)
    assert "多大年纪" not in said  # the age stated in the question was kept
    read = say(client, "你把登记的念一遍给我听听", openid=me)
    assert "陈美玉" in read and "51岁" in read and "接着登记" in read
    stop = say(client, "这阵子要去割稻子 莫给俺发那些招工的了 看不过来", openid=me)
    assert "已退订" in stop and "接着登记" in stop  # an opt-out, and the registration still waits


def test_a_question_about_sms_is_not_a_refusal_and_a_named_subsidy_is_answered_not_quizzed(client) -> None:  # type: ignore[no-untyped-def]
    me = "oAsks"
    say(client, "我要登记", openid=me)
    reply = say(client, "报上了会发短信告诉我不", openid=me)
    assert "已退订" not in reply and "接着登记" in reply  # asked about SMS; did not refuse them
    assert not _user(client, me).push_opt_out
    other = "oGrad"
    answer = say(client, "刚毕业 屋里是建档立卡的 听说毕业生有个补贴2000块 我能领不", openid=other)
    assert "求职创业补贴" in answer and "帮您查一查" not in answer  # the documents answer it at once


def test_a_stranger_asking_for_work_sees_jobs_at_once_and_a_number_opens_one_while_registration_waits(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oStranger"
    first = say(client, "帮我找找活 浦城这边的 仓库搬运都干过", openid=me)
    assert "1 " in first and "仓库理货员" in first and "请问您的姓名" in first
    n = next(line.split()[0] for line in first.splitlines() if "仓库理货员" in line)
    detail = say(client, n, openid=me)
    assert "【仓库理货员】" in detail and "接着登记：请问您的姓名" in detail
    assert "多大年纪" in say(client, "周德明", openid=me)  # the registration carries on


def test_the_job_list_stays_open_through_registration_for_picks_in_any_words(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oPicks"
    first = say(client, "帮我找找活 浦城这边的 仓库搬运都干过", openid=me)
    assert "记下了：南平市浦城县，会仓库搬运" in first  # the work done comes before 干过
    lines = [line for line in first.splitlines() if line[:1].isdigit() and "（" in line]
    assert len(lines) == 2 and "请问您的姓名" in first
    housing = next(line.split()[0] for line in lines if "搬运工" in line)
    told = say(client, f"第{'一二'[int(housing) - 1]}个包住吗", openid=me)
    assert "【搬运工】" in told and "包住，不包吃" in told and "接着登记" in told  # the details and the answer
    last = say(client, "最后那个工资多少", openid=me)
    assert lines[-1].split()[1].split("（")[0] in last and "元/月" in last and "没有找到答案" not in last
    applied = say(client, f"{housing}号咋报名", openid=me)  # not taken for a name
    assert "已记下您想报名【搬运工】" in applied and "接着登记：请问您的姓名" in applied
    other = 3 - int(housing)
    again = say(client, f"行 就{'一二'[other - 1]}号了 我要报名", openid=me)
    assert "已记下您想报名【仓库理货员】" in again
    assert "刚才只列了2个" in say(client, "第三个怎么样", openid=me)
    assert "多大年纪" in say(client, "周德明", openid=me)  # the registration carries on


def test_a_name_given_as_jiao_among_other_answers_is_not_asked_again(client) -> None:  # type: ignore[no-untyped-def]
    me = "oJiao"
    say(client, "我要登记找活", openid=me)
    reply = say(client, "电话幺三八五零七六二九四一 五十岁 叫林秀英", openid=me)
    assert "138****2941" in reply and "姓名" not in reply


def test_that_one_after_a_policy_answer_means_the_answer_not_a_pushed_job(client) -> None:  # type: ignore[no-untyped-def]
    me = "oThatOne"
    first = say(client, "我是贫困户 妇女 46了 年纪大了还能参加培训吗", openid=me)
    assert "60周岁" in first
    follow = say(client, "那我去哪报那个", openid=me)
    assert "推荐过岗位" not in follow and "培训" in follow


def test_one_close_clause_is_answered_as_a_guess_not_offered_as_a_one_item_menu(client) -> None:  # type: ignore[no-untyped-def]
    # (its first message, 我冇乜文化 有冇免费嘅培训 想学电工 考个证, now asked whole, has two close clauses: a menu)
    reply = say(client, "冇乜文化 想学电工考个证 有冇补贴", openid="oGuess")
    assert "您问的可能是这一条" in reply and "职业培训补贴" in reply and "出处" in reply
    assert "回复数字" not in reply and "人工" in reply  # a way out if the guess is wrong


def test_a_refusal_and_a_question_in_one_message_mid_registration_get_both_heard(client) -> None:  # type: ignore[no-untyped-def]
    me = "oBoth"
    say(client, "我要登记", openid=me)
    reply = say(client, "烦死了 短信也别发了 那要是以后工地没活干了 失业了能领钱吗", openid=me)
    assert "失业保险" in reply and "接着登记：请问您的姓名" in reply  # the question answered, registration waits


def test_registration_given_up_in_words_ends_and_a_relatives_age_is_not_taken(client) -> None:  # type: ignore[no-untyped-def]
    me = "oGiveUp"
    say(client, "我要登记", openid=me)
    assert "已取消" in say(client, "算了不登了 麻烦", openid=me)
    say(client, "还是登记吧", openid=me)
    say(client, "王秀兰", openid=me)
    say(client, "女", openid=me)
    asked = say(client, "我婆婆也想学 她56了 能不能", openid=me)
    assert "记下了：56岁" not in asked  # her mother-in-law's age, not hers


def test_a_bare_what_can_i_get_starts_the_check_not_one_clause(client) -> None:  # type: ignore[no-untyped-def]
    for i, text in enumerate(["我能领啥补贴", "俺能享受啥政策"]):
        reply = say(client, text, openid=f"oCheck{i}")
        assert "帮您查一查能享受哪些政策" in reply and "出处" not in reply, text


def test_a_pick_with_no_list_on_screen_says_so_instead_of_a_policy_decline(client) -> None:  # type: ignore[no-untyped-def]
    me = "oNoList"
    said = say(client, "第二个咋报名", openid=me)  # days later, nothing listed in this conversation
    assert "没有列出的岗位" in said and "找工作" in said and "政策文件" not in said
    say(client, "我要登记", openid=me)
    mid = say(client, "最后那个", openid=me)  # at the name question: not a name, not a policy question
    assert "没有列出的岗位" in mid and "接着登记" in mid
