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
    """Fit on the postings file and match every labourer in the labourers file (``params``: the
    Matcher's, e.g. ``n_jobs``)."""
    matcher = Matcher(**params).fit(read_jsonl(postings))
    yield from matcher.match_many(read_jsonl(labourers), top)


def sweep(matcher: Matcher, labourers: list[dict[str, Any]], labels: list[dict[str, Any]], grid: list[float]) -> list[dict[str, float]]:
    """P@1, silence, ideal@3 and precision@3 at each threshold in ``grid``, each a real top-3 run."""
    saved = matcher.threshold
    P = matcher.people(labourers)
    out = []
    try:
        for t in grid:
            matcher.threshold = t
            got = {r.labourer_id: [m.posting_id for m in r.matches] for r in matcher.match_many(P, top=3, notes=False)}
            out.append({"threshold": t, **score_labels(got, labels)})
    finally:
        matcher.threshold = saved
    return out


def score_labels(got: dict[str, list[str]], labels: list[dict[str, Any]]) -> dict[str, float]:
    """The figures of ../shared/tools/score_match.py for one run, with counts (n1, ns, ni, pushed)."""
    n1 = p1 = ns = s = ni = i3 = pushed = good = 0
    for lab in labels:
        ids = got.get(lab["labourer_id"], [])[:3]
        pushed += len(ids)
        good += sum(x in lab["suitable"] for x in ids)
        if lab["suitable"]:
            n1 += 1
            p1 += bool(ids) and ids[0] in lab["suitable"]
            if lab["ideal"]:
                ni += 1
                i3 += any(x in lab["ideal"] for x in ids)
        else:
            ns += 1
            s += not ids
    return {"p1": p1 / max(n1, 1), "silence": s / max(ns, 1), "ideal3": i3 / max(ni, 1),
            "precision3": good / max(pushed, 1), "n1": n1, "ns": ns, "ni": ni, "hits": p1 + s + i3 + 2 * good - pushed,
            "pushed": pushed}
