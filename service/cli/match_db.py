"""``jiuye match run``: recompute matches over the database and write the match log.

Attached to the ``match`` command group of ``service/cli/match.py`` (its ``match_app``).
"""

from __future__ import annotations

import typer


def _run(top: int = typer.Option(5, "--top", min=1, help="每人最多记录几个岗位")) -> None:
    """Match every seeking person against the open postings; write the match log."""
    from tqdm import tqdm

    from core.db import make_engine, make_sessionmaker, session_scope
    from core.logging import configure_logging
    from core.migrate import upgrade
    from core.settings import get_settings
    from jobs_feed.push import matchlog

    settings = get_settings()
    settings.ensure_dirs()
    configure_logging(settings.log_level)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    with session_scope(make_sessionmaker(engine)) as session, tqdm(desc="匹配", unit="人", leave=False) as bar:
        summary = matchlog.run(session, top=top, progress=bar.update)
    typer.echo(
        f"匹配完成：求职 {summary.people} 人，有合适岗位 {summary.matched} 人，"
        f"共 {summary.pairs} 条匹配（批次 {summary.run_id[:8]}）"
    )


def register(app: typer.Typer) -> None:
    from service.cli.match import match_app

    if not any(getattr(c, "name", None) == "run" for c in match_app.registered_commands):
        match_app.command("run")(_run)
