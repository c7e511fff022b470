"""What blind conversation sets 28 and 29 found (written by someone who never saw the code): a posting's
question mid-registration ("能报冇", "要本地户口冇", "工钱样般算") taken as a name or a county, Hakka and
Minnan questions closed by 冇/无 not read as questions, the subsidy check deaf to answers in sentences
("68年出生的 家里是精准户", "养老保险一直都有交", "村里叫了几次 我一直没去交"), "你就直接说" asked
again instead of answered, a story that ends in "上杭有活冇" read as news, "哪个钱多" after a list of one,
and "季节的不要 要长长久久做的" not narrowing a list."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say

_CLERK = ("公益性岗位：村级劳动保障协理员", "三明市宁化县", "350424", "350400", 1500, 1500,
          "协助村里做就业登记，会用电脑和手机，高中以上文化，限本县户籍", 20, 50)
_TEA = ("扶贫车间：茶叶挑拣工", "宁德市寿宁县", "350924", "350900", 1800, 3000,
        "坐着挑茶梗、分拣茶叶，计件，不需技术，不限户籍，欢迎周边乡镇人员", None, None)


def test_dialect_questions_closed_by_mou_or_bo_are_questions_and_no_names() -> None:
    from bot.flows.answers import read_name
    from bot.flows.reading import is_question

    for asked in ("工钱样般算", "要本地户口冇", "能报冇", "着考试无", "读完有分配工作无", "一个月几多钱"):
        assert is_question(asked), asked
        assert read_name(asked)[0] is None, asked
    for said in ("冇", "手艺一样都冇", "技术都冇", "陈金水", "欧阳秀英"):
        assert not is_question(said), said
    assert read_name("黄金花") == ("黄金花", None)


def test_can_i_apply_is_checked_against_what_the_person_said(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_CLERK])
    me = "oClerk28"
    assert "协理员" in say(client, "我腿脚有残疾 宁化人 四十岁 高中毕业 电脑手机都会弄 有啥活适合我", openid=me)
    said = say(client, "我户口就在宁化 建档立卡户 能报冇", openid=me)
    assert "年龄20-50岁（您40岁）：符合" in said and "户籍" in said and "符合" in said
    assert "姓名" in said  # then the registration's own question again, not the county taken as the answer
    older = "oClerk28b"
    say(client, "宁化的 五十五了 会用电脑 有啥活", openid=older)
    assert "不符合" in say(client, "协理员那个 我能报不", openid=older)


def test_a_question_of_a_listed_posting_mid_registration_is_answered_not_recorded(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_TEA])
    me = "oTea29"
    assert "茶叶挑拣" in say(client, "寿宁有冇坐着做的活 六十一了 站久了腰疼", openid=me)
    assert "不限户籍" in say(client, "要本地户口冇 我户口还在周宁娘家", openid=me)
    said = say(client, "一个月几多钱", openid=me)
    assert "1800" in said and "性别" not in said  # the pay, not the name question answered with it


def test_the_subsidy_check_hears_answers_said_in_sentences() -> None:
    from knowledge.message import split_message

    facts = split_message("我是68年出生的 女的 家里是精准户 到现在还没脱贫").facts
    assert facts["poverty_registered"] is True and facts["poverty_exited"] is False and facts["gender"] == "女"
    assert 55 <= facts["age"] <= 60
    assert split_message("养老保险就是村里收的那种 一年交一次 一直都有交").facts["pension"] == "urban_rural"
    assert split_message("養老保險村裡叫了幾次 我一直沒去交").facts["pension"] == "none"
    assert split_message("快六十了 明年才满六十 男的").facts["age"] == 59
    assert split_message("我想去学个带小孩做月嫂的手艺 学好了出去做工").facts.get("relation") == "self"


def test_just_tell_me_ends_the_check_with_what_joining_the_pension_would_bring(client) -> None:  # type: ignore[no-untyped-def]
    me = "oCheck28"
    say(client, "我想问问 像我这样的 能领什么补贴", openid=me)
    say(client, "快六十了 明年才满六十 男的 家里是贫困户 还没脱贫", openid=me)
    asked_again = say(client, "养老保险村里叫了几次 我一直没去交", openid=me)
    assert asked_again.startswith("记下了")
    said = say(client, "在家种茶 不出去也不学了 你就直接说我能领啥", openid=me)
    assert "城乡居民养老保险费代缴" in said and "50%" in said and "2000" not in said


def test_thanks_ends_the_check_instead_of_asking_again(client) -> None:  # type: ignore[no-untyped-def]
    me = "oBye28"
    say(client, "我能领什么补贴", openid=me)
    said = say(client, "好 知道了 谢谢你 再见", openid=me)
    assert "请回复" not in said and "不客气" in said


def test_a_story_that_ends_asking_for_work_gets_postings(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("挖掘机司机", "龙岩市上杭县", "350823", "350800", 9000, 13000,
                           "须持挖掘机操作证，两年以上经验", 20, 55)])
    said = say(client, "在东莞电子厂做了九年 厂搬去越南了 刚回上杭 有挖掘机证 以前在老家开过两年挖机 上杭有活冇",
               openid="oDig29")
    assert "挖掘机司机" in said


def test_which_pays_more_after_a_list_of_one_says_it_is_the_only_one(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("小区保洁员", "漳州市平和县", "350628", "350600", 2300, 2800, "县城小区楼道保洁，白班", 18, 60)])
    me = "oOne29"
    assert "小区保洁员" in say(client, "找活 就在平和 五十五了 男的 扫地都做得", openid=me)
    said = say(client, "哪个钱多", openid=me)
    assert "只找到这一个" in said and "2300" in said and "姓名" in said


def test_refusing_seasonal_work_drops_seasonal_postings() -> None:
    from bot.flows.account import STEADY

    for steady in ("季节的不要 要长长久久做的", "不要季节性的", "要长期的"):
        assert STEADY.search(steady), steady
    for not_steady in ("做几个月就好 不要长期的", "长期的做袂来", "只想做季节的工"):
        assert not STEADY.search(not_steady), not_steady


def test_learning_a_trade_at_ones_own_cost_is_the_training_policy() -> None:
    from bot.flows.ask import learning_asked

    assert learning_asked("学月嫂要自己出钱冇") and learning_asked("学手艺那个去哪报名")
    assert not learning_asked("这个厂去哪报名") and not learning_asked("那个学徒工要交钱吗")


def test_a_required_certificate_not_held_is_a_condition_not_met() -> None:
    from bot.backends import PostingView
    from bot.flows.fits import eligible

    nanny = PostingView(id=1, title="月嫂", employer="", place="厦门思明", pay="", apply="", open=True, county="350203",
                        text="住家照顾产妇和新生儿，须持母婴护理证（月嫂证）和健康证；年龄要求25-50岁；限女性")
    said = eligible(nanny, {"age": 45, "gender": "女"}, "我带过三个娃 就是没有月嫂证 能干不")
    assert "母婴护理证" in said and "不符合" in said and "（您45岁）：符合" in said
    assert "不符合" not in eligible(nanny, {"age": 45, "gender": "女"}, "我有月嫂证 能干不")


def test_a_policy_answer_given_mid_registration_is_what_that_one_points_at(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("扶贫车间：竹编工艺品编织", "南平市政和县", "350725", "350700", 1800, 3000,
                           "竹篮、竹盒编织，计件，可领料回家做", None, None)])
    me = "oBamboo30"
    assert "竹编" in say(client, "政和是不是有个竹编的扶贫车间 还招人不 我编竹篮编了几十年了", openid=me)
    assert "1800" in say(client, "那个多少钱一个月", openid=me)  # the posting, the last thing shown
    assert "1万" in say(client, "我还想自己在家开个小作坊 收村里的竹篮拿到网上卖 政府有扶持没", openid=me)
    said = say(client, "那个多少钱", openid=me)
    assert "1万" in said and "1800" not in said  # now the start-up subsidy, the last thing answered


def test_no_early_start_said_in_dialect_keeps_dawn_work_away() -> None:
    from matching.hours import free_hours

    assert free_hours("屋下两个细人仔要接送 早上冇法太早出门")[0] == 8 * 60 + 30
    assert free_hours("长汀还有没有不用起那么早的")[0] == 8 * 60 + 30
    assert free_hours("想在附近做点事") == (None, None)
