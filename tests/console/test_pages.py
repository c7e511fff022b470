from __future__ import annotations

import csv
import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from core.timeutil import utcnow
from jobs_feed.push.models import Push
from matching.models import Labourer, Posting
from service.models import FollowUp
from tests.console.conftest import csrf_of, login


def _push(db, seeded, name: str, status: str = "delivered", channel: str = "sms") -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    db.add(Push(labourer_id=seeded["people"][name], posting_id=seeded["posting"], channel=channel, text="采茶工",
                score=0.8, reasons=["县内岗位", "会电焊"], status=status, created_at=now - timedelta(hours=2),
                sent_at=now - timedelta(hours=1), delivered_at=now if status == "delivered" else None))
    db.commit()


def test_dashboard_counts_coverage_per_county(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    login(client, "admin")
    html = client.get("/console/").text
    assert "<svg" in html and "各县覆盖情况" in html
    # 浦城: 2 registered, 1 seeking, 1 covered → 100%; 光泽: 1 seeking, none covered
    assert "浦城县：登记2人，求职1人，已覆盖1人，未覆盖0人" in html
    assert "光泽县：登记1人，求职1人，已覆盖0人，未覆盖1人" in html


def test_coordinator_dashboard_only_own_county(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    html = client.get("/console/").text
    assert "浦城县：登记2人" in html
    assert "光泽县" not in html


def test_gap_filter_lists_seeking_people_without_push(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    login(client, "admin")
    html = client.get("/console/people?gap=1").text
    assert "王五" in html and "赵六" in html
    assert "张三" not in html  # covered this cycle
    assert "李四" not in html  # employed


def test_key_county_filter(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    html = client.get("/console/people?key=1").text
    assert "王五" in html and "张三" in html
    assert "赵六" not in html  # 鼓楼区 is not a 重点县


def test_follow_up_with_past_next_date_shows_overdue(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}/followups",
                    data={"note": "电话回访，已推荐采茶工", "visit_date": "2026-01-05", "next_visit_date": "2026-02-01",
                          "csrf_token": token})
    assert r.status_code == 200 and "回访记录已保存" in r.text
    assert "已逾期" in r.text
    assert "张三" in client.get("/console/people?overdue=1").text
    # a newer visit with a future date clears the overdue flag
    client.post(f"/console/people/{pid}/followups",
                data={"note": "上门回访", "next_visit_date": "2099-01-01", "csrf_token": token})
    assert "张三" not in client.get("/console/people?overdue=1").text
    assert len(db.scalars(select(FollowUp).where(FollowUp.labourer_id == pid)).all()) == 2


def test_a_visit_outcome_sets_the_status_and_shows_how_it_was_made(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}/followups",
                    data={"kind": "电话", "outcome": "已上岗", "note": "", "csrf_token": token})
    assert "回访记录已保存" in r.text and "电话回访" in r.text and "结果：<b>已上岗</b>" in r.text
    db.expire_all()
    person = db.get(Labourer, pid)
    assert person.status == "employed"  # pushes stop for a person at work
    assert person.history[-1].note == "电话回访：已上岗"
    client.post(f"/console/people/{pid}/followups", data={"kind": "上门", "outcome": "在找", "csrf_token": token})
    db.expire_all()
    assert db.get(Labourer, pid).status == "seeking"
    client.post(f"/console/people/{pid}/followups", data={"kind": "电话", "outcome": "联系不上", "csrf_token": token})
    db.expire_all()
    assert db.get(Labourer, pid).status == "seeking"  # not reached says nothing about work
    bad = client.post(f"/console/people/{pid}/followups", data={"kind": "写信", "outcome": "在找", "csrf_token": token})
    assert "回访方式请选" in bad.text
    empty = client.post(f"/console/people/{pid}/followups", data={"note": " ", "csrf_token": token})
    assert "请填写回访记录" in empty.text


def test_the_help_plan_prints_on_its_own_page(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    page = client.get(f"/console/people/{pid}").text
    assert f"/console/people/{pid}/plan/print" in page
    token = csrf_of(page)
    client.post(f"/console/people/{pid}/plan", data={"text": "推荐参加电工培训，优先安置本县公益性岗位", "csrf_token": token})
    client.post(f"/console/people/{pid}/followups", data={"kind": "上门", "outcome": "在找", "csrf_token": token})
    doc = client.get(f"/console/people/{pid}/plan/print").text
    assert "就业帮扶计划书" in doc and "推荐参加电工培训" in doc and "上门（在找）" in doc
    assert "帮扶对象（签字）" in doc and "@media print" in doc
    assert "人工工单" not in doc  # no menus on paper
    person = db.get(Labourer, pid)
    assert person.phone and person.phone not in doc and person.phone_masked in doc  # masked on paper
    other = seeded["people"].get("赵六")
    if other:  # another county's person: not this coordinator's to print
        assert client.get(f"/console/people/{other}/plan/print").status_code == 403


def test_follow_up_rejects_bad_dates_in_chinese(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}/followups",
                    data={"note": "x", "visit_date": "2026-03-01", "next_visit_date": "2026-02-01", "csrf_token": token})
    assert "下次回访日期应晚于本次回访日期" in r.text


def test_edit_status_and_profile_keeps_history(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}", data={
        "name": "张三", "status": "employed", "status_note": "到茶厂上班", "profile": '{"skills": ["电焊"]}',
        "csrf_token": token})
    assert "已保存" in r.text
    db.expire_all()
    person = db.get(Labourer, pid)
    assert person.status == "employed" and person.profile != {"skills": ["电焊"]}  # JSON is not a coordinator's
    assert [h.new_status for h in person.history][-1] == "employed"
    login(client, "admin")  # the raw profile stays an administrator's detail
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    client.post(f"/console/people/{pid}", data={"profile": '{"skills": ["电焊"]}', "csrf_token": token})
    db.expire_all()
    assert db.get(Labourer, pid).profile == {"skills": ["电焊"]}
    r = client.post(f"/console/people/{pid}", data={"profile": "{bad", "csrf_token": token})
    assert "画像JSON格式有误" in r.text


def test_coordinator_cannot_move_person_to_other_county(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}", data={"county": "350723", "csrf_token": token})
    assert r.status_code == 403


def test_push_export_csv_masked_for_coordinator(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    _push(db, seeded, "王五", status="failed")
    login(client, "pucheng")
    r = client.get("/console/pushes?export=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["推送编号", "姓名", "县（市、区）"]
    assert [row[1] for row in rows[1:]] == ["张三"]  # 王五 is another county's
    assert rows[1][3] == "138****8000"


def test_push_export_xlsx_full_phone_for_admin_and_filters(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    _push(db, seeded, "王五", status="failed")
    login(client, "admin")
    r = client.get("/console/pushes?export=xlsx&status=failed")
    ws = load_workbook(io.BytesIO(r.content)).active
    values = list(ws.values)
    assert [v[1] for v in values[1:]] == ["王五"]
    assert values[1][3] == "13700137000"


def test_match_log_page_shows_reasons(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    login(client, "admin")
    html = client.get("/console/matches").text
    assert "县内岗位；会电焊" in html


def test_employer_creates_and_closes_own_posting(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "tea")
    page = client.get("/console/postings")
    assert "采茶工" in page.text
    r = client.post("/console/postings", data={"title": "制茶师傅", "location": "浦城县", "salary": "4000-6000元/月",
                                               "csrf_token": csrf_of(page.text)})
    assert "岗位已发布" in r.text and "制茶师傅" in r.text
    row = db.scalar(select(Posting).where(Posting.title == "制茶师傅"))
    assert row.employer_id == seeded["employer"] and row.salary_min == 4000
    r = client.post(f"/console/postings/{row.id}/close", data={"csrf_token": csrf_of(r.text)})
    db.expire_all()
    assert db.get(Posting, row.id).status == "closed"


def test_posting_form_errors_in_chinese(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    page = client.get("/console/postings")
    r = client.post("/console/postings", data={"title": "", "location": "火星", "csrf_token": csrf_of(page.text)})
    assert r.status_code == 422 and "岗位名称不能为空" in r.text


def test_coordinator_cannot_close_other_county_posting(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "guangze")
    page = client.get("/console/postings")
    r = client.post(f"/console/postings/{seeded['posting']}/close", data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 403


def test_import_upload_reports_bad_rows(client, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    page = client.get("/console/imports")
    body = "姓名,性别,年龄,手机号,户籍地,技能特长\n钱七,男,40,13500135000,浦城县,木工\n孙八,男,40,123,不存在县,\n"
    r = client.post("/console/imports", data={"kind": "labourers", "csrf_token": csrf_of(page.text)},
                    files={"file": ("名单.csv", body.encode("utf-8"), "text/csv")})
    assert r.status_code == 200, r.text
    assert "有问题的行：<b>1</b>" in r.text
    assert db.scalar(select(Labourer).where(Labourer.name == "钱七")) is not None
    link = r.text.split('id="error-report"')[0].rsplit('href="', 1)[1].split('"')[0]
    report = client.get(link)
    assert report.status_code == 200 and "孙八" in report.content.decode("utf-8-sig")


def test_quarterly_report_xlsx(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三")
    login(client, "pucheng")
    year = utcnow().year
    quarter = (utcnow().month - 1) // 3 + 1
    r = client.get(f"/console/reports/download?year={year}&quarter={quarter}")
    wb = load_workbook(io.BytesIO(r.content))
    rows = list(wb["分县统计"].values)
    assert rows[0][0] == "县（市、区）"
    assert rows[1][0] == "南平市浦城县" and rows[1][2] == 2 and rows[1][4] == 1
    assert rows[-1][0] == "合计"
    assert len(rows) == 3  # only the coordinator's county, plus the total


def test_gap_list_says_why_nothing_was_pushed(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    html = client.get("/console/people?gap=1&why=1").text
    assert "未推送原因" in html
    # 赵六 lives in 福州 with no skills or wishes; the only posting is a 采茶工 job in 浦城
    row = html.split("赵六", 1)[1].split("</tr>", 1)[0]
    assert 'class="overdue"' in row and "福州" in row  # the matcher's note, naming where it looked
    # the same answer as JSON for the page's script, and nothing about people outside the user's counties
    ids = ",".join(str(i) for i in seeded["people"].values())
    found = client.get(f"/console/people/why?ids={ids}").json()
    assert "福州" in found[str(seeded["people"]["赵六"])]["text"]
    client.cookies.clear()
    login(client, "pucheng")
    found = client.get(f"/console/people/why?ids={ids}").json()
    assert str(seeded["people"]["赵六"]) not in found and str(seeded["people"]["张三"]) in found


def test_dashboard_figures_cached_a_minute_until_refresh(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    assert "浦城县：登记2人，求职1人，已覆盖0人" in client.get("/console/").text
    _push(db, seeded, "张三")
    assert "浦城县：登记2人，求职1人，已覆盖0人" in client.get("/console/").text  # from the cache
    assert "浦城县：登记2人，求职1人，已覆盖1人" in client.get("/console/?refresh=1").text


def test_training_offer_does_not_count_as_a_suitable_posting_pushed(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from jobs_feed.training.models import TrainingCourse

    course = TrainingCourse(external_id="C1", provider="浦城县职业技术学校", trade="电工", title="电工培训",
                            location="浦城县", county_code="350722", starts_on=date(2026, 12, 20), seats=30,
                            cost="free", status="open")
    db.add(course)
    db.flush()
    now = utcnow()
    db.add(Push(labourer_id=seeded["people"]["张三"], training_id=course.id, channel="sms", text="免费培训：电工",
                reasons=[], status="sent", created_at=now - timedelta(hours=2), sent_at=now - timedelta(hours=1)))
    db.commit()
    login(client, "admin")
    assert "浦城县：登记2人，求职1人，已覆盖0人，未覆盖1人" in client.get("/console/?refresh=1").text
    assert "张三" in client.get("/console/people?gap=1").text  # still waiting for a job posting


def test_coordinator_assigned_by_command_and_on_the_person_page(client, seeded, db, session_factory) -> None:  # type: ignore[no-untyped-def]
    from core.db import session_scope
    from service.console.accounts import assign_people
    from service.models import User

    with session_scope(session_factory) as s:
        assert assign_people(s, username="pucheng") == 2  # 浦城's two people, none assigned yet
        assert assign_people(s, username="pucheng") == 0  # already theirs: nothing to do
    pucheng = db.scalar(select(User.id).where(User.username == "pucheng"))
    guangze = db.scalar(select(User.id).where(User.username == "guangze"))
    pid = seeded["people"]["张三"]
    db.expire_all()
    assert db.get(Labourer, pid).coordinator_id == pucheng
    login(client, "admin")
    page = client.get(f"/console/people/{pid}").text
    assert "负责协理员" in page
    token = csrf_of(page)
    r = client.post(f"/console/people/{pid}", data={"coordinator_id": str(guangze), "csrf_token": token})
    assert "只能选负责此人所在县" in r.text  # 光泽's coordinator cannot be responsible for a 浦城 person
    client.post(f"/console/people/{pid}", data={"coordinator_id": "", "csrf_token": token})
    db.expire_all()
    assert db.get(Labourer, pid).coordinator_id is None


def test_training_offers_appear_in_the_push_log_and_on_the_person_page(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from jobs_feed.training.models import TrainingCourse

    course = TrainingCourse(external_id="C9", provider="浦城县职业技术学校", trade="电工", title="电工培训",
                            location="浦城县", county_code="350722", starts_on=date(2026, 12, 20), seats=30,
                            cost="free", status="open")
    db.add(course)
    db.flush()
    db.add(Push(labourer_id=seeded["people"]["张三"], training_id=course.id, channel="sms", text="免费培训：电工",
                reasons=[], status="sent", created_at=utcnow(), sent_at=utcnow()))
    db.commit()
    _push(db, seeded, "张三")
    login(client, "admin")
    log = client.get("/console/pushes").text
    assert "【培训】电工" in log and "采茶工" in log
    assert "【培训】电工" in client.get(f"/console/people/{seeded['people']['张三']}").text
    csv_text = client.get("/console/pushes?export=csv").text
    assert "【培训】电工" in csv_text


def test_people_are_found_by_part_of_a_name_village_or_the_last_digits(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    zhang = db.get(Labourer, seeded["people"]["张三"])
    zhang.village = "下洋村"
    db.commit()
    login(client, "pucheng")
    for q in ("三", "下洋", "8000", "123X"):  # part of the name, the village, the phone's and the ID's last digits
        page = client.get("/console/people", params={"q": q}).text
        assert "张三" in page and "李四" not in page, q
    assert "没有符合条件的人员" in client.get("/console/people", params={"q": "7000"}).text  # 王五: another county
    by_town = client.get("/console/people", params={"township": "南浦街道"}).text
    assert "张三" in by_town and "李四" not in by_town and '<option value="南浦街道"' in by_town


def test_the_people_list_exports_as_filtered_with_sized_columns(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    r = client.get("/console/people", params={"status": "seeking", "export": "xlsx"})
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    values = list(ws.values)
    assert values[0][:3] == ("姓名", "性别", "出生年份")
    assert [v[0] for v in values[1:]] == ["张三"]  # 李四 is employed, 王五 another county's
    assert values[1][7] == "138****8000"  # a coordinator's export is masked
    assert ws.column_dimensions["D"].width >= 10  # 县（市、区）: wide enough for the county's name
    r = client.get("/console/people", params={"q": "李", "export": "csv"})
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["李四"]
