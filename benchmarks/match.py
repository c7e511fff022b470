"""Matching at scale, end to end: what a user runs, beside a naive TF-IDF peer, in one run.

Headline (wall time, peak RSS of the child process):
- ``jiuye match --labourers L --postings J --top 5 --json > out`` on N people × M postings (files),
  beside the naive peer doing the same job end to end (read both files, character 1–2-gram
  TF-IDF cosine top-5 with scikit-learn, no rules, write one JSON line a person);
- ``jiuye match run`` over PostgreSQL (people and postings loaded first, with their stored profiles
  as imports leave them; not timed), when --pg-url is given (or JIUYE_TEST_DATABASE_URL is set);
  with --shards K also ``jiuye match run --shards K`` served by K ``jiuye worker`` processes.
Below it, the phases in this process (notes on): parse people, fit on postings, people → arrays,
batch, one new posting → all people, one new person → all postings.

Postings come from ../shared/data/jobs_1dagong_*.csv when present (read at run time only; each
row is placed in a random Fujian county), repeated with small pay variations up to M; otherwise
generated. People are generated with realistic skills and wishes.

    .venv/bin/python benchmarks/match.py                       # 100k people × 20k postings
    .venv/bin/python benchmarks/match.py --people 5000 --postings 2000   # quick mode

Targets on 2 cores: end to end ≤ 0.3× the naive peer's wall time in the same run, ≤ 4 GB;
``jiuye match run`` over 100k people ≤ 60 s; one posting → all people ≤ 0.5 s; one person → all
postings ≤ 50 ms; fit on 20k postings ≤ 3 s; parse 100k people ≤ 5 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"

from core.gazetteer import get_gazetteer  # noqa: E402
from core.text import jieba_instance  # noqa: E402
from matching.engine import Matcher  # noqa: E402
from matching.kinds import get_families  # noqa: E402
from matching.profile import clear_caches, parse_profiles  # noqa: E402

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


def run_child(cmd: list[str], env: dict[str, str] | None = None, stdout: Path | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of a child process, its VmHWM sampled until it exits."""
    t0 = time.perf_counter()
    with (stdout.open("w") if stdout else open(os.devnull, "w")) as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.PIPE, text=True)
        peak = 0.0
        while proc.poll() is None:
            try:
                for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024)
            except OSError:
                pass
            time.sleep(0.05)
        err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[:4])} … exited {proc.returncode}: {err[-2000:]}")
    return time.perf_counter() - t0, peak


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def load_postgres(url: str, people: list[dict], postings: list[dict]) -> tuple[str, str]:
    """A fresh schema holding the people (with stored profiles) and postings; returns (url, schema)."""
    from sqlalchemy import insert, text

    from core.db import make_engine
    from core.migrate import upgrade
    from matching.models import Labourer, Posting
    from matching.profile import stored
    from matching.service import county_name  # noqa: F401  (gazetteer warm)

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    base = make_engine(url)
    with base.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(url, schema=schema)
    upgrade(eng)
    g = get_gazetteer()
    profiles = parse_profiles(people)
    with eng.begin() as conn:
        rows = []
        for p, prof in zip(people, profiles, strict=True):
            c = g.resolve(p["county"])
            rows.append({"external_id": p["id"], "name": f"测试{p['id']}", "gender": p["gender"], "age": p["age"],
                         "county_code": c.code if c else None, "poverty_registered": p["poverty_registered"],
                         "status": p["status"], "skills": p["skills"], "wishes": p["wishes"], "profile": stored(prof),
                         "facts": {}, "sms_consent": False, "pushes_opted_out": False})
        for i in range(0, len(rows), 5000):
            conn.execute(insert(Labourer), rows[i : i + 5000])
        jobs = []
        for j in postings:
            c = g.resolve(j["location"])
            jobs.append({"external_id": j["id"], "title": (j["title"] or "")[:60], "description": j.get("description") or "",
                         "location": j["location"], "county_code": c.code if c else None, "city_code": c.city_code if c else None,
                         "salary_min": j.get("salary_min"), "salary_max": j.get("salary_max"), "salary_unit": "month",
                         "age_min": j.get("age_min"), "age_max": j.get("age_max"), "gender": j.get("gender"),
                         "required_certificates": [], "tags": [], "status": "open", "local_only": False, "source": "import"})
        for i in range(0, len(jobs), 5000):
            conn.execute(insert(Posting), jobs[i : i + 5000])
    return f"{url}?options=-csearch_path={schema}", schema


def drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import text

    from core.db import make_engine

    with make_engine(url).begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--postings", type=int, default=20_000)
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pg-url", default=os.environ.get("JIUYE_TEST_DATABASE_URL"), help="PostgreSQL for jiuye match run")
    ap.add_argument("--redis-url", default=os.environ.get("JIUYE_TEST_REDIS_URL"), help="Redis for the sharded run")
    ap.add_argument("--shards", type=int, default=0, help="also time jiuye match run --shards K with K workers")
    a = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    rnd = random.Random(a.seed)
    postings, source = load_postings(a.postings, rnd)
    people = make_people(a.people, rnd)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')}: {a.people} people × {a.postings} postings (postings: {source}); "
          f"load average before: {' '.join(load)} on {os.cpu_count()} cores")
    tmp = Path(tempfile.mkdtemp(prefix="jiuye-bench-"))
    L, J = tmp / "labourers.jsonl", tmp / "jobs.jsonl"
    write_jsonl(L, people)
    write_jsonl(J, postings)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env["JIUYE_DATA_DIR"] = str(tmp / "var")
    jiuye = [sys.executable, "-c", "from service.cli import main; main()"]
    # the word-vector map is built once per data dir (cached, like jieba's dictionary): built here, untimed
    run_child([*jiuye, "match", "--labourers", str(L), "--postings", str(J), "--top", "1", "--json"], env)
    head: dict[str, tuple[float, float]] = {}
    head["jiuye match (files, notes on)"] = run_child(
        [*jiuye, "match", "--labourers", str(L), "--postings", str(J), "--top", str(a.top), "--json"], env, tmp / "out.jsonl")
    head["naive peer (files, TF-IDF top-5, no rules)"] = run_child(
        [sys.executable, str(Path(__file__).with_name("naive_peer.py")), str(L), str(J), str(tmp / "peer.jsonl"), str(a.top)], env)
    pushed = sum(1 for x in (tmp / "out.jsonl").read_text(encoding="utf-8").splitlines() if json.loads(x)["matches"])
    if a.pg_url:
        url, schema = load_postgres(a.pg_url, people, postings)
        try:
            db_env = dict(env, JIUYE_DATABASE_URL=url)
            head["jiuye match run (PostgreSQL)"] = run_child([*jiuye, "match", "run", "--top", str(a.top)], db_env)
            if a.shards and a.redis_url:
                db_env.update(JIUYE_REDIS_URL=a.redis_url, JIUYE_REDIS_PREFIX=f"bench-{schema}:")
                workers = [subprocess.Popen([*jiuye, "worker"], env=db_env, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL) for _ in range(a.shards)]
                try:
                    head[f"jiuye match run --shards {a.shards} ({a.shards} workers)"] = run_child(
                        [*jiuye, "match", "run", "--top", str(a.top), "--shards", str(a.shards)], db_env)
                finally:
                    for w in workers:
                        w.terminate()
                        w.wait(timeout=60)
        finally:
            drop_schema(a.pg_url, schema)
    ours, peer = head["jiuye match (files, notes on)"], head["naive peer (files, TF-IDF top-5, no rules)"]
    print(f"{'end to end (what a user runs)':52s} {'wall s':>9s} {'peak MB':>9s}")
    for label, (sec, peak) in head.items():
        print(f"{label:52s} {sec:9.2f} {peak:9.0f}")
    print(f"HEADLINE: jiuye match end to end = {ours[0] / peer[0]:.2f}× the naive peer's wall time (same run); "
          f"people with a push {pushed}/{a.people}")

    res: dict = {}
    list(jieba_instance().cut("预热"))  # jieba's one-time dictionary load charged to no phase
    clear_caches()  # loading PostgreSQL parsed these people already: the phase must read them afresh
    with measure("parse people", res):
        profiles = parse_profiles(people)
    with measure("fit on postings", res):
        matcher = Matcher().fit(postings)
    with measure("people → arrays (once; reused by queries)", res):
        P = matcher.people(profiles)
    with measure(f"batch top-{a.top} (all people, notes on)", res):
        list(matcher.match_many(P, a.top))
    jobs = os.cpu_count() or 1
    if jobs > 1:  # what the command does by default: parse and batch over every core
        clear_caches()
        with measure(f"  parse people, {jobs} processes (the command's default)", res):
            parse_profiles(people, jobs=jobs)
        matcher.n_jobs = jobs
        with measure(f"  batch, {jobs} processes (CPU: this process only)", res):
            list(matcher.match_many(P, a.top))
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
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    print(f"phases in this process (load average now {' '.join(load)}; CPU seconds are the steadier figure)")
    print(f"{'phase':52s} {'wall s':>9s} {'CPU s':>9s} {'peak +MB':>9s} {'RSS MB':>8s}")
    for label, (sec, cpu, grow, peak) in res.items():
        print(f"{label:52s} {sec:9.3f} {cpu:9.3f} {grow:9.0f} {peak:8.0f}")
    print(f"new posting suits {len(hits)} people")


if __name__ == "__main__":
    main()
