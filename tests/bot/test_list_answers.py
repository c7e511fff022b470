"""Registration typed as a list of answers, and postings named by what they are (real app, XML, Redis):
"登记找活 黄秋菊 女 52 平和县…", "电话136…" at the skills question, "那个摘柚子的 一天给多少",
"工资最高那个", "修水管俺哪会啊 女的也能干？", the postings right after the work wanted is told."""

from __future__ import annotations

from tests.bot.conftest import say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    rows = [
        ("公益性岗位：乡村保洁员", 1200, 1200, "month", "村庄环境卫生保洁，就近安排", None, 65, ["公益性岗位"]),
        ("扶贫车间：玩具配件组装（居家）", 1500, 2600, "month", "领料回家组装塑料玩具配件，计件", 18, 60, ["扶贫车间"]),
        ("蜜柚采摘装箱工（季节性）", 150, 200, "day", "蜜柚采摘、搬运装箱，日结", 18, 58, ["季节性"]),
        ("农村饮水工程水管员", 1000, 1000, "month", "巡查村里自来水管，简单维修，会水电优先", 18, 60, ["公益性岗位"]),
    ]
    with client.app.state.sessionmaker() as s:
        s.add_all([
            Posting(title=t, employer_name="", location="漳州市平和县", county_code="350628", city_code="350600",
                    salary_min=lo, salary_max=hi, salary_unit=unit, description=d, age_min=a0, age_max=a1, tags=tags,
                    status="open")
            for t, lo, hi, unit, d, a0, a1, tags in rows
        ])
        s.commit()


def test_a_registration_typed_as_bare_answers_is_read_whole_and_the_rest_kept_as_the_wish(client) -> None:  # type: ignore[no-untyped-def]
    first = say(client, "登记找活 黄秋菊 女 52 平和县建档立卡户 电话13959678210 就在平和本地干 啥都行", openid="oBare1")
    assert "黄秋菊" in first and "女" in first and "52岁" in first and "平和县" in first
    assert "姓名" not in first and "多大年纪" not in first and "13959678210" not in first  # masked, not asked again
    other = say(client, "我要登记 陈火旺 男 五十七 古田县的 建档立卡", openid="oBare2")
    assert "陈火旺" in other and "男" in other and "57岁" in other


def test_a_phone_sent_at_the_skills_question_is_the_phone_not_a_skill_nor_a_call_for_staff(client) -> None:  # type: ignore[no-untyped-def]
    me = "oBare3"
    say(client, "我想登记一下 王春兰 女的 48岁 古田县", openid=me)
    got = say(client, "电话13600452718", openid=me)
    assert "136****2718" in got and "您会什么" in got and "工作人员" not in got
    assert "您会什么" in say(client, "嗯 可以", openid=me)  # a nod answers no "what can you do"
    bye = say(client, "不用了 今天先看到这 谢谢啊", openid=me)
    assert "不客气" in bye and "登记" in bye and "退订" not in bye


def test_a_posting_named_by_its_work_or_its_pay_is_the_one_shown(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oDesc1"
    say(client, "登记找活 黄秋菊 女 52 平和县建档立卡户 电话13959678210", openid=me)
    listed = say(client, "有啥活", openid=me)
    assert "蜜柚采摘装箱工" in listed and "接着登记" in listed  # a bare request: the place is known
    pomelo = say(client, "那个摘柚子的 一天给多少", openid=me)
    assert "蜜柚采摘装箱工" in pomelo and "150-200元/天" in pomelo and "您会什么" in pomelo
    home = say(client, "在家做的那个呢 要啥条件", openid=me)
    assert "玩具配件组装" in home and "18-60岁" in home
    top = say(client, "工资最高那个 几点上班", openid=me)
    assert "蜜柚采摘装箱工" in top and "没有写上班时间" in top  # 200元/天 tops 2600元/月
    pipes = say(client, "修水管俺哪会啊 女的也能干？", openid=me)
    assert "水管员" in pipes and "男女不限" in pipes


def test_the_work_wanted_told_mid_registration_brings_postings_at_once(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oWish1"
    first = say(client, "帮我爸登记一下 他叫林水生 今年六十一 男的 平和县的 我是他闺女", openid=me)
    assert "林水生，男，61岁" in first  # the father registered, not the daughter writing
    said = say(client, "他就想在村里附近 扫扫地 出不了远门", openid=me)
    assert "乡村保洁员" in said and "接着登记" in said
    asked = say(client, "他这岁数人家要不要 一天干几个钟头", openid=me)
    assert "工作人员会尽快联系" not in asked and "手机号" in asked  # a question, not a call for staff


def test_only_answers_tells_a_list_of_answers_from_a_message_that_asks_something() -> None:
    from bot.flows.told import leftover, only_answers

    assert only_answers("电话13600452718", {}) == {"phone": "13600452718"}
    assert only_answers("女 45 平和县的", {}) == {"county": "350628", "gender": "女", "age": 45}
    assert only_answers("我的电话13600452718 有活打给我", {}) is None  # a request rides along
    assert only_answers("有啥活", {}) is None
    said = "我想登记一下 王春兰 女的 48岁 古田县 要照顾婆婆 只能在家做点手工"
    assert leftover(said, {"name": "王春兰"}) == "要照顾婆婆 只能在家做点手工"


def test_a_registration_complete_in_one_message_is_saved_and_the_next_ask_is_not_the_name(client) -> None:  # type: ignore[no-untyped-def]
    me = "oWhole1"
    first = say(client, "登记一下 罗永福 男 45 长汀县河田镇 建档立卡 13606905528 会开三轮 做过烤烟 想在长汀做 三千以上 短信可以",
                openid=me)
    assert "登记成功" in first and "罗永福" in first and "136****5528" in first
    assert "姓名" not in say(client, "有啥活", openid=me)
