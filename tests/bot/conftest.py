"""Bot test helpers: an app with WeChat settings, signed requests and reply parsing."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import xmltodict
from fastapi.testclient import TestClient

from bot.protocol import sign
from core.settings import Settings

TOKEN = "test-token"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
APP_ID = "wx2c2769f8efd9abc2"


@pytest.fixture()
def wx_settings(settings: Settings) -> Settings:
    from pydantic import SecretStr

    settings.wechat_token = SecretStr(TOKEN)
    settings.wechat_aes_key = SecretStr(AES_KEY)
    settings.wechat_app_id = APP_ID
    return settings


@pytest.fixture()
def client(wx_settings: Settings, redis_client: Any) -> Iterator[TestClient]:
    from service.app import create_app

    with TestClient(create_app(wx_settings)) as c:
        yield c


def signed(token: str = TOKEN, timestamp: str | None = None, nonce: str | None = None) -> dict[str, str]:
    ts = timestamp or str(int(time.time()))
    nonce = nonce or uuid.uuid4().hex[:10]
    return {"timestamp": ts, "nonce": nonce, "signature": sign(token, ts, nonce)}


def text_xml(content: str, *, openid: str = "oUser1", msg_id: int | None = None, ts: int | None = None) -> str:
    msg_id = msg_id if msg_id is not None else uuid.uuid4().int % 10**18
    return (
        "<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
        f"<FromUserName><![CDATA[{openid}]]></FromUserName><CreateTime>{ts or int(time.time())}</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


def post(client: TestClient, body: str | bytes, params: dict[str, str] | None = None) -> Any:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return client.post("/wechat", params=params or signed(), content=data)


def content_of(reply_xml: str) -> str:
    """The Content of a passive text reply."""
    return xmltodict.parse(reply_xml)["xml"]["Content"]


def say(client: TestClient, text: str, *, openid: str = "oUser1") -> str:
    res = post(client, text_xml(text, openid=openid))
    assert res.status_code == 200, res.text
    return content_of(res.text)


def add_postings(client: TestClient, rows: list[tuple[Any, ...]]) -> None:
    """Open postings from (title, place, county, city, pay from, pay to, text, age from, age to) rows."""
    from matching.models import Posting

    with client.app.state.sessionmaker() as s:
        s.add_all([Posting(title=t, employer_name="", location=loc, county_code=county, city_code=city,
                           salary_min=lo, salary_max=hi, salary_unit="month", description=d, age_min=a, age_max=b,
                           tags=[], status="open") for t, loc, county, city, lo, hi, d, a, b in rows])
        s.commit()
