"""WeChat endpoint under load: bounded concurrent POSTs of real policy questions against `jiuye serve`.

Starts `jiuye serve` on loopback with a temporary data dir, then sends signed text messages (each a
fresh MsgId) in plaintext and in safe (AES) mode and prints msg/s, p50/p99 latency and errors, next to
the targets (2 cores: >=500 msg/s plaintext, >=300 safe mode, p99 <= 50 ms, 0 errors) and next to a
naive peer: the same messages sent one at a time (no concurrency, a new connection each).

    python benchmarks/wechat_load.py [--messages 3000] [--concurrency 8 16 32] [--questions FILE.jsonl]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.simulator import Account, text_xml  # noqa: E402

TOKEN = "bench-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
APP_ID = "wxbench0000000000"
# used when ../shared/eval/qa_dev.jsonl is absent (a user's clone has no ../shared)
BUILTIN = [
    "外出务工有交通补贴吗", "贫困劳动力参加技能培训有什么补贴", "企业招用贫困劳动力有补贴吗",
    "自主创业能贷款吗", "公益性岗位怎么申请", "就业扶贫车间有什么奖补", "灵活就业社保补贴多少",
    "职业介绍补贴怎么领", "去外省打工有补助吗", "培训期间有生活费补贴吗",
]  # fmt: skip


def questions(path: Path | None) -> list[str]:
    path = path or ROOT.parent / "shared" / "eval" / "qa_dev.jsonl"
    if path.is_file():
        qs = [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if qs:
            return qs
    return BUILTIN


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = os.environ | {
        "JIUYE_DATA_DIR": str(data_dir),
        "JIUYE_WECHAT_TOKEN": TOKEN,
        "JIUYE_WECHAT_AES_KEY": AES_KEY,
        "JIUYE_WECHAT_APP_ID": APP_ID,
        "JIUYE_LOG_LEVEL": "WARNING",
    }
    env.pop("JIUYE_DATABASE_URL", None)
    env.pop("JIUYE_REDIS_URL", None)
    cmd = [sys.executable, "-c", "from service.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=str(data_dir), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"jiuye serve exited: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as res:
                if json.loads(res.read())["status"] == "ok":
                    return proc
        except OSError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise SystemExit("jiuye serve did not become ready in 180 s")


def wait_quiet(pid: int, limit_s: float = 60.0) -> None:
    """Wait until the server's start-up background work (index loads, first push plan) has settled."""
    deadline = time.monotonic() + limit_s
    last = cpu_seconds(pid)
    while last is not None and time.monotonic() < deadline:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        if now is None or now - last < 0.05:
            return
        last = now


def build_requests(account: Account, qs: list[str], n: int, port: int) -> list[bytes]:
    """Raw HTTP/1.1 requests, prepared before timing so the client spends little CPU while measuring."""
    out = []
    for i in range(n):
        query, body = account.request(text_xml(f"oBench{i % 200:04d}", qs[i % len(qs)]))
        head = (
            f"POST /wechat?{query} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: text/xml\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        out.append(head.encode() + body)
    return out


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, req: bytes) -> tuple[int, bytes]:
    writer.write(req)
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    return status, await reader.readexactly(length)


async def run_load(port: int, reqs: list[bytes], concurrency: int, account: Account) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(reqs))

    async def worker() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while queue:
            req = queue.pop()
            t0 = time.perf_counter()
            try:
                status, body = await _exchange(reader, writer, req)
                latencies.append(time.perf_counter() - t0)
                if not account.reply_text(status, body.decode("utf-8")):
                    errors += 1
            except (OSError, ValueError, asyncio.IncompleteReadError):
                errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {
        "msgs": len(reqs),
        "rate": len(reqs) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
        "errors": errors,
    }


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process and its children so far (Linux /proc), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def stop_leftovers(data_dir: Path) -> None:
    """Stop processes still running in the temp data dir (the embedded Redis can outlive its server)."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return
    for entry in proc_dir.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if cwd.startswith(str(data_dir)):
            try:
                os.kill(int(entry.name), 9)  # its data dir is about to go: nothing to save
            except OSError:
                pass


def naive_rate(port: int, reqs: list[bytes]) -> float:
    """One message at a time, a new connection each: what a naive sequential caller gets."""
    t0 = time.perf_counter()
    for req in reqs:
        with socket.create_connection(("127.0.0.1", port)) as s:
            s.sendall(req.replace(b"HTTP/1.1\r\n", b"HTTP/1.1\r\nConnection: close\r\n", 1))
            while s.recv(65536):
                pass
    return len(reqs) / (time.perf_counter() - t0)


def intent_step(qs: list[str]) -> str:
    """The intent reader's share of a message: every distinct message read once, in this process."""
    from bot.intents import get_classifier, load_examples, read_intent

    t0 = time.perf_counter()
    clf = get_classifier()
    load = time.perf_counter() - t0
    texts = list(dict.fromkeys(qs + [e.text for e in load_examples()]))
    times = []
    for text in texts:
        t = time.perf_counter()
        read_intent(text, clf)
        times.append(1000 * (time.perf_counter() - t))
    times.sort()
    med, p99 = statistics.median(times), times[int(0.99 * (len(times) - 1))]
    return (f"intent step: {len(texts)} distinct messages, median {med:.2f} ms, p99 {p99:.2f} ms (target median <= 1 ms)"
            f" -> {'MET' if med <= 1 else 'NOT MET'}; classifier ready in {load:.1f}s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=3000)
    # In flight at once. p99 grows with it by queueing alone (each message waits for those ahead of
    # it on one process), so several levels are measured rather than one picked.
    ap.add_argument("--concurrency", type=int, nargs="+", default=[8, 16, 32])
    ap.add_argument("--questions", type=Path, default=None)
    args = ap.parse_args()
    qs = questions(args.questions)
    print(intent_step(qs))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="jiuye-wechat-bench-") as tmp:
        t0 = time.perf_counter()
        proc = start_server(Path(tmp), port)
        wait_quiet(proc.pid)
        print(f"jiuye serve ready in {time.perf_counter() - t0:.1f}s on port {port}; {len(qs)} distinct questions")
        try:
            targets = {"plaintext": 500.0, "safe": 300.0}
            for (mode, safe), level in itertools.product((("plaintext", False), ("safe", True)), args.concurrency):
                account = Account(TOKEN, AES_KEY, APP_ID, safe=safe)
                warm = build_requests(account, qs, min(len(qs), 500), port)
                asyncio.run(run_load(port, warm, level, account))  # first answers fill the cache
                reqs = build_requests(account, qs, args.messages, port)
                cpu0 = cpu_seconds(proc.pid)
                r = asyncio.run(run_load(port, reqs, level, account))
                cpu1 = cpu_seconds(proc.pid)
                cpu_ms = 1000 * (cpu1 - cpu0) / len(reqs) if cpu0 is not None and cpu1 is not None else float("nan")
                naive = naive_rate(port, build_requests(account, qs, 200, port))
                ok = r["rate"] >= targets[mode] and r["p99_ms"] <= 50 and r["errors"] == 0
                print(
                    f"{mode:9s} {r['msgs']} msgs, concurrency {level}: {r['rate']:.0f} msg/s "
                    f"(target {targets[mode]:.0f}), p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms (target 50), "
                    f"errors {r['errors']:.0f}; server CPU {cpu_ms:.2f} ms/msg; naive sequential peer {naive:.0f} msg/s "
                    f"(x{r['rate'] / naive:.1f}) -> {'MET' if ok else 'NOT MET'}"
                )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            stop_leftovers(Path(tmp))


if __name__ == "__main__":
    main()
