from core.numbers import numerals_to_digits, read_number, spoken_digits


def test_read_number_reads_amounts_and_ages_as_people_write_them() -> None:
    cases = {"两千": 2000, "二千": 2000, "一万": 10000, "三百五": 350, "一万二": 12000, "1.5万": 15000,
             "五十九": 59, "7000": 7000, "万": 10000}
    assert {k: read_number(k) for k in cases} == cases
    assert read_number("好多") is None


def test_numerals_become_digits_but_fixed_words_stay() -> None:
    assert numerals_to_digits("俺五十九了 想领两千块") == "俺59了 想领2000块"
    assert numerals_to_digits("快六十周岁了") == "快60周岁了"
    assert numerals_to_digits("代缴百分之五十") == "代缴50%"
    for fixed in ("三支一扶", "一次性求职创业补贴", "一条龙服务", "一对一帮扶", "万一不行", "两个娃"):
        assert numerals_to_digits(fixed) == fixed


def test_spoken_digits_reads_a_phone_number_said_by_voice() -> None:
    assert spoken_digits("手机号码是幺八九 零五九八 七六五四 短信可以发") == "手机号码是18905987654 短信可以发"
    assert spoken_digits("五十九岁") == "五十九岁"
