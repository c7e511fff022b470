"""Answer quality on our own evaluation set (and the shared dev set when ../shared is present)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from knowledge.answer import WECHAT_MAX_BYTES, compose
from tests.knowledge.policy_corpus import seed_clauses, seed_index

HERE = Path(__file__).resolve().parent


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def score(path: Path) -> tuple[float, float, list[str]]:
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ins = oos = ins_ok = oos_ok = 0
    misses: list[str] = []
    for c in cases:
        a = compose(seed_index(), c["q"])
        if c.get("fallback"):
            oos += 1
            ok = a.fallback
            oos_ok += ok
        else:
            ins += 1
            ok = (not a.fallback and len(a.answer.encode("utf-8")) <= WECHAT_MAX_BYTES
                  and all(_flat(m) in _flat(a.answer) for m in c["must"]))
            ins_ok += ok
        if not ok:
            misses.append(c["q"])
    return ins_ok / max(ins, 1), oos_ok / max(oos, 1), misses


def test_extra_set_must_strings_are_in_the_documents() -> None:
    text = _flat("".join(c.heading + c.text + c.units_note for c in seed_clauses()))
    for line in (HERE / "qa_extra.jsonl").read_text(encoding="utf-8").splitlines():
        for m in json.loads(line).get("must", []):
            assert _flat(m) in text, m


def test_answer_quality_on_extra_set_meets_the_bar() -> None:
    # The set holds fourteen blind batches of deliberately hard phrasings (dialect, keyword-only):
    # it guards against regressions at 93% / 90%, the shared dev set below at the product's 95% / 90%.
    ins, oos, misses = score(HERE / "qa_extra.jsonl")
    assert ins >= 0.93 and oos >= 0.90, misses


def test_answer_quality_on_shared_dev_set_meets_the_bar(shared_dir: Path) -> None:
    ins, oos, misses = score(shared_dir / "eval" / "qa_dev.jsonl")
    assert ins >= 0.95 and oos >= 0.90, misses
