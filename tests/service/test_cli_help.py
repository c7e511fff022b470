"""Every help line of ``jiuye`` is Chinese: each command's help, each option's and argument's help, ``--help`` too.

The English docstrings of the commands are for developers; users read the ``help=`` text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import service.cli

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@pytest.fixture(scope="module")
def root() -> Any:
    service.cli._register()
    return typer.main.get_command(service.cli.app)


def _walk(cmd: Any, path: list[str]) -> Iterator[tuple[str, Any]]:
    # duck-typed: typer ships its own copy of click, so isinstance checks against click would miss
    yield " ".join(path), cmd
    for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
        yield from _walk(sub, [*path, name])


def _params(cmd: Any) -> list[Any]:
    """What ``--help`` lists: the command's own options and arguments, and the help option itself."""
    return [p for p in cmd.get_params(cmd.context_class(cmd)) if not getattr(p, "hidden", False)]


def test_every_command_and_option_help_is_chinese(root: Any) -> None:
    commands = list(_walk(root, ["jiuye"]))
    assert len(commands) > 40  # the walk reached the subcommands
    english = []
    for path, cmd in commands:
        if not CJK.search(cmd.help or ""):
            english.append(f"{path}: {cmd.help!r}")
        for p in _params(cmd):
            kind = type(p).__name__
            assert kind.endswith(("Option", "Argument")), kind
            if not CJK.search(getattr(p, "help", None) or ""):
                english.append(f"{path} {'/'.join(p.opts)}: {p.help!r}")
    assert not english, "help without Chinese:\n" + "\n".join(english)


@pytest.mark.parametrize(("args", "titles"), [
    ([], ["选项", "命令"]),
    (["kb"], ["选项", "命令"]),
    (["push", "run"], ["选项"]),
    (["db", "upgrade"], ["参数", "选项"]),
])
def test_help_pages_have_chinese_panels(root: Any, args: list[str], titles: list[str]) -> None:
    res = CliRunner().invoke(service.cli.app, [*args, "--help"])
    assert res.exit_code == 0, res.output
    for title in titles:
        assert f"─ {title} ─" in res.output, res.output
    assert "显示帮助并退出" in res.output
    for english in ("Options", "Commands", "Arguments", "Show this message"):
        assert english not in res.output, res.output
