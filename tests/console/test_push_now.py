"""立即推送 on the person page: the best new fit goes out through the usual outbox, never twice, never to
someone who opted out, and the coordinator is told when it will go."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from jobs_feed.push.models import CALL, QUEUED, Push
from matching.models import Labourer
from service.console.push_now import push_now
from tests.console.conftest import csrf_of, login


@pytest.fixture()
def client(app, engine, session_factory):  # type: ignore[no-untyped-def]
    """The console without the daily push scheduler: its plan at start-up would queue the same push."""
    from jobs_feed.push import scheduler

    app.state.startup_hooks = [h for h in app.state.startup_hooks if h is not scheduler.start]
    with TestClient(app) as c:
        app.state.engine, app.state.sessionmaker = engine, session_factory
        yield c


def _tea_picker(db, seeded, **fields) -> Labourer:  # type: ignore[no-untyped-def]
    """张三 as someone the seeded 采茶工 posting suits (his record corrected by the coordinator)."""
    person = db.get(Labourer, seeded["people"]["张三"])
    person.skills, person.wishes, person.profile = "采茶、种茶", "就在浦城", None
    for k, v in fields.items():
        setattr(person, k, v)
    db.commit()
    return person


def _press(client, person_id: int):  # type: ignore[no-untyped-def]
    page = client.get(f"/console/people/{person_id}").text
    assert 'id="push-now"' in page
    return client.post(f"/console/people/{person_id}/push", data={"csrf_token": csrf_of(page)},
                       follow_redirects=True).text


def test_push_now_queues_the_fit_once_and_says_when(client, db, seeded) -> None:  # type: ignore[no-untyped-def]
    zhang = _tea_picker(db, seeded, sms_consent=True).id
    login(client, "pucheng")
    said = _press(client, zhang)
    assert "已安排推送“采茶工”" in said and ("一分钟内发出" in said or "免打扰时段" in said)
    rows = db.scalars(select(Push).where(Push.labourer_id == zhang)).all()
    assert [(r.posting_id, r.status) for r in rows] == [(seeded["posting"], QUEUED)]
    again = _press(client, zhang)  # a second tap sends nothing more
    assert "不重复推送" in again
    assert len(db.scalars(select(Push).where(Push.labourer_id == zhang)).all()) == 1


def test_push_now_to_someone_no_channel_reaches_becomes_a_call(client, db, seeded) -> None:  # type: ignore[no-untyped-def]
    zhang = _tea_picker(db, seeded).id  # a phone, but neither WeChat nor SMS consent
    login(client, "pucheng")
    said = _press(client, zhang)
    assert "已列入“电话通知”" in said
    assert db.scalars(select(Push.status).where(Push.labourer_id == zhang)).all() == [CALL]


def test_push_now_respects_opt_out_and_county(client, db, seeded) -> None:  # type: ignore[no-untyped-def]
    zhang = _tea_picker(db, seeded, sms_consent=True, pushes_opted_out=True).id
    login(client, "pucheng")
    page = client.get(f"/console/people/{zhang}").text
    assert 'id="push-now"' not in page  # no button for someone who opted out
    r = client.post(f"/console/people/{zhang}/push", data={"csrf_token": csrf_of(page)}, follow_redirects=True)
    assert "本人已退订" in r.text and db.scalars(select(Push)).all() == []
    other = client.post(f"/console/people/{seeded['people']['王五']}/push", data={"csrf_token": csrf_of(page)})
    assert other.status_code == 403  # another county's person


def test_push_now_in_quiet_hours_says_when_it_will_go(db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    zhang = _tea_picker(db, seeded, sms_consent=True)
    late = datetime(2026, 12, 3, 14, 30, tzinfo=UTC)  # 22:30 in China, inside 21:00-08:00
    said = push_now(db, settings.model_copy(update={"quiet_hours": "21:00-08:00"}), zhang, now=late)
    assert "免打扰时段，08:00 以后发出" in said
