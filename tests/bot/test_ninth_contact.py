"""What blind conversation set 25 found (written by someone who never saw the code): a fee asked of a
posting is answered from the posting before the reassurance, a training fee is the policy's, a
suspicion of a paid agency is answered as one, a follower who registered in the village is told how to
link this WeChat, someone who found work is not registered by the name and phone they give and is told
how to come back, a phone refused before registering is not asked again, "有啥" after a list means its
postings, and a posting that says 包吃 answers a 包住 question with what it does say."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    rows = [  # title, place, county, city, pay min, pay max, text, age min, age max
        ("外卖骑手", "厦门市思明区", "350203", "350200", 6000, 9000, "送外卖，须自备电动车，会用导航，多劳多得", 18, 50),
        ("保洁员", "厦门市思明区", "350203", "350200", 3000, 3500, "商场保洁，不需经验，男女不限", 18, 60),
        ("厨房帮工", "泉州市丰泽区", "350503", "350500", 3500, 4200, "切菜、洗碗、打杂，包吃，不需经验", 18, 55),
    ]
    add_postings(client, rows)


def test_a_fee_asked_of_a_posting_is_answered_from_it_then_reassured(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oRider25"
    say(client, "我叫林志强 男的 四十九 诏安人 在厦门 以前干保安 别给我推保安了 有电动车 电话15259031847 短信能发", openid=me)
    said = say(client, "骑手那个 要不要交押金 电动车要自己买吗", openid=me)
    assert "自备电动车" in said and "押金" in said  # the posting's own words, and押金 named as not stated
    assert "不收任何费用" in said  # then the reassurance


def test_a_training_fee_asked_with_a_list_on_screen_is_the_policy_s(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oLearn25"
    say(client, "我叫邱玉兰 女的 五十六 泉州丰泽的 建档立卡 想找个活 电话15880274613 短信行", openid=me)
    said = say(client, "学手艺去哪报名 要钱不", openid=me)
    assert "免费" in said and "不收任何费用" not in said


def test_a_suspicion_of_a_paid_agency_is_answered_not_taken_as_a_job_request(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "你们是不是跟中介一伙的 找个活还要收钱吧", openid="oAgency25")
    assert "不收任何费用" in said and "姓名" not in said


def test_pushes_asked_for_by_someone_registered_only_in_the_village(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "我之前在村里登记过的 你们给我推过啥工作 我咋一条都没收到", openid="oVillage25")
    assert "还没有登记" in said and "手机号" in said and "人工" in said


def test_someone_who_found_work_is_not_registered_and_hears_how_to_come_back(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFound25"
    said = say(client, "我是刘德胜 手机13950866732 以前在村里登记过的 我现在找到工作了 在建瓯笋干厂上班 以后不用给我发短信了",
               openid=me)
    assert "恭喜" in said and "不再" in said and "年纪" not in said
    back = say(client, "那要是以后厂里不干了 又想找 咋弄", openid=me)
    assert "找工作" in back and "岗位：" not in back


def test_a_phone_refused_before_registering_is_not_asked_again(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oNoPhone25"
    first = say(client, "那我不留电话 也不要发短信 就在微信上看行不", openid=me)
    assert first.startswith("可以")
    done = say(client, "我叫陈佳怡 女的 二十四 泉州丰泽的 家里建档立卡 想找个厨房的活", openid=me)
    assert "您的手机号" not in done and "您会什么" in done  # the next question is the trade, not the phone


def test_what_is_there_after_a_list_means_its_postings(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oWhat25"
    say(client, "我叫黄丽珍 女的 四十二 泉州丰泽的 建档立卡户 想找个厨房的活 电话13799205318 短信可以", openid=me)
    said = say(client, "有啥", openid=me)
    assert "厨房帮工" in said and "毕业" not in said  # the postings, not the entitlement check


def test_a_housing_question_of_a_posting_that_gives_meals_says_so(client) -> None:  # type: ignore[no-untyped-def]
    from bot.backends import PostingView
    from bot.flows.posting_asks import about

    view = PostingView(1, "厨房帮工", "", "泉州丰泽", "3500-4200元/月", "切菜、洗碗、打杂，包吃，不需经验", "12333", True)
    said = about(view, "厨房那个 包不包住 几点上班") or ""
    assert "包吃" in said and "没写包不包住" in said and "上班时间" in said


def test_what_the_phone_is_for_is_said_when_asked_with_fear(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "听说你们这登记还要填手机号 要我手机号干嘛 是不是要把我信息卖了", openid="oPriv25")
    assert "不会" in said and "短信" in said and "不填" in said


def test_a_name_after_a_place_said_with_the_same_cue_is_read() -> None:
    from bot.flows.register import read_fields

    said = read_fields("你好 我是诏安的 现在在厦门殿前这边租房子 叫林志强 四十九了 男的 建档立卡")
    assert said["name"] == "林志强" and said["age"] == 49


def test_a_fee_asked_of_a_listed_posting_named_by_its_work_is_that_posting_s(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("扶贫车间：竹编工艺品编织", "南平市政和县", "350725", "350700", 1800, 3000,
                           "竹篮、竹盒编织，计件，可领料回家做，会竹编优先，不会可教", 18, 60)])
    me = "oBamboo25"
    jobs = say(client, "我老婆也是贫困户 三十八 在家带两个娃 走不开 政和这边有在家能做的活没", openid=me)
    assert "竹编" in jobs
    said = say(client, "竹编她不会 要不要交学费", openid=me)
    assert "不会可教" in said and "没有写要不要交钱" in said


def test_a_registration_keeps_a_refusal_and_where_the_person_lives_now_as_the_wish() -> None:
    from bot.flows.freetext import split_skills

    trade, wish = split_skills("现在在厦门殿前这边租房子 以前干了三年保安 夜班熬得身体不行了 这回别给我推保安了 厂里也不想进")
    assert "别给我推保安" in wish and "厦门" in wish and "保安" not in wish.replace("别给我推保安", "")
    assert "干了三年保安" in trade


def test_a_cold_question_is_answered_from_the_posting() -> None:
    from bot.backends import PostingView
    from bot.flows.posting_asks import about

    view = PostingView(1, "水产加工工（剥虾、分拣）", "", "宁德霞浦", "3500-5500元/月", "海鲜剥壳、分拣，计件，冷库作业", "12333", True)
    assert "冷库作业" in (about(view, "冷不冷啊 俺有风湿 手怕冻") or "")
