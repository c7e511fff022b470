"""``jiuye intent``: what the bot reads a message as asking for (job search, opt-out, a policy question …)."""

from __future__ import annotations

import sys

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def intent(
        text: str = typer.Argument(None, help="一条消息，例如：我想找工作"),
        jsonl: bool = typer.Option(False, "--jsonl", help="从标准输入逐行读消息，每行输出一个 JSON 对象"),
    ) -> None:
        """Print the intent the bot reads in each message and its probability."""
        import json

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
