"""A message split into its ask, the story told on the way, and the facts the story states."""

from __future__ import annotations

from knowledge.message import split_message


def test_a_life_story_keeps_its_last_question_as_the_ask() -> None:
    m = split_message("俺今年五十八了女的 家在寿宁乡下 老公前年得肝病走了 俺一个人在家种点地 "
                      "想去县里学个养老护理 人家说俺年纪大了陪训补帖领不了 是不是真的")
    assert m.ask.endswith("是不是真的") and "陪训补帖" in m.ask
    assert "老公" in m.story and m.is_story
    assert m.facts["age"] == 58 and m.facts["gender"] == "女" and m.facts["relation"] == "self"
    assert m.facts["county"]  # 寿宁 resolves to a county code


def test_a_bare_how_much_leans_on_the_clause_before_it() -> None:
    m = split_message("村干部说政府能帮着交一部分 到底帮交多少啊")
    assert m.ask == "村干部说政府能帮着交一部分到底帮交多少啊"


def test_the_story_is_about_the_relative_it_opens_with() -> None:
    m = split_message("俺男人五十岁 前几年在工地摔断了腿 家里是低包户 养老保险一年的钱都拿不出来 政府能帮交多少")
    assert m.facts["relation"] == "husband" and m.facts["gender"] == "男" and m.facts["age"] == 50
    assert m.facts["dibao"] is True
    me = split_message("我四十八了 老公前年走了 想学个手艺 有补贴不")
    assert me.facts["relation"] == "self" and me.facts["age"] == 48 and me.facts["wants_training"] is True


def test_traditional_characters_numerals_and_run_ons_are_read() -> None:
    m = split_message("我是建檔立卡貧困戶今年六十一歲從來沒交過養老保險現在補辦的話要怎麼弄")
    assert m.facts["age"] == 61 and m.facts["poverty_registered"] is True and m.facts["pension"] == "none"
    assert "补办" in m.ask and len(m.clauses) >= 2  # the run-on is cut at its clause turns


def test_poverty_exit_and_its_negation_are_told_apart() -> None:
    assert split_message("是的 但是村里说去年脱贫了").facts["poverty_exited"] is True
    assert split_message("俺家是建档立卡户 还没脱贫 能代缴不").facts["poverty_exited"] is False


def test_a_graduate_and_the_year_are_read() -> None:
    m = split_message("我2026年从三明学院毕业 全日制本科 家里建档立卡 有补贴吗")
    assert m.facts["graduate"] == {"school": "全日制普通高校", "year": 2026}


def test_a_long_paste_keeps_its_question_and_drops_repeats() -> None:
    m = split_message("贫困家庭大学生毕业了找工作有补贴吗？" + "我家里情况很困难，" * 1200)
    assert "补贴" in m.text and len(m.text) < 700


def test_wanting_to_learn_and_no_schooling_are_facts() -> None:
    facts = split_message("我37 女的 没读几年书 想去学做糕点 以后想自己开个小店").facts
    assert facts["wants_training"] is True and facts["graduate"] is None and facts["business"] == "first"


def test_a_short_message_is_asked_whole() -> None:
    # its first clause names what the question is about; facts are still read from the question itself
    m = split_message("我今年大专毕业 家里是贫困户 有补贴没 多少钱")
    assert "大专毕业" in m.ask and "多少钱" in m.ask and not m.story
    assert m.facts["poverty_registered"] is True and m.facts["relation"] == "self"
    long = split_message("俺今年五十八了女的 家在寿宁乡下 老公前年得肝病走了 想去县里学个养老护理 陪训补帖领得了不")
    assert "寿宁" not in long.ask  # a story still keeps only its question as the ask
