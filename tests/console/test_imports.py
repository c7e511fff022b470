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
    # The row says only "elsewhere": naming 光泽县 told who holds that phone (issue 16 #6; the old
    # wording asserted here was the leak).
    assert "此人已在其他地区登记，不在您负责的县（市、区）" in r.text and "光泽" not in r.text.split("import-result")[-1]
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


def _posting_import(client, body: str):  # type: ignore[no-untyped-def]
    page = client.get("/console/imports")
    return client.post("/console/imports", data={"kind": "postings", "csrf_token": csrf_of(page.text)},
                       files={"file": ("岗位.csv", body.encode("utf-8"), "text/csv")})


def _employer_key(session_factory, employer_id: int) -> str:  # type: ignore[no-untyped-def]
    from jobs_feed.service import issue_key
    from matching.models import Employer

    with session_factory() as s, s.begin():
        return issue_key(s, s.get(Employer, employer_id))


def test_coordinator_cannot_rewrite_a_city_level_employer_posting_by_its_number(
        client, seeded, session_factory, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    key = _employer_key(session_factory, seeded["employer"])
    r = client.post("/api/v1/postings", headers={"X-API-Key": key},
                    json={"title": "茶园管理员", "location": "南平市", "salary": "4000-5000元/月"})
    assert r.status_code == 201, r.text
    pid, ext = r.json()["id"], r.json()["external_id"]
    assert r.json()["county_code"] is None  # city level: no county

    login(client, "pucheng")
    r = _posting_import(client, f"编号,岗位名称,单位名称,工作地点,薪资\n{ext},领补贴加微信,某公司,浦城县,4000元\n")
    assert r.status_code == 200, r.text
    assert f"编号{ext}已被其他地区的岗位使用" in r.text and "南平市浦城县" not in r.text.split("import-result")[-1]
    page = client.get("/console/postings")
    r = client.post(f"/console/postings/{pid}/close", data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 403 and "没有权限" in r.text
    db.expire_all()
    row = db.get(Posting, pid)
    assert (row.title, row.county_code, row.status) == ("茶园管理员", None, "open")


def test_no_import_rewrites_an_employers_own_posting(client, seeded, session_factory, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    key = _employer_key(session_factory, seeded["employer"])
    made = client.post("/api/v1/postings", headers={"X-API-Key": key},
                       json={"title": "制茶师傅", "location": "浦城县", "salary": "5000元/月"}).json()
    for who in ("pucheng", "admin"):
        login(client, who)
        body = ("编号,岗位名称,单位名称,工作地点,薪资\n"
                f"{made['external_id']},制茶师傅,浦城县茶叶合作社,浦城县,9000元\n"
                ",采茶工,浦城县茶叶合作社,浦城县,9000元\n")  # the employer's console posting, by title
        r = _posting_import(client, body)
        assert r.status_code == 200, r.text
        assert r.text.count("是用人单位自己发布的，导入不能修改它") == 2, who
        client.post("/console/logout", data={"csrf_token": csrf_of(client.get("/console/").text)})
    db.expire_all()
    assert db.get(Posting, made["id"]).salary_min == 5000
    assert db.get(Posting, seeded["posting"]).salary_min == 3000


def test_coordinator_reimport_updates_their_own_imported_posting(client, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    login(client, "pucheng")
    _posting_import(client, "编号,岗位名称,单位名称,工作地点,薪资\nPC-1,挖笋工,富岭合作社,浦城县,150元/天\n")
    r = _posting_import(client, "编号,岗位名称,单位名称,工作地点,薪资\nPC-1,挖笋工,富岭合作社,浦城县,180元/天\n")
    assert "共 1 行：新增 0，更新 1" in r.text, r.text
    assert db.scalar(select(Posting).where(Posting.external_id == "PC-1")).salary_min == 180


def test_coordinator_form_cannot_rewrite_an_employers_posting(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Posting

    login(client, "pucheng")
    page = client.get("/console/postings")
    r = client.post("/console/postings", data={"title": "采茶工", "employer": "浦城县茶叶合作社", "location": "浦城县",
                                               "salary": "9000元/月", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 422 and "是用人单位自己发布的" in r.text
    db.expire_all()
    assert db.get(Posting, seeded["posting"]).salary_min == 3000


def test_error_report_names_are_random_and_read_only_by_their_importer(client, app) -> None:  # type: ignore[no-untyped-def]
    import re

    login(client, "pucheng")
    r = _upload(client, HEADER + "孙八,男,40,13600136000,福州市鼓楼区,瓦工\n")
    link = r.text.split('id="error-report"')[0].rsplit('href="', 1)[1].split('"')[0]
    name = link.rsplit("/", 1)[1]
    assert re.fullmatch(r"labourers-[0-9a-f]{32}-errors\.csv", name)  # not a time one can count to
    assert client.get(link).status_code == 200
    client.post("/console/logout", data={"csrf_token": csrf_of(client.get("/console/").text)})
    login(client, "guangze")
    r = client.get(link)
    assert r.status_code == 404 and "孙八" not in r.text and "没有找到" in r.text
    # the old time-stamped names are not served at all
    assert client.get("/console/imports/reports/labourers-20261202-101010-errors.csv").status_code == 404


def test_file_id_of_another_county_person_is_refused_without_naming_them(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    with db.begin():
        db.get(Labourer, seeded["people"]["王五"]).external_id = "GZ-7"
    login(client, "pucheng")
    r = _upload(client, "编号," + HEADER.replace("\n", "") + "\nGZ-7,钱七,男,40,13500135000,浦城县,木工\n")
    result = r.text.split("import-result")[-1]
    assert "编号已被其他地区的人员使用" in result and "王五" not in result and "光泽" not in result
    assert db.scalar(select(Labourer).where(Labourer.name == "钱七")) is None


def test_a_coordinators_import_makes_her_responsible_for_the_people_without_one(client, db) -> None:  # type: ignore[no-untyped-def]
    from service.models import User

    login(client, "pucheng")
    r = _upload(client, "浦城县花名册\n" + HEADER + "钱七,男,40,13500135000,浦城县,木工\n")
    assert r.status_code == 200, r.text
    assert "新增 1" in r.text and "已指定由您负责" in r.text
    me = db.scalar(select(User).where(User.username == "pucheng"))
    qian = db.scalar(select(Labourer).where(Labourer.name == "钱七"))
    assert qian is not None and qian.coordinator_id == me.id


def test_a_village_spelt_like_another_of_its_township_is_imported_and_flagged(client, db) -> None:  # type: ignore[no-untyped-def]
    """No licensed village list exists: the registry's own spellings are the check (issue 17 item 5)."""
    login(client, "pucheng")
    head = "姓名,性别,年龄,户籍地,乡镇,村\n"
    first = "".join(f"吴{n},男,45,浦城县,石陂镇,高路村\n" for n in "一二三") + "郑一,女,50,浦城县,石陂镇,大布村\n"
    assert "请核对" not in _upload(client, head + first).text  # a first sheet has nothing to compare with
    r = _upload(client, head + "钱七,男,40,浦城县,石陂镇,高鲁村\n孙八,男,41,浦城县,石陂镇,大布\n"
                               "周九,男,42,浦城县,石陂镇,新建村\n李十,男,43,浦城县,南浦街道,高鲁村\n")
    assert "新增 4" in r.text and "有问题的行：<b>0</b>" in r.text  # imported all the same
    warned = r.text.split('id="import-warnings"', 1)[1].split("</div>", 1)[0]
    assert "高鲁村" in warned and "高路村" in warned and "读音相同" in warned  # a homophone of a known village
    assert "“大布”" in warned and "写法不一致" in warned  # the 村 left off
    assert "新建村" not in warned  # a new name unlike any other is just new
    assert "第 5 行" not in warned  # 李十's 高鲁村 is in another 乡镇
    assert db.scalar(select(Labourer).where(Labourer.name == "钱七")).village == "高鲁村"
