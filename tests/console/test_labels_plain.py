"""A coordinator's pages speak her language: no command lines, no match scores, no posting ids in titles."""

from __future__ import annotations

import re

from jobs_feed.push.planner import Candidate, plan
from tests.console.conftest import login


def test_pages_a_coordinator_reads_carry_no_commands_or_scores(client, db, settings, seeded) -> None:  # type: ignore[no-untyped-def]
    ids = seeded["people"]
    plan(db, settings, {ids["张三"]: [Candidate(seeded["posting"], 0.8765, ["您会采茶"])]})
    db.commit()
    login(client, "pucheng")
    pages = [client.get(u).text for u in ("/console/", "/console/ledger", "/console/imports", "/console/matches?source=push",
                                          f"/console/people/{ids['张三']}")]
    for html in pages:
        text = re.sub(r"<[^>]+>", " ", html)
        assert "jiuye " not in text and "JSONL" not in text
        assert "0.88" not in text and "得分" not in text, [ln for ln in text.splitlines() if "0.88" in ln or "得分" in ln][:3]
    login(client, "admin")
    assert "0.88" in client.get(f"/console/people/{ids['张三']}").text  # the admin keeps the detail
