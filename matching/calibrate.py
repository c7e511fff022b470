"""Calibrate the push threshold on every labelled set together: ``python -m matching.calibrate``.

Sets: the project's own (tests/matching/data/*, each with its provenance in its README) and the
shared dev sets (../shared/eval/match_dev*) when present. For each threshold of the grid the
matcher runs for real (top 3) on every set; the chosen threshold keeps every set's P@1 and silence
at their best and, among those, maximises hits pooled over all people (first push suitable, silence
kept, ideal in the first three, each suitable push, less each unsuitable one), taking the middle of
the window within half a percent of the best.
The choice and the per-set figures are written to ``matching/data/calibration.json``, which the
matcher reads for its default threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from matching.engine import CALIBRATION_FILE, Matcher
from matching.offline import read_jsonl, sweep

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "tests" / "matching" / "data"
SHARED = ROOT.parent / "shared" / "eval"


def labelled_sets() -> list[Path]:
    """Every folder holding labourers.jsonl, jobs.jsonl and labels.jsonl, own sets first."""
    found = sorted(p.parent for p in OWN.glob("*/labels.jsonl"))
    found += sorted(p.parent for p in SHARED.glob("match_dev*/labels.jsonl"))
    return found


def _shown(d: Path) -> str:
    return str(d.relative_to(ROOT)) if d.is_relative_to(ROOT) else f"../shared/eval/{d.name}"


def calibrate(sets: list[Path], grid: list[float]) -> tuple[float, dict[str, dict[str, float]], list[dict]]:
    rows: dict[str, list[dict[str, float]]] = {}
    for d in sets:
        m = Matcher().fit(read_jsonl(d / "jobs.jsonl"))
        rows[d.name] = sweep(m, read_jsonl(d / "labourers.jsonl"), read_jsonl(d / "labels.jsonl"), grid)
    table: list[dict[str, Any]] = []
    for i, t in enumerate(grid):
        per = {name: r[i] for name, r in rows.items()}
        table.append({"threshold": t, "hits": sum(r["hits"] for r in per.values()),
                      "floor": sum(r["p1"] + r["silence"] for r in per.values()), "per_set": per})
    best_floor = max(r["floor"] for r in table)
    best = max(r["hits"] for r in table if r["floor"] == best_floor)
    # within half a percent of the best (a person or two): the middle of that plateau generalises better
    # than a single best point
    window = [r["threshold"] for r in table if r["floor"] == best_floor and r["hits"] >= best - 0.005 * best]
    chosen = window[len(window) // 2]
    return chosen, next(r["per_set"] for r in table if r["threshold"] == chosen), table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="save the chosen threshold to matching/data/calibration.json")
    a = ap.parse_args(argv)
    sets = labelled_sets()
    grid = [round(0.16 + 0.02 * i, 2) for i in range(17)]
    chosen, per, table = calibrate(sets, grid)
    for r in table:
        line = "  ".join(f"{k}:{v['p1']:.2f}/{v['silence']:.2f}/{v['ideal3']:.2f}/{v['precision3']:.2f}"
                         for k, v in r["per_set"].items())
        print(f"{r['threshold']:.2f} hits {r['hits']:4d}  {line}")  # noqa: T201 - a script's report
    print(f"chosen threshold {chosen} (P@1/silence/ideal@3/precision@3 per set above)")  # noqa: T201
    if a.write:
        CALIBRATION_FILE.write_text(json.dumps({
            "threshold": chosen, "sets": [_shown(d) for d in sets],
            "per_set": {k: {m: round(v[m], 4) for m in ("p1", "silence", "ideal3", "precision3")} for k, v in per.items()},
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
