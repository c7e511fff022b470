"""What a flow step may use besides (state, message): settings, the domain adapter, a database session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.backends import Backends
from core.settings import Settings
from core.timeutil import utcnow

FLOW_KEYS = ("flow", "step", "data", "choices", "facts", "skipped", "found", "listed", "asked", "early")  # an open flow's keys


def leave_flow(state: dict[str, Any]) -> dict[str, Any]:
    """The conversation state with any open flow (registration, benefits) dropped."""
    return {k: v for k, v in state.items() if k not in FLOW_KEYS}


class Defer(Exception):
    """Raised before any side effect when a step may not finish in time: run it from the queue."""


@dataclass
class Ctx:
    """Per-message context; the database session is opened only by steps that need it."""

    settings: Settings
    backends: Backends
    session_factory: Callable[[], Session]
    now: datetime = field(default_factory=utcnow)
    can_defer: bool = True
    redis_client: Any = None  # for the few steps that read beyond the state (a ticket's conversation)
    forget: bool = False  # set by a step that erased the chat: the handler drops the kept exchanges
    _session: Session | None = None

    def recent_turns(self, openid: str) -> list[dict[str, str]]:
        """The sender's last exchanges before this message ([] without Redis)."""
        from bot import state
        from core import outage

        if self.redis_client is None:
            return []
        try:
            return state.recent(self.redis_client, self.settings, openid)
        except outage.UNREACHABLE:
            return []

    @property
    def session(self) -> Session:
        if self._session is None:
            self._session = self.session_factory()
        return self._session

    def close(self, *, commit: bool) -> None:
        """Commit (or roll back) and close the session if a step opened one."""
        if self._session is None:
            return
        try:
            if commit:
                self._session.commit()
            else:
                self._session.rollback()
        finally:
            self._session.close()
            self._session = None
