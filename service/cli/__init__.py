"""The ``jiuye`` command. Each command group lives in its own module with a ``register(app)``."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="jiuye",
    help="就业帮扶助手 jiuye: policy answers, 人岗适配 matching, pushes and the coordinator console.",
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
