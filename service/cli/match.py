"""``jiuye match``: 人岗适配. Offline over JSONL files now; database subcommands (``match run``) join later."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer

from service.cli import ChineseTyper

match_app = ChineseTyper(help="人岗适配：为求职的劳动力找合适的岗位", invoke_without_command=True)


@match_app.callback()
def match(
    ctx: typer.Context,
    labourers: Path = typer.Option(None, "--labourers", help="劳动力 JSONL（id, county, age, gender, status, skills, wishes …）"),
    postings: Path = typer.Option(None, "--postings", help="岗位 JSONL（id, title, location, salary_*, age_*, gender, description, tags）"),
    top: int = typer.Option(3, "--top", min=1, help="每人最多推送几个岗位"),
    as_json: bool = typer.Option(False, "--json", help="每行输出一个 JSON 对象"),
    threshold: float = typer.Option(None, "--threshold", help="推送分数线（默认用校准值）"),
    jobs: int = typer.Option(None, "--jobs", min=1, help="用几个进程计算（默认：本机 CPU 核数）"),
) -> None:
    """Offline: match the labourers file against the postings file, one result a line."""
    if ctx.invoked_subcommand is not None:
        return
    if labourers is None or postings is None:
        typer.echo("请同时给出 --labourers 和 --postings（JSONL 文件）", err=True)
        raise typer.Exit(2)
    from tqdm import tqdm

    from core.errors import JiuyeError
    from matching.offline import match_files

    params: dict = {"n_jobs": jobs or os.cpu_count() or 1}
    if threshold is not None:
        params["threshold"] = threshold
    try:
        results = match_files(labourers, postings, top, **params)
        for r in tqdm(results, desc="匹配", unit="人", disable=as_json or None, leave=False):
            if as_json:
                typer.echo(json.dumps(r.to_dict(), ensure_ascii=False))
            else:
                typer.echo(f"{r.labourer_id}: " + ("；".join(f"{m.posting_id}({m.score:.2f})" for m in r.matches) or f"无（{r.note}）"))
                for m in r.matches:
                    typer.echo(f"    {m.posting_id}: " + "；".join(m.reasons))
    except JiuyeError as e:
        typer.echo(e.message_zh, err=True)
        raise typer.Exit(1) from e


def register(app: typer.Typer) -> None:
    app.add_typer(match_app, name="match")
