"""``jiuye ask`` as the scorer and people use it: a real subprocess, bytes on stdin, JSON lines out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from core.db import make_engine, make_sessionmaker
from core.settings import Settings
from knowledge.models import UnansweredQuestion

ROOT = Path(__file__).resolve().parents[2]


def run_jiuye(args: list[str], data_dir: Path, stdin: bytes = b"", **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    environ.update({"JIUYE_DATA_DIR": str(data_dir), "JIUYE_LOG_LEVEL": "WARNING", **env})
    cmd = [sys.executable, "-c", "from service.cli import main; main()", *args]
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=ROOT, env=environ, timeout=240)


def test_ask_jsonl_answers_every_line_and_records_fallbacks(tmp_path: Path) -> None:
    data = tmp_path / "var"
    lines = ["贫困家庭大学生毕业了找工作有补贴吗", "公积金怎么提取", "", "😀😀😀", "公积金怎么提取？"]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe\x00garbage\n"
    p = run_jiuye(["ask", "--jsonl"], data, stdin)
    assert p.returncode == 0, p.stderr.decode()
    out = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]
    assert len(out) == len(lines) + 1
    assert all(set(o) == {"q", "answer", "fallback", "sources", "suggestions"} for o in out)
    assert not out[0]["fallback"] and "求职创业补贴" in out[0]["answer"] and out[0]["sources"]
    assert all(o["fallback"] for o in out[1:])
    engine = make_engine(Settings(data_dir=data, _env_file=None).sqlalchemy_url)  # type: ignore[call-arg]
    with make_sessionmaker(engine)() as s:
        rows = list(s.scalars(select(UnansweredQuestion)))
    engine.dispose()
    assert [(r.question, r.channel, r.times_asked) for r in rows] == [("公积金怎么提取", "cli", 2)]


def test_ask_prints_a_cited_answer_for_one_question(tmp_path: Path) -> None:
    p = run_jiuye(["ask", "三支一扶每年招多少人"], tmp_path / "var")
    assert p.returncode == 0, p.stderr.decode()
    text = p.stdout.decode("utf-8")
    assert "500名" in text and "闽人社文〔2018〕258号 五（四）" in text


def test_ask_still_answers_when_the_database_is_unavailable(tmp_path: Path) -> None:
    p = run_jiuye(["ask", "--jsonl"], tmp_path / "var", "房贷能不能减免\n三支一扶每年招多少人\n".encode(),
                  JIUYE_DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    assert p.returncode == 0, p.stderr.decode()
    out = [json.loads(line) for line in p.stdout.decode("utf-8").splitlines()]
    assert [o["fallback"] for o in out] == [True, False]
    assert "警告" in p.stderr.decode("utf-8")
