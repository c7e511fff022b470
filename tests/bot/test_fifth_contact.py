"""What blind conversation set 17 found (written by someone who never saw the code): a posting asked about
with nothing on screen, fraud and fees beside postings, channels and places said in plain words, an
angry complaint, found work, a person asked for in a sentence, "莫怪" that refuses nothing."""

from __future__ import annotations

from tests.bot.conftest import say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    rows = [("超市理货员", "宁德市古田县", "350922", "350900", 3000, 3600, "货架整理补货，白班", 18, 50),
            ("鞋厂普工（针车/成型）", "泉州市晋江市", "350582", "350500", 4500, 7000, "运动鞋成型、针车，计件，包住", 18, 45),
            ("制衣厂车位工", "泉州市石狮市", "350581", "350500", 5000, 8000, "服装车位，计件，包吃住", 18, 50),
            ("烤烟采收工", "龙岩市长汀县", "350821", "350800", 3000, 4000, "烤烟采收，季节性", 18, 65),
            ("快递分拣员", "厦门市湖里区", "350206", "350200", 4500, 6000, "快递分拣，夜班", 18, 50),
            ("公益性岗位：村道保洁员", "宁德市屏南县", "350923", "350900", 1300, 1300, "本村道路保洁，每天上午3小时", 18, 60)]
    with client.app.state.sessionmaker() as s:
        s.add_all([Posting(title=t, employer_name="", location=loc, county_code=county, city_code=city,
                           salary_min=lo, salary_max=hi, salary_unit="month", description=d, age_min=a, age_max=b,
                           tags=[], status="open") for t, loc, county, city, lo, hi, d, a, b in rows])
        s.commit()


def test_a_posting_pushed_elsewhere_is_asked_which_then_found_by_its_description(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive1"
    which = say(client, "你们上次发的那个还招吗", openid=me)
    assert "哪个岗位" in which  # not "还没有给您推荐过岗位" and nothing more
    found = say(client, "就是古田那个超市里面理货的 三千多块钱那个", openid=me)
    assert "超市理货员" in found and "3000-3600" in found


def test_a_posting_named_in_a_fraud_worry_stays_in_focus(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive2"
    safe = say(client, "你们推的那个晋江的鞋厂 是不是骗人的 打电话过去要我先交三百块押金", openid=me)
    assert "不要交" in safe
    pay = say(client, "那个鞋厂到底啥情况 工资多少 包不包住", openid=me)
    assert "4500-7000" in pay and "包住" in pay
    age = say(client, "我46了 他们要吗", openid=me)
    assert "18-45" in age and "超过" in age


def test_a_fee_asked_beside_a_job_list_is_about_the_jobs(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive3"
    listed = say(client, "我叫王志强 男 46 建档立卡户 晋江人 电话13779851234 短信可以 会踩针车 想在晋江石狮那块", openid=me)
    assert "制衣厂车位工" in listed and "您想会踩针车" not in listed  # a skill said among wishes reads "您会…"
    fee = say(client, "这些要交钱吗 报名费啥的", openid=me)
    assert "不收任何费用" in fee and "公务员" not in fee and "考生" not in fee


def test_channel_and_place_said_in_plain_words_are_preferences_not_opt_outs(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive4"
    say(client, "钟水生 男 57 长汀童坊镇 建档立卡 手机15980561234 短信可以 会种烤烟 就在长汀", openid=me)
    sms = say(client, "短信别发了 老收不到 以后就在威信上发我", openid=me)  # 威信 sounds like 微信
    assert "只在微信里推送" in sms and "已退订" not in sms
    home = say(client, "以后别给我发县外的了", openid=me)
    assert "长汀县" in home and "已退订" not in home
    assert "已退订" not in say(client, "刚才火气大了 莫怪", openid=me)  # refuses nothing


def test_an_angry_complaint_gets_an_apology_and_found_work_is_no_opt_out(client) -> None:  # type: ignore[no-untyped-def]
    angry = say(client, "恁们发的么个工作 叫涯去厦门送外卖 涯都五十七了 电动车都不会骑 乱发一通", openid="oFive5")
    assert "对不起" in angry and "登记" in angry
    found = say(client, "你好 阮已经在厂里上班了 不用再发了", openid="oFive6")
    assert "恭喜" in found and "已退订" not in found


def test_a_person_asked_for_in_a_sentence_is_a_handoff(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFive7"
    say(client, "我要登记", openid=me)
    say(client, "吴小燕 女 32岁 莆田涵江区 建档立卡 手机15306021188", openid=me)
    assert "已转给工作人员" in say(client, "再帮我找个人工 要打字的", openid=me)


def test_skills_answer_with_a_pay_and_sms_consent_are_read_as_such(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive8"
    say(client, "我要登记", openid=me)
    say(client, "钟水生 男 57 长汀童坊镇 建档立卡", openid=me)
    phone = say(client, "电话13959912345 短信可以发", openid=me)
    assert "会短信" not in phone
    done = say(client, "会种烤烟 家里水管坏了都是我自己修 一千块也行 不出远门", openid=me)
    assert "登记成功" in done  # "也行 不出远门" is no "行不" question: the skills are the answer


def test_a_deletion_asked_for_by_what_was_told(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFive9"
    say(client, "我要登记", openid=me)
    say(client, "李美玉 女 35 安溪", openid=me)
    assert "确认删除" in say(client, "算了 我还是不放心 把我刚才说的都删掉", openid=me)


def test_menu_words_and_push_channel_words(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFive10"
    say(client, "我要登记", openid=me)
    assert "请回复数字" in say(client, "返回", openid=me)  # back to the menu, not the name question
    say(client, "罗志明 男 44 永安 建档立卡 电话13805987788 短信可以 会开叉车 就在永安", openid=me)
    often = say(client, "多久发一次 天天发吗", openid=me)
    assert "最多推1个" in often
    only_sms = say(client, "只发短信就行 微信莫发", openid=me)
    assert "只用短信" in only_sms and "已转给工作人员" not in only_sms
    assert "给贫困户推送岗位信息" not in often


def test_corrections_said_the_natural_way(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFive11"
    say(client, "我要登记", openid=me)
    say(client, "郑美华 女 45 古田县 电话13905931234", openid=me)
    assert "54" in say(client, "哎呀打错了 是54 不是45 手滑了", openid=me)
    changed = say(client, "啊换一个换一个 那个是我老公的 我自己的是15880642278 短信发这个就行", openid=me)
    assert "158****2278" in changed


def test_an_older_relative_is_registered_and_the_next_one_too(client) -> None:  # type: ignore[no-untyped-def]
    me = "oFive12"
    say(client, "我是他们孙子 帮我爷爷登记一下", openid=me)
    got = say(client, "刘火旺 男 66岁 寿宁县犀溪镇 建档立卡户 电话13705938866 短信能收 种茶的 就想在村里附近", openid=me)
    assert "多大年纪" not in got  # 66 is an age, not asked again and again
    grandma = say(client, "再登记我奶奶 张月娇 女的 63", openid=me)
    assert "登记成功：刘火旺" in grandma  # he is saved as told, not overwritten
    assert "63岁" in grandma and "回复数字；都不是" not in grandma  # her registration starts


def test_a_posting_open_does_not_swallow_policy_or_other_work(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFive13"
    say(client, "钟水生 男 57 长汀童坊镇 建档立卡 手机15980561234 短信可以 会种烤烟 就在长汀", openid=me)
    opened = say(client, "1", openid=me)
    assert "烤烟采收工" in opened
    policy = say(client, "对了 我这个岁数去参加培训还有补贴吗", openid=me)
    assert "【烤烟采收工】" not in policy


def test_postings_of_a_kind_asked_for_in_a_place_are_listed(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    listed = say(client, "我们屏南现在有哪些公益岗", openid="oFive14")
    assert "村道保洁员" in listed and "您是想问" not in listed  # the postings there, not policy choices
