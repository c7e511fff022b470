"""The person page is ordered around the coordinator's task (issue 17 item 8): how to reach the person and
their 311 status first, then the actions; forms used now and then are folded; calling needs a logged reveal."""

from __future__ import annotations

from sqlalchemy import select

from service.models import RevealLog
from tests.console.conftest import csrf_of, login


def _order(html: str, *ids: str) -> list[int]:
    return [html.index(f'id="{i}"') for i in ids]


def test_reach_and_311_come_before_the_records_and_rare_forms_are_folded(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    html = client.get(f"/console/people/{seeded['people']['张三']}").text
    at = _order(html, "reach", "services", "visits", "pushes", "entitlements", "basic", "edit")
    assert at == sorted(at)
    for folded in ("guidance", "facts", "plan", "history", "matches", "edit"):
        assert f'<details class="card fold" id="{folded}">' in html
    reach = html.split('id="reach"', 1)[1].split("</section>", 1)[0]
    assert "138****8000" in reach and "13800138000" not in reach and "还没有回访过" in reach


def test_calling_reveals_the_number_as_a_tap_to_call_link_and_logs_it(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    pid = seeded["people"]["张三"]
    login(client, "pucheng")
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    html = client.post(f"/console/people/{pid}/reveal", data={"field": "phone", "csrf_token": token}).text
    reach = html.split('id="reach"', 1)[1].split("</section>", 1)[0]
    assert 'href="tel:13800138000"' in reach
    assert db.scalars(select(RevealLog).where(RevealLog.labourer_id == pid)).all()


def test_a_person_without_a_phone_is_marked_for_a_visit(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    reach = client.get(f"/console/people/{seeded['people']['赵六']}").text.split('id="reach"', 1)[1]
    assert "没有手机号" in reach.split("</section>", 1)[0] and "上门" in reach.split("</section>", 1)[0]
