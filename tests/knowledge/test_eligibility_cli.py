"""``jiuye eligibility``: JSON lines, the readable listing, bad input, and the boundary cases end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import _register, app
from tests.knowledge.eligibility_people import graduate, person

CASES = Path(__file__).with_name("eligibility_cases.jsonl")
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str):
    _register()
    return CliRunner().invoke(app, ["eligibility", *args])


def write_people(path: Path, people: list[dict]) -> Path:
    path.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in people), encoding="utf-8")
    return path


def cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_json_lines_carry_name_amount_citation_why_and_questions(tmp_path):
    people = write_people(tmp_path / "p.jsonl", [
        person(id="A", age=22, graduate=graduate()),
        {"id": "B", "age": 40, "poverty_registered": True},
    ])
    res = run("--people", str(people), "--as-of", "2026-11-22", "--json")
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A", "B"]
    first = rows[0]["entitlements"][0]
    assert set(first) >= {"name", "amount", "citation", "why"}
    assert all(e["citation"].startswith("闽人社文") for r in rows for e in r["entitlements"])
    assert rows[0]["questions"] == []
    assert rows[1]["questions"], "a person with few facts gets questions, not guesses"


def test_as_of_moves_the_graduation_year(tmp_path):
    """258号 五（四）「毕业年度内」: the same 2026 graduate qualifies as of 2026 but not as of 2027."""
    people = write_people(tmp_path / "p.jsonl", [person(id="A", age=22, graduate=graduate(year=2026))])
    for day, expected in (("2026-01-01", True), ("2026-12-31", True), ("2027-01-01", False)):
        res = run("--people", str(people), "--as-of", day, "--json")
        names = [e["name"] for e in json.loads(res.stdout)["entitlements"]]
        assert ("一次性求职创业补贴" in names) is expected, day


def test_readable_listing_in_chinese(tmp_path):
    people = write_people(tmp_path / "p.jsonl", [person(id="A", gender="女", age=58, wants_training=True)])
    res = run("--people", str(people), "--as-of", "2026-11-22")
    assert res.exit_code == 0
    assert "1. 职业培训补贴" in res.stdout and "依据：闽人社文〔2017〕251号 二（二）7" in res.stdout
    assert "办理：" in res.stdout


@pytest.mark.parametrize(("content", "args", "message"), [
    ('{"id": "A", "age": 30}\nnot json\n', [], "第2行不是有效的 JSON"),
    ('{"id": "A", "gender": "M"}\n', [], "性别"),
    ('{"age": 30}\n', [], "带 id"),
    ('{"id": "A"}\n', ["--as-of", "2026/11/22"], "YYYY-MM-DD"),
])
def test_bad_input_gives_chinese_error_and_no_output(tmp_path, content, args, message):
    path = tmp_path / "p.jsonl"
    path.write_text(content, encoding="utf-8")
    res = run("--people", str(path), "--json", *args)
    assert res.exit_code == 2
    assert res.stdout == ""
    assert message in res.stderr


def test_boundary_cases_file(tmp_path):
    """Each line of eligibility_cases.jsonl (its `note` says which clause boundary) gets exactly its must/forbid."""
    rows = cases()
    assert len(rows) >= 25
    res = run("--people", str(write_people(tmp_path / "p.jsonl", rows)), "--as-of", "2026-11-22", "--json")
    got = {r["id"]: [e["name"] for e in r["entitlements"]] for r in map(json.loads, res.stdout.splitlines())}
    failures = []
    for case in rows:
        names = got[case["id"]]
        missing = [t for t in case["must"] if not any(t in n for n in names)]
        wrong = [t for t in case["forbid"] if any(t in n for n in names)]
        if missing or wrong:
            failures.append(f"{case['id']} {case['note']}: missing {missing} wrongly given {wrong}")
    assert not failures, "\n".join(failures)


def _score(folder: Path, shared: Path) -> subprocess.CompletedProcess:
    jiuye = Path(sys.executable).parent / "jiuye"
    return subprocess.run(
        [sys.executable, str(shared / "tools" / "score_eligibility.py"), str(folder), "--cmd", f"{jiuye} eligibility", "-v"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )


@pytest.mark.shared
def test_scorer_gives_100_percent_on_dev_set(shared_dir):
    res = _score(shared_dir / "eval" / "eligibility_dev", shared_dir)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "= 100%" in res.stdout


@pytest.mark.shared
def test_scorer_gives_100_percent_on_own_boundary_cases(shared_dir, tmp_path):
    rows = cases()
    write_people(tmp_path / "people.jsonl", [{k: v for k, v in r.items() if k not in ("must", "forbid", "note")}
                                             for r in rows])
    write_people(tmp_path / "labels.jsonl", [{"id": r["id"], "must": r["must"], "forbid": r["forbid"]} for r in rows])
    res = _score(tmp_path, shared_dir)
    assert "= 100%" in res.stdout, res.stdout + res.stderr
