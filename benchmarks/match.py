"""Matching at scale: N people × M postings, beside a naive TF-IDF peer, in one run.

Postings come from ../shared/data/jobs_1dagong_*.csv when present (read at run time only; each
row is placed in a random Fujian county, since the site is mostly outside Fujian), repeated with
small variations up to M; otherwise they are generated. People are generated with realistic skills
and wishes. Prints wall time and peak memory (RSS above the start of each phase, sampled) for:
the full batch top-5, one new posting → all people, one new person → all postings; and the naive
peer (scikit-learn TF-IDF cosine top-5, no rules) on the same data.

    .venv/bin/python benchmarks/match.py                      # full: 100k people × 20k postings
    .venv/bin/python benchmarks/match.py --people 5000 --postings 2000   # quick mode (~20 s)

Targets on 2 cores: 100k × 20k top-5 ≤ 60 s and ≤ 4 GB; one posting → 100k people ≤ 0.5 s;
one person → 20k postings ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import csv
import logging
import random
import re
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"

from core.gazetteer import get_gazetteer  # noqa: E402
from core.text import jieba_instance  # noqa: E402
from matching.engine import Matcher  # noqa: E402
from matching.kinds import get_families  # noqa: E402
from matching.profile import parse_profile  # noqa: E402

csv.field_size_limit(10**7)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096 / 2**20


@contextmanager
def measure(label: str, out: dict):
    """Wall time and the peak RSS growth during the block (a sampling thread)."""
    base = rss_mb()
    peak = [base]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.02):
            peak[0] = max(peak[0], rss_mb())

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    t0, c0 = time.perf_counter(), time.process_time()
    yield
    out[label] = (time.perf_counter() - t0, time.process_time() - c0, max(peak[0], rss_mb()) - base, max(peak[0], rss_mb()))
    stop.set()
    t.join()


def _wage(s: str) -> tuple[int | None, int | None]:
    nums = [int(n) for n in re.findall(r"\d{3,6}", s or "")]
    if not nums:
        return None, None
    return nums[0], (nums[1] if len(nums) > 1 else (None if "以上" in s else nums[0]))


def load_postings(m: int, rnd: random.Random) -> tuple[list[dict], str]:
    counties = [c.full_name for c in get_gazetteer().counties.values()]
    rows: list[dict] = []
    files = sorted(SHARED.glob("jobs_1dagong_*.csv"))
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                title = r.get("jobs_name") or r.get("title") or ""
                desc = r.get("contents") or r.get("description") or ""
                lo, hi = _wage(r.get("wage_cn") or r.get("工资") or "")
                sex = r.get("sex_cn") or r.get("性别要求") or ""
                age = re.findall(r"\d{2}", r.get("age") or "")
                if title:
                    rows.append({"title": title, "description": desc[:600], "salary_min": lo, "salary_max": hi,
                                 "gender": sex if sex in ("男", "女") else None,
                                 "age_min": int(age[0]) if len(age) == 2 else None, "age_max": int(age[1]) if len(age) == 2 else None})
    source = f"{len(rows)} rows from {', '.join(f.name for f in files)}" if rows else "generated"
    if not rows:
        fam = get_families()
        for fid in fam.ids:
            f = fam.by_id[fid]
            for w in f.words[:4]:
                rows.append({"title": f"{w}", "description": f"招{w}，{f.label}，有经验优先，包吃住", "salary_min": 3500, "salary_max": 6000})
    out = []
    for i in range(m):
        r = dict(rows[i % len(rows)])
        r["id"] = f"J{i}"
        r["location"] = rnd.choice(counties)
        r["salary_unit"] = "month"
        if i >= len(rows):  # repeated rows: vary pay so copies are not identical
            for k in ("salary_min", "salary_max"):
                if r.get(k):
                    r[k] = int(r[k] * rnd.uniform(0.85, 1.2))
        out.append(r)
    return out, source


SKILLS = ["做过{w}{n}年", "会{w}", "在厂里做过{w}", "干过{w}", "{w}，有经验", "没什么技术", "初中毕业", "有{c}", "以前{w}"]
WISHES = ["{p}附近", "想去{city}", "本地", "{p}本地，工资{pay}以上", "哪里都行", "想在{city}做{w}", "家里走不开，只能在{p}",
          "{city}或者{city2}", "月薪{pay}左右", "外地也行，包吃住", "离家近一点，{pay}以上", ""]
CERTS = ["叉车证", "焊工证", "电工证", "C1驾照", "B2驾照", "健康证", "厨师证"]


def make_people(n: int, rnd: random.Random) -> list[dict]:
    g = get_gazetteer()
    fam = get_families()
    counties = list(g.counties.values())
    cities = [c[:2] for c in g.cities.values()]
    words = [w for f in fam.by_id.values() for w in f.words if len(w) >= 2]
    out = []
    for i in range(n):
        home = rnd.choice(counties)
        fill = {"w": rnd.choice(words), "n": rnd.randint(2, 20), "c": rnd.choice(CERTS), "p": home.short,
                "city": rnd.choice(cities), "city2": rnd.choice(cities), "pay": rnd.choice([3000, 4000, 5000, 6000, 8000])}
        out.append({
            "id": f"L{i}", "gender": rnd.choice("男女"), "age": rnd.randint(18, 62), "county": home.full_name,
            "poverty_registered": rnd.random() < 0.8,
            "status": "seeking" if rnd.random() < 0.9 else "not_seeking",
            "skills": rnd.choice(SKILLS).format(**fill), "wishes": rnd.choice(WISHES).format(**fill),
        })
    return out


def naive_topk(postings: list[dict], people: list[dict], k: int, chunk: int = 2000) -> None:
    """The peer: scikit-learn TF-IDF (char 1-2 grams) cosine, top-k, no rules."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
    J = vec.fit_transform([f"{j['title']} {j['description']}" for j in postings]).T.tocsr()
    X = vec.transform([f"{p['skills']} {p['wishes']}" for p in people]).tocsr()
    for s in range(0, X.shape[0], chunk):
        S = (X[s : s + chunk] @ J).toarray()
        np.argpartition(-S, k - 1, axis=1)[:, :k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--postings", type=int, default=20_000)
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rnd = random.Random(a.seed)
    res: dict = {}
    postings, source = load_postings(a.postings, rnd)
    people = make_people(a.people, rnd)
    print(f"{a.people} people × {a.postings} postings (postings: {source})")
    # jieba loads its dictionary on first use, once per process (about 0.6 s): loaded here, outside every
    # phase, so it is not charged to whichever phase happens to segment text first
    list(jieba_instance().cut("预热"))

    with measure("parse people (once; profiles are stored)", res):
        profiles = [parse_profile(p) for p in people]
    with measure("fit on postings", res):
        matcher = Matcher().fit(postings)
    with measure("people → arrays (once; reused by queries)", res):
        P = matcher.people(profiles)
    with measure(f"batch top-{a.top} (all people)", res):
        pushed = sum(1 for r in matcher.match_many(P, a.top, notes=False) if r.matches)
    matcher.n_jobs = 2
    with measure(f"batch top-{a.top}, n_jobs=2 (CPU s: parent only)", res):
        list(matcher.match_many(P, a.top, notes=False))
    matcher.n_jobs = 1
    new_posting = dict(postings[0], id="NEW", location="宁德市屏南县")
    walls, cpus = [], []
    for _ in range(5):
        t0, c0 = time.perf_counter(), time.process_time()
        hits = matcher.match_posting(new_posting, P)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    res["one new posting → all people (median of 5)"] = (statistics.median(walls), statistics.median(cpus), 0.0, rss_mb())
    walls, cpus = [], []
    for p in people[:20]:
        t0, c0 = time.perf_counter(), time.process_time()
        matcher.query(p, a.top)  # raw record: parsing included
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    res["one new person → all postings (median of 20)"] = (statistics.median(walls), statistics.median(cpus), 0.0, rss_mb())
    with measure(f"naive peer: TF-IDF cosine top-{a.top}, no rules", res):
        naive_topk(postings, people, a.top)

    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").exists() else "?"
    print(f"(load average {load}: on a shared machine, CPU seconds are the steadier figure)")
    print(f"{'phase':52s} {'wall s':>9s} {'CPU s':>9s} {'peak +MB':>9s} {'RSS MB':>8s}")
    for label, (sec, cpu, grow, peak) in res.items():
        print(f"{label:52s} {sec:9.3f} {cpu:9.3f} {grow:9.0f} {peak:8.0f}")
    batch = res[f"batch top-{a.top} (all people)"]
    peer = res[f"naive peer: TF-IDF cosine top-{a.top}, no rules"]
    print(f"people with at least one push: {pushed}/{a.people}; new posting suits {len(hits)} people")
    print(f"batch vs naive peer: {batch[0] / peer[0]:.2f}× the peer's wall time, {batch[1] / peer[1]:.2f}× its CPU time "
          "(the peer applies no rules and pushes to everyone)")


if __name__ == "__main__":
    main()
