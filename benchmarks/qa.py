"""Policy answers benchmark: what a user runs (`jiuye ask --jsonl` over many distinct questions),
beside a naive peer (sentence BM25, top sentence, never declines) run the same way, then phases.

Run from the project root:

    .venv/bin/python benchmarks/qa.py [--limit 2000]

Questions: every labelled question shipped in knowledge/data/questions plus ../shared/eval's qa sets
when present — all styles (short, stories, 繁體, coordinators), each asked once: no answer is ever
repeated, so no cache is what is timed. Quality is reported only on ../shared/eval (never trained on).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "eval"


def flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def questions(limit: int) -> list[str]:
    from knowledge.decider import DATA_DIR

    seen: dict[str, None] = {}
    for path in [*sorted(DATA_DIR.glob("*.jsonl")), *sorted(SHARED.glob("qa_dev*.jsonl"))]:
        for row in read_jsonl(path):
            seen.setdefault(" ".join(row["q"].split()), None)
    return list(seen)[:limit]


class NaivePeer:
    """Sentence-level BM25 with rank_bm25 over jieba words: the top sentence is the answer."""

    def __init__(self) -> None:
        from rank_bm25 import BM25Okapi

        from core.text import tokenize
        from knowledge.corpus import load_documents
        from knowledge.segment import split_sentences
        from knowledge.service import segment_documents

        self.sentences = [s for c in segment_documents(load_documents(None)) for s in split_sentences(c.text)]
        self.bm25 = BM25Okapi([tokenize(s) or ["_"] for s in self.sentences])

    def answer(self, q: str) -> tuple[str, bool]:
        from core.text import normalize, tokenize

        scores = self.bm25.get_scores(tokenize(normalize(q)) or ["_"])
        return self.sentences[int(scores.argmax())], False


def peer_main() -> int:
    """`--peer-jsonl`: the naive peer as a command, one JSON answer a line like `jiuye ask --jsonl`."""
    peer = NaivePeer()
    for line in sys.stdin:
        text, fallback = peer.answer(line.rstrip("\n"))
        sys.stdout.write(json.dumps({"q": line.rstrip("\n"), "answer": text, "fallback": fallback},
                                    ensure_ascii=False) + "\n")
    return 0


def run_command(cmd: list[str], feed: str, env: dict) -> tuple[float, list[dict]]:
    t = time.perf_counter()
    p = subprocess.run(cmd, input=feed, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t, [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def quality(rows: list[dict], answers: list[dict]) -> tuple[int, int, int, int]:
    ins = oos = ins_ok = oos_ok = 0
    for c, a in zip(rows, answers, strict=True):
        if c.get("fallback"):
            oos += 1
            oos_ok += bool(a["fallback"])
        else:
            ins += 1
            ins_ok += (not a["fallback"] and len(a["answer"].encode("utf-8")) <= 2048
                       and all(flat(m) in flat(a["answer"]) for m in c["must"]))
    return ins_ok, ins, oos_ok, oos


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=2000, help="distinct questions to time")
    ap.add_argument("--peer-jsonl", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer_jsonl:
        return peer_main()
    qs = questions(args.limit)
    feed = "".join(q + "\n" for q in qs)
    data = Path(tempfile.mkdtemp(prefix="jiuye-bench-qa-"))
    env = {**os.environ, "JIUYE_DATA_DIR": str(data), "JIUYE_LOG_LEVEL": "WARNING"}
    jiuye = str(Path(sys.executable).with_name("jiuye"))
    # The model is built once (a deployment's first start); the timed run loads it as every restart does.
    subprocess.run([jiuye, "ask", "--no-record", "三支一扶每年招多少人"], env=env, capture_output=True, check=True)

    ours_s, _ = run_command([jiuye, "ask", "--jsonl", "--no-record"], feed, env)
    peer_s, _ = run_command([sys.executable, __file__, "--peer-jsonl"], feed, env)
    print(f"questions: {len(qs)} distinct (all shipped labelled questions and the dev sets, each asked once)")
    print(f"{'command (end to end: start, load, answer all)':<52}{'wall s':>8}{'ms/question':>13}")
    print(f"{'jiuye ask --jsonl':<52}{ours_s:>8.2f}{ours_s / len(qs) * 1000:>13.2f}")
    print(f"{'naive peer: BM25 top sentence, never declines':<52}{peer_s:>8.2f}{peer_s / len(qs) * 1000:>13.2f}")
    print(f"ratio ours / peer: {ours_s / peer_s:.2f}")

    # Phases, in this process.
    os.environ.update({"JIUYE_DATA_DIR": str(data), "JIUYE_LOG_LEVEL": "WARNING"})
    from core import vectors as vec
    from core.settings import get_settings
    from knowledge.message import split_message
    from knowledge.respond import respond
    from knowledge.service import get_answerer

    settings = get_settings()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    vec.get_vectors((settings.model_cache_dir or settings.data_dir) / "vectors")
    vectors_s = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    answerer = get_answerer(settings)
    load_s = time.perf_counter() - t
    vec._loaded.clear()
    t = time.perf_counter()
    vec.WordVectors(*vec._read_pickle(vec._source_file()))
    from_wheel_s = time.perf_counter() - t

    split_ms, read_ms, decide_ms, total_ms = [], [], [], []
    for q in qs:
        t0 = time.perf_counter()
        m = split_message(q)
        t1 = time.perf_counter()
        reading = answerer.reader.read(m)
        t2 = time.perf_counter()
        answerer.decider.decide(reading)
        t3 = time.perf_counter()
        split_ms.append((t1 - t0) * 1000)
        read_ms.append((t2 - t1) * 1000)
        decide_ms.append((t3 - t2) * 1000)
    peer = NaivePeer()
    peer_ms = []
    for q in qs:  # the whole answer per question, ours then the peer's
        t0 = time.perf_counter()
        respond(answerer.index, answerer.reader, answerer.decider, q)
        total_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        peer.answer(q)
        peer_ms.append((time.perf_counter() - t0) * 1000)
    print("\nper question, in process (each question once)      median ms   p99 ms")
    for name, xs in (("jiuye: whole answer", total_ms), ("  split ask/story/facts", split_ms),
                     ("  retrieve + features (incl. word vectors)", read_ms), ("  classifier + decider", decide_ms),
                     ("naive peer: whole answer", peer_ms)):
        print(f"  {name:<46}{statistics.median(xs):>9.2f}{pct(xs, 99):>9.2f}")
    print(f"\nload the saved model: {load_s:.2f} s; word vectors from the converted .npy: {vectors_s:.2f} s "
          f"(+{(rss1 - rss0) / 1024:.0f} MB RSS), from the wheel's pickle: {from_wheel_s:.2f} s")

    for path in sorted(SHARED.glob("qa_dev*.jsonl")):
        rows = read_jsonl(path)
        q_feed = "".join(" ".join(r["q"].split()) + "\n" for r in rows)
        _, ours = run_command([jiuye, "ask", "--jsonl", "--no-record"], q_feed, env)
        _, theirs = run_command([sys.executable, __file__, "--peer-jsonl"], q_feed, env)
        for name, ans in (("jiuye", ours), ("naive peer", theirs)):
            i, n, o, m = quality(rows, ans)
            print(f"{path.name} {name:<11} answerable right {i}/{n}, out of scope declined {o}/{m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
