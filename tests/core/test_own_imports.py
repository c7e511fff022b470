"""Our own modules import or fail loudly: no silently degraded bot or console (issue 15)."""

from __future__ import annotations

import sys

import pytest


def test_bot_backends_raise_when_our_registry_module_is_broken(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bot.backends import Backends

    assert Backends(settings).registry_ready is True
    monkeypatch.setitem(sys.modules, "matching.service", None)  # as if the module failed to import
    with pytest.raises(ImportError):
        Backends(settings).registry_ready  # noqa: B018 - the property is the call under test


def test_bot_backends_raise_when_a_function_went_missing(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import matching.service
    from bot.backends import Backends

    monkeypatch.delattr(matching.service, "upsert_labourer")
    with pytest.raises(AttributeError):
        Backends(settings).registry_ready  # noqa: B018


def test_console_sources_raise_when_our_module_is_broken(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.console import sources

    assert sources.handoff_waiting(db) == 0
    monkeypatch.setitem(sys.modules, "bot.models", None)
    with pytest.raises(ImportError):
        sources.handoff_waiting(db)
