"""Second blind round of first contact (real app, XML, Redis): who is answering, a question in plain words,
a question is no name, a bare number is no skill, a typo corrected by its value, nearer postings, only one
county's pushes, a pasted push, and a policy question asked beside a job request."""

from __future__ import annotations

from bot.intents import read_intent
from tests.bot.conftest import say


def test_who_is_answering_is_said_plainly_and_registration_waits(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWho1"
    assert "不是真人" in say(client, "你是真人吗", openid=me)
    whose = say(client, "你們是政府的嗎 還是仲介", openid=me)
    assert "人社" in whose and "不是收费的中介" in whose
    say(client, "我要登记", openid=me)
    plain = say(client, "啥意思 看不懂 说简单点", openid=me)
    assert "叫什么名字" in plain
    asked = say(client, "能在屋里做不", openid=me)  # a question, not a name
    assert "多大年纪" not in asked and "记下了" not in asked


def test_a_typo_in_the_county_is_offered_close_names_and_set_right_by_its_value(client) -> None:  # type: ignore[no-untyped-def]
    me = "oTypo1"
    say(client, "我要登记找工作", openid=me)
    first = say(client, "郑木生 男 四十六 蒲城县的", openid=me)
    assert "郑木生" in first and "46岁" in first and "浦城县" in first and "没有找到" in first
    fixed = say(client, "打错字了 是南平的浦城 住仙阳镇", openid=me)
    assert "南平市浦城县" in fixed and "户籍在哪个县" not in fixed  # on to the next question
    assert "没有第8项" in say(client, "8", openid=me)  # a number is no skill


def test_a_pasted_push_is_about_that_posting_unless_the_words_around_it_refuse(client) -> None:  # type: ignore[no-untyped-def]
    push = "【就业帮扶】南平某食品厂招包装工，月薪3800…回复TD退订"
    assert read_intent(push + " 这个还招吗").intent == "my_pushes"
    assert read_intent(push).intent == "my_pushes"
    assert read_intent(push + " 别再发了烦死了").intent == "opt_out"
    assert read_intent("回复TD退订").intent == "opt_out"


def test_a_policy_question_beside_a_job_request_is_answered_too(client) -> None:  # type: ignore[no-untyped-def]
    got = say(client, "想找个活干 顺便问下培训补贴咋领 俺想学个电焊", openid="oBoth1")
    assert "您问的" in got and "培训" in got and "请问您的姓名" in got


def test_only_one_countys_postings_is_kept_as_the_wish_and_nearer_drops_the_far_city(client) -> None:  # type: ignore[no-untyped-def]
    me = "oOnly1"
    say(client, "我要登记 施美玲 女 29 武夷山市 建档立卡 电话18020561379 短信可以发", openid=me)
    for answer in ("采茶", "想在武夷山找酒店的活"):
        say(client, answer, openid=me)
    only = say(client, "只要武夷山本地的 别处的别发", openid=me)
    assert "只给您推南平市武夷山市的岗位" in only and "退订" not in only.split("\n")[0]
    unknown = say(client, "只推福州的 别处的别发", openid="oOnly2")
    assert "只找福州市的岗位" in unknown and "登记" in unknown


def test_sound_alike_misspellings_of_what_is_asked_about_a_posting_are_read_right() -> None:
    from bot.flows.posting_asks import asks_about, heard

    assert heard("包主不 俺家离村部远").startswith("包住不") and asks_about("包主不")
    assert heard("要体俭不") == "要体检不" and heard("我想找个活") == "我想找个活"
