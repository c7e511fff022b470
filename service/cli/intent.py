"""``jiuye intent``: what the bot reads a message as asking for (job search, opt-out, a policy question …)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command(help="显示助手把每条消息识别成什么意图，以及把握有多大")
    def intent(
        text: str = typer.Argument(None, help="一条消息，例如：我想找工作"),
        jsonl: bool = typer.Option(False, "--jsonl", help="从标准输入逐行读消息，每行输出一个 JSON 对象"),
        evaluate: bool = typer.Option(False, "--evaluate", help="按批次交叉验证意图识别（每次留出一整批）"),
        heldout: list[Path] = typer.Option(None, "--heldout", help="再用全部数据训练，给这些留出集打分（可重复）"),
    ) -> None:
        """Print the intent the bot reads in each message and its probability."""
        import json

        if evaluate or heldout:
            from bot.intent_eval import by_batch, held_out
            from bot.intents import load_examples

            if evaluate:
                typer.echo(by_batch(load_examples(),
                                    progress=lambda m: typer.echo(f"  {m}", err=True)).line("按批次交叉验证"))
            for path in heldout or []:
                if not path.is_file():
                    typer.echo(f"错误：找不到文件 {path}", err=True)
                    raise typer.Exit(2)
                typer.echo(held_out(path).line(path.name))
            return

        from bot.intents import get_classifier, read_intent

        clf = get_classifier()
        if jsonl:
            for raw in sys.stdin.buffer:
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                r = read_intent(line, clf)
                sys.stdout.write(json.dumps({"text": line, "intent": r.intent, "score": round(r.score, 4)},
                                            ensure_ascii=False) + "\n")
                sys.stdout.flush()
            return
        if text is None:
            typer.echo("请在命令后写上一条消息，例如：jiuye intent \"我想找工作\"；或用 --jsonl 从标准输入读取", err=True)
            raise typer.Exit(2)
        r = read_intent(text, clf)
        typer.echo(f"{r.intent}\t{r.score:.2f}" + ("\t（把握不大，会先问清楚）" if r.unsure else ""))
