"""What blind conversation set 19 found (written by someone who never saw the code): pinyin typing, ID and
bank-card numbers typed in, postings weighed by pay and distance, "too far" from a registered person, a
changed wish that is no move, a policy asked beside an open posting, picks counted from the end, and
whole registrations that tell the trade and the pay."""

from __future__ import annotations

from tests.bot.conftest import add_postings, say


def _postings(client) -> None:  # type: ignore[no-untyped-def]
    rows = [  # title, place, county, city, pay, text, ages
        ("香菇种植工", "南平市松溪县", "350724", "350700", 3500, 4200, "菌棒管理，有种植经验优先", 18, 60),
        ("公益性岗位：生态护林员", "南平市浦城县", "350722", "350700", 1200, 1200, "巡山护林，限本县建档立卡贫困人口", 18, 60),
        ("电子厂装配工", "莆田市涵江区", "350303", "350300", 4200, 5200, "流水线装配，包住", 18, 45),
        ("叉车司机", "厦门市海沧区", "350205", "350200", 6000, 7500, "仓库叉车作业，须持叉车证", 20, 50),
        ("叉车工", "三明市永安市", "350481", "350400", 5000, 6000, "钢材仓库装卸，须持有效叉车证", 18, 55),
        ("育婴员", "福州市晋安区", "350111", "350100", 6000, 8000, "白天照顾1岁半宝宝，会带孩子即可", 28, 55),
        ("住家育儿嫂", "福州市台江区", "350103", "350100", 6000, 8000, "照顾一岁宝宝，住家，包吃住", 28, 55),
        ("住家保姆", "福州市鼓楼区", "350102", "350100", 5500, 7000, "照顾老人、做饭，住家", 35, 58),
    ]
    add_postings(client, rows)


def test_pinyin_typing_is_read_as_the_words_it_spells() -> None:
    from core.pinyin_input import from_pinyin

    assert from_pinyin("xuefei要交吗 家里没钱") == "学费要交吗 家里没钱"
    assert from_pinyin("dianhua 15959871234 duanxin可以发") == "电话 15959871234 短信可以发"
    assert from_pinyin("ok 帮我找个job") == "ok 帮我找个job"  # not pinyin: left as typed
    assert from_pinyin("帮我写个英语作文 my hometown is nice") == "帮我写个英语作文 my hometown is nice"


def test_a_question_typed_in_pinyin_is_answered(client) -> None:  # type: ignore[no-untyped-def]
    reply = say(client, "我是建档立卡户 娃想读技校 xuefei要交吗", openid="oPinyin1")
    assert "免学费" in reply or "减免" in reply


def test_an_id_number_typed_in_gives_age_gender_county_and_is_neither_kept_nor_repeated(client) -> None:  # type: ignore[no-untyped-def]
    me = "oIdCard1"
    first = say(client, "身份证拍给你了 看不到是吧 那我打字 苏金花 350424197003152048", openid=me)
    assert "350424197003152048" not in first and "2048" not in first
    assert "身份证号不用发" in first and "宁化县" in first and "苏金花" in first
    assert "那我打字" not in first  # talk about the chat is no skill
    card = say(client, "补贴是不是打到卡上 我把银行卡号发你 6217 0016 5000 3398 127", openid=me)
    assert "3398" not in card and "银行卡号" in card
    record = say(client, "你们都记了我啥", openid=me)
    assert "苏金花" in record and "2048" not in record


def test_the_best_paid_and_the_nearest_of_a_list_are_named(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oBest1"
    listed = say(client, "我叫邱文斌 男 26岁 三明沙县的 有叉车证 想找开叉车的活 电话15959871234 短信可以", openid=me)
    assert "叉车司机" in listed and "叉车工" in listed
    best = say(client, "哪个钱最多 哪个离沙县最近", openid=me)
    assert "工资最高的是【叉车司机】" in best and "离沙县最近的是【叉车工】" in best
    near = say(client, "近的那个包住不", openid=me)
    assert "叉车工" in near and "叉车司机" not in near


def test_a_whole_registration_keeps_the_trade_and_the_pay_so_a_low_paid_welfare_post_does_not_lead(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    reply = say(client, "我叫徐春生 男的 浦城的 今年五十五 建档立卡户 以前种香菇 也会砍毛竹 想在南平这边找个活 "
                        "一个月三千以上 电话13859912345 短信可以", openid="oWhole1")
    assert "登记成功" in reply and "1 香菇种植工" in reply and "护林员" not in reply


def test_day_work_and_home_every_night_rule_out_live_in_posts(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oDay1"
    say(client, "我四十五岁 女的 住闽侯 厝里有老人要顾 想在福州找个白天的工 晚上要回家睡", openid=me)
    reply = say(client, "我叫林玉珠 建档立卡的 电话13600851234 发短信可以 会带孩子 煮饭", openid=me)
    assert "育婴员" in reply and "住家" not in reply
    again = say(client, "有什么工 给我看看", openid=me)
    assert "住家" not in again


def test_too_far_from_a_registered_person_looks_near_home_and_says_so_when_nothing_is_there(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oFar1"
    listed = say(client, "你好 我叫郑丽娟 女 33岁 莆田仙游的 以前在鞋厂做过针车 想在莆田找个厂上班 电话15080321234 短信可以 "
                         "我家是建档立卡户", openid=me)
    assert "电子厂装配工" in listed
    far = say(client, "算了 不去了 涵江太远 孩子在仙游读书要接送", openid=me)
    assert "仙游县附近暂时没有" in far and "电子厂装配工" not in far
    changed = say(client, "想找的活改一下 不要厂里的 改成在仙游做家政或者带小孩 白天的", openid=me)
    assert "已改为" in changed and "您现在在" not in changed  # a new wish, not a move


def test_a_policy_asked_beside_an_open_posting_is_answered_from_the_documents(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    me = "oAside1"
    say(client, "我四十五岁 女的 闽侯的 会带孩子 想在福州找活", openid=me)
    say(client, "1", openid=me)
    reply = say(client, "对了 我家公公还没脱贫 养老保险那个 政府是不是帮交一部分", openid=me)
    assert "50%" in reply and "岗位信息里没有写" not in reply


def test_picks_counted_from_the_end() -> None:
    from bot.flows.picks import pick_number

    assert pick_number("倒数第二个是做啥的", 4) == 3
    assert pick_number("倒数第一个", 3) == 3
    assert pick_number("倒数第三个", 2) == 0  # too few: said so, not another posting


def test_names_and_gender_in_dialect_and_requests_that_are_no_names() -> None:
    from bot.flows.fields import read_fields

    assert read_fields("问名创啥 阮叫陈土生啦 查埔人") == {"name": "陈土生", "gender": "男"}
    assert "name" not in read_fields("短信免发 叫人拍电话乎阮就好 13959623456")
    assert read_fields("短信免发 叫人拍电话乎阮就好 13959623456")["sms_ok"] is False
    assert read_fields("涯姓赖 赖桂香 建档立卡个")["name"] == "赖桂香"
    assert read_fields("涯係长汀的 屋下老公瘫了要照顾")["gender"] == "女"
    assert "phone" not in read_fields("卡号6217001650003398127")  # digits inside a card are no phone


def test_a_posting_named_in_a_question_the_documents_do_not_answer_is_shown(client) -> None:  # type: ignore[no-untyped-def]
    _postings(client)
    reply = say(client, "村里有人想当护林员 护林员一个月多少钱 文件里有写吗", openid="oRanger1")
    assert "生态护林员" in reply and "1200" in reply and "没有找到答案" not in reply


def test_a_policy_question_at_the_skills_question_is_answered_not_recorded_as_a_trade(client) -> None:  # type: ignore[no-untyped-def]
    me = "oIll1"
    say(client, "我要登记", openid=me)
    say(client, "邱水生 五十四 男 宁化的 建档立卡户 电话13596082715", openid=me)
    reply = say(client, "我这个病 算大病 国家有冇啥子政策照顾 住院花了好几万", openid=me)
    assert "记下了：会" not in reply and "接着登记" in reply


def test_starting_registration_over_forgets_what_was_typed(client) -> None:  # type: ignore[no-untyped-def]
    me = "oOver1"
    say(client, "我要登记", openid=me)
    say(client, "阿芬 女 54 涵江的", openid=me)
    again = say(client, "歹势 刚才都是乱填的 我想全部重新填 能不能全删了重来", openid=me)
    assert "重新开始登记" in again and "姓名" in again
    said = say(client, "林淑芬 女 44 荔城的 电话15305948617", openid=me)
    assert "阿芬" not in said and "54" not in said


def test_a_refusal_with_sha_is_no_question() -> None:
    from bot.flows.reading import is_question

    assert not is_question("那我先问问村里 你们先别给我发啥了 等我问好了再说")
    assert is_question("啥时候发")
