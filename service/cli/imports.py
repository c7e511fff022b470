"""``jiuye import``: labourers, postings and training courses from CSV, XLSX or JSONL, with an error report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from service.cli import ChineseTyper

import_app = ChineseTyper(help="导入劳动力名单、岗位清单或培训班清单（CSV / XLSX / JSONL）", no_args_is_help=True)


def open_db() -> tuple[Any, Any]:
    """(settings, sessionmaker) for the configured database, migrated first so a fresh data dir works."""
    from core.db import make_engine, make_sessionmaker
    from core.logging import configure_logging
    from core.migrate import upgrade
    from core.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    configure_logging(settings.log_level)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    return settings, make_sessionmaker(engine)


def _importer(kind: str) -> tuple[Any, Any]:
    """(read the file's rows, import them) for one kind of file."""
    from core.tabular import LABOURER_HEADERS, POSTING_HEADERS, read_rows

    if kind == "labourers":
        from matching.importer import import_labourers

        return (lambda path: read_rows(path, LABOURER_HEADERS, required=["name"])), import_labourers
    if kind == "postings":
        from jobs_feed.importer import import_postings

        return (lambda path: read_rows(path, POSTING_HEADERS, required=["title"])), import_postings
    from jobs_feed.training.importer import import_trainings, read_course_rows

    return read_course_rows, import_trainings


def _run(kind: str, path: Path, dry_run: bool, batch_size: int, strict: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from tqdm import tqdm

    from core.errors import JiuyeError
    from matching.importer import report_path, write_report

    console = Console()
    settings, factory = open_db()
    try:
        read, do_import = _importer(kind)
        rows = list(read(path))
        with tqdm(total=len(rows), desc="导入" if not dry_run else "检查", unit="行") as bar:
            result = do_import(factory, path, rows=rows, dry_run=dry_run, batch_size=batch_size,
                               on_row=lambda: bar.update(1))
    except JiuyeError as e:
        typer.echo(e.message_zh, err=True)
        raise typer.Exit(1) from e
    if dry_run:
        typer.echo(f"检查完成（未写入）：共 {result.total} 行，{result.valid} 行可以导入，{result.error_rows} 行有问题")
    else:
        typer.echo(f"导入完成：共 {result.total} 行，新增 {result.created}，更新 {result.updated}，"
                   f"未变 {result.unchanged}，有问题 {result.error_rows} 行")
    for number, label, _field, reason in result.warnings[:20]:  # imported; a person should look
        typer.echo(f"请核对：第{number}行 {label}：{reason}")
    report = write_report(result, report_path(settings.data_dir, kind))
    if report:
        table = Table("行号", "姓名/岗位", "字段", "原因", title="有问题的行（前20条）")
        for number, label, field, reason in result.errors[:20]:
            table.add_row(str(number), label, field, reason)
        console.print(table)
        typer.echo(f"错误报告：{report}")
        if strict:
            raise typer.Exit(1)


@import_app.command("labourers", help="导入劳动力名单；重复导入会更新已有人员，不会重复添加")
def labourers(
    path: Path = typer.Argument(..., help="劳动力名单：CSV、XLSX 或 JSONL（表头可用中文：姓名、性别、身份证号…）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入数据库"),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="每多少行提交一次"),
    strict: bool = typer.Option(False, "--strict", help="有问题的行时以非零状态退出"),
) -> None:
    """Import labourers; re-importing updates people instead of duplicating them."""
    _run("labourers", path, dry_run, batch_size, strict)


@import_app.command("postings", help="导入岗位清单；已导入过（编号相同）或重新发布的岗位会被更新")
def postings(
    path: Path = typer.Argument(..., help="岗位清单：CSV、XLSX 或 JSONL（岗位名称、单位名称、工作地点、薪资…）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入数据库"),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="每多少行提交一次"),
    strict: bool = typer.Option(False, "--strict", help="有问题的行时以非零状态退出"),
) -> None:
    """Import postings; a posting already imported (same id) or re-posted is updated."""
    _run("postings", path, dry_run, batch_size, strict)


@import_app.command("trainings", help="导入培训班清单；已导入过（编号相同）的培训班会被更新")
def trainings(
    path: Path = typer.Argument(..., help="培训班清单：CSV、XLSX 或 JSONL（编号、培训机构、培训工种、培训地点、开班日期、名额、是否免费…）"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入数据库"),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="每多少行提交一次"),
    strict: bool = typer.Option(False, "--strict", help="有问题的行时以非零状态退出"),
) -> None:
    """Import training courses; a course already imported (same id) is updated."""
    _run("trainings", path, dry_run, batch_size, strict)


def register(app: typer.Typer) -> None:
    app.add_typer(import_app, name="import")
