"""台账: 311 gaps per county and coordinator with exports; the person page's entitlements, guidance and facts."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from core.timeutil import utcnow
from jobs_feed.ledger.models import EntitlementRecord, GuidanceSession
from matching.models import Labourer
from service.models import User
from tests.console.conftest import csrf_of, login
from tests.console.test_pages import _push


def _assign(db, seeded, person: str, username: str) -> None:  # type: ignore[no-untyped-def]
    uid = db.scalar(select(User.id).where(User.username == username))
    db.get(Labourer, seeded["people"][person]).coordinator_id = uid
    db.commit()


def _rows(html: str, section: str) -> str:
    return html.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]


def _figures(html: str, section: str) -> str:
    """The section with the links around its numbers taken off (each number leads to its people)."""
    return re.sub(r"</?a[^>]*>", "", _rows(html, section))


def test_ledger_gaps_per_county_for_admin(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    login(client, "admin")
    html = client.get("/console/ledger").text
    county = _figures(html, "by-county")
    assert "浦城县" in county and "光泽县" in county and "鼓楼区" in county
    row = county.split("浦城县", 1)[1].split("</tr>", 1)[0]
    # 张三 is the one seeking person in 浦城: one push this year, short of three; no guidance yet
    assert '<td data-label="求职人数">1</td>' in row and '<td data-label="岗位推荐不足3次">1</td>' in row
    assert '<td data-label="未做职业指导">1</td>' in row
    assert "合计" in county


def test_ledger_coordinator_sees_own_counties_and_names(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _assign(db, seeded, "张三", "pucheng")
    login(client, "pucheng")
    html = client.get("/console/ledger").text
    assert "光泽县" not in html and "鼓楼区" not in html
    coord = _rows(html, "by-coordinator")
    assert "浦城协理员" in coord


def test_ledger_unassigned_people_named_so(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    assert "未分配协理员" in _rows(client.get("/console/ledger").text, "by-coordinator")


def test_ledger_year_filter_counts_that_year(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    year = utcnow().year
    db.add(GuidanceSession(labourer_id=seeded["people"]["张三"], held_on=utcnow().date() - timedelta(days=400)))
    db.commit()
    login(client, "pucheng")
    this_year = _figures(client.get(f"/console/ledger?year={year}").text, "by-county")
    assert '<td data-label="未做职业指导">1</td>' in this_year
    if (utcnow().date() - timedelta(days=400)).year == year - 1:
        last_year = _figures(client.get(f"/console/ledger?year={year - 1}").text, "by-county")
        assert '<td data-label="未做职业指导">0</td>' in last_year


def test_ledger_bad_year_gives_chinese_page(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    r = client.get("/console/ledger?year=1999")
    assert r.status_code == 422 and "年份应在2018到" in r.text
    assert client.get("/console/ledger?year=abc").status_code == 422


def test_ledger_export_csv_and_xlsx(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    r = client.get("/console/ledger?export=csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["县（市、区）", "求职人数", "岗位推荐不足3次"]
    assert {"浦城县", "光泽县"} <= {r[0] for r in rows} and rows[-1][0] == "合计"
    login(client, "pucheng")  # one county: the finest table is per 乡镇
    r = client.get("/console/ledger?export=csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["乡镇", "求职人数"] and rows[1][:2] == ["南浦街道", "1"] and rows[-1][0] == "合计"
    wb = load_workbook(io.BytesIO(client.get("/console/ledger?export=xlsx").content))
    assert wb.sheetnames == ["分县", "分乡镇", "分协理员"]
    assert list(wb["分协理员"].values)[0][0] == "协理员"


def test_person_page_lists_entitlements_and_advances_state(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    pid = seeded["people"]["张三"]
    db.get(Labourer, pid).facts = {"dibao": True, "pension": "urban_rural"}
    db.commit()
    login(client, "pucheng")
    html = client.get(f"/console/people/{pid}").text
    section = _rows(html, "entitlements")
    assert "城乡居民养老保险费代缴" in section and "符合条件" in section and "还需了解" in section
    token = csrf_of(html)
    r = client.post(f"/console/people/{pid}/entitlements",
                    data={"name": "城乡居民养老保险费代缴", "state": "applied", "note": "已交乡镇", "csrf_token": token})
    assert "已记为已申请" in r.text
    rec = db.scalar(select(EntitlementRecord).where(EntitlementRecord.labourer_id == pid,
                                                    EntitlementRecord.name == "城乡居民养老保险费代缴"))
    assert rec.state == "applied" and rec.told_at is not None and rec.note == "已交乡镇"
    r = client.post(f"/console/people/{pid}/entitlements",
                    data={"name": "城乡居民养老保险费代缴", "state": "told", "csrf_token": token})
    assert "不能退回" in r.text


def test_person_entitlement_other_county_forbidden(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "guangze")
    token = csrf_of(client.get("/console/").text)
    r = client.post(f"/console/people/{seeded['people']['张三']}/entitlements",
                    data={"name": "就业创业证", "state": "told", "csrf_token": token})
    assert r.status_code == 403


def test_person_guidance_added_and_counted(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    pid = seeded["people"]["张三"]
    login(client, "pucheng")
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}/guidance", data={"note": "讲解求职技巧", "csrf_token": token})
    assert "职业指导已记录" in r.text and "讲解求职技巧" in _rows(r.text, "guidance")
    assert "职业指导：<b>1</b> / 1 次" in _rows(r.text, "services")
    assert db.scalar(select(GuidanceSession.by).where(GuidanceSession.labourer_id == pid)) == "浦城协理员"
    r = client.post(f"/console/people/{pid}/guidance", data={"held_on": "2099-01-01", "csrf_token": token})
    assert "指导日期不能晚于今天" in r.text


def test_person_facts_edit_validates_and_saves(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    pid = seeded["people"]["张三"]
    login(client, "pucheng")
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}/facts", data={
        "dibao": "1", "tekun": "0", "pension": "urban_rural", "wants_training": "1", "graduate": "no", "csrf_token": token})
    assert "政策条件已保存" in r.text
    db.expire_all()
    assert db.get(Labourer, pid).facts == {"dibao": True, "tekun": False, "pension": "urban_rural", "wants_training": True,
                                          "graduate": None}
    assert "城乡居民养老保险费代缴" in _rows(r.text, "entitlements")  # re-evaluated on the next view
    r = client.post(f"/console/people/{pid}/facts", data={
        "graduate": "yes", "graduate_school": "全日制普通高校", "graduate_year": "明年", "csrf_token": token})
    assert "毕业年份：年份应写成四位数" in r.text
    r = client.post(f"/console/people/{pid}/facts", data={"pension": "火星保险", "csrf_token": token})
    assert "养老保险：养老保险应填" in r.text
    db.expire_all()
    assert db.get(Labourer, pid).facts["pension"] == "urban_rural"  # a refused form changes nothing
    # a blank choice makes a fact unknown again
    client.post(f"/console/people/{pid}/facts", data={"dibao": "1", "csrf_token": token})
    db.expire_all()
    assert db.get(Labourer, pid).facts == {"dibao": True}


def test_ledger_gap_totals_match_gaps(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    """The console's grouped query gives the ledger's own rows (jobs_feed.ledger.service.gaps)."""
    from jobs_feed.ledger.service import gap_totals, gaps, refresh

    _push(db, seeded, "张三")
    _push(db, seeded, "王五", status="failed")
    _assign(db, seeded, "王五", "guangze")
    for name, facts in (("张三", {"dibao": True, "pension": "none", "wants_training": True}),
                        ("王五", {"wants_training": True}), ("赵六", {"wants_training": False})):
        person = db.get(Labourer, seeded["people"][name])
        person.facts = facts
        refresh(db, person)
    db.add(GuidanceSession(labourer_id=seeded["people"]["王五"], held_on=utcnow().date()))
    db.commit()
    year = utcnow().year
    for by in ("county", "coordinator"):
        for counties in (None, ["350722"]):
            assert gap_totals(db, year=year, by=by, counties=counties) == gaps(db, year=year, by=by, counties=counties)
    assert any(g.untold for g in gap_totals(db, year=year))
