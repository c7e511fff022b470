"""``jiuye registry``: 比对 our labourer registry with another system's list."""

from __future__ import annotations

from pathlib import Path

import typer

from service.cli import ChineseTyper

registry_app = ChineseTyper(help="劳动力台账：与其他系统比对", no_args_is_help=True)


@registry_app.command("compare", help="与对方名单比对：仅我方有、仅对方有、信息不一致")
def compare(
    other: Path = typer.Argument(..., help="对方名单：CSV、XLSX 或 JSONL（表头同导入）"),
    out: Path = typer.Option(None, "--out", help="把完整比对结果写入 CSV"),
    limit: int = typer.Option(30, "--limit", help="屏幕上每类最多显示几行"),
    county: list[str] = typer.Option(None, "--county", help="只比对我方这些县（市、区）的人，可重复：--county 浦城县"),
) -> None:
    """Report people only in ours, only in theirs, and fields that disagree."""
    from rich.console import Console
    from rich.table import Table

    from core.errors import JiuyeError
    from core.gazetteer import get_gazetteer
    from matching.compare import HEADER, compare_file, write_comparison
    from service.cli.imports import open_db

    codes = set()
    for name in county or []:
        found = get_gazetteer().resolve(name)
        if found is None:
            typer.echo(f"错误：没有找到县（市、区）“{name}”", err=True)
            raise typer.Exit(2)
        codes.add(found.code)
    _settings, factory = open_db()
    session = factory()
    try:
        result = compare_file(session, other, counties=codes or None)
    except JiuyeError as e:
        typer.echo(e.message_zh, err=True)
        raise typer.Exit(1) from e
    finally:
        session.close()
    console = Console()
    typer.echo(f"比对完成：双方都有 {result.matched} 人，仅我方有 {len(result.only_ours)} 人，"
               f"仅对方有 {len(result.only_theirs)} 人，信息不一致 {len(result.conflicts)} 处"
               + (f"；对方名单有 {result.unreadable} 行没有姓名，未比对" if result.unreadable else ""))
    rows = result.rows()
    for kind in ("仅我方有", "仅对方有", "信息不一致"):
        part = [r for r in rows if r[0] == kind]
        if not part:
            continue
        table = Table(*HEADER[1:], title=f"{kind}（{len(part)}）")
        for r in part[:limit]:
            table.add_row(*r[1:])
        console.print(table)
    if out:
        typer.echo(f"比对结果已写入：{write_comparison(result, out)}")


def register(app: typer.Typer) -> None:
    app.add_typer(registry_app, name="registry")
