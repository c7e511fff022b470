"""``jiuye db``: database migrations."""

from __future__ import annotations

import typer

from service.cli import ChineseTyper

db_app = ChineseTyper(help="数据库迁移 (Alembic)", no_args_is_help=True)


@db_app.command("upgrade", help="升级数据库结构（默认升级到各部分的最新版本）")
def upgrade(revision: str = typer.Argument("heads", help="目标版本（heads 表示各部分的最新版本）")) -> None:
    """Apply migrations (default: newest of every domain)."""
    from core.db import make_engine
    from core.migrate import upgrade as do_upgrade
    from core.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    do_upgrade(make_engine(settings.sqlalchemy_url), revision)
    typer.echo("数据库已是最新版本")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
