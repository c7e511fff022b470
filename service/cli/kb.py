"""``jiuye kb``: the policy knowledge base (add documents, list them, review unanswered questions)."""

from __future__ import annotations

from pathlib import Path

import typer

from service.cli import ChineseTyper

kb_app = ChineseTyper(help="政策知识库：添加文件、查看文件和未答问题", no_args_is_help=True)


def _fail(exc: Exception) -> None:
    from core.errors import JiuyeError

    if isinstance(exc, JiuyeError):
        typer.echo(f"错误：{exc.message_zh}", err=True)
        raise typer.Exit(1) from exc
    raise exc


@kb_app.command("add", help="添加政策文件；随即重建并保存索引，下次启动直接加载")
def add(
    file: Path = typer.Argument(..., help="txt、md、docx 或 pdf 文件"),
    wenhao: str = typer.Option("", help="文号，例如 闽人社文〔2019〕12号（不填则从正文识别）"),
    title: str = typer.Option("", help="标题（不填则取正文第一行）"),
    date: str = typer.Option("", help="发文日期 YYYY-MM-DD"),
    issuer: str = typer.Option("", help="发文单位"),
) -> None:
    """Add a document; the index is rebuilt and saved so the next start loads it."""
    import time

    from core.settings import get_settings
    from knowledge.corpus import add_document
    from knowledge.service import forget_answerers, get_answerer

    settings = get_settings()
    settings.ensure_dirs()
    try:
        doc = add_document(Path(settings.kb_path), file, wenhao=wenhao, title=title, date=date, issuer=issuer)
    except Exception as exc:
        _fail(exc)
        return
    started = time.perf_counter()
    forget_answerers()
    answerer = get_answerer(settings)
    count = answerer.clause_counts()[doc.doc_id]
    typer.echo(f"已添加：{doc.name}（{doc.title}），切分为 {count} 条条款；"
               f"索引已重建并保存（{time.perf_counter() - started:.1f} 秒）")


@kb_app.command("evaluate", help="重新训练作答/拒答模型并评估\n\n"
                                 "先按来源给出交叉验证结果，再给 --heldout 留出文件逐条打分。")
def evaluate(
    heldout: list[Path] = typer.Option([], "--heldout", help="留出的标注问题文件（JSONL），可重复"),
    vectors: bool = typer.Option(True, "--vectors/--no-vectors", help="是否使用词向量特征（对比用）"),
    members: int = typer.Option(0, "--members", help="取平均的模型个数（0：默认值；1：单个模型，对比用）"),
    seed: int = typer.Option(0, "--seed", help="交叉验证分折的随机种子（看结果随分折变动多少）"),
) -> None:
    """Fit the answer-or-decline model afresh: cross-validated scores by source, then held-out files end to end."""
    import time

    from knowledge.decider import MEMBERS
    from knowledge.evaluate import fit, score_file

    started = time.perf_counter()
    index, reader, decider = fit(use_vectors=vectors, members=members or MEMBERS, random_state=seed)
    cv = decider.cv_
    typer.echo(f"训练 {cv['in_scope'] + cv['out_of_scope'] + cv['near_misses']} 条标注问题，用时 "
               f"{time.perf_counter() - started:.1f} 秒；词向量：{'用' if vectors else '不用'}")
    typer.echo(f"{decider.members} 个模型取平均，每个 {decider.folds or '逐批'} 折交叉验证（种子 {seed}）：可答答对 {cv['in_scope_right']:.1%}（作答 {cv['in_scope_answered']:.1%}），"
               f"不可答拒答 {cv['out_of_scope_declined']:.1%}，近似题拒答 {cv['near_miss_declined']:.1%}，"
               f"阈值 {cv['threshold']:.3f}")
    for source, rate in cv["by_source"].items():
        typer.echo(f"  {source}\t{rate:.1%}")
    for path in heldout:
        typer.echo(score_file(path, index, reader, decider).line())


@kb_app.command("list", help="列出知识库里的文件及各自的条款数")
def list_docs() -> None:
    """Documents in the knowledge base with their clause counts."""
    from core.settings import get_settings
    from knowledge.service import get_answerer

    answerer = get_answerer(get_settings())
    counts = answerer.clause_counts()
    for d in answerer.documents:
        origin = "随附" if not d.added_at else f"添加于 {d.added_at[:10]}"
        typer.echo(f"{d.doc_id}\t{d.wenhao or '-'}\t{d.title}\t{d.date or '-'}\t{counts[d.doc_id]} 条\t{origin}")


@kb_app.command("unanswered", help="列出文件答不上的问题，被问次数多的在前")
def unanswered(limit: int = typer.Option(50, help="最多显示几条"),
               status: str = typer.Option("open", help="open 或 answered")) -> None:
    """Questions the documents did not answer, most asked first."""
    from core.db import make_engine, make_sessionmaker, session_scope
    from core.migrate import upgrade
    from core.settings import get_settings
    from core.timeutil import fmt_china
    from knowledge.service import list_unanswered

    settings = get_settings()
    settings.ensure_dirs()
    engine = make_engine(settings.sqlalchemy_url)
    upgrade(engine)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            rows = list_unanswered(session, status=status, limit=limit)
            for r in rows:
                typer.echo(f"{r.id}\t{r.times_asked} 次\t{r.channel}\t{fmt_china(r.last_asked_at)}\t{r.question[:80]}")
            if not rows:
                typer.echo("没有未答问题")
    except Exception as exc:
        _fail(exc)


def register(app: typer.Typer) -> None:
    app.add_typer(kb_app, name="kb")
