"""Policy Q&A benchmark: index build time, per-question latency, and answer quality, beside a naive peer.

The naive peer is sentence-level BM25 (rank_bm25 over jieba words) that always answers with the top
sentence. Run from the project root:

    .venv/bin/python benchmarks/qa.py [--repeat 20] [--eval ../shared/eval/qa_dev.jsonl] [--scoring tfidf]

Without --eval it uses ../shared/eval/qa_dev.jsonl when present, else tests/knowledge/qa_extra.jsonl.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.text import jieba_instance, normalize, tokenize  # noqa: E402
from knowledge.answer import WECHAT_MAX_BYTES, compose  # noqa: E402
from knowledge.corpus import load_documents  # noqa: E402
from knowledge.index import PolicyIndex  # noqa: E402
from knowledge.service import segment_documents  # noqa: E402


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def quality(answer_fn, cases: list[dict]) -> tuple[int, int, int, int]:  # type: ignore[no-untyped-def]
    ins = oos = ins_ok = oos_ok = 0
    for c in cases:
        text, fallback = answer_fn(c["q"])
        if c.get("fallback"):
            oos += 1
            oos_ok += fallback
        else:
            ins += 1
            ins_ok += (not fallback and len(text.encode("utf-8")) <= WECHAT_MAX_BYTES
                       and all(flat(m) in flat(text) for m in c["must"]))
    return ins_ok, ins, oos_ok, oos


def latencies(answer_fn, questions: list[str], repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    for q in questions:  # warm caches (pinyin, jieba) once
        answer_fn(q)
    out = []
    for _ in range(repeat):
        for q in questions:
            t = time.perf_counter()
            answer_fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class NaivePeer:
    """Sentence-level BM25 with rank_bm25: the top sentence is the answer, nothing is rejected."""

    def __init__(self, sentences: list[str]):
        from rank_bm25 import BM25Okapi

        self.sentences = sentences
        self.bm25 = BM25Okapi([tokenize(s) or ["_"] for s in sentences])

    def answer(self, q: str) -> tuple[str, bool]:
        scores = self.bm25.get_scores(tokenize(normalize(q)) or ["_"])
        return self.sentences[int(scores.argmax())], False


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--scoring", choices=["bm25", "tfidf"], default="bm25", help="PolicyIndex scoring to measure")
    args = ap.parse_args()
    shared = ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"
    path = args.eval or (shared if shared.exists() else ROOT / "tests" / "knowledge" / "qa_extra.jsonl")
    cases = load_cases(path)
    questions = [c["q"] for c in cases]
    jieba_instance()  # loaded once per process by both engines; not part of either build

    t = time.perf_counter()
    docs = load_documents(None)
    clauses = segment_documents(docs)
    index = PolicyIndex(scoring=args.scoring).fit(clauses)
    build = time.perf_counter() - t
    t = time.perf_counter()
    peer = NaivePeer(list(index.sentences_))
    peer_build = time.perf_counter() - t

    def ours(q: str) -> tuple[str, bool]:
        a = compose(index, q)
        return a.answer, a.fallback

    lat = latencies(ours, questions, args.repeat)
    peer_lat = latencies(peer.answer, questions, args.repeat)
    q_ours, q_peer = quality(ours, cases), quality(peer.answer, cases)
    print(f"eval set: {path.name} ({len(cases)} questions x {args.repeat} repeats); "
          f"{len(clauses)} clauses, {len(index.sentences_)} sentences")
    print(f"{'engine':<34}{'build s':>9}{'median ms':>11}{'p99 ms':>9}{'in-scope':>12}{'rejected':>10}")
    for name, b, la, q in ((f"jiuye PolicyIndex ({args.scoring}, 2 fields)", build, lat, q_ours),
                           ("naive rank_bm25 sentences", peer_build, peer_lat, q_peer)):
        print(f"{name:<34}{b:>9.3f}{statistics.median(la):>11.2f}{pct(la, 99):>9.2f}"
              f"{q[0]:>8}/{q[1]:<3}{q[2]:>6}/{q[3]:<3}")
    print(f"latency ratio (ours / naive): median {statistics.median(lat) / statistics.median(peer_lat):.2f}, "
          f"p99 {pct(lat, 99) / pct(peer_lat, 99):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
