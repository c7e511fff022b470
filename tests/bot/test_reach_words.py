"""How pushes reach a person and what registration may leave out, in people's words (real app, XML, Redis,
registry): fewer messages is not 退订, WeChat only turns SMS off and keeps pushes, a phone or ID number may
be refused without a dead end, registration put off keeps what was said (blind conversation set 7)."""

from __future__ import annotations

from sqlalchemy import select

from tests.bot.conftest import say


def _person(client, name: str):  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    with client.app.state.sessionmaker() as s:
        return s.scalars(select(Labourer).where(Labourer.name == name)).first()


def _register(client, me: str, name: str, phone: str) -> None:  # type: ignore[no-untyped-def]
    say(client, f"登记 我叫{name} 41岁 政和县的 电话{phone} 建档立卡户", openid=me)
    say(client, "女", openid=me)
    say(client, "在超市做过收银", openid=me)
    say(client, "想在县城找活", openid=me)
    say(client, "1", openid=me)  # SMS: agreed


def test_asking_for_fewer_messages_does_not_stop_pushes(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFewer1"
    _register(client, me, "吴丽萍", "13859081234")
    fewer = say(client, "你们短信一天发好几条 能不能少发点", openid=me)
    assert "退订" in fewer and "已退订" not in fewer and "每天最多" in fewer  # the options, not the act
    weekly = say(client, "一个礼拜发一次就行", openid=me)
    assert "已退订" not in weekly and "每周" in weekly
    person = _person(client, "吴丽萍")
    assert person is not None and not person.pushes_opted_out and person.sms_consent


def test_not_at_night_is_the_quiet_hours_not_an_opt_out(client) -> None:  # type: ignore[no-untyped-def]
    me = "oNight1"
    _register(client, me, "郑桂兰", "13859087788")
    night = say(client, "晚上别发 睡觉手机叮叮响", openid=me)
    assert "已退订" not in night and "21:00" in night and "白天" in night  # when pushes come, nothing stopped
    monthly = say(client, "一个月发一次就行 太多了看不过来", openid=me)
    assert "已退订" not in monthly and "每月最多" in monthly
    person = _person(client, "郑桂兰")
    assert person is not None and not person.pushes_opted_out and person.sms_consent


def test_wechat_only_turns_sms_off_and_keeps_pushes(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWechatOnly1"
    _register(client, me, "陈美玉", "13859085678")
    said = say(client, "以后只在微信上发 别发短信", openid=me)
    assert "不再给您发短信" in said and "微信" in said and "已退订" not in said
    person = _person(client, "陈美玉")
    assert person is not None and not person.pushes_opted_out and not person.sms_consent
    stop = say(client, "算了 都别发了 推送也不要", openid=me)  # everything refused: a real opt-out
    assert "已退订" in stop


def test_a_phone_or_id_number_may_be_refused_and_registration_goes_on(client) -> None:  # type: ignore[no-untyped-def]
    me = "oPrivate1"
    say(client, "我要登记 找份工作", openid=me)
    say(client, "我叫林秀英 今年52 连城县朋口镇的", openid=me)
    no_phone = say(client, "电话号码能不能不填 怕被骗电话", openid=me)
    assert "可以不填" in no_phone and "性别" in no_phone  # the question asked goes on
    no_id = say(client, "身份证也不想给", openid=me)
    assert "不需要身份证" in no_id and "性别" in no_id
    say(client, "女", openid=me)
    say(client, "在家种菜", openid=me)
    wish = say(client, "想在连城做保洁", openid=me)
    assert "同意给您发岗位短信" not in wish and "手机号" not in wish  # no phone: no SMS consent asked
    done = say(client, "是", openid=me)
    assert "登记成功" in done
    person = _person(client, "林秀英")
    assert person is not None and person.phone is None and not person.sms_consent


def test_registration_put_off_keeps_what_was_said(client) -> None:  # type: ignore[no-untyped-def]
    me = "oLater1"
    say(client, "我要登记", openid=me)
    say(client, "我叫黄德才 男 45岁 长汀县的", openid=me)
    later = say(client, "等会儿再说 我先打电话问问", openid=me)
    assert "先不登记" in later and "登记" in later and "已转给工作人员" not in later
    again = say(client, "登记", openid=me)
    assert "接着登记" in again and "姓名" not in again  # name, gender, age and county are kept


def test_fear_of_fraud_is_answered_with_what_is_never_asked(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSafe1"
    said = say(client, "那要不要交钱 要我银行卡号吗", openid=me)
    assert "不收任何费用" in said and "银行卡" in said and "出处" not in said  # no pension clause about bank cards
    real = say(client, "收到短信了 是真的吗 不是骗子吧", openid=me)
    assert "不收任何费用" in real
    policy = say(client, "听说贫困户参加技能培训是免费的 是真的吗", openid=me)
    assert "不收任何费用" not in policy  # a question about the policy is answered as one


def test_found_work_in_the_middle_of_registration_ends_it(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFound1"
    say(client, "登记", openid=me)
    say(client, "我叫吴丽萍 41岁 政和县", openid=me)
    done = say(client, "算了 别给我推送了 我找到活了 在县城超市上班", openid=me)
    assert "恭喜" in done and "不再给您推送" in done and "性别" not in done


def test_a_job_request_with_conditions_mid_registration_is_answered_not_ignored(client) -> None:  # type: ignore[no-untyped-def]
    me = "oRefine1"
    say(client, "有没有开车的活 我有C照 安溪的", openid=me)
    said = say(client, "工资太低了 有没有四千以上的", openid=me)
    assert "请只输入您的姓名" not in said and ("岗位" in said) and "接着登记" in said


def test_needs_outside_the_documents_are_pointed_to_whoever_handles_them(client) -> None:  # type: ignore[no-untyped-def]
    me = "oElsewhere1"
    dibao = say(client, "那低保呢 我家能不能吃低保", openid=me)
    assert "民政" in dibao and "您是想" not in dibao  # whom to ask, not a menu of guesses
    ill = say(client, "我老伴住院了 看病能报销多少", openid=me)
    assert "医保" in ill and "人工" in ill
    school = say(client, "我孙子明年上学 上学有没有补助", openid=me)
    assert "教育局" in school and "2000" not in school
    covered = say(client, "贫困家庭的孩子读技工学校有什么资助", openid=me)
    assert "民政" not in covered and "教育局" not in covered  # the documents answer this one themselves
