"""``jiuye user``: console accounts (admin, coordinator, employer)."""

from __future__ import annotations

import typer

from service.cli import ChineseTyper

user_app = ChineseTyper(help="协理员工作台账号", no_args_is_help=True)


def _session():  # type: ignore[no-untyped-def]
    from core.db import make_engine, make_sessionmaker, session_scope
    from core.migrate import upgrade
    from core.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    return session_scope(make_sessionmaker(engine))


@user_app.command("add", help="创建工作台账号")
def add(
    username: str = typer.Argument(..., help="登录用户名"),
    role: str = typer.Option("coordinator", "--role", help="admin（省级）/ coordinator（协理员）/ employer（用人单位）"),
    county: list[str] = typer.Option([], "--county", help="协理员负责的县（市、区），可写多次"),
    employer_id: int | None = typer.Option(None, "--employer-id", help="用人单位账号对应的单位编号"),
    name: str = typer.Option("", "--name", help="显示的姓名"),
    password: str | None = typer.Option(None, "--password", help="不写则提示输入"),
) -> None:
    """Create a console account."""
    from core.errors import JiuyeError
    from service.console.accounts import add_user
    from service.console.render import county_short

    if password is None:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    try:
        with _session() as db:
            user = add_user(db, username=username, password=password, role=role, counties=county,
                            employer_id=employer_id, display_name=name)
            scope = "、".join(county_short(c) for c in user.county_codes)
            typer.echo(f"已创建账号 {user.username}（{user.role_name}）" + (f"，负责：{scope}" if scope else ""))
    except JiuyeError as exc:
        typer.echo(f"错误：{exc.message_zh}", err=True)
        raise typer.Exit(1) from exc


@user_app.command("passwd", help="设置新密码（该账号已登录的会话随即失效）")
def passwd(
    username: str = typer.Argument(..., help="登录用户名"),
    password: str | None = typer.Option(None, "--password", help="不写则提示输入"),
) -> None:
    """Set a new password (ends the account's open sessions)."""
    from core.errors import JiuyeError
    from service.console.accounts import set_password

    if password is None:
        password = typer.prompt("新密码", hide_input=True, confirmation_prompt=True)
    try:
        with _session() as db:
            set_password(db, username=username, password=password)
        typer.echo(f"已修改 {username} 的密码")
    except JiuyeError as exc:
        typer.echo(f"错误：{exc.message_zh}", err=True)
        raise typer.Exit(1) from exc


@user_app.command("assign", help="把所负责县（市、区）的人员交给协理员\n\n"
                                 "按协理员统计服务缺口时要用；默认只分配还没有负责人的人员，加 --all 全部改为此协理员。")
def assign(
    username: str = typer.Argument(..., help="协理员账号"),
    overwrite: bool = typer.Option(False, "--all", help="连已有负责人的人员也改为此协理员"),
) -> None:
    """Make a coordinator responsible for the people of their counties (per-coordinator gaps use it)."""
    from core.errors import JiuyeError
    from service.console.accounts import assign_people

    try:
        with _session() as db:
            n = assign_people(db, username=username, overwrite=overwrite)
        typer.echo(f"已将 {n} 人分配给协理员 {username}")
    except JiuyeError as exc:
        typer.echo(f"错误：{exc.message_zh}", err=True)
        raise typer.Exit(1) from exc


@user_app.command("list", help="列出所有账号")
def list_users() -> None:
    """List accounts."""
    from sqlalchemy import select

    from service.console.render import county_short
    from service.models import User

    with _session() as db:
        for u in db.scalars(select(User).order_by(User.id)):
            scope = "、".join(county_short(c) for c in u.county_codes)
            typer.echo(f"{u.username}\t{u.role_name}\t{scope}\t{'' if u.active else '已停用'}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
