"""``jiuye serve``: the whole service on one port."""

from __future__ import annotations

import ipaddress

import typer

SERVE_FILE = "serve.url"  # the running service's /wechat URL, under the data dir


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this machine can reach the service."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command(help="启动整套服务：微信接口、API 和协理员工作台\n\n"
                      "未设置 JIUYE_DATABASE_URL、JIUYE_REDIS_URL 时，使用数据目录里内置的 SQLite 和 Redis。")
    def serve(
        host: str = typer.Option("127.0.0.1", help="监听地址"),
        port: int = typer.Option(8000, help="端口"),
        workers: int = typer.Option(1, help="HTTP 工作进程数（多于 1 个时建议使用 PostgreSQL 和 Redis 服务器）"),
    ) -> None:
        """Start the web service (WeChat endpoint, API, console) on the embedded defaults."""
        import uvicorn

        from core.logging import uvicorn_log_config
        from core.settings import get_settings
        from service.app import create_app

        settings = get_settings()
        if settings.is_production or not is_loopback(host):
            # a deployment: never on the development session key or WeChat token
            missing = settings.development_secrets()
            if missing:
                where = "JIUYE_ENV=production" if settings.is_production else f"监听地址 {host} 不是本机"
                typer.echo(f"错误：{where}，不能使用开发用的默认值启动。请设置环境变量：{'、'.join(missing)}"
                           "（本机开发请用 make run，只监听 127.0.0.1）", err=True)
                raise typer.Exit(2)
        settings.ensure_dirs()
        # where `jiuye chat` (same data dir) finds this service: `make run PORT=8080` then just works
        (settings.data_dir / SERVE_FILE).write_text(f"http://{host if is_loopback(host) else '127.0.0.1'}:{port}/wechat\n",
                                                    encoding="utf-8")
        logs = uvicorn_log_config(settings.log_level)  # access lines can carry phone numbers too
        # uvicorn's own proxy handling would believe X-Forwarded-For from any loopback peer; the app
        # believes it only from JIUYE_TRUSTED_PROXIES (service/console/security.py client_ip).
        if workers > 1:
            uvicorn.run("service.app:create_app", factory=True, host=host, port=port, workers=workers, log_config=logs,
                        proxy_headers=False)
        else:
            uvicorn.run(create_app(settings), host=host, port=port, log_level=settings.log_level.lower(),
                        log_config=logs, proxy_headers=False)
