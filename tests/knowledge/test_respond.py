"""What a person notices of the answerer: stories answered, follow-ups read against the topic, a
personal first line, "did you mean" choices, short Chinese replies to junk."""

from __future__ import annotations

import numpy as np

from knowledge.answer import WECHAT_MAX_BYTES
from knowledge.decider import Decision
from knowledge.message import split_message
from knowledge.personal import personal_line
from knowledge.respond import _decline, answer_clause
from tests.knowledge.policy_corpus import seed_answerer


def ask(q: str, topic: str | None = None):  # type: ignore[no-untyped-def]
    return seed_answerer().answer(q, topic=topic)


def test_a_life_story_is_answered_from_its_ask() -> None:
    a = ask("俺男人五十岁 前几年在工地摔断了腿 干不了重活 家里是低包户 两个娃还在读书 "
            "城乡居民养老保险一年的钱都拿不出来 村干部说政府能帮着交一部分 到底帮交多少啊")
    assert not a.fallback and "代缴" in a.answer and "50%" in a.answer
    assert "出处：闽人社文〔" in a.answer


def test_the_first_line_is_short_and_states_what_is_asked() -> None:
    a = ask("重点县引进博士后能有多少资助")
    first = a.answer.split("\n")[0]
    assert len(first) <= 41 and "万元" in first


def test_a_follow_up_without_a_subject_is_read_against_the_topic() -> None:
    first = ask("我在外面打工十年了 想回来在镇上开个小饭店 政府有没有扶持")
    assert not first.fallback and "创业扶持补贴" in first.answer and first.topic
    more = ask("能给多少", topic=first.topic)
    assert not more.fallback and "1万元" in more.answer and "2000" not in more.answer
    where = ask("去哪里申请 要啥材料", topic=more.topic)
    assert "创业地" in where.answer and "没有写明" in where.answer  # says plainly what is not stated
    assert ask("能给多少").fallback  # with no topic there is nothing to read it against


def test_a_follow_up_about_another_person_stays_on_the_topic_and_another_subject_leaves_it() -> None:
    first = ask("老陈家是建档立卡户 每年交城乡居民养老保险 政府能不能帮他交一部分")
    assert "代缴" in first.answer
    wife = ask("那他老婆呢 52岁 也在交", topic=first.topic)  # a person is not a new subject
    assert not wife.fallback and "代缴" in wife.answer
    other = ask("那创业呢", topic=first.topic)  # a subject of the documents the pension clause lacks
    assert "代缴" not in other.answer


def test_a_story_that_decides_an_entitlement_gets_a_personal_first_line() -> None:
    a = ask("俺今年六十三了 建档立卡户 还没脱贫 养老保险从来没交过 听说能补办 是真的不")
    first = a.answer.split("\n")[0]
    assert first.startswith("按您说的情况") and "补办城乡居民养老保险" in first and len(first) <= 40
    b = ask("我今年刚从三明学院毕业 全日制本科 家里是建档立卡的 能领求职补贴不")
    assert "2000" in b.answer


def test_a_firm_asking_about_its_poor_workers_gets_no_labourers_verdict() -> None:
    a = ask("我们是食品加工企业，招用了几名建档立卡贫困劳动力，已经连续干满一年多，企业层面能享受哪些激励？")
    assert "按您说的" not in a.answer and "还要看一项情况" not in a.answer and "您今年多大" not in a.answer


def test_a_story_asking_who_or_when_gets_that_answer_not_a_verdict() -> None:
    # The facts would decide an entitlement, but the ask is about something else: the answer comes first.
    a = ask("我是贫困户 今年五十岁 协理员跟我结了对子 说要给我办个就业创业证 这个证规定啥时候发下来")
    assert not a.fallback and "2018年底" in a.answer
    assert "按您说的" not in a.answer and "还要看一项情况" not in a.answer
    b = ask("我在宁德一家茶厂管人事 招了三个建档立卡贫困户 想申请吸纳就业补贴 省厅是哪个处负责的")
    assert not b.fallback and "就业促进和失业保险处" in b.answer and "还要看一项情况" not in b.answer


def test_a_sum_heard_wrong_and_doubted_gets_the_sum_the_documents_set() -> None:
    a = ask("听说村里整建制培训 政府给培训机构每个学员补800元 是这个数吗")
    assert not a.fallback and "350元" in a.answer


def test_the_personal_line_is_about_the_entitlement_asked_not_the_clauses_first_rule() -> None:
    # 258号 二（一） backs the start-up grant, 公益性岗位 and the hiring subsidy; a 兜底 question is about the posts.
    clause = next(c for c in seed_answerer().index.clauses_ if c.citation.endswith("258号 二（一）"))
    line = personal_line(clause, {"dibao": True}, ask="像俺这样市场上实在找不到活的 政府有啥兜底的办法没")
    assert "公益性岗位" in line and "创业" not in line
    assert "创业扶持补贴" in personal_line(clause, {"dibao": True}, ask="回乡开个小店 能给多少创业补贴")
    assert personal_line(clause, {"dibao": True}, ask="这个文件是哪年发的") == ""  # about none of them: no verdict


def test_a_close_call_offers_numbered_choices_and_a_number_picks_one() -> None:
    answerer = seed_answerer()
    reading = answerer.reader.read(split_message("补贴咋领"))
    assert len(reading.candidates) >= 2
    decision = Decision(reading, np.linspace(0.4, 0.1, len(reading.candidates)), 0, False,
                        suggestions=[0, 1], confidence=0.3)
    offered = _decline(answerer.index, decision, "补贴咋领")
    assert offered.fallback and offered.suggestions and "1 " in offered.answer and "回复数字" in offered.answer
    picked = answer_clause(answerer.index, offered.suggestions[0].clause_id, "补贴咋领")
    assert not picked.fallback and picked.clause_id == offered.suggestions[0].clause_id
    assert "出处" in picked.answer


def test_junk_gets_a_short_chinese_reply_never_a_policy_answer() -> None:
    for q in ["", "😀😀", "asdfghjkl", "hello how much subsidy", "a" * 5000, "<script>alert(1)</script>"]:
        a = ask(q)
        assert a.fallback and any("\u4e00" <= ch <= "\u9fff" for ch in a.answer), q
        assert len(a.answer.encode("utf-8")) <= WECHAT_MAX_BYTES
    html = ask("<p>贫困家庭大学生毕业了找工作有补贴吗</p>")
    assert not html.fallback and "<p>" not in html.answer


def test_out_of_scope_questions_in_domain_words_are_declined() -> None:
    for q in ["低保一个月能领多少钱", "城乡居民医保报销比例是多少", "你是机器人还是真人啊"]:
        assert ask(q).fallback, q


def test_two_questions_in_one_message_get_the_covered_one_answered_and_the_other_named() -> None:
    q = "公益性岗位一个月工资多少？另外政府给不给社保补贴？"
    a = ask(q)
    assert not a.fallback and "社保补贴" in a.answer and "公益性岗位" in a.answer
    assert "“公益性岗位一个月工资多少" in a.answer and "没有写" in a.answer  # the wage is not in the documents
    assert len(a.answer.encode("utf-8")) <= WECHAT_MAX_BYTES
    both_out = ask("低保一个月多少钱？另外医保能报多少？")
    assert both_out.fallback  # nothing of it is in the documents: declined, not half-answered


def test_what_one_must_do_asked_after_an_answer_is_asked_of_its_subject() -> None:
    first = ask("俺娃初中毕业 家里是贫困户 想去读技校 技校收不收")
    assert not first.fallback and first.topic
    exam = ask("那要考试吗", topic=first.topic)  # 考试 alone led to the civil-service exam clause
    assert not exam.fallback and "免试入学" in exam.answer
    assert "技工" not in ask("那低保呢", topic=first.topic).answer  # a new subject is not pulled back


def test_numbered_questions_are_taken_one_by_one() -> None:
    a = ask("1)津补贴“三类五档”后面怎么调整 2)乡镇工作补贴一个月多少钱")
    assert not a.fallback and "消除第四档" in a.answer  # asked whole it was declined
    assert "乡镇工作补贴一个月多少钱" in a.answer and "没有写" in a.answer
    assert ask("①低保一个月多少钱 ②医保能报多少").fallback


def test_two_questions_run_together_without_a_mark_get_the_covered_one_answered() -> None:
    a = ask("扶贫车间是啥 活能拿回家做吗")  # the second is not in the documents
    assert not a.fallback and "扶贫车间" in a.answer and "就近就地务工" in a.answer
    assert "“活能拿回家做吗”" in a.answer and "没有写" in a.answer
    story = ask("俺娘七十五了 城乡居民养老保险基础养老金现在一个月多少钱 八十岁以上是不是多给")
    assert story.fallback  # a story's questions are not split: neither part is in the documents


def test_a_runner_up_clause_nearly_as_likely_is_quoted_too() -> None:
    # the best clause is the technical-school green channel; who may enrol (应往届) is in the runner-up
    a = ask("俺家娃初中毕业都两年了算往届的 技校是不是只收当年毕业的")
    assert not a.fallback and "应往届" in a.answer and "另见" in a.answer
    assert len(a.answer.encode("utf-8")) <= WECHAT_MAX_BYTES


def test_a_follow_up_after_a_picked_clause_leans_on_what_was_shown() -> None:
    picked = seed_answerer().answer_clause("2017-251/二/二/9", "我念的其实是技校高级工班 刚才说成中专了 那这样算不算")
    assert "高级工班" in picked.answer and picked.topic
    later = ask("要啥时候之前弄啊 过了今年还行不", topic=picked.topic)
    assert not later.fallback and "毕业年度" in later.answer  # not the clause's enrolment sentence


def test_the_same_question_for_a_relative_stays_on_the_topic_when_its_words_are_the_clauses() -> None:
    first = ask("我今年大专毕业 家里是建档立卡的 听说还有个一次性求职补贴 多少钱")
    cousin = ask("那我表哥呢 他毕业两年了", topic=first.topic)
    assert not cousin.fallback and "毕业年度" in cousin.answer  # the rule he is measured against


def test_asking_about_technical_school_is_the_wish_itself_not_a_missing_fact() -> None:
    a = ask("俺家娃今年中考没考上高中 在家待着也不是事 他想去学个手艺 俺家是贫困户 听说技校对咱这样的有照顾 考不上也能去念不")
    first = a.answer.split("\n")[0]
    assert not a.fallback and "可以享受技工教育" in first and "免试入学" in a.answer
    assert "想去技工院校读书吗" not in a.answer  # asking about it says so
