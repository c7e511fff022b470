"""Registration and the entitlement check in the words people use (real app, XML, Redis, registry):
a daughter registering her mother, a name spelled out by voice, "save it as it is", yes-and-more answers."""

from __future__ import annotations

from sqlalchemy import select

from tests.bot.conftest import say


def _person(client, phone: str):  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    with client.app.state.sessionmaker() as s:
        return s.scalars(select(Labourer).where(Labourer.phone == phone)).first()


def test_a_daughter_registers_her_mother_in_her_own_words(client) -> None:  # type: ignore[no-untyped-def]
    me = "oProxy1"
    first = say(client, "你好 我帮我妈登记一下 她不太会用手机", openid=me)
    assert "您母亲" in first and "姓名" in first
    second = say(client, "她叫陈秀英 今年52 我妈电话是13905912283", openid=me)
    assert "陈秀英" in second and "52岁" in second and "139****2283" in second and "13905912283" not in second
    assert "姓名" not in second and "性别" not in second  # 我妈: a woman, not asked
    third = say(client, "我们是屏南县熙岭乡的 我妈是建档立卡户 还没脱贫", openid=me)
    assert "屏南县" in third and "会什么" in third
    fixed = say(client, "对了我记错了 我妈是53不是52", openid=me)
    assert "已改为：53岁" in fixed
    shown = say(client, "好了 给我看看登记的信息", openid=me)  # any words answer "会什么", but not these
    assert "目前记下的" in shown and "陈秀英" in shown and "女" in shown and "53岁" in shown
    assert "139****2283" in shown and "13905912283" not in shown
    assert "会什么" in shown  # the question waits


def test_asking_for_a_brother_then_turning_back_to_oneself(client) -> None:  # type: ignore[no-untyped-def]
    me = "oProxyBack1"
    first = say(client, "帮我弟问一下 他在仙游 想进厂 没登记过", openid=me)
    assert "家人" in first and "仙游县" in first  # his county kept from the opening story
    second = say(client, "他电话13799887766 叫林志强", openid=me)  # two answers at the name question
    assert "林志强" in second and "137****7766" in second and "家人今年多大年纪" in second
    mine = say(client, "好了 说我自己 我的信息看一下", openid=me)
    assert "林志强" not in mine and "137****7766" not in mine  # her own record, not her brother's
    assert "接着帮家人登记" in mine and "还没有登记" in mine
    again = say(client, "接着帮家人登记", openid=me)
    assert "家人今年多大年纪" in again  # his answers were kept
    done = say(client, "26", openid=me)
    assert "家人会什么" in done  # gender (弟) and county (仙游) were known: the next question is the work


def test_a_name_spelled_out_by_voice_then_save_as_it_is(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSpelled1"
    say(client, "登记", openid=me)
    told = say(client, "我是将乐白莲镇的今年47了建档立卡户前年就脱贫了电话15859873621你帮我记一下", openid=me)
    assert "47岁" in told and "将乐县" in told and "姓名" in told
    named = say(client, "林德旺双木林道德的德兴旺的旺我会开挖掘机开了五六年了也在工地扎过钢筋想在三明本地找活", openid=me)
    assert "林德旺" in named and "姓名" not in named
    saved = say(client, "对的就这样保存吧", openid=me)
    assert "登记成功" in saved and "林德旺" in saved and "性别" in saved and "没有填" in saved
    assert "对的就这样保存吧" not in saved  # not offered as the work wanted
    person = _person(client, "15859873621")
    assert person is not None and person.age == 47 and not person.sms_consent  # no consent given: no SMS
    assert "已改为：男" in say(client, "改性别 男", openid=me)


def test_save_now_names_what_is_still_missing(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSaveEarly1"
    say(client, "登记", openid=me)
    say(client, "我叫黄春生", openid=me)
    early = say(client, "就这样保存吧", openid=me)
    assert "还差" in early and "年龄" in early and "登记成功" not in early


def test_a_changed_phone_number_is_corrected_and_read_back_masked(client) -> None:  # type: ignore[no-untyped-def]
    me = "oPhone2"
    say(client, "登记 我叫郑海峰 男 38岁 电话13599214087 浦城县石陂镇的 建档立卡户 做过木工和装修", openid=me)
    changed = say(client, "我手机号换了 新的是18650337729", openid=me)
    assert "已改为" in changed and "186****7729" in changed and "18650337729" not in changed


def test_yes_and_more_answers_the_check_and_a_plan_gets_what_is_certain_at_once(client) -> None:  # type: ignore[no-untyped-def]
    me = "oBenefits9"
    first = say(client, "我能领什么补贴", openid=me)
    assert "建档立卡" in first
    second = say(client, "是的 去年脱贫了", openid=me)
    assert "建档立卡贫困户吗" not in second and "标注脱贫" not in second
    third = say(client, "我37 女的 没读几年书 想去学做糕点 以后想自己开个小店", openid=me)
    assert "已经能享受" in third and "职业培训补贴" in third and "一次性创业扶持补贴" in third
    assert "毕业" not in third  # 没读几年书: no graduates' question


def test_a_story_that_asks_a_question_is_answered_not_taken_as_a_registration(client) -> None:  # type: ignore[no-untyped-def]
    reply = say(client, "我是建档立卡的 女的 今年48 想去学个手艺 培训有补贴不", openid="oStoryAsk1")
    assert "登记" not in reply.split("\n")[0] and "姓名" not in reply
    assert "培训" in reply and "出处" in reply


def test_a_phone_number_inside_a_free_text_answer_is_never_kept_or_echoed(client) -> None:  # type: ignore[no-untyped-def]
    me = "oSkillsPhone1"
    say(client, "登记", openid=me)
    say(client, "陈水生 男 45岁 屏南县的", openid=me)
    reply = say(client, "以前在工地做钢筋工 想在宁德或者福州找工地的活 手机13859022941", openid=me)
    assert "13859022941" not in reply and "138****2941" in reply
    shown = say(client, "我登记的信息念一下", openid=me)
    assert "13859022941" not in shown


def test_found_a_job_stops_pushes_and_asking_for_work_again_resumes_them(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFoundJob1"
    say(client, "登记 我叫郑海峰 男的 38岁 电话13599214087 浦城县石陂镇的 建档立卡户 做过木工 同意发短信", openid=me)
    assert "登记成功" in say(client, "就这样保存吧", openid=me)
    person = _person(client, "13599214087")
    assert person is not None and person.status == "seeking"
    told = say(client, "跟你们说一下 我在厦门厂里找到活了 已经上班了 以后不用再给我推工作了", openid=me)
    assert "恭喜" in told and "不再" in told
    assert _person(client, "13599214087").status == "employed"
    again = say(client, "找工作", openid=me)
    assert "已恢复" in again and _person(client, "13599214087").status == "seeking"


def test_a_message_of_fillers_is_asked_back_and_the_second_time_offered_a_person(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFiller1"
    first = say(client, "喂喂 那个咯 我问下那个", openid=me)
    assert "人工" in first and "菜单" in first and "推荐过" not in first  # asked what he wants, no guess
    second = say(client, "喂喂 那个咯 我问下那个", openid=me)
    assert "人工" in second and "工作人员" in second


def test_a_name_corrected_with_how_a_character_is_written(client) -> None:  # type: ignore[no-untyped-def]
    me = "oNameFix1"
    say(client, "登记", openid=me)
    say(client, "林秀英", openid=me)
    fixed = say(client, "名字打错了 是林秀瑛 王字旁的瑛", openid=me)
    assert "已改为：林秀瑛" in fixed


def test_a_relative_after_a_policy_answer_is_no_registration(client) -> None:  # type: ignore[no-untyped-def]
    me = "oRelative1"
    say(client, "我是建档立卡的 女的 今年48 想去学个手艺 培训有补贴不", openid=me)
    for text in ("我婆婆61了 也想学", "我姐呢 她55了"):
        reply = say(client, text, openid=me)
        assert "开始登记" not in reply and "姓名" not in reply and "修改登记" not in reply
    assert "不能享受" not in reply  # "能不能享受" read in a hurry says no


def test_a_county_mistyped_by_sound_in_passing_gets_the_likely_ones_to_pick(client) -> None:  # type: ignore[no-untyped-def]
    me = "oCounty9"
    say(client, "我要登记", openid=me)
    asked = say(client, "陈水生 男 45岁 平南县的", openid=me)
    assert "没有找到“平南县”" in asked and "1 屏南县" in asked
    assert "宁德市屏南县" in say(client, "1", openid=me)
