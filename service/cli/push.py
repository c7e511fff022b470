"""``jiuye push``: plan pushes, deliver them, see where they stand."""

from __future__ import annotations

from typing import Any

import typer

from service.cli import ChineseTyper

push_app = ChineseTyper(help="岗位推送与培训机会推送（微信 / 短信）", no_args_is_help=True)


def _setup() -> tuple[Any, Any, Any]:
    from core.db import make_engine, make_sessionmaker
    from core.logging import configure_logging
    from core.migrate import upgrade
    from core.redis import get_redis
    from core.settings import get_settings

    settings = get_settings()
    settings.ensure_dirs()
    configure_logging(settings.log_level)
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    return settings, make_sessionmaker(engine), get_redis(settings)


def _show_people(result: Any, nothing: str, unreachable: str) -> None:
    for label, items in ((nothing, result.no_match), (unreachable, result.unreachable)):
        if items:
            typer.echo(f"{label} {len(items)} 人：")
            for ref, text in items:
                typer.echo(f"  {ref}：{text}")


def _show_plan(result: Any) -> None:
    typer.echo(f"新安排推送 {len(result.planned)} 条；本周期已推送 {result.covered} 人")
    _show_people(result, "没有合适岗位、未推送", "有合适岗位但无法推送（已列入工作台“电话通知”名单）")
    training = getattr(result, "training", None)
    if training is None or not (training.planned or training.covered or training.no_match or training.unreachable):
        return  # nobody wants training: nothing to say
    typer.echo(f"新安排培训推送 {len(training.planned)} 条；一年内已推送培训 {training.covered} 人")
    _show_people(training, "想参加培训但没有合适培训班", "有合适培训班但无法联系")


@push_app.command("plan", help="安排推送并交给发送队列\n\n"
                               "给到期该推送的人各安排一个还没推送过的最合适岗位（及培训班），由 `jiuye worker` 发送。")
def plan_cmd() -> None:
    """Queue the best not-yet-pushed suitable posting (and training course) for everyone due one (workers deliver)."""
    from jobs_feed.push.service import plan_pushes
    from jobs_feed.push.tasks import enqueue_due

    settings, factory, client = _setup()
    _show_plan(plan_pushes(settings, factory, client))
    typer.echo(f"已交给发送队列 {enqueue_due(settings, factory, client)} 条")


@push_app.command("run", help="安排并发送推送\n\n"
                              "不加 --until-idle 时只放入发送队列，由 `jiuye worker` 发送；"
                              "加上则由本进程发送，直到没有待发的推送。")
def run_cmd(
    until_idle: bool = typer.Option(False, "--until-idle", help="本进程发送，直到没有待发的推送"),
    plan: bool = typer.Option(True, "--plan/--no-plan", help="先安排推送"),
    max_wait: float = typer.Option(60.0, help="最多等待多少秒的重试"),
) -> None:
    """Plan and deliver. Without --until-idle, rows are only queued for `jiuye worker`."""
    from rich.progress import Progress

    from core.timeutil import fmt_china
    from jobs_feed.push.flows import run_until_idle
    from jobs_feed.push.service import plan_pushes
    from jobs_feed.push.tasks import enqueue_due

    settings, factory, client = _setup()
    if not until_idle:
        if plan:
            _show_plan(plan_pushes(settings, factory, client))
        typer.echo(f"已交给发送队列 {enqueue_due(settings, factory, client)} 条（由 jiuye worker 发送）")
        return
    with Progress(transient=True) as progress:
        task = progress.add_task("发送中", total=None)
        result = run_until_idle(
            settings, factory, client, plan=plan, max_wait=max_wait,
            on_progress=lambda n: progress.advance(task, n),
        )
    if result.plan:
        _show_plan(result.plan)
    names = {"sent": "已发送", "delivered": "已送达", "queued": "待发送", "sending": "发送中",
             "failed": "失败", "skipped": "跳过", "call": "待协理员电话通知"}
    typer.echo("推送状态：" + "，".join(f"{names.get(k, k)} {v}" for k, v in sorted(result.statuses.items())))
    if result.waiting_until:
        typer.echo(f"还有推送等到 {fmt_china(result.waiting_until)}（北京时间）再发（免打扰时段或重试）")
        from core.timeutil import utcnow
        from jobs_feed.push.delivery import quiet_until

        if quiet_until(settings, utcnow()) is not None:
            typer.echo(f"现在是短信免打扰时段（{settings.quiet_hours}，北京时间）；设置 JIUYE_QUIET_HOURS= 可关闭")


@push_app.command("status", help="按状态统计推送条数；加 --failed 列出每条失败的推送及原因")
def status_cmd(failed: bool = typer.Option(False, "--failed", help="列出失败的推送及原因")) -> None:
    """Counts by status; with --failed, each failed push and why."""
    from sqlalchemy import select

    from jobs_feed.push.flows import status_counts
    from jobs_feed.push.models import FAILED, Push

    _, factory, _ = _setup()
    typer.echo(" ".join(f"{k}={v}" for k, v in sorted(status_counts(factory).items())) or "还没有推送")
    if failed:
        with factory() as session:
            for p in session.scalars(select(Push).where(Push.status == FAILED).order_by(Push.id)):
                what = f"岗位{p.posting_id}" if p.posting_id is not None else f"培训{p.training_id}"
                typer.echo(f"  #{p.id} 人员{p.labourer_id} {what} {p.channel or ''}：{p.error or ''}")


def register(app: typer.Typer) -> None:
    app.add_typer(push_app, name="push")
