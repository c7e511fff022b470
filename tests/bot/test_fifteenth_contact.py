"""What blind conversation set 34 found (written by someone who never saw the code): "还没找到工作 是不是要
找到工作才能领" was taken as found work; "看不懂 你就说…" after a pension answer went to a person; a job
request during the entitlement questions was taken as an answer; "我叫… 电话… 拜拜" after a registration set
aside was asked what it meant; a posting described by its work and pay ("打扫村里卫生一个月1500的 我能报吗")
was read as a name; a daughter's "我叫陈丽华 他叫陈木根" registered her name for her father, and his age was
not used to find his postings; "五点半上班太早了" listed the 5:30 canteen again; "是自己送过去还是他们来收"
was no question."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say

_WORKSHOP = ("扶贫车间：服装缝纫工", "南平市浦城县", "350722", "350700", 2500, 4500, "扶贫车间，计件，可学", 18, 55)
_RANGER = ("公益性岗位：生态护林员", "南平市浦城县", "350722", "350700", 1200, 1200,
           "巡山护林，就近安排在本村，限本县建档立卡贫困人口中年龄偏大、难以外出就业的人员 公益性岗位", 16, 65)
_CANTEEN = ("工业园食堂帮厨", "龙岩市长汀县", "350821", "350800", 3500, 4200, "洗菜切菜打饭，早上5:30上班", 18, 50)
_HARNESS = ("扶贫车间：电子线束加工", "龙岩市长汀县", "350821", "350800", 2000, 3500,
            "扶贫车间，8:30-11:30、14:00-17:00，车间设在村部，不需要经验", 18, 55)
_SWEEPER = ("公益性岗位：乡村保洁", "三明市宁化县", "350424", "350400", 1500, 1500,
            "村庄环境保洁，限本县建档立卡贫困人口 公益性岗位", 18, 60)


def test_a_daughter_registers_her_father_by_his_name_and_his_age_finds_his_postings(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_WORKSHOP, _RANGER])
    me = "oDaughter34"
    first = say(client, "我是帮我爸问的 他没微信 他今年57 在浦城乡下 家里是建档立卡的 腰不好出不了远门 村里附近有没有活给他干", openid=me)
    assert "护林员" in first and "缝纫工" not in first  # the workshop takes people up to 55
    named = say(client, "能用我的手机号给他登记吗 我叫陈丽华 他叫陈木根", openid=me)
    assert "陈木根" in named and "陈丽华" not in named


def test_not_having_found_work_yet_is_no_news_of_a_job(client) -> None:  # type: ignore[no-untyped-def]
    me = "oGraduate34"
    say(client, "我今年技校毕业的 学数控 高级工班 二十岁 家在南安 家里是建档立卡户", openid=me)
    reply = say(client, "我现在还没找到工作 是不是要找到工作才能领", openid=me)
    assert "恭喜" not in reply and "已就业" not in reply


def test_plain_words_asked_for_after_a_pension_answer_give_its_point(client) -> None:  # type: ignore[no-untyped-def]
    me = "oPension34"
    assert "50%" in say(client, "村里人说政府帮贫困户交养老保险 有这回事没", openid=me)
    plain = say(client, "看不懂 你就说我每年还要不要自己掏钱", openid=me)
    assert "50%" in plain and "已转给工作人员" not in plain


def test_a_job_request_during_the_entitlement_questions_is_no_answer_to_them(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("扶贫车间：竹编工艺品编织", "南平市政和县", "350725", "350700", 1800, 3000,
                           "领料回家做，计件，不限年龄", None, None)])
    me = "oBamboo34"
    assert "问几个问题" in say(client, "我能领什么补贴", openid=me)
    reply = say(client, "在家编竹篮我会 政和有没有拿回家做的活", openid=me)
    assert "竹编" in reply


def test_a_name_and_phone_with_a_goodbye_take_up_the_registration_set_aside(client) -> None:  # type: ignore[no-untyped-def]
    me = "oMason34"
    say(client, "你好 我南安的 五十五了 做了三十年泥水 砌砖抹灰都会 想找工地的活 谢谢", openid=me)
    say(client, "好的 谢谢", openid=me)
    reply = say(client, "我叫洪水生 电话一八六五九七七三二一零 拜拜", openid=me)
    assert "洪水生" in reply and "3210" in reply


def test_a_listed_posting_described_by_its_work_and_pay_is_no_name(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_SWEEPER])
    me = "oSweeper34"
    assert "乡村保洁" in say(client, "我在宁化 五十二了 会缝缝补补 有啥活干不", openid=me)
    reply = say(client, "那个打扫村里卫生一个月1500的 我能报吗", openid=me)
    assert "乡村保洁" in reply and "建档立卡" in reply and "不像姓名" not in reply


def test_a_start_said_to_be_too_early_leaves_out_early_postings(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_CANTEEN, ("超市理货员", "龙岩市长汀县", "350821", "350800", 3000, 3600,
                                      "上架理货，白班9:00-18:00，不需要经验", 18, 50)])
    me = "oLate34"
    assert "帮厨" in say(client, "我在长汀 四十一 女的 想在县里找个活 离家近点", openid=me)
    reply = say(client, "五点半上班太早了 我家到县城骑电动车要半个钟头 有没有晚点上班的", openid=me)
    assert "理货" in reply and "帮厨" not in reply


def test_an_either_or_question_about_an_opened_posting_is_answered_from_it(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [_HARNESS])
    me = "oEither34"
    say(client, "我在长汀 四十一 女的 想找个活", openid=me)
    say(client, "线束那个怎么样", openid=me)
    reply = say(client, "做好了是我自己送过去还是他们来收", openid=me)
    assert "电子线束" in reply and "没有写" in reply


def test_a_question_about_claiming_with_nothing_named_is_about_the_entitlement_just_answered(client) -> None:  # type: ignore[no-untyped-def]
    me = "oClaim34"
    say(client, "我今年技校毕业的 学数控 高级工班 二十岁 家在南安 家里是建档立卡户 想找个工作", openid=me)
    assert "2000元" in say(client, "听说大学生毕业有两千块补贴 我们技校的有没有", openid=me)
    reply = say(client, "我现在还没找到工作 是不是要找到工作才能领", openid=me)
    assert "积极求职创业" in reply and "2000元" in reply


def test_the_graduation_year_told_with_a_job_request_is_not_asked_again(client) -> None:  # type: ignore[no-untyped-def]
    me = "oYear34"
    say(client, "我今年技校毕业的 学数控 高级工班 二十岁 家在南安 家里是建档立卡户 想找个工作", openid=me)
    reply = say(client, "听说大学生毕业有两千块补贴 我们技校的有没有", openid=me)
    assert "2000元" in reply and "哪一年毕业" not in reply
    follow = say(client, "我现在还没找到工作 是不是要找到工作才能领", openid=me)
    assert "积极求职创业" in follow and "哪一年毕业" not in follow
