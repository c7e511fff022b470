"""Policy questions over HTTP: ``POST /api/v1/ask`` → the same JSON as ``jiuye ask --jsonl``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field

from core.deps import SessionDep, SettingsDep
from knowledge.service import get_answerer, record_unanswered, worth_recording

log = logging.getLogger(__name__)
router = APIRouter(tags=["knowledge"])


class AskIn(BaseModel):
    q: str = Field("", max_length=20000, description="问题")


@router.post("/api/v1/ask")
def ask(body: AskIn, session: SessionDep, settings: SettingsDep) -> dict:
    """Answer one policy question; a "don't know" is recorded for coordinators."""
    ans = get_answerer(settings).answer(body.q)
    if ans.fallback and worth_recording(body.q):
        record_unanswered(session, question=body.q, channel="api")
    return ans.to_dict()


def setup_app(app: FastAPI) -> None:
    """Load (or build) the index while the service starts, so the first question is fast."""

    def warm(app: FastAPI) -> None:
        try:
            get_answerer(app.state.settings)
        except Exception:  # questions then load it on demand (and log why it failed)
            log.exception("knowledge index failed to load at start-up")

    app.state.startup_hooks.append(warm)
