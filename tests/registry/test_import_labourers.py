import csv
import json
import logging

import pytest
from sqlalchemy import func, select

from core.tabular import LABOURER_HEADERS, read_rows
from matching.importer import import_labourers, write_report
from matching.models import Labourer, LabourerStatusChange
from matching.service import labourer_to_record, seeking_labourers, upsert_labourer
from tests.registry.helpers import bad_check, id_number

HEADER = ["编号", "姓名", "性别", "年龄", "身份证号码", "联系电话", "户籍所在地", "乡镇", "村", "技能特长", "就业意愿",
          "是否建档立卡", "就业状态", "是否同意短信"]
ID_A = id_number("350722", "19850312", "123")  # 男
ID_B = id_number("350723", "19900101", "224")  # 女


def _good(i: int) -> list:
    return [f"X{i:03d}", f"测试{chr(0x4e00 + i)}", "男", 30 + i % 20, "", f"139{i:08d}", "南平市浦城县", "南浦街道",
            "", "会开车", "县城附近", "是", "求职", "是"]


def _write_csv(path, rows, encoding="utf-8-sig"):
    with path.open("w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def _count(session_factory) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Labourer))


def test_mixed_file_imports_every_good_row_and_reports_every_bad_one(session_factory, tmp_path):
    rows = [
        ["A1", "陈建华", "男", 41, ID_A, "13800002000", "南平浦城", "", "", "泥水工", "", "是", "求职", "是"],
        ["A2", "刘丽华", "女", "", ID_B, "138 0000 2001", "光泽", "", "", "缝纫", "", "是", "已就业", "否"],
        ["A3", "罗文斌", "男", 12, "", "13800002002", "浦城", "", "", "", "", "是", "求职", "是"],  # too young
        ["A4", "方清泉", "男", 40, bad_check(ID_A), "13800002003", "浦城", "", "", "", "", "是", "求职", "是"],
        ["A5", "曾淑芬", "女", 49, "", "12345", "普城", "", "", "", "", "是", "求职", "是"],  # phone + county
        ["A6", "", "女", 49, "", "13800002005", "浦城", "", "", "", "", "是", "求职", "是"],  # no name
        ["A7", "刘宏伟", "男", 44, "", "13800002006", "浦城", "", "", "", "", "是", "求职", "是"],
    ]
    path = _write_csv(tmp_path / "名单.csv", rows)
    result = import_labourers(session_factory, path)
    assert (result.created, result.error_rows) == (3, 4)
    assert {e[0] for e in result.errors} == {4, 5, 6, 7}  # Excel row numbers (header is row 1)
    assert {(e[0], e[2]) for e in result.errors} >= {(4, "age"), (5, "id_number"), (6, "phone"), (6, "county"),
                                                   (7, "name")}
    report = write_report(result, tmp_path / "errors.csv")
    lines = list(csv.reader(report.open(encoding="utf-8-sig")))
    assert lines[0] == ["行号", "姓名/岗位", "字段", "原因"] and len(lines) == 1 + len(result.errors)
    with session_factory() as s:
        liu = s.scalar(select(Labourer).where(Labourer.external_id == "A2"))
        assert liu.status == "employed" and liu.phone == "13800002001" and liu.county_code == "350723"
        assert liu.sms_consent is False and liu.id_number == ID_B


def test_reimport_updates_people_and_records_status_changes(session_factory, tmp_path):
    rows = [_good(i) for i in range(5)]
    import_labourers(session_factory, _write_csv(tmp_path / "a.csv", rows))
    with session_factory() as s, s.begin():
        for lab in s.scalars(select(Labourer)):
            lab.profile = {"skills": ["驾驶"]}  # as the matcher would store it
    rows[0][12] = "已就业"
    rows[1][9] = "会开叉车"
    again = import_labourers(session_factory, _write_csv(tmp_path / "b.csv", rows))
    assert (again.created, again.updated, again.unchanged) == (0, 2, 3)
    assert _count(session_factory) == 5
    with session_factory() as s:
        first = s.scalar(select(Labourer).where(Labourer.external_id == "X000"))
        assert [(h.old_status, h.new_status) for h in first.history] == [(None, "seeking"), ("seeking", "employed")]
        assert len(seeking_labourers(s)) == 4
        second = s.scalar(select(Labourer).where(Labourer.external_id == "X001"))
        # the stale profile gives way to a parse of the new text
        assert second.skills == "会开叉车" and second.profile["done"] == {"forklift": "叉车"}
        assert second.profile["source"] == "parsed"
        assert first.profile == {"skills": ["驾驶"]}  # skills unchanged: the correction stands


def test_other_file_without_ids_matches_by_id_number_phone_or_fuzzy_name(session_factory, tmp_path):
    with session_factory() as s, s.begin():
        upsert_labourer(s, {"name": "陈建华", "gender": "男", "id_number": ID_A, "birth_year": 1985,
                            "county_code": "350722"})
        upsert_labourer(s, {"name": "刘丽华", "gender": "女", "phone": "13800002001", "birth_year": 1990,
                            "county_code": "350723"})
        upsert_labourer(s, {"name": "欧阳秋香", "gender": "女", "birth_year": 1970, "county_code": "350722"})
    other = [
        ["", "陈建华", "男", "", ID_A, "", "浦城", "", "", "", "", "", "", ""],
        ["", "刘丽华", "女", 36, "", "13800002001", "光泽", "", "", "", "", "", "", ""],
        ["", "欧阳秋芗", "女", 56, "", "", "浦城", "", "", "", "", "", "", ""],  # one character misspelt
        ["", "刘丽", "女", 30, "", "13800002001", "光泽", "", "", "", "", "", "", ""],  # family phone, other person
    ]
    result = import_labourers(session_factory, _write_csv(tmp_path / "other.csv", other))
    assert result.errors == []
    assert (result.created, result.updated + result.unchanged) == (1, 3)
    assert _count(session_factory) == 4


def test_crash_midway_keeps_committed_batches_and_rerun_does_not_duplicate(session_factory, tmp_path):
    path = _write_csv(tmp_path / "big.csv", [_good(i) for i in range(25)])
    rows = list(read_rows(path, LABOURER_HEADERS))

    def crashing():
        for row in rows:
            if row.number == 2 + 17:  # the 18th person: after two committed batches of 8
                raise RuntimeError("power cut")
            yield row

    with pytest.raises(RuntimeError):
        import_labourers(session_factory, path, rows=crashing(), batch_size=8)
    assert _count(session_factory) == 16
    result = import_labourers(session_factory, path, batch_size=8)
    assert (result.created, result.unchanged) == (9, 16)
    assert _count(session_factory) == 25


def test_dry_run_writes_nothing(session_factory, tmp_path):
    result = import_labourers(session_factory, _write_csv(tmp_path / "a.csv", [_good(1), _good(2)]), dry_run=True)
    assert result.valid == 2 and _count(session_factory) == 0


def test_gbk_csv_and_xlsx_with_chinese_headers(session_factory, tmp_path):
    from openpyxl import Workbook

    gbk = _write_csv(tmp_path / "gbk.csv", [_good(1)], encoding="gbk")
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生日期", "身份证号", "手机号", "户籍地", "技能特长", "就业意愿"])
    ws.append(["陈建华", "男", None, ID_A, 13800002000, "南平市浦城县", "泥水工", "本地"])
    ws.append([None] * 8)  # blank rows are skipped
    ws.append(["刘丽华", "女", "1990-01-01", None, 13800002001, "光泽县", "", ""])
    wb.save(tmp_path / "名单.xlsx")
    assert import_labourers(session_factory, gbk).created == 1
    result = import_labourers(session_factory, tmp_path / "名单.xlsx")
    assert (result.created, result.errors) == (2, [])
    with session_factory() as s:
        chen = s.scalar(select(Labourer).where(Labourer.id_number == ID_A))
        assert chen.phone == "13800002000" and chen.birth_year == 1985  # no float artefacts from Excel


def test_logs_never_show_phone_or_id_numbers(session_factory, tmp_path, caplog):
    from core.logging import MaskingFilter

    rows = [["Z1", "陈建华", "男", 41, ID_A, "13800002000", "浦城", "", "", "", "", "是", "求职", "是"],
            ["Z2", "刘丽华", "女", 41, bad_check(ID_B), "13800002001", "浦城", "", "", "", "", "是", "求职", "是"]]
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.DEBUG):
        result = import_labourers(session_factory, _write_csv(tmp_path / "p.csv", rows))
    assert result.created == 1
    text = caplog.text + "".join(r.getMessage() for r in caplog.records)
    for secret in ("13800002000", "13800002001", ID_A, bad_check(ID_B)):
        assert secret not in text
    # nor in the error report
    report = write_report(result, tmp_path / "e.csv")
    assert bad_check(ID_B) not in report.read_text(encoding="utf-8-sig")


@pytest.mark.shared
def test_match_dev_jsonl_round_trips_to_the_same_records(session_factory, shared_dir):
    path = shared_dir / "eval" / "match_dev" / "labourers.jsonl"
    result = import_labourers(session_factory, path)
    assert result.errors == [] and result.created == result.total
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with session_factory() as s:
        got = {r["id"]: r for r in map(labourer_to_record, s.scalars(select(Labourer)))}
    extra = ("current_county_code", "profile")  # the registry's own fields, beyond the file's
    assert {k: {f: v for f, v in r.items() if f not in extra} for k, r in got.items()} == {r["id"]: r for r in expected}
    assert import_labourers(session_factory, path).unchanged == len(expected)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LabourerStatusChange)) == len(expected)


def test_namesakes_with_different_phones_stay_two_people(session_factory, tmp_path):
    rows = [["", "陈建华", "男", 41, "", "13800002000", "浦城", "", "", "", "", "是", "求职", "是"],
            ["", "陈建华", "男", 40, "", "13900003000", "浦城", "", "", "", "", "是", "已就业", "是"]]
    path = _write_csv(tmp_path / "a.csv", rows)
    assert import_labourers(session_factory, path).created == 2
    again = import_labourers(session_factory, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_sheet_without_a_name_column_is_refused_as_a_whole(session_factory, tmp_path):
    from core.errors import InvalidInput

    path = tmp_path / "x.csv"
    path.write_text("名字啊,性别\n陈建华,男\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_labourers(session_factory, path)
    assert "缺少必需的列：姓名" in info.value.message_zh


def test_id_number_saved_as_an_excel_number_gets_a_specific_reason(session_factory, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "性别", "年龄", "身份证号", "户籍地"])
    wb.active.append(["陈建华", "男", 41, int(ID_A[:17] + "0") if ID_A[17] == "X" else int(ID_A), "浦城"])
    wb.save(tmp_path / "a.xlsx")
    result = import_labourers(session_factory, tmp_path / "a.xlsx")
    assert result.created == 0 and "存成了数字" in result.errors[0][3]


def test_a_roster_with_title_rows_above_the_header_imports(session_factory, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["浦城县2026年建档立卡贫困劳动力花名册"])  # the usual title, merged across the sheet
    ws.append(["填报单位：南浦街道", None, None, "填报日期：2026-12-01"])
    ws.append([None] * 6)
    ws.append(["序号", "姓名", "性别", "年龄", "户籍地", "就业状态"])
    ws.append([1, "陈建华", "男", 41, "南平市浦城县", "外出务工"])
    ws.append([2, "刘丽华", "女", 36, "南平市浦城县", "求职"])
    wb.save(tmp_path / "花名册.xlsx")
    result = import_labourers(session_factory, tmp_path / "花名册.xlsx")
    assert (result.created, result.errors) == (2, [])
    with session_factory() as s:
        chen = s.scalar(select(Labourer).where(Labourer.name == "陈建华"))
        assert chen.status == "employed"  # 外出务工: working away is working


def test_a_sheet_with_no_header_in_its_first_rows_names_the_likeliest_row(session_factory, tmp_path):
    from core.errors import InvalidInput

    path = tmp_path / "x.csv"
    path.write_text("花名册\n名字啊,性别,年龄\n陈建华,男,41\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        import_labourers(session_factory, path)
    assert "第 2 行" in info.value.message_zh and "缺少必需的列：姓名" in info.value.message_zh


def test_a_wrong_id_number_is_one_error_not_three(session_factory, tmp_path):
    bad_id = ID_A[:-1] + ("0" if ID_A[-1] != "0" else "1")
    path = _write_csv(tmp_path / "x.csv", [["A9", "陈建华", "", "", bad_id, "13800002000", "南平市浦城县", "", "", "",
                                           "", "是", "求职", "是"]])
    result = import_labourers(session_factory, path)
    assert [e[2] for e in result.errors] == ["id_number"]  # not also "性别不能为空" and "年龄…至少填一项"


def test_a_shorter_skills_text_on_reimport_keeps_the_detailed_one(session_factory, tmp_path):
    row = _good(7)
    row[9] = "电焊、开叉车，做过五年装修"
    import_labourers(session_factory, _write_csv(tmp_path / "a.csv", [row]))
    row[9] = "电焊"
    import_labourers(session_factory, _write_csv(tmp_path / "b.csv", [row]))
    row2 = list(row)
    with session_factory() as s:
        assert s.scalar(select(Labourer.skills).where(Labourer.external_id == row[0])) == "电焊、开叉车，做过五年装修"
    row2[9] = "厨师"  # something else is a real change
    import_labourers(session_factory, _write_csv(tmp_path / "c.csv", [row2]))
    with session_factory() as s:
        assert s.scalar(select(Labourer.skills).where(Labourer.external_id == row[0])) == "厨师"
