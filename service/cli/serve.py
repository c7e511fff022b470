"""``jiuye serve``: the whole service on one port."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        host: str = typer.Option("127.0.0.1", help="监听地址"),
        port: int = typer.Option(8000, help="端口"),
        workers: int = typer.Option(1, help="HTTP worker processes (PostgreSQL + Redis server recommended above 1)"),
    ) -> None:
        """Start the web service (WeChat endpoint, API, console) on the embedded defaults."""
        import uvicorn

        from core.logging import uvicorn_log_config
        from core.settings import get_settings
        from service.app import create_app

        settings = get_settings()
        logs = uvicorn_log_config(settings.log_level)  # access lines can carry phone numbers too
        if workers > 1:
            uvicorn.run("service.app:create_app", factory=True, host=host, port=port, workers=workers, log_config=logs)
        else:
            uvicorn.run(create_app(settings), host=host, port=port, log_level=settings.log_level.lower(),
                        log_config=logs)
