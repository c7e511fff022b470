"""Slow work: retries during the first attempt share its reply; past the budget the reply goes out from the queue."""

from __future__ import annotations

import threading
import time

from pydantic import SecretStr

from bot.backends import Answer
from tests.bot.conftest import content_of, post, text_xml
from tests.bot.wechat_server import FakeWeChat


class SlowKnowledge:
    """Stands in for the knowledge base (another domain): slow, and counts its work."""

    def __init__(self, seconds: float):
        self.seconds, self.calls = seconds, 0

    def answer(self, q: str, key: str | None = None, topic: str | None = None, known: dict | None = None) -> Answer:
        self.calls += 1
        time.sleep(self.seconds)
        return Answer(q=q, answer=f"关于“{q}”的答复。", fallback=False, sources=["闽人社文〔2018〕258号"])


def test_retries_while_first_attempt_works_get_its_reply(client, wx_settings):
    kb = SlowKnowledge(1.0)
    client.app.state.bot_backends.answer = kb.answer
    client.app.state.bot_backends._loaded = True
    body = text_xml("培训补贴怎么领", msg_id=99001)
    replies: list[str] = []
    first = threading.Thread(target=lambda: replies.append(post(client, body).text))
    first.start()
    time.sleep(0.3)
    retries = [post(client, body).text for _ in range(2)]
    first.join()
    assert kb.calls == 1
    contents = {content_of(r) for r in replies + retries}
    assert contents == {"关于“培训补贴怎么领”的答复。\n依据：闽人社文〔2018〕258号"}


def test_too_slow_answer_acknowledged_then_sent_as_customer_service_message(client, wx_settings, redis_client):
    from rq import SimpleWorker

    from bot import jobs
    from bot.jobs import _queue

    kb = SlowKnowledge(1.0)
    client.app.state.bot_backends.answer = kb.answer
    client.app.state.bot_backends._loaded = True
    wx_settings.wechat_reply_budget = 0.3
    with FakeWeChat(appid=wx_settings.wechat_app_id) as fake:
        wx_settings.wechat_api_base = fake.base
        wx_settings.wechat_app_secret = SecretStr(fake.secret)
        started = time.monotonic()
        res = post(client, text_xml("创业补贴有多少", openid="oLate", msg_id=99002))
        assert res.text == "success" and time.monotonic() - started < 0.9
        time.sleep(1.2)  # the work finishes and queues the send
        state = client.app.state
        jobs._RUNTIME = (wx_settings, redis_client, state.sessionmaker, state.bot_backends)
        try:
            queue = _queue(wx_settings, redis_client)
            SimpleWorker([queue], connection=redis_client).work(burst=True)
        finally:
            jobs._RUNTIME = None
        sent = [m["data"] for m in fake.received if m["path"].endswith("custom/send")]
    assert sent == [{"touser": "oLate", "msgtype": "text", "text": {"content": "关于“创业补贴有多少”的答复。\n依据：闽人社文〔2018〕258号"}}]
    assert kb.calls == 1


def test_question_before_knowledge_loads_is_answered_from_the_queue(client, wx_settings, redis_client):
    from rq import SimpleWorker

    from bot import jobs

    backends = client.app.state.bot_backends
    backends._loaded = False  # as if the index were still loading
    with FakeWeChat(appid=wx_settings.wechat_app_id) as fake:
        wx_settings.wechat_api_base = fake.base
        wx_settings.wechat_app_secret = SecretStr(fake.secret)
        res = post(client, text_xml("我家的猫不吃饭怎么办", openid="oEarly", msg_id=99003))
        assert res.text == "success"
        backends._loaded = True
        backends._answerer = None  # knowledge then turns out absent: the honest "preparing" reply
        jobs._RUNTIME = (wx_settings, redis_client, client.app.state.sessionmaker, backends)
        try:
            SimpleWorker([jobs._queue(wx_settings, redis_client)], connection=redis_client).work(burst=True)
        finally:
            jobs._RUNTIME = None
        sent = [m["data"]["text"]["content"] for m in fake.received if m["path"].endswith("custom/send")]
    assert len(sent) == 1 and "准备中" in sent[0]


def test_quick_second_message_waits_for_the_first(client, wx_settings, redis_client):
    """A slow answer then "3" at once: registration must start, not be overwritten by the answer's state."""
    kb = SlowKnowledge(1.0)
    client.app.state.bot_backends.answer = kb.answer
    client.app.state.bot_backends._loaded = True
    replies: dict[str, str] = {}
    first = threading.Thread(target=lambda: replies.setdefault("q", post(client, text_xml("补贴怎么领", openid="oFast")).text))
    first.start()
    time.sleep(0.3)
    replies["3"] = post(client, text_xml("3", openid="oFast")).text
    first.join()
    assert "姓名" in content_of(replies["3"]) and "答复" in content_of(replies["q"])
    assert "多大年纪" in content_of(post(client, text_xml("张三", openid="oFast")).text)


def test_a_bug_in_a_flow_gets_a_way_on_not_a_wechat_error(client, wx_settings, caplog):
    def broken(q: str, key: str | None = None, topic: str | None = None) -> Answer:
        raise RuntimeError("a bug")

    client.app.state.bot_backends.answer = broken
    client.app.state.bot_backends._loaded = True
    res = post(client, text_xml("培训补贴怎么领", openid="oBug", msg_id=99101))
    assert res.status_code == 200  # a 500 makes WeChat tell the follower the account is out of service
    text = content_of(res.text)
    assert "没有处理好" in text and "菜单" in text and "人工" in text
    assert "RuntimeError" not in text and "Traceback" not in text
    assert any("dialogue failed" in r.getMessage() for r in caplog.records)
