"""The quarterly/yearly XLSX report counts the training offers that went out, per county."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from core.timeutil import utcnow
from jobs_feed.push.models import Push
from jobs_feed.training.models import TrainingCourse
from tests.console.conftest import PUCHENG, app, client, login, seeded  # noqa: F401  (console fixtures)
from tests.training.conftest import soon


def test_report_counts_training_offers_per_county(client, seeded, db) -> None:  # noqa: F811
    course = TrainingCourse(external_id="T1", provider="浦城县职业技术学校", trade="电工", location="浦城县",
                            county_code=PUCHENG, starts_on=soon(), cost="free")
    db.add(course)
    db.flush()
    now = utcnow()
    for name, status in (("张三", "sent"), ("李四", "delivered"), ("王五", "failed")):
        db.add(Push(labourer_id=seeded["people"][name], training_id=course.id, channel="sms", text="免费培训：电工",
                    status=status, created_at=now - timedelta(hours=2), sent_at=now - timedelta(hours=1)))
    db.add(Push(labourer_id=seeded["people"]["张三"], posting_id=seeded["posting"], channel="sms", text="采茶工",
                status="sent", created_at=now - timedelta(hours=2), sent_at=now - timedelta(hours=1)))
    db.commit()
    login(client, "admin")
    r = client.get(f"/console/reports/download?year={now.year}&quarter=0")
    rows = list(load_workbook(io.BytesIO(r.content))["分县统计"].values)
    assert rows[0][9] == "期内培训机会推送条数"
    by_county = {row[0]: row for row in rows[1:]}
    assert by_county["南平市浦城县"][9] == 2  # 张三 and 李四; the failed one in 光泽 did not go out
    assert by_county["南平市光泽县"][9] == 0 and by_county["合计"][9] == 2
