"""``jiuye import trainings``: Chinese headers, bad rows reported in Chinese, re-import updates by id."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from datetime import date

from openpyxl import Workbook
from sqlalchemy import select

from jobs_feed.training.importer import import_trainings
from jobs_feed.training.models import TrainingCourse

HEADER = ["编号", "培训机构", "培训工种", "培训名称", "培训地点", "开班日期", "结业日期", "名额", "是否免费", "补贴标准", "报名截止"]


def _csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_import_good_and_bad_rows_reports_the_bad_in_chinese(session_factory, db, tmp_path):
    path = _csv(tmp_path / "courses.csv", [
        ["T1", "浦城县职业技术学校", "电工", "", "浦城", "2027-12-10", "2027-12-30", "40人", "免费", "", "2027-12-05"],
        ["T2", "建瓯市家政培训中心", "育婴员", "育婴员（初级）培训班", "南平市建瓯市", "2027年11月3日", "", "30", "补贴",
         "结业后按规定申领职业培训补贴", ""],
        ["T3", "某培训学校", "中式烹调", "", "普城", "2027-12-10", "", "", "免费", "", ""],  # misspelt county
        ["T4", "", "电工", "", "浦城", "2027-13-01", "", "abc", "免费", "", ""],  # no provider, bad date, bad seats
        ["T5", "某培训学校", "焊工", "", "浦城", "2027-12-10", "2027-12-01", "", "", "", ""],  # ends before start, no cost
    ])
    result = import_trainings(session_factory, path)
    assert (result.created, result.error_rows) == (2, 3)
    rows = {c.external_id: c for c in db.scalars(select(TrainingCourse))}
    t1, t2 = rows["T1"], rows["T2"]
    assert (t1.trade, t1.title, t1.county_code, t1.starts_on, t1.seats, t1.cost, t1.apply_by, t1.status) == (
        "电工", "电工培训班", "350722", date(2027, 12, 10), 40, "free", date(2027, 12, 5), "open")
    assert t2.cost == "subsidised" and t2.county_code == "350783" and t2.subsidy.startswith("结业后")
    errors = {(e[0], e[2]): e[3] for e in result.errors}
    assert "浦城县" in errors[(4, "location")]  # the suggestion for 普城
    assert errors[(5, "provider")] == "培训机构不能为空"
    assert "开班日期" in errors[(5, "starts_on")] and errors[(5, "seats")] == "名额应为整数"
    assert errors[(6, "ends_on")] == "结业日期不能早于开班日期" and "是否免费" in errors[(6, "cost")]
    assert {e[1] for e in result.errors if e[0] == 4} == {"中式烹调培训班"}  # rows without a title are named by trade


def test_reimport_updates_by_external_id(session_factory, db, tmp_path):
    first = _csv(tmp_path / "a.csv", [["T1", "浦城县职业技术学校", "电工", "", "浦城", "2027-12-10", "", "40", "免费", "", ""]])
    assert import_trainings(session_factory, first).created == 1
    again = import_trainings(session_factory, first)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    moved = _csv(tmp_path / "b.csv", [["T1", "浦城县职业技术学校", "电工", "", "浦城", "2027-12-17", "", "40", "免费", "", ""]])
    result = import_trainings(session_factory, moved)
    assert (result.created, result.updated) == (0, 1)
    (row,) = db.scalars(select(TrainingCourse)).all()
    assert row.starts_on == date(2027, 12, 17)


def test_import_xlsx_with_alternative_headers_and_a_full_course(session_factory, db, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["编号", "培训机构", "培训专业", "培训地点", "开班日期", "招生人数", "已报名人数", "培训费用", "补贴标准"])
    ws.append(["X1", "光泽县人社局", "茶叶加工", "光泽县", date(2027, 10, 8), 20, 20, "", "每人补贴1200元"])
    path = tmp_path / "c.xlsx"
    wb.save(path)
    result = import_trainings(session_factory, path)
    assert result.created == 1, result.errors
    row = db.scalars(select(TrainingCourse)).one()
    assert (row.trade, row.cost, row.status, row.starts_on) == ("茶叶加工", "subsidised", "full", date(2027, 10, 8))


def test_import_cli_writes_the_error_report(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env.update(JIUYE_DATA_DIR=str(tmp_path / "var"), JIUYE_LOG_LEVEL="WARNING")
    path = _csv(tmp_path / "d.csv", [["T1", "浦城县职业技术学校", "电工", "", "浦城", "2027-12-10", "", "", "免费", "", ""],
                                     ["T2", "某学校", "电工", "", "上海", "2027-12-10", "", "", "免费", "", ""]])
    res = subprocess.run([sys.executable, "-c", "from service.cli import main; main()", "import", "trainings", str(path)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert "新增 1" in res.stdout and "有问题 1 行" in res.stdout
    reports = list((tmp_path / "var" / "import_reports").glob("trainings-*-errors.csv"))
    assert len(reports) == 1 and "培训地点" in reports[0].read_text(encoding="utf-8-sig")
