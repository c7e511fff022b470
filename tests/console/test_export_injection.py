"""An employer's posting title that is a spreadsheet formula reaches the coordinators' exports as text."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from jobs_feed.push.models import Push
from jobs_feed.service import issue_key
from matching.models import Employer
from tests.console.conftest import login

TITLE = '=HYPERLINK("#领补贴","点此领补贴")'


def _employer_posting(client, session_factory, seeded) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as s, s.begin():
        key = issue_key(s, s.get(Employer, seeded["employer"]))
    r = client.post("/api/v1/postings", headers={"X-API-Key": key},
                    json={"title": TITLE, "location": "浦城县", "salary": "4000元/月"})
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def test_push_export_writes_formula_titles_as_text(client, session_factory, seeded, db) -> None:  # type: ignore[no-untyped-def]
    pid = _employer_posting(client, session_factory, seeded)
    db.add(Push(labourer_id=seeded["people"]["张三"], posting_id=pid, channel="sms", text="x", status="sent"))
    for prefix, name in (("+", "李四"), ("-", "王五"), ("@", "赵六")):  # vendor error text lands in a cell too
        db.add(Push(labourer_id=seeded["people"][name], posting_id=pid, channel="sms", text="x", status="failed",
                    error=prefix + "cmd|' /C calc'!A1"))
    db.commit()
    login(client, "admin")
    text = client.get("/console/pushes?export=csv").content.decode("utf-8-sig")
    assert f"'{TITLE}".replace('"', '""') in text
    assert "\n=" not in text and ",=" not in text and ",+" not in text and ",-cmd" not in text and ",@" not in text
    wb = load_workbook(io.BytesIO(client.get("/console/pushes?export=xlsx").content))
    cells = [c for row in wb.active.iter_rows() for c in row]
    titles = [c for c in cells if c.value == TITLE]
    assert titles and all(c.data_type == "s" for c in titles)  # a string cell, not a formula
    assert not [c for c in cells if c.data_type == "f"]
