"""``jiuye ledger``: 政策落实到人 over the registry — entitlements with their state, and the 311 gaps."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer

from service.cli import ChineseTyper

ledger_app = ChineseTyper(help="政策落实台账：每人可享受的政策及办理进度，“311”服务缺口", no_args_is_help=True)

GAP_COLUMNS = [("key", ""), ("people", "求职人数"), ("jobs_short", "岗位推荐不足3次"), ("no_guidance", "未做职业指导"),
               ("wants_training", "有培训意愿"), ("no_training", "未推送培训"), ("untold", "政策未告知（项）"),
               ("granted", "政策已享受（项）")]


@contextmanager
def registry_session() -> Iterator:
    """A committed unit of work on the configured (migrated) database."""
    from core.db import session_scope
    from service.cli.imports import open_db

    _settings, factory = open_db()
    with session_scope(factory) as session:
        yield session


def find_person(session, ref: str):
    """A registry person by imported id (e.g. P01) or database id; exits with a Chinese message if none."""
    from matching.models import Labourer
    from matching.service import labourer_by_external_id

    row = labourer_by_external_id(session, ref) or (session.get(Labourer, int(ref)) if ref.isdigit() else None)
    if row is None:
        typer.echo(f"错误：登记库里没有编号为“{ref}”的人", err=True)
        raise typer.Exit(2)
    return row


def person_listing(session, row, *, today: date) -> str:
    """Entitlements with state and dates, the facts still to ask, and this year's 311 services."""
    from core.timeutil import to_china
    from jobs_feed.ledger import service as ledger
    from jobs_feed.ledger.models import STATE_ZH

    result = ledger.evaluate_person(row, today=today)
    ledger.refresh(session, row, today=today, result=result)
    lines = [f"{row.external_id or row.id} {row.name}"]
    recs = ledger.records(session, row.id)
    if not recs:
        lines.append("  暂无可确定享受的政策")
    for i, r in enumerate(recs, 1):
        steps = [f"{STATE_ZH[s]}{to_china(getattr(r, f'{s}_at')):%Y-%m-%d}" for s in ("told", "applied", "granted")
                 if getattr(r, f"{s}_at")]
        state = STATE_ZH[r.state] + ("" if r.current else "（条件已变，不再符合）")
        lines.append(f"  {i}. {r.name}：{r.amount}  [{state}{'，' + '，'.join(steps) if steps else ''}]")
        lines.append(f"     依据：{r.citation}")
    if result.questions:
        lines.append("  还需了解：")
        lines += [f"   - {q}" for q in result.questions]
    s = ledger.year_services(session, [row], today.year)[row.id]
    lines.append(f"  {today.year}年“311”服务：岗位推荐{s.jobs}次，职业指导{s.guidance}次，培训推送{s.training}次"
                 + (f"；缺：{'、'.join(s.gaps)}" if s.gaps and row.status == "seeking" else ""))
    return "\n".join(lines)


@ledger_app.command("person", help="查看一个人的政策落实情况\n\n"
                                   "可享受的政策（办理进度和日期）、还需了解的情况，以及今年的“311”服务。")
def person(ref: str = typer.Argument(..., help="人员编号（导入文件的 id）或数据库编号")) -> None:
    """One person's entitlements (state, dates), facts still to ask, and this year's 311 services."""
    from jobs_feed.ledger.service import china_today

    with registry_session() as session:
        typer.echo(person_listing(session, find_person(session, ref), today=china_today()))


@ledger_app.command("refresh", help="按规则重新核对每人可享受的政策（新发现的记为“符合条件”）")
def refresh() -> None:
    """Re-evaluate everyone's entitlements against the rules (new ones start as 符合条件)."""
    from sqlalchemy import func, select
    from tqdm import tqdm

    from jobs_feed.ledger import service as ledger
    from matching.models import Labourer

    with registry_session() as session:
        total = session.scalar(select(func.count()).select_from(Labourer)) or 0
        with tqdm(total=total, desc="核对政策", unit="人", leave=False) as bar:
            done = ledger.refresh_all(session, progress=bar.update)
    typer.echo(f"已核对 {done} 人的可享受政策")


@ledger_app.command("set", help="推进一项政策的办理进度（符合条件 → 已告知 → 已申请 → 已享受）")
def set_state(
    ref: str = typer.Argument(..., help="人员编号"),
    name: str = typer.Argument(..., help="政策名称，例如 一次性求职创业补贴"),
    state: str = typer.Argument(..., help="told 已告知 / applied 已申请 / granted 已享受"),
    note: str = typer.Option("", "--note", help="备注"),
) -> None:
    """Move one entitlement forward (eligible → told → applied → granted)."""
    from core.errors import JiuyeError
    from jobs_feed.ledger import service as ledger
    from jobs_feed.ledger.models import STATE_ZH

    codes = {**{s: s for s in STATE_ZH}, **{zh: s for s, zh in STATE_ZH.items()}}
    with registry_session() as session:
        row = find_person(session, ref)
        ledger.refresh(session, row)
        try:
            rec = ledger.advance(session, row.id, name, codes.get(state, state), note=note)
        except JiuyeError as exc:
            typer.echo(f"错误：{exc.message_zh}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"{row.name}：{rec.name} → {STATE_ZH[rec.state]}")


@ledger_app.command("guidance", help="给一个人记录一次职业指导")
def guidance(
    ref: str = typer.Argument(..., help="人员编号"),
    held_on: str = typer.Option(None, "--date", help="日期 YYYY-MM-DD（默认今天）"),
    note: str = typer.Option("", "--note", help="指导内容"),
    by: str = typer.Option("", "--by", help="指导人"),
) -> None:
    """Record a career-guidance session (职业指导) for one person."""
    from jobs_feed.ledger import service as ledger
    from service.cli.eligibility import _parse_date

    day = _parse_date(held_on) or ledger.china_today()
    with registry_session() as session:
        row = find_person(session, ref)
        ledger.add_guidance(session, row.id, held_on=day, note=note, by=by)
        typer.echo(f"已记录 {row.name} {day:%Y-%m-%d} 的职业指导")


def gap_table(session, *, year: int, by: str, counties=None) -> list[list]:
    """Gap rows with a readable first column (county name, coordinator) for output and exports."""
    from core.gazetteer import get_gazetteer
    from jobs_feed.ledger import service as ledger

    gaz = get_gazetteer()
    rows = []
    for g in ledger.gap_totals(session, year=year, by=by, counties=counties):
        if by == "county":
            c = gaz.get(str(g.key)) if g.key else None
            label = c.full_name if c else "（未填县）"
        else:
            label = f"协理员#{g.key}" if g.key else "（未分配协理员）"
        rows.append([label] + [getattr(g, k) for k, _ in GAP_COLUMNS[1:]])
    return rows


@ledger_app.command("gaps", help="按县或按协理员统计“311”服务缺口和未告知的政策")
def gaps(
    year: int = typer.Option(None, "--year", help="年份（默认今年）"),
    by: str = typer.Option("county", "--by", help="county 按县 / coordinator 按协理员"),
    out: Path = typer.Option(None, "--out", help="导出 CSV 文件"),
    check: bool = typer.Option(True, "--refresh/--no-refresh", help="先按规则核对每人的可享受政策（默认）"),
) -> None:
    """The 311 gaps and untold entitlements per county or per coordinator."""
    from jobs_feed.ledger.service import china_today

    if by not in ("county", "coordinator"):
        typer.echo("错误：--by 只能是 county 或 coordinator", err=True)
        raise typer.Exit(2)
    year = year or china_today().year
    if check:  # untold counts are only as good as the records: bring them up to date first
        refresh()
    with registry_session() as session:
        rows = gap_table(session, year=year, by=by)
    head = ["县（市、区）" if by == "county" else "协理员"] + [zh for _, zh in GAP_COLUMNS[1:]]
    if out:
        with out.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([head, *rows])
        typer.echo(f"已导出 {len(rows)} 行到 {out}")
        return
    w = csv.writer(sys.stdout, delimiter="\t")
    w.writerows([head, *rows])


def register(app: typer.Typer) -> None:
    app.add_typer(ledger_app, name="ledger")
