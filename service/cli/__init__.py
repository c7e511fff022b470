"""The ``jiuye`` command. Each command group lives in its own module with a ``register(app)``.

Users read Chinese: every command and option carries a Chinese ``help=`` (the English docstrings are
for developers), and the words Typer prints itself (panel titles, ``--help``) are made Chinese here.
Every Typer app in service/cli/ is a ``ChineseTyper``.
"""

from __future__ import annotations

import importlib
from typing import Any

import typer
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup, TyperOption

HELP_OPTION_HELP = "显示帮助并退出"

# Typer's help pages read these when they are drawn ("Usage:" itself stays as click writes it).
rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
rich_utils.OPTIONS_PANEL_TITLE = "选项"
rich_utils.COMMANDS_PANEL_TITLE = "命令"
rich_utils.ERRORS_PANEL_TITLE = "错误"
rich_utils.DEFAULT_STRING = "[默认：{}]"
rich_utils.REQUIRED_LONG_STRING = "[必填]"
rich_utils.ABORTED_TEXT = "已中止。"
rich_utils.RICH_HELP = "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"


def _chinese_help(option: TyperOption | None) -> TyperOption | None:
    if option is not None:  # click builds the help option with a fixed English text
        option.help = HELP_OPTION_HELP
    return option


class ChineseCommand(TyperCommand):
    def get_help_option(self, ctx: Any) -> TyperOption | None:
        return _chinese_help(super().get_help_option(ctx))


class ChineseGroup(TyperGroup):
    def get_help_option(self, ctx: Any) -> TyperOption | None:
        return _chinese_help(super().get_help_option(ctx))


class ChineseTyper(typer.Typer):
    """A Typer app whose groups and commands describe ``--help`` in Chinese."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", ChineseGroup)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", ChineseCommand)
        return super().command(name, **kwargs)


app = ChineseTyper(
    name="jiuye",
    help="就业帮扶助手：政策问答、人岗适配、岗位和培训推送、协理员工作台",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules under service/cli/ that add commands; heavy imports stay inside the commands.
COMMAND_MODULES = ["serve", "db", "ask", "kb", "eligibility", "match", "user", "imports", "employer", "registry", "chat", "wechat", "push", "worker", "match_db", "ledger", "intent"]

_registered = False


def _register() -> None:
    global _registered
    if not _registered:
        for name in COMMAND_MODULES:
            importlib.import_module(f"service.cli.{name}").register(app)
        _registered = True


def main() -> None:
    """Console-script entry point."""
    _register()
    app()
