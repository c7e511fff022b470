"""Alembic, driven from code: one version branch per domain so domains migrate independently."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

ROOT = Path(__file__).resolve().parent.parent
# Each domain owns its migrations folder; cross-domain foreign keys use ``depends_on``.
VERSION_DIRS = [
    ROOT / "knowledge" / "migrations",
    ROOT / "matching" / "migrations",
    ROOT / "jobs_feed" / "migrations",
    ROOT / "bot" / "migrations",
    ROOT / "service" / "migrations",
]


def alembic_config(engine: Engine) -> Config:
    """Alembic config bound to an existing engine (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(ROOT / "core" / "migrations"))
    cfg.set_main_option("version_locations", " ".join(str(d) for d in VERSION_DIRS if d.is_dir()))
    cfg.set_main_option("path_separator", "space")
    # configparser reads % as interpolation: a URL with options (search_path%3D…) must be escaped
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database to the newest revision of every domain branch."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Roll back (used by tests to prove migrations are reversible)."""
    command.downgrade(alembic_config(engine), revision)
