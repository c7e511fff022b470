"""The township view (issue 17 item 7): 台账 and 报表 per 乡镇 within a county and per 村 within a 乡镇, each row
leading to the people it counts; a coordinator only ever sees their own counties."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from matching.models import Labourer
from tests.console.conftest import PUCHENG, login
from tests.console.test_ledger import _rows


def _villagers(db) -> None:  # type: ignore[no-untyped-def]
    """Five more seekers of 浦城县 in two 乡镇 and three 村 (张三 of the fixture is in 南浦街道, no village)."""
    for name, township, village in (("吴一", "石陂镇", "高路村"), ("吴二", "石陂镇", "高路村"), ("吴三", "石陂镇", "大布村"),
                                    ("郑一", "南浦街道", "梦笔村"), ("郑二", "南浦街道", "梦笔村")):
        db.add(Labourer(name=name, county_code=PUCHENG, township=township, village=village, status="seeking",
                        birth_year=1975))
    db.commit()


def _cell(section: str, row: str, column: str = "求职人数") -> str:
    line = section.split(f">{row}<", 1)[1].split("</tr>", 1)[0]
    cell = line.split(f'data-label="{column}">', 1)[1].split("</td>", 1)[0]
    return re.sub(r"<[^>]+>", "", cell)


def test_a_one_county_coordinator_sees_her_townships_and_each_leads_to_its_people(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _villagers(db)
    login(client, "pucheng")
    html = client.get("/console/ledger").text
    towns = _rows(html, "by-township")
    assert _cell(towns, "石陂镇") == "3" and _cell(towns, "南浦街道") == "3"
    href = towns.split(">石陂镇<", 1)[0].rsplit('href="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    listed = client.get(href).text
    assert all(n in listed for n in ("吴一", "吴二", "吴三")) and "郑一" not in listed and "张三" not in listed


def test_choosing_a_township_splits_it_by_village(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _villagers(db)
    login(client, "pucheng")
    html = client.get("/console/ledger?township=石陂镇").text
    villages = _rows(html, "by-village")
    assert _cell(villages, "高路村") == "2" and _cell(villages, "大布村") == "1"
    assert "梦笔村" not in villages and 'id="by-township"' not in html
    assert _cell(_rows(html, "by-county"), "浦城县") == "3"  # the county row counts that 乡镇 only
    rows = client.get("/console/ledger?township=石陂镇&export=csv").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("村,求职人数") and any(r.startswith("高路村,2") for r in rows)


def test_an_admin_picks_a_county_and_cannot_be_shown_another_coordinators_county_otherwise(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _villagers(db)
    login(client, "admin")
    assert 'id="by-township"' not in client.get("/console/ledger").text  # the province: per county only
    assert _cell(_rows(client.get(f"/console/ledger?county={PUCHENG}").text, "by-township"), "石陂镇") == "3"
    login(client, "guangze")
    assert client.get(f"/console/ledger?county={PUCHENG}").status_code == 403
    other = client.get("/console/ledger?township=石陂镇")  # 光泽县 has no such 乡镇: said, nothing of 浦城 shown
    assert other.status_code == 422 and "请检查乡镇名称" in other.text and "吴一" not in other.text


def test_the_report_has_a_township_and_a_village_sheet(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _villagers(db)
    login(client, "pucheng")
    wb = load_workbook(io.BytesIO(client.get("/console/reports/download?year=2026&quarter=0").content))
    assert wb.sheetnames == ["分县统计", "分乡镇统计", "说明"]
    towns = {r[1]: r for r in wb["分乡镇统计"].iter_rows(min_row=2, values_only=True)}
    assert towns["石陂镇"][3] == 3 and towns["南浦街道"][3] == 3
    assert list(wb["分乡镇统计"].values)[-1][:4] == ("合计", None, 7, 6)  # 李四 is registered, not seeking
    r = client.get("/console/reports/download", params={"year": 2026, "quarter": 0, "township": "石陂镇"})
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["分县统计", "分村统计", "说明"]
    villages = {r[1]: r[3] for r in wb["分村统计"].iter_rows(min_row=2, values_only=True)}
    assert villages["高路村"] == 2 and villages["大布村"] == 1
    assert list(wb["分县统计"].values)[1][3] == 3  # the county row counts that 乡镇 only
    bad = client.get("/console/reports/download", params={"year": 2026, "quarter": 0, "township": "石破镇"})
    assert bad.status_code == 422 and "请检查乡镇名称" in bad.text


def _linked_counts(client, html: str, section: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(number shown, number of people its link lists) for every linked number of a table."""
    body = _rows(html, section)
    out = []
    for chunk in body.split('<a href="')[1:]:
        href, rest = chunk.split('"', 1)
        shown = rest.split(">", 1)[1].split("<", 1)[0]
        if shown.isdigit():
            listed = client.get(href.replace("&amp;", "&")).text
            out.append((shown, listed.split("共 ", 1)[1].split(" 人", 1)[0]))
    return out


def test_every_person_count_of_the_ledger_links_to_those_people(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _villagers(db)
    db.get(Labourer, seeded["people"]["张三"]).facts = {"wants_training": True}
    db.commit()
    login(client, "pucheng")
    html = client.get("/console/ledger").text
    for section in ("by-county", "by-township", "by-coordinator"):
        pairs = _linked_counts(client, html, section)
        assert pairs and all(shown == listed for shown, listed in pairs), (section, pairs)
    listed = client.get("/console/people?need=no_training&year=2026").text
    assert "台账：2026年有培训意愿、未推送培训" in listed and "张三" in listed and "吴一" not in listed


def test_every_number_of_the_dashboards_county_table_links_to_those_people(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from tests.console.test_pages import _push

    _villagers(db)
    _push(db, seeded, "张三")
    login(client, "admin")
    pairs = _linked_counts(client, client.get("/console/?refresh=1").text, "by-county")
    assert len(pairs) >= 12 and all(shown == listed for shown, listed in pairs), pairs
    covered = client.get("/console/people?covered=1").text
    assert "张三" in covered and "吴一" not in covered
