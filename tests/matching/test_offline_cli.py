"""``jiuye match`` offline: JSON lines in the scorer's shape, clear Chinese errors, and the eval sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import _register, app

SYNTH = Path(__file__).resolve().parent / "data" / "synth"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def run_match(runner: CliRunner, folder: Path, top: int = 3) -> dict[str, dict]:
    res = runner.invoke(app, ["match", "--labourers", str(folder / "labourers.jsonl"), "--postings",
                              str(folder / "jobs.jsonl"), "--top", str(top), "--json"])
    assert res.exit_code == 0, res.output
    return {r["labourer_id"]: r for r in map(json.loads, res.stdout.splitlines())}


def figures(folder: Path, got: dict[str, dict]) -> tuple[float, float, float]:
    """P@1, silence and ideal@3, as ../shared/tools/score_match.py counts them."""
    n1 = p1 = ns = s = i3 = 0
    for lab in map(json.loads, (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()):
        ids = [m["posting_id"] for m in got[lab["labourer_id"]]["matches"]]
        if lab["suitable"]:
            n1 += 1
            p1 += bool(ids) and ids[0] in lab["suitable"]
            i3 += any(x in lab["ideal"] for x in ids[:3])
        else:
            ns += 1
            s += not ids
    return p1 / n1, s / ns, i3 / n1


def test_cli_writes_one_json_object_a_line(runner: CliRunner) -> None:
    got = run_match(runner, SYNTH, top=2)
    row = got["S08"]
    assert set(row) == {"labourer_id", "matches", "note"}
    assert row["matches"][0]["posting_id"] == "Y14" and row["matches"][0]["reasons"]
    assert all(len(r["matches"]) <= 2 for r in got.values())
    assert got["S14"]["matches"] == [] and got["S14"]["note"]


@pytest.mark.parametrize(
    "folder",
    [SYNTH, SYNTH.parent / "blind", SYNTH.parent / "audit", SYNTH.parent / "blind2", SYNTH.parent / "blind3", SYNTH.parent / "blind4", SYNTH.parent / "blind5",
     SYNTH.parent / "blind6", SYNTH.parent / "blind7", SYNTH.parent / "blind8",
     SYNTH.parent / "blind9"],
    ids=["synth", "blind", "audit", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9"],
)
def test_cli_own_labelled_sets_meet_the_bar(runner: CliRunner, folder: Path) -> None:
    """The issue's bar: P@1 100 %, silence 100 %, ideal@3 ≥ 95 %, a reason on every match."""
    got = run_match(runner, folder)
    p1, silence, ideal3 = figures(folder, got)
    assert p1 == 1.0 and silence == 1.0 and ideal3 >= 0.95
    assert all(m["reasons"] for r in got.values() for m in r["matches"])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["match_dev", "match_dev2"])
def test_cli_dev_set_meets_the_bar(runner: CliRunner, shared_dir: Path, name: str) -> None:
    folder = shared_dir / "eval" / name
    p1, silence, ideal3 = figures(folder, run_match(runner, folder))
    assert p1 == 1.0 and silence == 1.0 and ideal3 >= 0.95


def test_cli_broken_line_is_a_clear_chinese_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "people.jsonl"
    bad.write_text('{"id": "A"}\n{not json\n', encoding="utf-8")
    res = runner.invoke(app, ["match", "--labourers", str(bad), "--postings", str(SYNTH / "jobs.jsonl"), "--json"])
    assert res.exit_code == 1 and "第2行不是有效的 JSON" in res.output


def test_cli_needs_both_files(runner: CliRunner) -> None:
    res = runner.invoke(app, ["match", "--labourers", str(SYNTH / "labourers.jsonl")])
    assert res.exit_code == 2 and "--postings" in res.output


def test_cli_plain_text_output_shows_reasons(runner: CliRunner) -> None:
    res = runner.invoke(app, ["match", "--labourers", str(SYNTH / "labourers.jsonl"), "--postings", str(SYNTH / "jobs.jsonl")])
    assert res.exit_code == 0 and "S01: Y01" in res.stdout and "岗位就在您所在的泉州市惠安县" in res.stdout
