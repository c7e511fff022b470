"""Console imports keep a coordinator to their counties and speak Chinese in the row-error report."""

from __future__ import annotations

from sqlalchemy import select

from matching.models import Labourer
from tests.console.conftest import GUANGZE, csrf_of, login

HEADER = "姓名,性别,年龄,手机号,户籍地,技能特长\n"


def _upload(client, body: str):  # type: ignore[no-untyped-def]
    page = client.get("/console/imports")
    return client.post("/console/imports", data={"kind": "labourers", "csrf_token": csrf_of(page.text)},
                       files={"file": ("名单.csv", body.encode("utf-8"), "text/csv")})


def _report(client, html: str) -> str:  # type: ignore[no-untyped-def]
    link = html.split('id="error-report"')[0].rsplit('href="', 1)[1].split('"')[0]
    return client.get(link).content.decode("utf-8-sig")


def test_import_rejects_rows_outside_coordinator_counties(client, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    r = _upload(client, HEADER + "钱七,男,40,13500135000,浦城县,木工\n孙八,男,40,13600136000,福州市鼓楼区,瓦工\n")
    assert r.status_code == 200, r.text
    assert "共 2 行：新增 1" in r.text and "有问题的行：<b>1</b>" in r.text
    assert "福州市鼓楼区不在您负责的县（市、区）" in r.text
    assert db.scalar(select(Labourer).where(Labourer.name == "钱七")) is not None
    assert db.scalar(select(Labourer).where(Labourer.name == "孙八")) is None
    report = _report(client, r.text)
    assert "孙八" in report and "户籍所在县" in report and "不在您负责的县（市、区）" in report


def test_import_does_not_update_other_county_person(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    # 王五 is registered in 光泽县 with this phone: the row would move him into 浦城县 and change his skills
    r = _upload(client, HEADER + "王五,男,48,13700137000,浦城县,电工\n")
    assert "此人已登记在南平市光泽县，不在您负责的县（市、区）" in r.text
    db.expire_all()
    person = db.get(Labourer, seeded["people"]["王五"])
    assert person.county_code == GUANGZE and person.skills == "驾驶"


def test_import_admin_imports_any_county(client, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    r = _upload(client, HEADER + "孙八,男,40,13600136000,福州市鼓楼区,瓦工\n")
    assert "新增 1" in r.text and "不在您负责" not in r.text
    assert db.scalar(select(Labourer).where(Labourer.name == "孙八")) is not None


def test_import_error_fields_in_chinese_on_page_and_report(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    r = _upload(client, HEADER + "孙八,男,200,123,浦城县,\n")
    row = r.text.split('id="import-result"', 1)[1]
    assert "<td>手机号</td>" in row and "<td>年龄</td>" in row
    assert "<td>phone</td>" not in row and "<td>age</td>" not in row
    report = _report(client, r.text).splitlines()
    assert report[0] == "行号,姓名/岗位,字段,原因"
    fields = {line.split(",")[2] for line in report[1:]}
    assert {"手机号", "年龄"} <= fields


def test_posting_import_keeps_a_coordinator_to_their_counties(client, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    login(client, "pucheng")
    body = ("编号,岗位名称,单位名称,工作地点,薪资\n"
            "J1,采茶工,浦城县茶叶合作社,浦城县,150元/天\n"
            "J2,普工,福州某电子厂,福州市鼓楼区,4000-5000元\n")
    page = client.get("/console/imports")
    r = client.post("/console/imports", data={"kind": "postings", "csrf_token": csrf_of(page.text)},
                    files={"file": ("岗位.csv", body.encode("utf-8"), "text/csv")})
    assert r.status_code == 200, r.text
    assert "福州市鼓楼区不在您负责的县（市、区）" in r.text
    titles = set(db.scalars(select(Posting.title)))
    assert "采茶工" in titles and "普工" not in titles
