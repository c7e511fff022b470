"""The console in real headless Chromium against a real uvicorn server on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.service import open_ticket
from core.db import make_engine, make_sessionmaker
from core.migrate import upgrade
from core.timeutil import utcnow
from jobs_feed.push.models import Push
from knowledge.service import record_unanswered
from matching.models import Labourer
from tests.console.conftest import PASSWORD, PUCHENG, seed

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
# `make screenshots` sets this to docs/img/console: the coordinators' manual shows these very pages.
DOCS_SHOTS = os.environ.get("JIUYE_DOCS_SCREENSHOTS")
# Pages open with locale zh-CN, as coordinators' browsers do (date pickers and file inputs in Chinese).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed (/usr/bin/chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(settings) -> Iterator[dict]:  # type: ignore[no-untyped-def]
    """uvicorn in a subprocess on a SQLite file in the test's data dir, seeded before it starts."""
    url = f"sqlite:///{(settings.data_dir / 'jiuye.db').resolve()}"
    engine = make_engine(url)
    upgrade(engine)
    factory = make_sessionmaker(engine)
    data = seed(factory)
    with factory() as db, db.begin():  # one delivered push, so the chart shows coverage
        now = utcnow()
        db.add(Push(labourer_id=data["people"]["张三"], posting_id=data["posting"], channel="sms", text="采茶工",
                    score=0.8, reasons=["县内岗位"], status="delivered", created_at=now, sent_at=now,
                    delivered_at=now))
        open_ticket(db, openid="oBrowserVisitor", text="我想找个人问问公益性岗位怎么申请")
        db.get(Labourer, data["people"]["张三"]).wechat_openid = "oBrowserZhang"
        open_ticket(db, openid="oBrowserZhang", text="人工", conversation=[
            {"at": now.isoformat(), "said": "俺想在南浦附近找点活 电焊会一点", "replied": "给您找到1个岗位：采茶工……"},
            {"at": now.isoformat(), "said": "采茶我干不了 腰不好", "replied": "好的，已记下不做采茶。"}])
        db.add_all([Labourer(name=n, county_code=PUCHENG, township="石陂镇", village=v, status="seeking")
                    for n, v in (("吴秀英", "高路村"), ("吴国强", "大布村"))])
        record_unanswered(db, question="护林员岗位明年几月招人", channel="wechat", openid="oBrowserZhang")
        record_unanswered(db, question="残疾人有什么补贴吗", channel="wechat")
    engine.dispose()
    port = _free_port()
    env = {**os.environ, "JIUYE_DATA_DIR": str(settings.data_dir), "JIUYE_DATABASE_URL": url,
           "JIUYE_REDIS_URL": settings.redis_url or "", "JIUYE_REDIS_PREFIX": settings.redis_prefix,
           "JIUYE_SECRET_KEY": "browser-test-secret", "JIUYE_LOG_LEVEL": "WARNING",
           "JIUYE_PUSH_PLAN_TIME": ""}  # no daily plan racing the steps a test takes (cron's job in this setup)
    log = (settings.data_dir / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:create_app", "--factory", "--host", "127.0.0.1",
         "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).json().get("status") == "ok":
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("server did not start: " + (settings.data_dir / "server.log").read_text())
            time.sleep(0.2)
        yield {"base": base, **data}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:  # still starting (or stuck): it must not outlive the test
            proc.kill()
            proc.wait(10)
        log.close()


@pytest.fixture()
def browser() -> Iterator:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _shot(target, name: str, *, docs: bool = False) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of a page (whole) or a locator into tests/artifacts/, and into the docs when asked."""
    path = ARTIFACTS / f"{name}.png"
    if hasattr(target, "goto"):
        target.screenshot(path=str(path), full_page=True)
    else:
        target.screenshot(path=str(path))
    if docs and DOCS_SHOTS:
        Path(DOCS_SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(DOCS_SHOTS) / f"{name}.png")


def _login(page, base: str, username: str, *, shot: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/console/")
    assert "/console/login" in page.url
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    if shot:
        _shot(page, shot, docs=True)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/console/")


@pytest.fixture(autouse=True)
def artifacts() -> Path:
    """Screenshots and downloads stay in tests/artifacts/ (gitignored) after the run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def test_coordinator_day_in_browser(server, browser) -> None:  # type: ignore[no-untyped-def]
    base = server["base"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    _login(page, base, "admin", shot="login")
    chart = page.locator("#coverage-chart svg")
    assert chart.is_visible()
    assert chart.locator("text", has_text="浦城县").count() == 1
    _shot(page, "dashboard", docs=True)

    page.click("nav >> text=人员")
    page.wait_for_selector("#people-table")
    assert page.locator("#people-table", has_text="张三").is_visible()
    _shot(page, "people")

    page.click("#people-table >> text=张三")
    assert page.locator("#phone").inner_text().startswith("138****8000")
    page.fill("#followup-form textarea[name=note]", "电话回访：本人愿意去县城茶厂")
    page.fill("#followup-form input[name=next_visit_date]", "2099-01-15")
    page.click("#followup-form button[type=submit]")
    page.wait_for_selector("text=回访记录已保存")
    assert page.locator("#visit-list", has_text="本人愿意去县城茶厂").is_visible()
    assert page.locator("#visit-list", has_text="2099-01-15").is_visible()
    _shot(page, "person")
    _shot(page.locator("#visits"), "person-visits", docs=True)

    page.goto(f"{base}/console/people?gap=1")
    why = page.locator(f"td[data-why='{server['people']['赵六']}']")
    why.locator("span:not(.muted)").wait_for()  # filled in by the page's script from the matcher
    assert "福州" in why.inner_text()
    _shot(page, "people-gap", docs=True)

    page.goto(f"{base}/console/pushes")
    _shot(page, "pushes", docs=True)
    with page.expect_download() as info:
        page.click("#export-csv")
    download = info.value
    target = ARTIFACTS / "pushes.csv"
    download.save_as(str(target))
    assert target.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("推送编号,姓名")

    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    _login(phone, base, "pucheng")
    _shot(phone, "dashboard-phone", docs=True)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 400  # nothing forces sideways scrolling on a phone
    assert phone.locator("#coverage-chart-phone svg").is_visible()
    assert not phone.locator("#coverage-chart svg").is_visible()


def test_other_county_person_is_403_in_browser(server, browser) -> None:  # type: ignore[no-untyped-def]
    base = server["base"]
    page = browser.new_page()
    _login(page, base, "guangze")
    response = page.goto(f"{base}/console/people/{server['people']['张三']}")
    assert response.status == 403
    assert page.locator("h1", has_text="没有权限").is_visible()
    assert page.locator("body", has_text="张三").count() == 0


def test_csrf_less_post_rejected_in_browser(server, browser) -> None:  # type: ignore[no-untyped-def]
    base = server["base"]
    page = browser.new_page()
    _login(page, base, "pucheng")
    pid = server["people"]["张三"]
    status = page.evaluate(
        """async (url) => {
            const body = new URLSearchParams({note: "伪造的回访"});
            const r = await fetch(url, {method: "POST", body, credentials: "same-origin"});
            return r.status;
        }""",
        f"{base}/console/people/{pid}/followups",
    )
    assert status == 403
    page.goto(f"{base}/console/people/{pid}")
    assert page.locator("#visit-list", has_text="伪造的回访").count() == 0


def test_ledger_and_simulator_in_browser(server, browser) -> None:  # type: ignore[no-untyped-def]
    base = server["base"]
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    _login(page, base, "pucheng")
    page.click("nav >> text=台账")
    page.wait_for_selector("#by-county")
    assert page.locator("#by-county", has_text="浦城县").is_visible()
    assert page.locator("#by-county", has_text="光泽县").count() == 0
    _shot(page, "ledger", docs=True)
    with page.expect_download() as info:
        page.click("#ledger-xlsx")
    assert info.value.suggested_filename.endswith(".xlsx")

    # the person page: tell the facts, see the entitlement, move it forward, record a guidance session
    page.goto(f"{base}/console/people/{server['people']['张三']}")
    page.click("#facts > summary")  # folded: a form used now and then
    page.select_option("#facts-form select[name=dibao]", "1")
    page.select_option("#facts-form select[name=pension]", "urban_rural")
    page.click("#facts-form button[type=submit]")
    page.wait_for_selector("text=政策条件已保存")
    item = page.locator("#entitlements .entitlement", has_text="城乡居民养老保险费代缴")
    item.locator("select[name=state]").select_option("told")
    item.locator("button[type=submit]").click()
    page.wait_for_selector("text=已记为已告知")
    page.click("#guidance > summary")
    page.fill("#guidance-form textarea[name=note]", "讲解求职技巧")
    page.click("#guidance-form button[type=submit]")
    page.wait_for_selector("text=职业指导已记录")
    assert page.locator("#guidance-list", has_text="讲解求职技巧").is_visible()
    _shot(page, "person-ledger")
    page.locator("#facts").evaluate("d => d.open = true")
    for part in ("entitlements", "guidance", "facts"):
        _shot(page.locator(f"#{part}"), f"person-{part}", docs=True)

    page.click("nav >> text=对话模拟")
    page.fill("#sim-form input[name=text]", "菜单")
    page.click("#sim-form button[type=submit]")
    page.wait_for_selector("#chat .bubble.bot")
    assert page.locator("#chat .bubble.bot", has_text="1 问政策").is_visible()
    _shot(page, "simulator", docs=True)


def test_county_list_import_and_report_in_browser(server, browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A coordinator uploads a county list: their county's rows go in, another county's are row errors."""
    base = server["base"]
    sheet = tmp_path / "浦城县名单.csv"
    sheet.write_text("编号,姓名,性别,年龄,手机号,户籍地,技能特长,就业意愿,是否建档立卡,就业状态\n"
                     "PC01,吴土生,男,46,13900000001,浦城县,泥水工,本地,是,求职\n"
                     "PC02,叶秀英,女,52,13900000002,浦城县,采茶,家附近,是,求职\n"
                     "GZ01,陈建华,男,38,13900000003,光泽县,叉车,哪里都行,是,求职\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    _login(page, base, "pucheng")
    page.click("nav >> text=导入")
    page.set_input_files("input[name=file]", str(sheet))
    page.click("form[action='/console/imports'] button[type=submit]")
    result = page.locator("#import-result")
    result.wait_for()
    assert "新增 2" in result.inner_text()
    assert page.locator("#import-result tr", has_text="陈建华").filter(has_text="不在您负责的县").count() == 1
    _shot(page, "imports", docs=True)
    with page.expect_download() as info:
        page.click("#error-report")
    assert "陈建华" in Path(info.value.path()).read_bytes().decode("utf-8-sig")

    page.goto(f"{base}/console/people?q=叶秀英")
    page.click("#people-table >> text=叶秀英")
    page.click("#edit > summary")
    reading = page.locator("#edit #reading")
    assert "采茶" in reading.inner_text() and "{" not in reading.inner_text()  # the reading in words, to correct
    assert page.locator("#edit textarea[name=profile]").count() == 0  # no JSON for a coordinator
    _shot(page.locator("#edit"), "person-edit", docs=True)

    page.click("nav >> text=报表")
    _shot(page, "reports", docs=True)
    with page.expect_download() as info:
        page.locator("form", has_text="季度").locator("button[type=submit]").click()
    assert info.value.suggested_filename.endswith("季度就业扶贫工作进展.xlsx")


@pytest.mark.parametrize("path,name", [
    ("/console/", "dashboard"), ("/console/people", "people"), ("/console/people/{pid}", "person"),
    ("/console/ledger", "ledger"), ("/console/simulator", "simulator"), ("/console/handoffs", "handoffs"),
    ("/console/questions", "questions"), ("/console/pushes", "pushes"), ("/console/imports", "imports"),
])
def test_main_pages_fit_a_phone(server, browser, path, name) -> None:  # type: ignore[no-untyped-def]
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    _login(phone, server["base"], "pucheng")
    response = phone.goto(server["base"] + path.format(pid=server["people"]["张三"]))
    assert response.status == 200
    if name == "handoffs":
        assert phone.locator(".ticket", has_text="公益性岗位").is_visible()
    _shot(phone, f"phone-{name}")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 400  # no sideways scrolling


def test_a_days_tasks_on_a_phone(server, browser) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 items 6–8 at phone width: a ticket's conversation, the township ledger, the person page's
    reach card on the first screen with a logged reveal that becomes a tap-to-call link."""
    phone = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    _login(phone, server["base"], "pucheng")

    phone.click("nav >> text=人工工单")
    ticket = phone.locator(".ticket", has_text="人工").filter(has_text="张三")
    ticket.locator("ol.talk", has_text="采茶我干不了").wait_for()  # what led to the request  # what led to the request
    _shot(phone, "phone-handoff-talk", docs=True)
    ticket.locator("input[name=note]").fill("已电话联系，推荐县城焊工岗位")
    ticket.locator("button[type=submit]").click()
    phone.wait_for_selector("text=已处理")
    assert phone.locator("#closed", has_text="推荐县城焊工岗位").is_visible()

    phone.click("nav >> text=台账")
    towns = phone.locator("#by-township")
    towns.wait_for()
    assert towns.locator("a", has_text="石陂镇").is_visible() and towns.locator("a", has_text="南浦街道").is_visible()
    towns.locator("a", has_text="石陂镇").click()
    phone.locator("#people-table", has_text="吴秀英").wait_for()
    assert phone.locator("#people-table", has_text="张三").count() == 0
    phone.goto(server["base"] + "/console/ledger?township=石陂镇")
    assert phone.locator("#by-village", has_text="高路村").is_visible()
    _shot(phone, "phone-ledger-villages", docs=True)

    phone.goto(server["base"] + f"/console/people/{server['people']['张三']}")
    box = phone.locator("#reach").bounding_box()
    assert box is not None and box["y"] < 844  # how to reach the person is on the first screen
    assert not phone.locator("#edit-form, #edit form").first.is_visible()  # the edit form is folded away
    assert phone.locator("#tickets", has_text="推荐县城焊工岗位").count() == 1  # the ticket's history
    phone.click("#reveal-call")
    call = phone.locator("#reach a[href^='tel:']")
    call.wait_for()
    assert call.get_attribute("href") == "tel:13800138000"
    _shot(phone, "phone-person-reach", docs=True)
    phone.click("nav.jump >> text=修改信息")  # a jump link opens the folded form (on hashchange)
    phone.locator("#edit input[name=township]").wait_for(state="visible", timeout=5000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 400


def test_a_fix_then_push_now_a_call_and_an_answer_in_browser(server, browser) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 items 1, 3, 4 and 6 at desktop width: correct a record so a posting fits, push it now; a person
    no channel reaches becomes a call, told by phone it counts as a push; a question gets a staff answer."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    _login(page, server["base"], "pucheng")
    page.goto(server["base"] + "/console/people?q=吴国强")
    page.click("#people-table >> text=吴国强")
    page.click("#edit > summary")
    page.fill("#edit textarea[name=skills]", "采茶、种茶")
    page.fill("#edit textarea[name=wishes]", "就在浦城")
    page.fill("#edit input[name=phone]", "13912345678")
    page.click("#edit button:has-text('保存修改')")
    assert page.locator(".flash.ok").inner_text() == "已保存"
    assert page.locator("#current", has_text="采茶工").is_visible()  # the fix finds the posting
    page.click("#push-now")
    assert "已列入“电话通知”" in page.locator(".flash.ok").inner_text()
    _shot(page.locator("#current"), "person-push-now", docs=True)

    page.click("nav >> text=电话通知")
    card = page.locator(".ticket", has_text="吴国强")
    card.locator("a[href='tel:13912345678']").wait_for()  # no WeChat, no SMS consent: a call
    assert card.locator(".ask", has_text="采茶工").is_visible()  # what to read out
    _shot(page, "calls", docs=True)
    card.locator("input[name=note]").fill("本人有意向，周一去茶厂")
    card.locator("button[value=told]").click()
    page.wait_for_selector("text=没有需要电话通知的人")
    page.goto(server["base"] + "/console/people?q=吴国强")
    page.click("#people-table >> text=吴国强")
    page.locator("#pushes", has_text="电话").wait_for()  # the call counts as a push
    assert page.locator("#services", has_text="岗位推荐：1").is_visible()

    page.click("nav >> text=未答问题")
    row = page.locator("tr", has_text="护林员岗位明年几月招人")
    row.locator("textarea[name=reply]").fill("护林员每年三月由乡镇统一招，村委会会通知。")
    row.locator("button:has-text('回复')").click()
    page.wait_for_selector("text=答复已保存")
    assert page.locator("text=村委会会通知").first.is_visible()
    _shot(page, "questions-reply", docs=True)
