"""Panels fed by the match log (jobs_feed's match_log table): reasons, their people, their refresh."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from core.timeutil import utcnow
from jobs_feed.push import matchlog
from tests.console.conftest import csrf_of, login


@pytest.fixture()
def match_log(engine):  # type: ignore[no-untyped-def]
    matchlog.MatchLog.__table__.create(engine, checkfirst=True)  # until its migration lands
    from service.console import sources

    sources._known.clear()
    yield matchlog.MatchLog
    sources._known.clear()


def _run(db, rows: list[tuple[int, int | None, float | None, list[str], str | None]], run_id: str) -> None:  # type: ignore[no-untyped-def]
    now = utcnow()
    for lab, post, score, reasons, note in rows:
        db.add(matchlog.MatchLog(run_id=run_id, labourer_id=lab, posting_id=post, rank=1 if post else 0, score=score,
                                 reasons=reasons, note=note, engine_version="t", created_at=now))
    db.commit()


def test_dashboard_counts_nothing_suitable_with_reasons(client, seeded, db, match_log) -> None:  # type: ignore[no-untyped-def]
    p = seeded["people"]
    _run(db, [(p["王五"], None, None, [], "光泽县目前没有驾驶类岗位")], "old")
    _run(db, [(p["张三"], seeded["posting"], 0.9, ["县内岗位"], None),
              (p["王五"], None, None, [], "南平市目前没有与本人（驾驶）相符的岗位"),
              (p["赵六"], None, None, [], "福州市目前没有与本人相符的岗位")], "new")
    login(client, "admin")
    html = client.get("/console/?refresh=1").text
    section = html.split('id="no-match"', 1)[1].split("</section>", 1)[0]
    assert "南平市目前没有与本人（驾驶）相符的岗位" in section and "福州市" in section
    assert "光泽县目前没有驾驶类岗位" not in section  # an older run
    link = section.split("南平市目前没有与本人（驾驶）相符的岗位", 1)[1].split('href="', 1)[1].split('"', 1)[0]
    listed = client.get(link.replace("&amp;", "&")).text  # the count leads to the people it counts
    assert "共 1 人" in listed and "王五" in listed and "赵六" not in listed
    tile = client.get("/console/people?nomatch=1").text
    assert "共 2 人" in tile and "王五" in tile and "赵六" in tile and "张三" not in tile
    client.cookies.clear()
    login(client, "pucheng")
    section = client.get("/console/").text.split('id="no-match"', 1)[1].split("</section>", 1)[0]
    assert "每位求职人员都有合适岗位" in section  # 浦城's only seeker has a match; others' notes stay hidden


def test_person_page_shows_newest_run_matches(client, seeded, db, match_log) -> None:  # type: ignore[no-untyped-def]
    p = seeded["people"]
    _run(db, [(p["张三"], seeded["posting"], 0.4, ["旧的理由"], None)], "old")
    _run(db, [(p["张三"], seeded["posting"], 0.9, ["县内岗位", "会电焊"], None)], "new")
    login(client, "pucheng")
    html = client.get(f"/console/people/{p['张三']}").text
    assert "县内岗位；会电焊" in html and "旧的理由" not in html
    assert "县内岗位；会电焊" in client.get("/console/matches").text


def test_a_fix_on_the_person_page_refreshes_their_reason_on_the_dashboard(client, seeded, db, match_log) -> None:  # type: ignore[no-untyped-def]
    p = seeded["people"]
    _run(db, [(p["张三"], None, None, [], "浦城县目前没有与本人（电焊）相符的岗位")], "new")
    login(client, "pucheng")
    assert "没有与本人（电焊）相符" in client.get("/console/?refresh=1").text
    token = csrf_of(client.get(f"/console/people/{p['张三']}").text)
    client.post(f"/console/people/{p['张三']}", data={"skills": "采茶、种茶", "wishes": "就在浦城", "csrf_token": token})
    section = client.get("/console/?refresh=1").text.split('id="no-match"', 1)[1].split("</section>", 1)[0]
    assert "没有与本人（电焊）相符" not in section and "每位求职人员都有合适岗位" in section
    rows = db.scalars(select(match_log).where(match_log.labourer_id == p["张三"], match_log.run_id == "new")).all()
    assert rows and rows[0].posting_id == seeded["posting"]  # the run's rows say what the matcher says now


def test_reasons_beyond_the_top_ones_are_a_row_of_their_own(client, seeded, db, match_log) -> None:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    people = [Labourer(name=f"钱{i}", county_code=seeded_county(db, seeded), status="seeking") for i in range(8)]
    db.add_all(people)
    db.commit()
    _run(db, [(person.id, None, None, [], f"第{i}种原因") for i, person in enumerate(people)], "new")
    login(client, "admin")
    section = client.get("/console/?refresh=1").text.split('id="no-match"', 1)[1].split("</section>", 1)[0]
    assert "其他原因" in section
    shown = sum(int(n) for n in re.findall(r'nomatch=[^"]+">(\d+)</a>', section))
    assert shown == 8  # the rows add up to everyone the tile counts
    link = section.split("其他原因", 1)[1].split('href="', 1)[1].split('"', 1)[0]
    listed = client.get(link.replace("&amp;", "&")).text
    count = int(listed.split("共 ", 1)[1].split(" 人", 1)[0])
    assert count == 8 - 6


def seeded_county(db, seeded) -> str:  # type: ignore[no-untyped-def]
    from matching.models import Labourer

    return db.get(Labourer, seeded["people"]["张三"]).county_code
