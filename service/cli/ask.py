"""``jiuye ask``: policy questions answered from the knowledge base, one-off or as JSON lines."""

from __future__ import annotations

import sys

import typer


class _Recorder:
    """Records fallbacks as unanswered questions; a database that is unavailable only warns, once."""

    def __init__(self, settings):  # type: ignore[no-untyped-def]
        self.settings = settings
        self.factory = None
        self.failed = False

    def __call__(self, question: str) -> None:
        if self.failed:
            return
        try:
            from core.db import make_sessionmaker, session_scope
            from knowledge.service import record_unanswered

            if self.factory is None:
                from core.db import make_engine
                from core.migrate import upgrade

                self.settings.ensure_dirs()
                engine = make_engine(self.settings.sqlalchemy_url)
                upgrade(engine)
                self.factory = make_sessionmaker(engine)
            with session_scope(self.factory) as session:
                record_unanswered(session, question=question, channel="cli")
        except Exception as exc:  # answers matter more than the log of unanswered ones
            self.failed = True
            typer.echo(f"警告：未答问题无法记录到数据库（{type(exc).__name__}: {exc}），回答照常输出", err=True)


def _read_lines():  # type: ignore[no-untyped-def]
    # Bytes in, so a line of binary garbage becomes replacement characters instead of an exception.
    for raw in sys.stdin.buffer:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def register(app: typer.Typer) -> None:
    @app.command(help="回答政策问题并注明依据（文件里没有写的，如实说明）")
    def ask(
        question: str = typer.Argument(None, help="问题，例如：贫困家庭大学生找工作有补贴吗"),
        jsonl: bool = typer.Option(False, "--jsonl", help="从标准输入逐行读问题，每行输出一个 JSON 对象"),
        record: bool = typer.Option(True, "--record/--no-record", help="把答不上的问题记入未答问题表"),
    ) -> None:
        """Answer policy questions with citations (or say honestly that the documents do not say)."""
        import json

        from core.settings import get_settings
        from knowledge.service import get_answerer, worth_recording

        settings = get_settings()
        answerer = get_answerer(settings)
        recorder = _Recorder(settings) if record else None
        if jsonl:
            for line in _read_lines():
                ans = answerer.answer(line)
                sys.stdout.write(json.dumps(ans.to_dict(), ensure_ascii=False) + "\n")
                sys.stdout.flush()
                if ans.fallback and recorder and worth_recording(line):
                    recorder(line)
            return
        if question is None:
            typer.echo("请在命令后写上问题，例如：jiuye ask \"贫困家庭大学生找工作有补贴吗\"；或用 --jsonl 从标准输入读取", err=True)
            raise typer.Exit(2)
        ans = answerer.answer(question)
        typer.echo(ans.answer)
        if ans.fallback and recorder and worth_recording(question):
            recorder(question)
