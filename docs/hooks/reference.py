"""MkDocs hook: reference tables generated from the code at build time, so they cannot drift.

A page asks for a table with a marker line; the hook replaces it:

- ``<!-- jiuye:settings -->`` every field of ``core.settings.Settings`` as ``JIUYE_<NAME>``, its default and
  its meaning (the field's trailing comment; a comment line of its own above a group is the group's title);
- ``<!-- jiuye:cli -->`` every ``jiuye`` command with its arguments, options and help;
- ``<!-- jiuye:api -->`` every route in the service's OpenAPI schema.

A setting without a comment, or a marker nobody replaces, fails the build.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_FILE = ROOT / "core" / "settings.py"
MARKER = re.compile(r"^<!-- jiuye:(\w+) -->$", re.M)


class ReferenceError_(Exception):
    """A generated table cannot be built (a setting without a meaning, an unknown marker)."""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


# --- settings -------------------------------------------------------------------------------------------

def settings_fields(source: str) -> list[tuple[str, str, str]]:
    """(group, field name, comment) for each annotated field of ``class Settings``, in source order."""
    tree = ast.parse(source)
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Settings")
    comments: dict[int, str] = {}
    own_line: set[int] = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
            if not tok.line[: tok.start[1]].strip():
                own_line.add(tok.start[0])
    out, group, last = [], "", cls.lineno
    for node in cls.body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            last = node.end_lineno or node.lineno
            continue
        headings = [comments[n] for n in range(last + 1, node.lineno) if n in own_line]
        if headings:
            group = headings[-1]
        end = node.end_lineno or node.lineno
        meaning = comments.get(end, "") if end not in own_line else ""
        out.append((group, node.target.id, meaning))
        last = end
    return out


def _default(value: Any) -> str:
    from pydantic import SecretStr

    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if value is None:
        return "(unset)"
    if value == "":
        return "(empty)"
    return f"`{value}`"


def settings_table() -> str:
    from core.settings import Settings

    fields = settings_fields(SETTINGS_FILE.read_text(encoding="utf-8"))
    missing = [name for _, name, meaning in fields if not meaning]
    if missing:
        raise ReferenceError_(f"core/settings.py: give these settings a trailing comment saying what they mean: "
                              f"{', '.join(missing)}")
    known = set(Settings.model_fields)
    if known != {name for _, name, _ in fields}:
        raise ReferenceError_(f"core/settings.py: fields not read from the source: {known ^ {n for _, n, _ in fields}}")
    lines: list[str] = []
    group = None
    for g, name, meaning in fields:
        if g != group:
            group = g
            lines += ["", f"### {g[:1].upper() + g[1:] or 'General'}", "",
                      "| variable | default | meaning |", "|---|---|---|"]
        info = Settings.model_fields[name]
        secret = "secret" in str(info.annotation).lower()
        lines.append(f"| `JIUYE_{name.upper()}` | {_cell(_default(info.default))} | "
                     f"{_cell(meaning)}{' (secret)' if secret else ''} |")
    return "\n".join(lines).lstrip("\n")


# --- command line ---------------------------------------------------------------------------------------

def _walk(cmd: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    # duck-typed: typer ships its own copy of click, so isinstance checks against click would miss
    out = [(path, cmd)]
    if hasattr(cmd, "list_commands"):
        ctx = cmd.context_class(cmd)
        for name in cmd.list_commands(ctx):
            out += _walk(cmd.get_command(ctx, name), [*path, name])
    return out


def _param_row(param: Any) -> str:
    if param.param_type_name == "argument":
        name = f"`{(param.metavar or param.name).upper()}`" + ("" if param.required else " (optional)")
    else:
        name = " / ".join(f"`{n}`" for n in [*param.opts, *param.secondary_opts])
    default = param.default
    if getattr(param, "is_flag", False):
        shown = "on" if default is True else ""
    else:
        shown = "" if default in (None, "", (), []) or callable(default) else f"`{default}`"
    if getattr(param, "multiple", False) or getattr(param, "nargs", 1) == -1:
        shown = (shown + " " if shown else "") + "repeatable"
    return f"| {name} | {_cell(shown)} | {_cell(getattr(param, 'help', '') or '')} |"


def cli_reference() -> str:
    import typer

    from service.cli import _register, app

    _register()
    root = typer.main.get_command(app)
    lines: list[str] = []
    for path, cmd in _walk(root, ["jiuye"])[1:]:
        params = [p for p in cmd.params if p.name != "help"]
        lines += [f"### `{' '.join(path)}`", "", _cell(cmd.help or "").strip(), ""]
        if params:
            lines += ["| argument / option | default | meaning |", "|---|---|---|"]
            lines += [_param_row(p) for p in params]
            lines.append("")
    return "\n".join(lines)


# --- HTTP API -------------------------------------------------------------------------------------------

def api_table() -> str:
    import tempfile

    from core.settings import Settings
    from service.app import create_app

    with tempfile.TemporaryDirectory() as tmp:  # the app is built, never started: no database is opened
        schema = create_app(Settings(data_dir=Path(tmp)), migrate=False).openapi()
    lines = ["| method | path | what it does |", "|---|---|---|"]
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            what = (op.get("description") or "").strip().split("\n")[0] or op.get("summary", "")
            lines.append(f"| {method.upper()} | `{path}` | {_cell(what)} |")
    return "\n".join(lines)


GENERATORS = {"settings": settings_table, "cli": cli_reference, "api": api_table}
_cache: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    def replace(m: re.Match[str]) -> str:
        kind = m.group(1)
        if kind not in GENERATORS:
            raise ReferenceError_(f"{page.file.src_uri}: unknown marker <!-- jiuye:{kind} -->")
        if kind not in _cache:
            _cache[kind] = GENERATORS[kind]()
        return _cache[kind]

    return MARKER.sub(replace, markdown)
