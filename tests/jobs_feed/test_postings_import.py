import csv
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from jobs_feed.importer import import_postings
from matching.models import Employer, Posting
from matching.service import open_postings, posting_to_record

# a deadline within the year ahead (a later one is refused as a typo; see test_postings_bounds)
SOON = (date.today() + timedelta(days=200)).isoformat()
HEADER = ["岗位名称", "单位名称", "工作地点", "薪资", "年龄要求", "性别要求", "招聘人数", "岗位描述", "截止日期", "标签"]


def _csv(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def test_chinese_header_postings_import_good_rows_and_report_bad(session_factory, tmp_path):
    rows = [
        ["采茶工", "浦城县茶叶合作社", "南平市浦城县", "150元/天", "18-55岁", "不限", "20人", "采茶、制茶", SOON, "扶贫车间"],
        ["缝纫工", "长乐制衣厂", "福州长乐", "4-6千/月", "45岁以下", "女", "若干人", "会平车", "", "计件|包住"],
        ["保安", "晋江保安公司", "上海松江", "3000以上", "", "男", "", "", "", ""],  # not in Fujian
        ["", "某厂", "浦城", "面议", "", "", "", "", "", ""],  # no title
        ["叉车工", "某物流", "福州市", "月薪看表现", "", "", "", "", "", ""],  # unreadable pay
    ]
    result = import_postings(session_factory, _csv(tmp_path / "岗位.csv", rows))
    assert (result.created, result.error_rows) == (2, 3)
    assert {(e[0], e[2]) for e in result.errors} == {(4, "location"), (5, "title"), (6, "salary")}
    with session_factory() as s:
        tea = s.scalar(select(Posting).where(Posting.title == "采茶工"))
        assert (tea.salary_min, tea.salary_unit, tea.age_max, tea.gender, tea.headcount) == (150, "day", 55, None, 20)
        assert tea.tags == ["扶贫车间"] and tea.county_code == "350722" and tea.employer.verified is False
        sew = s.scalar(select(Posting).where(Posting.title == "缝纫工"))
        assert (sew.county_code, sew.salary_min, sew.salary_max, sew.age_max, sew.gender) == (
            "350112", 4000, 6000, 45, "女")
        assert sew.tags == ["计件", "包住"] and sew.headcount is None


def test_reposted_duplicates_update_instead_of_adding(session_factory, tmp_path):
    rows = [["采茶工", "浦城县茶叶合作社", "浦城", "150元/天", "", "", "", "", "", ""]]
    import_postings(session_factory, _csv(tmp_path / "a.csv", rows))
    rows2 = [["采茶工人", "浦城县茶叶合作社", "南平市浦城县", "180元/天", "", "", "", "", "", ""],
             ["采茶工", "另一家合作社", "浦城", "150元/天", "", "", "", "", "", ""]]
    result = import_postings(session_factory, _csv(tmp_path / "b.csv", rows2))
    assert (result.created, result.updated) == (1, 1)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Posting)) == 2
        assert s.scalar(select(func.count()).select_from(Employer)) == 2
        first = s.scalar(select(Posting).where(Posting.employer_name == "浦城县茶叶合作社"))
        assert first.salary_min == 180


@pytest.mark.shared
def test_match_dev_jobs_round_trip(session_factory, shared_dir):
    path = shared_dir / "eval" / "match_dev" / "jobs.jsonl"
    result = import_postings(session_factory, path)
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert result.errors == [] and result.created == len(expected)
    with session_factory() as s:
        got = {r["id"]: r for r in map(posting_to_record, open_postings(s))}
    # every field of the file comes back as written (the record also carries the registry's own fields)
    assert {i: {k: got[i][k] for k in r} for i, r in ((r["id"], r) for r in expected)} == {r["id"]: r for r in expected}
    assert import_postings(session_factory, path).unchanged == len(expected)


def test_reimport_with_deadlines_is_unchanged_and_expired_rows_leave_open_postings(session_factory, tmp_path):
    from core.timeutil import utcnow
    from jobs_feed.service import expire_postings

    rows = [["采茶工", "浦城县茶叶合作社", "浦城", "150元/天", "", "", "", "", SOON, ""],
            ["挖笋工", "浦城县茶叶合作社", "浦城", "150元/天", "", "", "", "", "2020-01-31", ""]]
    import_postings(session_factory, _csv(tmp_path / "a.csv", rows))
    assert import_postings(session_factory, _csv(tmp_path / "a.csv", rows)).unchanged == 2
    with session_factory() as s:
        assert [p.title for p in open_postings(s)] == ["采茶工"]
        assert [p.title for p in open_postings(s, utcnow() + timedelta(days=365 * 80))] == []
        assert expire_postings(s) == 1
        s.commit()
        assert s.scalar(select(Posting).where(Posting.title == "挖笋工")).status == "expired"


def test_missing_location_is_read_from_the_description(session_factory, tmp_path):
    rows = [["采茶工", "合作社", "", "150元/天", "", "", "", "地点在南平浦城县富岭镇", "", ""],
            ["普工", "某厂", "", "4000元/月", "", "", "", "包吃住", "", ""]]
    result = import_postings(session_factory, _csv(tmp_path / "a.csv", rows))
    assert result.created == 1 and [(e[0], e[2]) for e in result.errors] == [(3, "location")]
    with session_factory() as s:
        row = s.scalar(select(Posting))
        assert (row.county_code, row.location) == ("350722", "南平市浦城县")
