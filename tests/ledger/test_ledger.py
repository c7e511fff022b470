"""政策落实到人 over the registry: facts from imports, entitlement states, the 311 year, gaps per county."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from core.errors import JiuyeError
from core.timeutil import CHINA
from jobs_feed.ledger import service as ledger
from jobs_feed.push.models import Push
from matching.importer import import_labourers
from matching.models import Labourer, Posting
from matching.service import labourer_by_external_id
from tests.registry.test_cli import _jiuye

TODAY = date(2026, 11, 22)
HEAD = ["编号", "姓名", "性别", "年龄", "户籍所在地", "就业状态", "是否低保", "是否已脱贫", "养老保险",
        "毕业院校类别", "毕业年份", "毕业后是否就业", "培训意愿"]


def _sheet(path: Path, rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEAD, *rows])
    return path


def _graduate_row(**over):  # type: ignore[no-untyped-def]
    row = dict(zip(HEAD, ["L1", "林小明", "男", 22, "浦城县", "求职", "否", "否", "城乡居民养老保险",
                          "大专", 2026, "否", "否"], strict=True))
    row.update(over)
    return [row[h] for h in HEAD]


def test_import_reads_eligibility_columns_and_blank_cells_keep_known_facts(session_factory, tmp_path):
    import_labourers(session_factory, _sheet(tmp_path / "a.csv", [_graduate_row()]))
    with session_factory() as s:
        facts = labourer_by_external_id(s, "L1").facts
    assert facts["dibao"] is False and facts["pension"] == "urban_rural"
    assert facts["graduate"] == {"school": "全日制普通高校", "year": 2026, "employed": False}
    import_labourers(session_factory, _sheet(tmp_path / "b.csv", [_graduate_row(是否低保="", 培训意愿="是")]))
    with session_factory() as s:
        facts = labourer_by_external_id(s, "L1").facts
    assert facts["dibao"] is False and facts["wants_training"] is True


def test_bad_fact_cell_is_reported_in_chinese_and_the_row_skipped(session_factory, tmp_path):
    result = import_labourers(session_factory, _sheet(tmp_path / "a.csv", [_graduate_row(养老保险="买了保险吧")]))
    assert result.created == 0 and any("养老保险应填" in e[3] for e in result.errors)


def test_refresh_records_entitlements_and_states_only_move_forward(db):
    row = Labourer(name="林小明", gender="男", age=22, age_recorded_on=TODAY, county_code="350722", status="seeking",
                   poverty_registered=True, skills="", wishes="",
                   facts={"graduate": {"school": "全日制普通高校", "year": 2026, "employed": False}})
    db.add(row)
    db.flush()
    names = {r.name for r in ledger.refresh(db, row, today=TODAY)}
    assert {"一次性求职创业补贴", "就业见习", "就业红娘"} <= names
    rec = ledger.advance(db, row.id, "一次性求职创业补贴", "applied")
    assert rec.state == "applied" and rec.told_at is not None and rec.applied_at is not None  # told is implied
    with pytest.raises(JiuyeError) as err:
        ledger.advance(db, row.id, "一次性求职创业补贴", "told")
    assert "不能退回" in err.value.message_zh
    # The next year the graduate is past the 毕业年度: the record stays, marked as no longer current.
    ledger.refresh(db, row, today=date(2027, 1, 5))
    kept = {r.name: r for r in ledger.records(db, row.id)}
    assert kept["一次性求职创业补贴"].current is False and kept["一次性求职创业补贴"].state == "applied"


def _push(db, person, *, when, status="sent"):  # type: ignore[no-untyped-def]
    post = Posting(title="保洁员", location="浦城县", county_code="350722", status="open")
    db.add(post)
    db.flush()
    db.add(Push(labourer_id=person.id, posting_id=post.id, text="", reasons=[], status=status, attempts=1,
                created_at=when.astimezone(UTC)))  # stored in UTC, as the app does


def test_year_services_count_reached_job_pushes_and_guidance(db):
    person = Labourer(name="王秀英", gender="女", age=45, county_code="350722", status="seeking",
                      poverty_registered=True, skills="", wishes="", facts={"wants_training": True})
    db.add(person)
    db.flush()
    in_year = datetime(2026, 6, 1, tzinfo=CHINA)
    _push(db, person, when=in_year)
    _push(db, person, when=in_year + timedelta(days=30))
    _push(db, person, when=in_year, status="failed")  # never reached: does not count
    _push(db, person, when=datetime(2026, 1, 1, 0, 30, tzinfo=CHINA) - timedelta(hours=1))  # 2025 in China time
    ledger.add_guidance(db, person.id, held_on=date(2026, 3, 1), note="职业指导")
    s = ledger.year_services(db, [person], 2026)[person.id]
    assert (s.jobs, s.guidance, s.training) == (2, 1, 0)
    assert s.gaps == ["岗位推荐2/3次", "未推送培训"]


def test_gaps_per_county_and_coordinator(db):
    for name, county, coordinator in (("甲一", "350722", 7), ("乙二", "350722", 7), ("丙三", "350430", None)):
        db.add(Labourer(name=name, gender="男", age=40, county_code=county, status="seeking", poverty_registered=True,
                        skills="", wishes="", coordinator_id=coordinator, facts={"wants_training": True}))
    db.flush()
    ledger.refresh_all(db, today=TODAY)
    rows = {g.key: g for g in ledger.gaps(db, year=2026)}
    assert rows["350722"].people == 2 and rows["350722"].no_guidance == 2 and rows["350722"].no_training == 2
    assert rows["350722"].untold >= 2  # 免费职业技能培训 and more, per person, not yet told
    by_coord = {g.key: g.people for g in ledger.gaps(db, year=2026, by="coordinator")}
    assert by_coord == {7: 2, None: 1}


def test_cli_person_entitlements_states_and_gap_export(tmp_path):
    data = tmp_path / "var"
    assert _jiuye(data, "import", "labourers", str(_sheet(tmp_path / "a.csv", [_graduate_row()]))).returncode == 0
    r = _jiuye(data, "eligibility", "--person", "L1", "--as-of", "2026-11-22")
    assert r.returncode == 0, r.stderr
    assert "一次性求职创业补贴" in r.stdout and "符合条件" in r.stdout and "“311”服务" in r.stdout
    r = _jiuye(data, "ledger", "set", "L1", "就业见习", "已申请")
    assert r.returncode == 0 and "就业见习 → 已申请" in r.stdout, r.stderr
    assert _jiuye(data, "ledger", "set", "L1", "就业见习", "told").returncode == 2
    assert _jiuye(data, "ledger", "guidance", "L1", "--note", "简历指导").returncode == 0
    out = tmp_path / "gaps.csv"
    r = _jiuye(data, "ledger", "gaps", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][0] == "县（市、区）" and rows[1][0] == "南平市浦城县" and rows[1][1] == "1"
    assert _jiuye(data, "eligibility", "--person", "NOPE").returncode == 2
