from datetime import date

import pytest

from matching.importer import RowError, clean_id_number, clean_phone, id_checksum_ok, validate_labourer
from tests.registry.helpers import bad_check, id_number

TODAY = date(2026, 11, 22)


def test_id_checksum_accepts_valid_and_rejects_wrong_check_character():
    good = id_number()
    assert id_checksum_ok(good)
    assert not id_checksum_ok(bad_check(good))
    assert id_checksum_ok("11010519491231002X")  # the standard's worked example
    with pytest.raises(RowError, match="校验位"):
        clean_id_number(bad_check(good))
    with pytest.raises(RowError, match="18位"):
        clean_id_number("35072219850312")


def test_id_number_lower_x_and_fullwidth_digits_are_normalised():
    assert clean_id_number("11010519491231002x") == "11010519491231002X"
    assert clean_id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"


def test_phone_accepts_spaced_and_prefixed_mobile_numbers():
    assert clean_phone("138 0000 2000") == "13800002000"
    assert clean_phone("+86 138-0000-2000") == "13800002000"
    with pytest.raises(RowError):
        clean_phone("0599-2834567")  # a landline is no use for SMS


def test_validate_derives_birth_gender_and_county_from_id_number():
    person, errors = validate_labourer({"name": "张三", "id_number": id_number("350722", "19850312", "123")}, TODAY)
    assert errors == []
    assert person["gender"] == "男" and person["birth_date"] == date(1985, 3, 12)
    assert person["county_code"] == "350722"  # 浦城县, from the ID number's region


def test_validate_reports_every_problem_of_a_row_in_chinese():
    _person, errors = validate_labourer(
        {"name": "李", "gender": "未知", "age": "12", "phone": "1391234", "county": "普城", "status": "随便"}, TODAY
    )
    fields = {e.field for e in errors}
    assert fields == {"name", "gender", "age", "phone", "county", "status"}
    county = next(e for e in errors if e.field == "county")
    assert "浦城县" in county.message_zh  # a suggestion for the misspelt county


def test_validate_flags_gender_that_contradicts_id_number():
    female_id = id_number(seq="124")
    _p, errors = validate_labourer({"name": "王芳", "gender": "男", "id_number": female_id, "county": "浦城"}, TODAY)
    assert [e.field for e in errors] == ["gender"]


def test_validate_accepts_chinese_status_and_yes_no_words():
    person, errors = validate_labourer(
        {"name": "陈建华", "gender": "男", "birth_date": "1985年3月", "county": "南平市浦城县", "status": "已就业",
         "poverty_registered": "是", "sms_consent": "否"}, TODAY)
    assert errors == []
    assert person["status"] == "employed" and person["poverty_registered"] is True
    assert person["sms_consent"] is False and person["birth_year"] == 1985


def test_validate_rejects_a_city_without_county():
    _p, errors = validate_labourer({"name": "陈建华", "gender": "男", "age": 40, "county": "南平市"}, TODAY)
    assert [e.field for e in errors] == ["county"] and "县" in errors[0].message_zh
