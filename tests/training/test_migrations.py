"""The training migration matches the models and goes down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from core.db import Base
from core.migrate import downgrade, upgrade
from jobs_feed.push import models as _push  # noqa: F401  (registers push and training_course)
from matching import models as _matching  # noqa: F401
from tests.registry.test_schema import _flat, _table

TABLES = {"training_course", "push"}


def _columns(engine, table: str) -> dict[str, dict]:
    return {c["name"]: c for c in inspect(engine).get_columns(table, schema=engine.info["schema"])}


def test_migration_matches_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in _flat(diff) if _table(d) in TABLES] == []


def test_migration_downgrades_and_upgrades_the_push_table(engine):
    assert _columns(engine, "push")["posting_id"]["nullable"] and "training_id" in _columns(engine, "push")
    downgrade(engine, "jobs_feed_0003")
    names = set(inspect(engine).get_table_names(schema=engine.info["schema"]))
    assert "training_course" not in names and "push" in names
    assert "training_id" not in _columns(engine, "push") and not _columns(engine, "push")["posting_id"]["nullable"]
    upgrade(engine)
    assert "training_course" in set(inspect(engine).get_table_names(schema=engine.info["schema"]))
    assert _columns(engine, "push")["posting_id"]["nullable"]
