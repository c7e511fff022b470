"""The bot's migration branch goes down and up again on its own."""

from __future__ import annotations

from sqlalchemy import inspect

from core.migrate import downgrade, upgrade


def test_bot_branch_downgrades_and_upgrades(engine):
    assert {"wechat_user", "handoff_ticket"} <= set(inspect(engine).get_table_names(schema=engine.info["schema"]))
    downgrade(engine, "bot@base")
    assert not {"wechat_user", "handoff_ticket"} & set(inspect(engine).get_table_names(schema=engine.info["schema"]))
    upgrade(engine)
    assert {"wechat_user", "handoff_ticket"} <= set(inspect(engine).get_table_names(schema=engine.info["schema"]))
