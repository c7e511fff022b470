"""``jiuye employer`` (employers and their API keys) and ``jiuye postings`` (housekeeping)."""

from __future__ import annotations

import typer

from service.cli import ChineseTyper

employer_app = ChineseTyper(help="用人单位与 API 密钥", no_args_is_help=True)
postings_app = ChineseTyper(help="岗位维护", no_args_is_help=True)


@employer_app.command("add", help="登记用人单位，并显示一次 API 密钥\n\n系统只保存密钥的哈希值，之后无法再查看。")
def add(
    name: str = typer.Argument(..., help="单位名称"),
    contact: str = typer.Option("", "--contact", help="联系人"),
    phone: str = typer.Option(None, "--phone", help="联系电话"),
) -> None:
    """Register an employer and print its API key once (only a hash is stored)."""
    from core.db import session_scope
    from core.errors import JiuyeError
    from jobs_feed.service import add_employer
    from service.cli.imports import open_db

    _settings, factory = open_db()
    try:
        with session_scope(factory) as session:
            employer, key = add_employer(session, name=name, contact=contact, phone=phone)
            employer_id = employer.id
    except JiuyeError as e:
        typer.echo(e.message_zh, err=True)
        raise typer.Exit(1) from e
    typer.echo(f"已登记用人单位 #{employer_id}：{name}")
    typer.echo(f"API 密钥（只显示这一次，请妥善保存）：{key}")


@employer_app.command("key", help="给用人单位另发一个 API 密钥\n\n例如旧密钥泄露后使用；旧密钥请在工作台作废。")
def new_key(employer_id: int = typer.Argument(..., help="单位编号")) -> None:
    """Issue another API key for an employer (e.g. after a leak; revoke the old one in the console)."""
    from core.db import session_scope
    from jobs_feed.service import issue_key
    from matching.models import Employer
    from service.cli.imports import open_db

    _settings, factory = open_db()
    with session_scope(factory) as session:
        employer = session.get(Employer, employer_id)
        if employer is None:
            typer.echo(f"没有编号为 {employer_id} 的用人单位", err=True)
            raise typer.Exit(1)
        key = issue_key(session, employer)
    typer.echo(f"新的 API 密钥（只显示这一次）：{key}")


@postings_app.command("expire", help="把已过截止日期的在招岗位标记为过期")
def expire() -> None:
    """Mark open postings past their deadline as expired."""
    from core.db import session_scope
    from jobs_feed.service import expire_postings
    from service.cli.imports import open_db

    _settings, factory = open_db()
    with session_scope(factory) as session:
        n = expire_postings(session)
    typer.echo(f"已将 {n} 个过期岗位标记为过期")


def register(app: typer.Typer) -> None:
    app.add_typer(employer_app, name="employer")
    app.add_typer(postings_app, name="postings")
