"""总览 starts with the day's work in order, each count a link to the people or items it counts."""

from __future__ import annotations

from jobs_feed.push.planner import Candidate, plan
from tests.console.conftest import csrf_of, login


def test_the_dashboard_opens_with_todays_work_in_order(client, db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded["people"]
    plan(db, settings, {ids["张三"]: [Candidate(seeded["posting"], 0.9, ["您会电焊"])]})  # no channel: a call
    db.commit()
    login(client, "pucheng")
    page = client.get(f"/console/people/{ids['张三']}").text
    client.post(f"/console/people/{ids['张三']}/followups", data={
        "note": "电话回访", "visit_date": "2026-01-05", "next_visit_date": "2026-02-01", "csrf_token": csrf_of(page)})
    home = client.get("/console/").text
    todo = home.split('id="todo"')[1].split("</section>")[0]
    order = [todo.index(w) for w in ("打电话通知", "回访已逾期", "没答上的问题", "工单", "没有负责协理员")]
    assert order == sorted(order)
    assert '<a href="/console/calls"><b>1</b>' in todo
    assert "张三</a> 应在 2月1日" in todo  # who is overdue, and since when
    assert '<a href="/console/people?nocoord=1"><b>2</b>' in todo  # 张三 and 李四 of 浦城县: nobody responsible
    listed = client.get("/console/people?nocoord=1").text
    assert "张三" in listed


def test_an_import_with_bad_rows_waits_on_the_list_until_it_is_redone(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    page = client.get("/console/imports")
    body = "姓名,性别,年龄,手机号,户籍地\n钱七,男,40,13500135000,浦城县\n孙八,男,40,1350013,浦城县\n,男,40,,浦城县\n"
    client.post("/console/imports", data={"kind": "labourers", "csrf_token": csrf_of(page.text)},
                files={"file": ("名单.csv", body.encode("utf-8"), "text/csv")})
    todo = client.get("/console/").text.split('id="todo"')[1].split("</section>")[0]
    assert '<a href="/console/imports#recent"><b>2</b> 行</a>' in todo and "1 次导入" in todo
    recent = client.get("/console/imports").text.split('id="recent"')[1].split("</section>")[0]
    link = recent.split('href="', 1)[1].split('"', 1)[0]
    assert "2 行有问题" in recent and "孙八" in client.get(link).content.decode("utf-8-sig")
    client.cookies.clear()
    login(client, "guangze")  # another account's imports are not on her list
    assert '<a href="/console/imports#recent"><b>0</b> 行</a>' in client.get("/console/").text
