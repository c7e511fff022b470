"""``jiuye worker``: an RQ worker delivering pushes; run more of them (on more machines) to scale out."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(burst: bool = typer.Option(False, "--burst", help="队列清空后退出")) -> None:
        """Deliver queued pushes (WeChat / SMS) from the Redis queue."""
        from core.logging import configure_logging
        from core.settings import get_settings
        from jobs_feed.push.tasks import run_worker

        settings = get_settings()
        settings.ensure_dirs()
        configure_logging(settings.log_level)
        run_worker(settings, burst=burst)
