"""Offline matching over JSONL files (no database): the shape of ../shared/eval/match_dev/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.errors import InvalidInput
from matching.engine import Matcher, Result


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a broken line is a clear Chinese error naming the line."""
    out = []
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(str(p), message_zh=f"找不到文件：{p}")
    for n, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{p}:{n}: {e}", message_zh=f"{p.name} 第{n}行不是有效的 JSON") from e
    return out


def match_files(labourers: str | Path, postings: str | Path, top: int = 3, **params: Any) -> Iterator[Result]:
    """Fit on the postings file and match every labourer in the labourers file."""
    matcher = Matcher(**params).fit(read_jsonl(postings))
    yield from matcher.match_many(read_jsonl(labourers), top)


def sweep(matcher: Matcher, labourers: list[dict[str, Any]], labels: list[dict[str, Any]], grid: list[float]) -> list[dict[str, float]]:
    """P@1, silence and ideal@3 at each threshold in ``grid``: how the push threshold is calibrated."""
    saved = matcher.threshold
    matcher.threshold = 0.0
    try:
        scored = {r.labourer_id: [(m.posting_id, m.score) for m in r.matches] for r in matcher.match_many(labourers, top=50, notes=False)}
    finally:
        matcher.threshold = saved
    out = []
    for t in grid:
        n1 = p1 = ns = s = ni = i3 = pushed = good = 0
        for lab in labels:
            ids = [pid for pid, sc in scored.get(lab["labourer_id"], []) if sc >= t]
            pushed += len(ids[:3])
            good += sum(x in lab["suitable"] for x in ids[:3])
            if lab["suitable"]:
                n1 += 1
                p1 += bool(ids) and ids[0] in lab["suitable"]
                if lab["ideal"]:
                    ni += 1
                    i3 += any(x in lab["ideal"] for x in ids[:3])
            else:
                ns += 1
                s += not ids
        out.append({"threshold": t, "p1": p1 / max(n1, 1), "silence": s / max(ns, 1), "ideal3": i3 / max(ni, 1),
                    "precision3": good / max(pushed, 1)})
    return out


def calibrate(folder: str | Path, grid: list[float] | None = None) -> list[dict[str, float]]:
    """Print (via logging) and return the threshold sweep on a labelled folder (labourers, jobs, labels)."""
    import logging

    d = Path(folder)
    grid = grid or [round(0.10 + 0.02 * i, 2) for i in range(21)]
    rows = sweep(Matcher().fit(read_jsonl(d / "jobs.jsonl")), read_jsonl(d / "labourers.jsonl"), read_jsonl(d / "labels.jsonl"), grid)
    log = logging.getLogger(__name__)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for r in rows:
        log.info("threshold %.2f  P@1 %.2f  silence %.2f  ideal@3 %.2f  precision@3 %.2f",
                 r["threshold"], r["p1"], r["silence"], r["ideal3"], r["precision3"])
    return rows
