"""``jiuye match run``: recompute matches over the database and write the match log.

Attached to the ``match`` command group of ``service/cli/match.py`` (its ``match_app``).
"""

from __future__ import annotations

import os

import typer


def _run(
    top: int = typer.Option(5, "--top", min=1, help="每人最多记录几个岗位"),
    shards: int = typer.Option(1, "--shards", min=1, help="分成几片交给 jiuye worker 并行处理（1 = 本进程直接算）"),
    timeout: float = typer.Option(None, "--timeout", help="分片模式下最多等待多少秒"),
    jobs: int = typer.Option(None, "--jobs", min=1, help="本进程计算时用几个进程（默认：本机 CPU 核数）"),
) -> None:
    """Match every seeking person against the open postings; write the match log.

    With ``--shards N`` the run is split into N jobs on the Redis queue; every running ``jiuye worker``
    (on any machine with the same database and Redis) takes shards; this command waits for all of them.
    """
    from tqdm import tqdm

    from core.db import make_engine, make_sessionmaker, session_scope
    from core.errors import JiuyeError
    from core.logging import configure_logging
    from core.migrate import upgrade
    from core.redis import get_redis
    from core.settings import get_settings
    from jobs_feed.push import matchlog
    from jobs_feed.push import shards as sharded

    settings = get_settings()
    settings.ensure_dirs()
    configure_logging(settings.log_level)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    factory = make_sessionmaker(engine)
    if shards == 1:
        with session_scope(factory) as session, tqdm(desc="匹配", unit="人", leave=False) as bar:
            summary = matchlog.run(session, top=top, progress=bar.update, jobs=jobs or os.cpu_count() or 1)
    else:
        client = get_redis(settings)
        try:
            run_id = sharded.start(settings, factory, client, shards=shards, top=top)
            typer.echo(f"已分成 {shards} 片放入队列（批次 {run_id[:8]}），等待 jiuye worker 处理……", err=True)
            with tqdm(desc="分片", unit="片", total=shards, leave=False) as bar:
                summary = sharded.wait(settings, factory, client, run_id, shards, progress=bar.update, timeout=timeout)
        except JiuyeError as e:
            typer.echo(e.message_zh, err=True)
            raise typer.Exit(1) from e
    typer.echo(
        f"匹配完成：求职 {summary.people} 人，有合适岗位 {summary.matched} 人，"
        f"共 {summary.pairs} 条匹配（批次 {summary.run_id[:8]}）"
    )


def register(app: typer.Typer) -> None:
    from service.cli.match import match_app

    if not any(getattr(c, "name", None) == "run" for c in match_app.registered_commands):
        match_app.command("run", help="为所有求职人员匹配在招岗位，写入匹配记录\n\n"
                                      "加 --shards N 时分成 N 片放入 Redis 队列，由各台机器上的 `jiuye worker` 并行处理，"
                                      "本命令等全部完成。")(_run)
