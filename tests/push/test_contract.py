"""The checks' contract on ../shared/eval/match_dev: import, match, push run — through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared


def _jiuye(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from service.cli import main; main()", *args]
    res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


def _has_match_run() -> bool:
    from typer.main import get_command

    from service.cli import _register, app

    _register()
    group = get_command(app)
    match = group.commands.get("match")  # type: ignore[attr-defined]
    return bool(match and "run" in getattr(match, "commands", {}))


def test_every_person_with_a_suitable_posting_gets_one_message_and_nobody_else(shared_dir: Path, tmp_path: Path):
    dev = shared_dir / "eval" / "match_dev"
    outbox = tmp_path / "outbox.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env.update(JIUYE_DATA_DIR=str(tmp_path / "var"), JIUYE_SMS_OUTBOX=str(outbox), JIUYE_QUIET_HOURS="")
    _jiuye(env, "import", "labourers", str(dev / "labourers.jsonl"))
    _jiuye(env, "import", "postings", str(dev / "jobs.jsonl"))
    if _has_match_run():
        _jiuye(env, "match", "run")
    _jiuye(env, "push", "run", "--until-idle")

    labels = {d["labourer_id"]: set(d["suitable"]) for d in map(json.loads, (dev / "labels.jsonl").open())}
    people = {d["id"]: d for d in map(json.loads, (dev / "labourers.jsonl").open())}
    got: dict[str, list[dict]] = defaultdict(list)
    raw = outbox.read_text(encoding="utf-8")
    lines = [json.loads(x) for x in raw.splitlines()]
    for line in lines:
        assert set(line) >= {"labourer_id", "phone", "channel", "posting_id", "text", "status"}
        got[line["labourer_id"]].append(line)
    for pid, suitable in labels.items():
        if suitable:
            assert got[pid], f"{pid} has a suitable posting but got no message"
            assert all(m["posting_id"] in suitable for m in got[pid]), f"{pid} got an unsuitable posting"
            assert all(m["phone"] == people[pid]["phone"] for m in got[pid])
        else:
            assert not got[pid], f"{pid} has nothing suitable but got a message"

    again = _jiuye(env, "push", "run", "--until-idle")
    assert outbox.read_text(encoding="utf-8") == raw  # a second run sends nothing new
    assert "新安排推送 0 条" in again.stdout
