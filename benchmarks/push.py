"""Push delivery throughput: N pushes through RQ to a loopback SMS vendor (Aliyun's API, official SDK).

    python benchmarks/push.py [--n 10000] [--workers 2] [--vendor aliyun|tencent|log] [--naive-n 200]

Prints deliveries/s for jiuye's workers (batched jobs, SimpleWorker, claim-before-send) beside a
naive peer (one RQ job per push on RQ's default forking worker), and checks the vendor received
every push exactly once. Uses SQLite and embedded Redis in a temporary directory unless
JIUYE_DATABASE_URL / JIUYE_REDIS_URL are set. Target on 2 cores: >= 200 deliveries/s.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _serve_vendor(kind: str, port_q: mp.Queue, count_q: mp.Queue, stop: mp.Event) -> None:
    from tests.push.vendor_servers import AliyunSmsServer, TencentSmsServer

    server = (AliyunSmsServer() if kind == "aliyun" else TencentSmsServer()).start()
    port_q.put(server.port)
    stop.wait()
    out_key, phone_key = ("OutId", "PhoneNumbers") if kind == "aliyun" else ("SessionContext", "PhoneNumber")
    count_q.put([(a.get(phone_key), a.get(out_key)) for a in server.accepted])
    server.stop()


def _settings(tmp: Path, vendor: str, port: int | None, prefix: str):  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    from core.settings import Settings

    s = Settings(
        data_dir=tmp / "var", database_url=os.environ.get("JIUYE_DATABASE_URL"),
        redis_url=os.environ.get("JIUYE_REDIS_URL"), redis_prefix=prefix, quiet_hours="",
        sms_vendor=vendor, push_batch_size=100, log_level="WARNING", _env_file=None,
    )
    if vendor == "aliyun":
        s.aliyun_sms_endpoint = f"http://127.0.0.1:{port}"
        s.aliyun_sms_access_key_id, s.aliyun_sms_access_key_secret = "test-ak", SecretStr("test-secret")
        s.aliyun_sms_template_code = "SMS_BENCH"
    elif vendor == "tencent":
        s.tencent_sms_endpoint = f"http://127.0.0.1:{port}"
        s.tencent_sms_secret_id, s.tencent_sms_secret_key = "test-id", SecretStr("test-key")
        s.tencent_sms_app_id, s.tencent_sms_template_id = "1400000001", "100"
    s.ensure_dirs()
    return s


def _fill(factory, n: int, phone_prefix: str) -> list[int]:  # type: ignore[no-untyped-def]
    """n people, one posting, n queued pushes (bulk inserts: setup is not what we measure)."""
    from sqlalchemy import insert, select

    from core.timeutil import utcnow
    from jobs_feed.push.models import Push
    from matching.models import Labourer, Posting

    now = utcnow()
    with factory() as s:
        s.execute(insert(Posting), [{
            "external_id": "B1", "title": "普工", "location": "福州市闽侯县", "county_code": "350121",
            "salary_min": 4500, "salary_max": 6000, "salary_unit": "month", "status": "open", "description": "",
            "employer_name": "", "salary_text": "", "required_certificates": [], "tags": [], "local_only": False,
            "source": "import", "created_at": now, "updated_at": now}])
        posting_id = s.scalar(select(Posting.id).where(Posting.external_id == "B1"))
        s.execute(insert(Labourer), [{
            "external_id": f"BL{i}", "name": "测试", "phone": f"{phone_prefix}{i:08d}", "county_code": "350121",
            "status": "seeking", "skills": "", "wishes": "", "sms_consent": True, "pushes_opted_out": False,
            "poverty_registered": True, "created_at": now, "updated_at": now} for i in range(n)])
        ids = s.scalars(select(Labourer.id).where(Labourer.external_id.like("BL%"))).all()
        s.execute(insert(Push), [{
            "labourer_id": lid, "posting_id": posting_id, "status": "queued", "attempts": 0, "text": "",
            "reasons": [], "created_at": now, "updated_at": now} for lid in ids])
        s.commit()
        return list(s.scalars(select(Push.id).order_by(Push.id)))


def _run(settings, factory, client, push_ids: list[int], workers: int, naive: bool) -> float:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from jobs_feed.push import tasks
    from jobs_feed.push.models import Push
    from jobs_feed.push.scheduler import worker_env

    env = worker_env(settings)
    args = [sys.executable, "-m", "jobs_feed.push.tasks"] + (["--fork"] if naive else [])
    procs = [subprocess.Popen(args, env=env, cwd=ROOT) for _ in range(workers)]
    time.sleep(3)  # workers up and listening before the clock starts
    t0 = time.perf_counter()
    if naive:
        queue = tasks.get_queue(settings, client)
        for pid in push_ids:
            queue.enqueue("jobs_feed.push.tasks.deliver_batch", [pid])
    else:
        tasks.enqueue_due(settings, factory, client)
    target = len(push_ids)
    while True:
        with factory() as s:
            done = s.scalar(select(func.count()).select_from(Push).where(Push.status == "sent"))
        if done >= target:
            break
        time.sleep(0.2)  # cheap polling: the clock must not measure the benchmark itself
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--vendor", choices=["aliyun", "tencent", "log"], default="aliyun")
    ap.add_argument("--naive-n", type=int, default=200, help="pushes for the naive peer (0: skip); it is slow")
    a = ap.parse_args()

    from core.db import make_engine, make_sessionmaker
    from core.migrate import upgrade
    from core.redis import get_redis

    port_q: mp.Queue = mp.Queue()
    count_q: mp.Queue = mp.Queue()
    stop = mp.Event()
    vendor_proc = None
    port = None
    if a.vendor != "log":
        vendor_proc = mp.Process(target=_serve_vendor, args=(a.vendor, port_q, count_q, stop), daemon=True)
        vendor_proc.start()
        port = port_q.get(timeout=30)
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        results = {}
        for label, n, naive in (("jiuye", a.n, False), ("naive", a.naive_n, True)):
            if n <= 0:
                continue
            settings = _settings(tmp / label, a.vendor, port, f"bench-{label}-{os.getpid()}:")
            engine = make_engine(settings.sqlalchemy_url)
            upgrade(engine)
            factory = make_sessionmaker(engine)
            client = get_redis(settings)
            push_ids = _fill(factory, n, "139" if label == "jiuye" else "138")
            elapsed = _run(settings, factory, client, push_ids, a.workers, naive)
            results[label] = n / elapsed
            print(f"{label:6s} {n:6d} pushes, {a.workers} workers: {elapsed:6.2f} s  {n / elapsed:8.1f} deliveries/s")
            engine.dispose()
        if vendor_proc:
            stop.set()
            out_ids = count_q.get(timeout=60)
            vendor_proc.join(timeout=10)
            expected = a.n + max(a.naive_n, 0)
            print(f"vendor accepted {len(out_ids)} messages, {len(set(out_ids))} distinct (phone, out-id) "
                  f"pairs (expected {expected}: each push exactly once)")
        if "naive" in results:
            print(f"ratio jiuye / naive: {results['jiuye'] / results['naive']:.1f}x")
        print(f"target >= 200 deliveries/s: {'met' if results['jiuye'] >= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
