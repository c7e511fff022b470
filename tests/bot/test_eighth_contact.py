"""What blind conversation set 23 found (written by someone who never saw the code): a message cut off
mid-thought, facts told over several short messages, questions at registration steps that are no
answers, a posting asked about in its own words, "字太多 看不懂" after a list, a county corrected after
registering, what is done with the data, and policy answers that know what the person registered."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    rows = [  # title, place, county, city, pay, text, ages
        ("扶贫车间：茶叶挑拣工", "宁德市寿宁县", "350924", "350900", 1800, 3000, "坐着挑茶梗、分拣茶叶，计件，不需技术，不限户籍", 18, 65),
        ("扶贫车间：电子线束加工", "龙岩市长汀县", "350821", "350800", 1800, 3200,
         "车间设在村部，上午8:30-11:30、下午2:00-5:00，可按接送孩子的时间请假，计件", 18, 60),
        ("小区保洁员", "漳州市平和县", "350628", "350600", 2300, 2800, "县城小区楼道保洁，白班", 18, 60),
        ("公益性岗位：乡村保洁员", "漳州市平和县", "350628", "350600", 1200, 1200, "村庄保洁，限本县建档立卡贫困人口", 18, 65),
    ]
    add_postings(client, rows)


def test_a_message_cut_off_mid_thought_is_waited_for_not_taken_as_a_request(client) -> None:  # type: ignore[no-untyped-def]
    me = "oHalf23"
    assert "我在听" in say(client, "我想", openid=me)
    assert "姓名" not in say(client, "那个", openid=me)
    assert "我在听" not in say(client, "我想找工作", openid=me)


def test_facts_told_over_short_messages_are_kept_for_the_job_search(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oBits23"
    say(client, "我家在寿宁", openid=me)
    told = say(client, "五十三 女的 建档立卡户", openid=me)
    assert "记下了" in told and "53岁" in told and "找工作" in told  # acknowledged, not a policy clause
    jobs = say(client, "想找茶叶那种活 坐着干的", openid=me)
    assert "茶叶挑拣工" in jobs  # 寿宁, her county, from the first message
    assert "多大年纪" not in jobs and "性别" not in jobs


def test_a_question_at_a_registration_step_is_answered_not_recorded(client) -> None:  # type: ignore[no-untyped-def]
    from bot.flows.answers import read_name
    from bot.flows.fields import could_be_name

    assert read_name("一个月多少钱")[0] is None and not could_be_name("能给多少钱")
    me = "oAsk23"
    say(client, "我要登记 黄火旺 男 58岁 平和县的 建档立卡户 想在本县干 短信能发 电话13806951234", openid=me)
    asked = say(client, "我还没脱贫 交钱有没有人帮", openid=me)
    assert "登记成功" not in asked and "您会什么" in asked  # answered; the trade is still asked


def test_a_policy_answer_knows_what_the_person_registered(client) -> None:  # type: ignore[no-untyped-def]
    me = "oKnown23"
    say(client, "我要登记 黄火旺 男 58岁 平和县的 建档立卡户 想在本县干 短信能发 电话13806951235", openid=me)
    said = say(client, "我六十多了 养老保险一直没交 还能补吗", openid=me)
    assert "您可以享受补办城乡居民养老保险" in said and "建档立卡贫困户吗" not in said


def test_a_posting_is_asked_about_in_its_own_words(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oLeave23"
    say(client, "你好 我是长汀的 女的 41岁 建档立卡户 想在家附近找点活 要接送小孩", openid=me)
    say(client, "村部那个电子线束的 几点上下班", openid=me)
    assert "可按接送孩子的时间请假" in say(client, "接孩子能请假不", openid=me)


def test_too_many_words_gets_the_list_again_in_short(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oShort23"
    say(client, "帮我找找 平和县城的 女的 49 扫地搞卫生都行 我是建档立卡户", openid=me)
    short = say(client, "字太多了 看不懂 简单点说", openid=me)
    assert "简单说" in short and "保洁员" in short and "不需要专门技术" not in short


def test_a_job_list_stays_open_after_a_policy_question_during_registration(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oOpen23"
    say(client, "我家在寿宁 五十三 女的", openid=me)
    assert "茶叶挑拣工" in say(client, "想找茶叶那种活 坐着干的", openid=me)
    say(client, "我这岁数去学个手艺 还有培训补贴不", openid=me)
    assert "已记下您想报名【扶贫车间：茶叶挑拣工】" in say(client, "好滴 挑茶那个怎么报名", openid=me)


def test_a_county_corrected_after_registering_is_changed() -> None:
    from bot.flows.freetext import correction

    assert correction("哎呀 我刚才县写错了 是周宁不是寿宁") == ("county", "周宁")
    assert correction("年龄打错了 是61 不是58") == ("age", "61")


def test_what_is_done_with_the_data_is_answered_before_registering(client) -> None:  # type: ignore[no-untyped-def]
    said = say(client, "我的資料會不會被賣掉", openid="oData23")
    assert "不会" in said and "您还没有登记" not in said
    assert "不会卖给" not in say(client, "卖菜的活有没有", openid="oData23b")


def test_not_knowing_whether_one_is_registered_poor_is_no_answer(client) -> None:  # type: ignore[no-untyped-def]
    from bot.flows.answers import VALIDATORS

    assert VALIDATORS["poor"]("建档立卡是啥 我家是不是我也不晓得")[0] is None  # its 是不是 holds a 不是
    assert VALIDATORS["poor"]("不是")[0] is False


# Found by blind conversation set 24 (written after the set-23 fixes)

def test_a_trade_told_beside_the_facts_and_a_move_are_used_for_the_first_list(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [
        ("茶厂揉捻工", "南平市武夷山市", "350782", "350700", 4000, 5500, "岩茶揉捻、摇青，要有做茶经验", 18, 55),
        ("白茶制茶工", "宁德市福鼎市", "350982", "350900", 4500, 6500, "白茶萎凋、制作，有经验优先", 18, 55),
    ])
    me = "oMoved24"
    say(client, "你好 我是建瓯的 44岁 男 建档立卡户 会做岩茶", openid=me)
    assert "武夷山" in say(client, "不过我上个月搬到武夷山了 在老婆娘家 以后就在武夷山找", openid=me)
    jobs = say(client, "那边有啥活 四千出头就行", openid=me)
    assert jobs.index("茶厂揉捻工") < jobs.index("白茶制茶工")  # his trade, where he lives now first
    assert "就在您所在的南平市武夷山市" in jobs


def test_sms_refused_with_wechat_wanted_is_wechat_only_not_a_full_opt_out() -> None:
    from bot.flows import prefs

    assert prefs.request("不过短信别发 有事微信上说就行") == "sms_off"
    assert prefs.request("短信就别发了 微信上推给我就行") == "sms_off"
    assert prefs.request("微信也别发了 短信也别发") is None  # both refused: an opt-out, read elsewhere


def test_a_statement_with_没啥_is_no_question_and_a_person_asked_for_is_a_person() -> None:
    from bot.flows.reading import asks_person, is_question

    assert not is_question("34岁 女的 建档立卡户 没啥手艺 能坐得住")
    assert is_question("有没有啥活") and is_question("还有没有什么补贴")
    assert asks_person("帮我找个人问问") and not asks_person("找个人多的厂") and not asks_person("帮我找个活")


def test_an_injury_at_work_asked_mid_registration_is_the_insurance_policy(client) -> None:  # type: ignore[no-untyped-def]
    me = "oHurt24"
    say(client, "上杭的 开挖机三年了 有证 想找个一个月1.5w的", openid=me)
    assert "工伤保险" in say(client, "工地上受伤了有没有保险", openid=me)


def test_what_postings_do_not_say_about_getting_there_is_said_honestly(client) -> None:  # type: ignore[no-untyped-def]
    from bot.flows.posting_asks import ABOUT

    asks, _, _ = ABOUT["transport"]
    assert asks.search("有没有车接送") and not asks.search("可以接送孙子吗")  # a school run is no bus
    add_postings(client, [
        ("蜜柚采摘装箱工（季节性）", "漳州市平和县", "350628", "350600", 3900, 5200, "摘蜜柚、装箱，日结", 18, 65),
        ("果园采摘工（季节性）", "漳州市平和县", "350628", "350600", 3380, 4680, "果园采摘，日结", 18, 65),
    ])
    me = "oRide24"
    say(client, "我帮隔壁王伯问的 他五十八了 男的 想在平和附近打零工 以前年年去摘蜜柚", openid=me)
    said = say(client, "有没有车接送 他没摩托车", openid=me)
    assert "没有写接送" in said and "包接送" not in said
    assert "已记下您想报名【蜜柚采摘装箱工" in say(client, "那他报那个工资高的 怎么报名", openid=me)


def test_a_job_wish_with_places_from_someone_unregistered_is_a_job_search_not_a_move(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [("住家保姆", "泉州市丰泽区", "350503", "350500", 5500, 7000, "照顾一位老人、做饭打扫，住家 包吃住", 35, 58)])
    said = say(client, "我是寗德屏南的 想去福洲或者泉洲做保母 五十六了 女的", openid="oNanny24")
    assert "住家保姆" in said and "您现在在" not in said


def test_which_is_nearer_among_postings_of_the_home_county_names_the_one_done_at_home(client) -> None:  # type: ignore[no-untyped-def]
    add_postings(client, [
        ("公益性岗位：乡村保洁", "三明市宁化县", "350424", "350400", 1500, 1500, "村庄环境保洁，限本县建档立卡贫困人口", 18, 65),
        ("扶贫车间：手套缝制（居家）", "三明市宁化县", "350424", "350400", 1500, 3000, "领料回家缝手套，计件", 18, 60),
    ])
    me = "oNear24"
    say(client, "我宁化的 五十了 建档立卡 小学文化 老公残疾 我走不开 想在家门口找点事", openid=me)
    said = say(client, "手套那个和保洁那个 哪个离家近", openid=me)
    assert "手套缝制" in said and "回家做" in said and "不知道您从哪里出发" not in said


def test_a_posting_named_by_what_it_recruits_for_answers_with_its_age_limit(client) -> None:  # type: ignore[no-untyped-def]
    from bot.flows.named import names_in

    assert names_in("村里贴了个协理员招人的 我能去吗") == ["协理员"] and names_in("超市在招人吗") == ["超市"]
    assert names_in("我想找个招工的") == []
    add_postings(client, [("公益性岗位：村级劳动保障协理员", "三明市宁化县", "350424", "350400", 1500, 1500,
                           "协助村里做就业登记，会用电脑和手机，高中以上文化，限本县户籍", 20, 50)])
    said = say(client, "我十八了 宁化的 村里贴了个协理员招人的 我能去吗", openid="oYoung24")
    assert "协理员" in said and "20" in said and "18岁" in said
