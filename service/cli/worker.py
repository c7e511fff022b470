"""``jiuye worker``: an RQ worker delivering pushes; run more of them (on more machines) to scale out."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command(help="发送队列里的推送（微信 / 短信）\n\n"
                      "从 Redis 队列取任务执行，也处理 `jiuye match run --shards` 分出的分片；"
                      "可在多台机器上多开几个，分担发送。")
    def worker(burst: bool = typer.Option(False, "--burst", help="队列清空后退出")) -> None:
        """Deliver queued pushes (WeChat / SMS) from the Redis queue."""
        from core.logging import configure_logging
        from core.settings import get_settings
        from jobs_feed.push.tasks import run_worker

        settings = get_settings()
        settings.ensure_dirs()
        configure_logging(settings.log_level)
        run_worker(settings, burst=burst)
