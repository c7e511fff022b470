from core.text import char_ngrams, cn_to_int, normalize, pinyin_key, tokenize


def test_normalize_folds_width_traditional_and_spaces() -> None:
    assert normalize("貧困戶 找 工作　ＡＢＣ１２３") == "贫困户找工作ABC123"


def test_normalize_keeps_single_spaces_when_asked() -> None:
    assert normalize("a  b\n\tc", keep_space=True) == "a b c"


def test_normalize_handles_empty_and_control_characters() -> None:
    assert normalize(None) == ""
    assert normalize("\x00\x07abc\x1f") == "abc"


def test_tokenize_keeps_policy_terms_from_user_dictionary() -> None:
    words = tokenize("建档立卡贫困劳动力可以去公益性岗位吗")
    assert "建档立卡" in words
    assert "公益性岗位" in words


def test_char_ngrams_cover_runs() -> None:
    assert char_ngrams("养老保险", ns=(2,)) == ["养老", "老保", "保险"]


def test_cn_to_int_reads_the_way_people_write_pay_and_age() -> None:
    cases = {"六千": 6000, "一万": 10000, "一万二": 12000, "三千五": 3500, "四十五": 45, "3千": 3000, "7000": 7000}
    assert {k: cn_to_int(k) for k in cases} == cases
    assert cn_to_int("好多") is None


def test_pinyin_key_equates_sound_alike_typos() -> None:
    assert pinyin_key("保线") == pinyin_key("保险")


def test_wechat_emoji_names_are_dropped_unless_they_are_the_whole_message() -> None:
    from core.text import without_emoji_codes

    assert without_emoji_codes("[疑问]就业创业证有啥用[捂脸]").strip() == "就业创业证有啥用"
    assert without_emoji_codes("[抱拳][抱拳]") == "[抱拳][抱拳]"  # thanks, said only so
    assert without_emoji_codes("【就业帮扶】招工") == "【就业帮扶】招工"  # a notice's brackets stay


def test_chat_shorthand_beside_chinese_is_read_as_words() -> None:
    from core.text import expand_shorthand

    assert expand_shorthand("质检那个gz多少 包住不") == "质检那个工资多少 包住不"
    assert expand_shorthand("ok 3k左右就行 2k5也行") == "ok 3000左右就行 2500也行"
    assert expand_shorthand("会开C1 B2") == "会开C1 B2" and expand_shorthand("hello bt") == "hello bt"
