"""A 人工 ticket shows the coordinator the conversation that led to it, and keeps its history once closed
(issue 17 item 6): real WeChat XML through the app, the bot's state in the real Redis."""

from __future__ import annotations

from pydantic import SecretStr

from bot.models import HandoffTicket
from matching.models import Labourer
from tests.bot.conftest import TOKEN, say
from tests.console.conftest import csrf_of, login


def _chat_then_ask_for_staff(client, db, seeded, settings) -> int:  # type: ignore[no-untyped-def]
    settings.wechat_token = SecretStr(TOKEN)
    db.get(Labourer, seeded["people"]["张三"]).wechat_openid = "oTalk"
    db.commit()
    say(client, "护林员一个月多少钱", openid="oTalk")
    say(client, "我家里电话是13905991234 你们打给我", openid="oTalk")
    reply = say(client, "人工", openid="oTalk")
    assert "工作人员" in reply
    db.expire_all()
    ticket = db.query(HandoffTicket).filter_by(openid="oTalk").one()
    return ticket.id


def test_the_ticket_shows_what_was_said_before_and_masks_numbers(client, seeded, db, settings) -> None:  # type: ignore[no-untyped-def]
    tid = _chat_then_ask_for_staff(client, db, seeded, settings)
    login(client, "pucheng")
    page = client.get("/console/handoffs").text
    card = page[page.index(f'id="ticket-{tid}"'):page.index('id="closed"')]
    talk = card[card.index("之前的对话"):]
    assert "护林员一个月多少钱" in talk  # what the person asked before 人工
    assert "机器人：" in talk  # and what the bot answered
    assert "13905991234" not in talk and "139****1234" in talk  # a number in the chat is masked
    assert "13905991234" not in card  # numbers are shown on the person page, where a reveal is logged
    assert f'href="/console/people/{seeded["people"]["张三"]}#reach"' in card


def test_a_closed_ticket_keeps_who_closed_it_and_the_note(client, seeded, db, settings) -> None:  # type: ignore[no-untyped-def]
    tid = _chat_then_ask_for_staff(client, db, seeded, settings)
    login(client, "pucheng")
    token = csrf_of(client.get("/console/handoffs").text)
    page = client.post(f"/console/handoffs/{tid}/close", data={"note": "已电话联系，护林员明年三月招", "csrf_token": token}).text
    assert "待处理 0 件" in page
    done = page[page.index('id="closed"'):]
    assert f"工单 {tid}" in done and "已电话联系，护林员明年三月招" in done and "护林员一个月多少钱" in done
    db.expire_all()
    assert db.get(HandoffTicket, tid).closed_by  # the coordinator's name is kept
    person = client.get(f"/console/people/{seeded['people']['张三']}").text
    assert 'id="tickets"' in person and "已电话联系，护林员明年三月招" in person and "已处理" in person


def test_closed_tickets_of_another_county_stay_hidden(client, seeded, db, settings) -> None:  # type: ignore[no-untyped-def]
    tid = _chat_then_ask_for_staff(client, db, seeded, settings)
    login(client, "admin")
    token = csrf_of(client.get("/console/handoffs").text)
    client.post(f"/console/handoffs/{tid}/close", data={"note": "已处理", "csrf_token": token})
    client.post("/console/logout", data={"csrf_token": token})
    login(client, "guangze")
    assert f"工单 {tid}" not in client.get("/console/handoffs").text


def test_erasing_the_chat_drops_the_kept_exchanges(client, seeded, db, settings, redis_client) -> None:  # type: ignore[no-untyped-def]
    from bot import state

    settings.wechat_token = SecretStr(TOKEN)
    say(client, "护林员一个月多少钱", openid="oErase")
    assert state.recent(redis_client, settings, "oErase")
    say(client, "删除我的信息", openid="oErase")
    say(client, "确认删除", openid="oErase")
    assert state.recent(redis_client, settings, "oErase") == []


def test_a_long_queue_shows_the_longest_waiting_first_and_counts_all(client, db) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from bot.service import open_ticket
    from core.timeutil import utcnow
    from service.console.helpdesk import OPEN_SHOWN

    for i in range(OPEN_SHOWN + 2):
        open_ticket(db, openid=f"oQueue{i}", text=f"排队的第{i}位").created_at = utcnow() - timedelta(hours=100 - i)
    db.commit()
    login(client, "admin")
    page = client.get("/console/handoffs").text.split('id="closed"')[0]
    assert f"待处理 {OPEN_SHOWN + 2} 件" in page and f"等得最久的 {OPEN_SHOWN} 件" in page
    assert "排队的第0位" in page and f"排队的第{OPEN_SHOWN + 1}位" not in page
    assert page.index("排队的第0位") < page.index("排队的第1位")
