"""Chinese on every console page: channel, status and source labels, and error pages instead of JSON."""

from __future__ import annotations

from tests.console.conftest import csrf_of, login
from tests.console.test_pages import _push


def test_unknown_console_path_gives_chinese_page(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    r = client.get("/console/no-such-page")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "没有这个页面" in r.text and "Not Found" not in r.text


def test_bad_query_parameter_gives_chinese_page(client) -> None:  # type: ignore[no-untyped-def]
    login(client, "admin")
    for url in ("/console/pushes?page=abc", "/console/people?page=0", "/console/people/abc"):
        r = client.get(url)
        assert r.status_code == 422, url
        assert r.headers["content-type"].startswith("text/html") and "参数有误" in r.text


def test_unknown_path_outside_console_stays_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/no-such-api")
    assert r.status_code == 404 and r.json() == {"detail": "Not Found"}


def test_channel_filter_offers_real_channels(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三", status="sending", channel="wechat_cs")
    _push(db, seeded, "王五", channel="sms")
    login(client, "admin")
    html = client.get("/console/pushes").text
    for value in ("wechat_cs", "wechat_template", "sms"):
        assert f'<option value="{value}"' in html
    assert '<option value="wechat"' not in html
    filtered = client.get("/console/pushes?channel=wechat_cs").text
    assert "张三" in filtered and "王五" not in filtered
    assert "微信客服消息" in filtered and "发送中" in filtered
    assert "没有这个推送渠道" in client.get("/console/pushes?channel=wechat").text


def test_push_export_uses_chinese_channel_and_status(client, seeded, db) -> None:  # type: ignore[no-untyped-def]
    _push(db, seeded, "张三", status="sending", channel="wechat_cs")
    login(client, "admin")
    text = client.get("/console/pushes?export=csv").content.decode("utf-8-sig")
    assert "微信客服消息" in text and "发送中" in text and "wechat_cs" not in text


def test_status_history_source_in_chinese(client, seeded) -> None:  # type: ignore[no-untyped-def]
    login(client, "pucheng")
    pid = seeded["people"]["张三"]
    token = csrf_of(client.get(f"/console/people/{pid}").text)
    r = client.post(f"/console/people/{pid}", data={"status": "employed", "csrf_token": token})
    history = r.text.split("状态变化和号码查看记录</h2>", 1)[1].split("</table>", 1)[0]
    assert "<td>工作台</td>" in history and "<td>console</td>" not in history
