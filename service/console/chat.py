"""/console/simulator: try the bot's replies from the console (logic in service/console/simulator.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from core.deps import RedisDep, SettingsDep
from service.console import simulator
from service.console.render import flash_redirect, render
from service.console.security import CurrentCoordinator

router = APIRouter()
QUICK = ("菜单", "1", "2", "3", "我能领什么补贴", "人工", "取消")


def _backends(request: Request):  # type: ignore[no-untyped-def]
    backends = getattr(request.app.state, "bot_backends", None)
    if backends is None:  # the bot's start-up hook has not run (an app built without it)
        from bot.backends import Backends

        backends = request.app.state.bot_backends = Backends(request.app.state.settings)
    return backends


@router.get("/simulator")
def simulator_page(request: Request, user: CurrentCoordinator, settings: SettingsDep, redis: RedisDep) -> Response:
    lines = simulator.transcript(redis, settings, simulator.sim_openid(user.id))
    return render(request, "simulator.html", {"lines": lines, "quick": QUICK})


@router.post("/simulator")
def simulator_say(request: Request, user: CurrentCoordinator, settings: SettingsDep, redis: RedisDep,
                  text: Annotated[str, Form()] = "", quick: Annotated[str, Form()] = "") -> Response:
    message = (quick or text).strip()
    if message:
        simulator.say(settings, redis, request.app.state.sessionmaker, _backends(request),
                      openid=simulator.sim_openid(user.id), text=message, user_id=user.id,
                      counties=list(user.county_codes or []))
    return RedirectResponse("/console/simulator#end", status_code=303)


@router.post("/simulator/reset")
def simulator_reset(request: Request, user: CurrentCoordinator, settings: SettingsDep, redis: RedisDep) -> Response:
    simulator.reset(redis, settings, simulator.sim_openid(user.id))
    simulator.sim_person(request.app.state.sessionmaker, user_id=user.id, counties=list(user.county_codes or []),
                         blank=True)
    return flash_redirect("/console/simulator", ok="已清空对话")
