"""FastAPI dependencies as ``Annotated`` aliases (in core so every domain's views can use them)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Annotated, Any

import redis
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from core.settings import Settings


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    session = request.app.state.sessionmaker()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def client_ip(request: Request) -> str:
    """The caller's address; X-Forwarded-For is believed only when the peer is a configured proxy.

    Behind trusted proxies the right-most address not itself a trusted proxy is the client (the
    left part of the header is whatever the client sent and proves nothing).
    """
    peer = request.client.host if request.client else ""
    networks = request.app.state.settings.proxy_networks()
    if not networks or not _in(peer, networks):
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, networks):
            return hop
    return hops[0] if hops else peer


def _in(address: str, networks: list[Any]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def get_app_redis(request: Request) -> redis.Redis:
    return request.app.state.redis


SettingsDep = Annotated[Settings, Depends(get_app_settings)]
SessionDep = Annotated[Session, Depends(get_session)]
RedisDep = Annotated[redis.Redis, Depends(get_app_redis)]
