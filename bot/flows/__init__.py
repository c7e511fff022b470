"""The dialogue: plain functions over (state, message) → (state, reply), routed by ``dispatch``."""

from __future__ import annotations

from bot.flows.context import Ctx, Defer
from bot.flows.router import dispatch, run_turn

__all__ = ["Ctx", "Defer", "dispatch", "run_turn"]
