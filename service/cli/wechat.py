"""``jiuye wechat``: official-account set-up (the custom menu)."""

from __future__ import annotations

import json

import typer

from service.cli import ChineseTyper

wechat_app = ChineseTyper(help="微信公众号设置", no_args_is_help=True)


@wechat_app.command("menu", help="创建公众号自定义菜单（问政策 / 找工作 / 找人工）\n\n"
                                 "通过微信接口创建；加 --show 只显示菜单的 JSON。")
def menu(show: bool = typer.Option(False, "--show", help="只显示菜单的 JSON，不创建")) -> None:
    """Create the account's custom menu (问政策 / 找工作 / 找人工) through the WeChat API."""
    from bot.flows.menu import menu_definition
    from core import wechat
    from core.settings import get_settings

    definition = menu_definition()
    if show:
        typer.echo(json.dumps(definition, ensure_ascii=False, indent=2))
        return
    settings = get_settings()
    if not settings.wechat_app_id or not settings.wechat_app_secret.get_secret_value():
        typer.echo("请先设置 JIUYE_WECHAT_APP_ID 和 JIUYE_WECHAT_APP_SECRET", err=True)
        raise typer.Exit(2)
    result = wechat.create_menu(settings, definition)
    if not result.ok:
        typer.echo(f"菜单创建失败：{result.errcode} {result.errmsg}", err=True)
        raise typer.Exit(1)
    typer.echo("菜单已创建")


def register(app: typer.Typer) -> None:
    app.add_typer(wechat_app, name="wechat")
