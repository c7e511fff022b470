"""The console's migration branch goes down and up again on its own."""

from __future__ import annotations

from sqlalchemy import inspect

from core.migrate import downgrade, upgrade

TABLES = {"console_user", "console_reveal_log", "console_follow_up", "console_help_plan"}


def test_service_branch_downgrades_and_upgrades(engine) -> None:  # type: ignore[no-untyped-def]
    def tables() -> set[str]:
        return set(inspect(engine).get_table_names(schema=engine.info["schema"]))

    assert TABLES <= tables()
    downgrade(engine, "service@base")
    assert not TABLES & tables()
    assert "labourer" in tables()  # the registry's branch is untouched
    upgrade(engine)
    assert TABLES <= tables()
