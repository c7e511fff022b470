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
