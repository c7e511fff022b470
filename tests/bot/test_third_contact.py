"""Third blind round of first contact (real app, XML, Redis; blind conversation set 13): a posting named by
what or where it is whether or not it is on the list ("鞋厂那个", "那个电子线束的"), two postings compared by
pay, a mother's school-run hours, "好 那我报这个" mid-registration, and how to apply beside "要交押金吗"."""

from __future__ import annotations

from tests.bot.conftest import say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    rows = [  # title, place, county, city, pay, unit, text, ages, tags
        ("扶贫车间：电子线束加工", "龙岩市长汀县", "350821", "350800", 2000, 3500, "month",
         "车间设在村部，上午8:30-11:30、下午2:00-5:00，可按接送孩子的时间请假，计件", 18, 55, ["扶贫车间"]),
        ("工业园食堂帮厨", "龙岩市长汀县", "350821", "350800", 2800, 3200, "month",
         "早上五点半上班至下午一点半，洗切配菜", 18, 55, []),
        ("电子厂普工", "厦门市翔安区", "350213", "350200", 4500, 6000, "month", "手机屏幕组装，两班倒，包吃住", 18, 40, []),
        ("鞋厂普工（针车/成型）", "泉州市晋江市", "350582", "350500", 4500, 7000, "month", "运动鞋成型、针车，计件，包住", 18, 45, []),
        ("食品厂包装工", "漳州市龙海区", "350604", "350600", 4000, 5000, "month", "饼干包装、装箱，长白班，包住", 18, 50, []),
        ("小区保洁员", "漳州市平和县", "350628", "350600", 2300, 2800, "month", "县城小区楼道保洁，白班", 18, 60, []),
    ]
    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title=t, employer_name="", location=loc, county_code=county, city_code=city, salary_min=lo,
                    salary_max=hi, salary_unit=unit, description=d, age_min=a0, age_max=a1, tags=tags, status="open")
            for t, loc, county, city, lo, hi, unit, d, a0, a1, tags in rows
        ])
        s.commit()


def test_a_mother_on_the_school_run_is_shown_work_in_school_hours_and_asked_hours_are_answered(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oSchool1"
    first = say(client, "孩子上学了 我白天有空 想在长汀找个活 早上送完孩子八点多 下午四点半要去接", openid=me)
    assert "电子线束加工" in first and "食堂帮厨" not in first  # a 5:30 start does not fit the school run
    say(client, "刘丽萍 34岁 女的 电话13605971288 建档立卡户 短信可以发", openid=me)
    again = say(client, "有没有孩子上学时间能干的 就在长汀", openid=me)
    assert "电子线束加工" in again and "登记成功" not in again  # a question, not the skills answer
    fits = say(client, "下午五点才下班 可我四点半要去接孩子 这样行不行", openid=me)
    assert "可按接送孩子的时间请假" in fits
    applied = say(client, "好 那我报这个", openid=me)
    assert "已记下您想报名【扶贫车间：电子线束加工】" in applied and "接着登记" in applied


def test_postings_named_by_place_or_work_and_compared_by_pay(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oCompare1"
    listed = say(client, "我叫曾秀兰 46岁 平和县的 电话15805963321 想进厂或者做保洁 平和或者漳州那边都行", openid=me)
    assert "小区保洁员" in listed and "食品厂包装工" in listed
    housing = say(client, "龙海那个包不包住", openid=me)
    assert "食品厂包装工" in housing and "包住" in housing
    both = say(client, "那两个哪个工资高 差多少", openid=me)
    assert "【食品厂包装工】工资高一些，每月大约多1700-2200元" in both


def test_a_posting_never_listed_is_found_by_its_name_and_compared_with_one_that_was(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oCompare2"
    say(client, "你好 我叫张志强 32岁 男的 大田县的 想去厦门进厂 要包住", openid=me)
    got = say(client, "鞋厂那个比电子厂那个多多少", openid=me)
    assert "鞋厂普工" in got and "起步一样，最高每月多1000元" in got
    where = say(client, "鞋厂那个是晋江的吧 包吃吗", openid=me)
    assert "鞋厂普工" in where and "泉州晋江" in where and "岗位写了包住，没写包不包吃" in where


def test_how_to_apply_is_said_beside_the_warning_about_deposits(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    got = say(client, "保洁那个咋报名 要先交押金吗", openid="oDeposit1")
    assert "已记下您想报名【小区保洁员】" in got and "不要交" in got


def _village_posts(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title="公益性岗位：生态护林员", employer_name="", location="南平市浦城县", county_code="350722",
                    city_code="350700", salary_min=1200, salary_max=1200, salary_unit="month",
                    description="巡山护林，限本县户籍建档立卡贫困人口，就近安排", age_min=18, age_max=65,
                    tags=["公益性岗位"], status="open"),
            Posting(title="扶贫车间：竹编工艺品编织", employer_name="", location="南平市政和县", county_code="350725",
                    city_code="350700", salary_min=1800, salary_max=3000, salary_unit="month",
                    description="竹篮、竹盒编织，计件，可领料回家做，会竹编优先", tags=["扶贫车间"], status="open"),
        ])
        s.commit()


def test_a_grandson_asks_work_for_his_grandmother_and_his_own_story_is_not_her_skill(client) -> None:  # type: ignore[no-untyped-def]
    _village_posts(client)
    me = "oGran1"
    first = say(client, "我帮我奶奶问问 她能找啥活", openid=me)
    assert "老人家的姓名" in first and "建档立卡贫困户吗" not in first  # work for her, not the benefits check
    say(client, "我奶奶叫林金花 62了 浦城县的 建档立卡户 电话就用我的13960152287", openid=me)
    aside = say(client, "我在福州打工 平时不在家 有事打这个电话找我就行", openid=me)
    assert "有事联系您" in aside and "老人家会什么" in aside
    wish = say(client, "她就在村里附近 走不远 轻活就行 短信发我手机就行", openid=me)
    assert "生态护林员" in wish and "同意发短信" in wish and "老人家会什么" in wish
    mine = say(client, "把我奶奶登记的信息念一下", openid=me)
    assert "林金花" in mine and "福州打工" not in mine


def test_a_trade_told_at_another_question_is_kept_and_brings_the_postings_asked_for(client) -> None:  # type: ignore[no-untyped-def]
    _village_posts(client)
    me = "oBamboo1"
    say(client, "我一条腿不好使 走路要拄拐 能干啥活啊", openid=me)
    say(client, "我叫魏国良 48岁 政和县的 建档立卡户 电话13950631207", openid=me)
    got = say(client, "以前编过竹篮 腿不行走不了山路 站不久 短信能发", openid=me)
    assert "竹编工艺品编织" in got and "同意发短信" in got and "您的性别" in got


def test_a_wrong_phone_said_with_its_last_digits_corrects_the_phone_not_the_age() -> None:
    from bot.flows.freetext import correction

    assert correction("刚才电话说错了 是13859012354 最后是54 不是45") == ("phone", "13859012354")
    assert correction("我妈是53不是52") == ("age", "53")


def test_southern_question_forms_are_questions() -> None:
    from bot.flows.reading import is_question

    assert is_question("安溪有无 偌济钱") and is_question("有冇工开") and not is_question("我会采茶")


def test_a_postings_season_requirements_and_whether_it_takes_a_pregnant_woman_are_answered(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add(Posting(title="蜜柚采摘装箱工（季节性）", employer_name="", location="漳州市平和县", county_code="350628",
                      city_code="350600", salary_min=150, salary_max=200, salary_unit="day",
                      description="9月至11月，蜜柚采摘、搬运装箱，日结，初中以上", age_min=18, age_max=60,
                      tags=["季节性"], status="open"))
        s.commit()
    me = "oSeason1"
    say(client, "我叫黄丽 38岁 女 平和县的 电话13859000111 想摘柚子", openid=me)
    until = say(client, "那摘蜜柚的能干到啥时候", openid=me)
    assert "9月至11月" in until
    needs = say(client, "那个蜜柚的报名有啥要求", openid=me)
    assert "初中以上" in needs and "已记下您想报名" not in needs
    baby = say(client, "我怀上了 那个蜜柚的收孕妇不", openid=me)
    assert "没有写孕妇能不能做" in baby


def test_a_day_rate_is_weighed_against_a_months_pay_in_plain_numbers(client) -> None:  # type: ignore[no-untyped-def]
    got = say(client, "一天一百五划算还是一个月三千划算", openid="oWeigh1")
    assert "约3900元" in got and "季节性" in got


def test_stopping_a_relatives_number_never_stops_ones_own(client) -> None:  # type: ignore[no-untyped-def]
    got = say(client, "我爸那个号别再发了 我这个号可要继续发", openid="oKeep1")
    assert "照常给您推送" in got and "已退订" not in got
    assert "已退订" in say(client, "别再给我发了", openid="oKeep2")


def test_a_trade_told_at_the_skills_question_brings_the_postings_for_it(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oTrade1"
    say(client, "你好 俺想登记找活 俺在长汀县", openid=me)
    say(client, "我叫林秀英 四十四岁 手机13859371246 短信可以发", openid=me)
    got = say(client, "以前在村部车间做过电子线束 想在家附近做", openid=me)
    assert "电子线束加工" in got and "接着登记" in got


def test_a_husbands_details_sent_mid_registration_never_overwrite_the_wifes(client) -> None:  # type: ignore[no-untyped-def]
    me = "oCouple1"
    say(client, "你好 俺想登记找活 俺在古田县", openid=me)
    say(client, "我叫林秀英 四十四岁 女 手机13859371246 短信可以发", openid=me)
    got = say(client, "我男人也要找活 他叫陈水生 四十七 能干力气活 手机13905932817 他说短信可以发", openid=me)
    assert "陈水生的信息这次没有记到您的登记里" in got and "帮我男人登记" in got
    mine = say(client, "把我登记的信息念一下", openid=me)
    assert "林秀英" in mine and "138****1246" in mine and "2817" not in mine


def test_postings_called_too_far_are_not_shown_again_as_the_nearer_ones(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFar1"
    say(client, "我叫罗永福 男 44岁 龙岩连城县的 建档立卡 电话15960412236 短信可以", openid=me)
    listed = say(client, "有啥活 我会洗菜切菜 力气活没问题", openid=me)
    assert "食堂帮厨" in listed  # 长汀, the next county
    again = say(client, "都太远了 我不会开车 也没车 每天得回家", openid=me)
    assert "暂时没有找到合适的岗位" in again and "食堂帮厨" not in again


def test_a_story_of_coming_home_that_ends_wanting_work_is_a_job_request(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oHome1"
    got = say(client, "你好啊 俺是长汀的 前些年一直在外头打工 后来就回老家了 现在腰好点了 想在家门口找个活干", openid=me)
    assert "收到，您现在在" not in got and "姓名" in got
    say(client, "俺叫黄土根 五十一 男 电话13960827315 短信能收 发吧", openid=me)
    listed = say(client, "腰不行了 重活干不了 最好是坐着干的 离家近就行", openid=me)
    assert "电子线束加工" in listed
    asked = say(client, "那个线束的 俺以前在厂里也干过一阵 后来厂子搬走了 就是不知道要不要站一整天 俺腰站久了也疼", openid=me)
    assert "没有写站着还是坐着干" in asked


def test_asking_how_one_will_hear_after_applying_is_not_a_second_application() -> None:
    from bot.flows.picks import APPLY

    assert not APPLY.search("报上了会发短信告诉我不") and APPLY.search("帮他报上") and APPLY.search("咋报名")
