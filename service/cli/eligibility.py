"""``jiuye eligibility``: what each person is entitled to under the two documents (政策落实到人)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"日期「{value}」格式不对，应为 YYYY-MM-DD，例如 2026-11-22") from None


def read_people(path: Path) -> list[dict]:
    """People from a JSONL file (one JSON object a line); raise InvalidInput naming the bad line."""
    from core.errors import InvalidInput

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(str(exc), message_zh=f"读不了文件 {path}：{exc}") from exc
    people = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            person = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InvalidInput(str(exc), message_zh=f"{path} 第{n}行不是有效的 JSON：{exc.msg}") from exc
        if not isinstance(person, dict) or not person.get("id"):
            raise InvalidInput(f"line {n}", message_zh=f"{path} 第{n}行需要是带 id 的 JSON 对象")
        person["_line"] = n
        people.append(person)
    return people


def _listing(person: dict, result) -> str:
    """A readable Chinese block for one person: numbered entitlements, then what is still to ask."""
    head = f"{person['id']}"
    if isinstance(person.get("age"), int):
        head += f"（{person['age']}岁{person.get('gender') or ''}）"
    lines = [head]
    if not result.entitlements:
        lines.append("  暂无可确定享受的政策")
    for i, e in enumerate(result.entitlements, 1):
        lines += [
            f"  {i}. {e['name']}：{e['amount']}",
            f"     理由：{e['why']}",
            f"     依据：{e['citation']}",
            f"     办理：{e['how_to_apply']}",
        ]
    if result.questions:
        lines.append("  还需了解：")
        lines += [f"   - {q}" for q in result.questions]
    return "\n".join(lines)


def _registry_person(ref: str, day: date | None, as_json: bool) -> None:
    """One registry person: facts from the registry, records written to the ledger."""
    from jobs_feed.ledger import service as ledger
    from service.cli.ledger import find_person, person_listing, registry_session

    day = day or ledger.china_today()
    with registry_session() as session:
        row = find_person(session, ref)
        if not as_json:
            typer.echo(person_listing(session, row, today=day))
            return
        result = ledger.evaluate_person(row, today=day)
        ledger.refresh(session, row, today=day, result=result)
        ents = [{k: e[k] for k in ("name", "amount", "citation", "why", "how_to_apply")} for e in result.entitlements]
        typer.echo(json.dumps({"id": row.external_id or str(row.id), "entitlements": ents,
                               "questions": result.questions}, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    @app.command(help="列出每人可享受的政策（金额、依据、理由）\n\n"
                      "判断所缺的情况列为还需了解的问题；用 --person 时按登记库判断并记入台账。")
    def eligibility(
        people: Path = typer.Option(None, "--people", help="人员 JSONL 文件，每行一个人（字段见 docs/entitlements.md）"),
        person: str = typer.Option(None, "--person", help="登记库里的一个人（编号）：按库里的情况判断并记入台账"),
        as_of: str = typer.Option(None, "--as-of", help="判断日期 YYYY-MM-DD（默认今天，北京时间）"),
        as_json: bool = typer.Option(False, "--json", help="每行输出一个 JSON 对象"),
        rules: Path = typer.Option(None, "--rules", help="规则文件（默认 knowledge/rules/entitlements.yaml）"),
    ) -> None:
        """List each person's entitlements with amount, citation and why; missing facts become questions."""
        from core.errors import JiuyeError
        from knowledge.eligibility import RuleBook, load_rules

        day = _parse_date(as_of)
        if (people is None) == (person is None):
            typer.echo("错误：请给出 --people 文件或 --person 编号（二选一）", err=True)
            raise typer.Exit(2)
        if person is not None:
            _registry_person(person, day, as_json)
            return
        try:
            book = RuleBook(rules).fit() if rules else load_rules()
            persons = read_people(people)
            results = []
            for person in persons:  # evaluate everyone first: no half-written output on bad input
                try:
                    results.append(book.evaluate(person, day))
                except JiuyeError as exc:
                    exc.message_zh = f"第{person['_line']}行（{person['id']}）：{exc.message_zh}"
                    raise
        except JiuyeError as exc:
            typer.echo(f"错误：{exc.message_zh}（{exc}）", err=True)
            raise typer.Exit(2) from None
        out = []
        for person, result in zip(persons, results, strict=True):
            if as_json:
                ents = [{k: e[k] for k in ("name", "amount", "citation", "why", "how_to_apply")}
                        for e in result.entitlements]
                out.append(json.dumps({"id": person["id"], "entitlements": ents, "questions": result.questions},
                                      ensure_ascii=False))
            else:
                out.append(_listing(person, result) + "\n")
        sys.stdout.write("\n".join(out) + ("\n" if out else ""))
