"""WeChat first, SMS as fallback, and receipts that update the outbox (through the HTTP endpoints)."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from core.db import make_sessionmaker
from jobs_feed.push.delivery import Deliverer
from jobs_feed.push.models import DELIVERED, FAILED, SENT, Push
from jobs_feed.push.planner import Candidate, plan
from jobs_feed.push.service import note_wechat_interaction, record_wechat_receipt


def _one_push(settings, engine, db, people, postings, redis_client, **person):
    (p,) = people(1, **person)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9, ["您做过泥水工"])]})
    db.commit()
    push = db.scalars(select(Push)).one()
    with make_sessionmaker(engine)() as s:
        Deliverer(settings, make_sessionmaker(engine), redis_client).deliver(s, push.id)
    db.expire_all()
    return db.scalars(select(Push)).one()


def test_person_who_wrote_recently_gets_a_customer_service_message(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    note_wechat_interaction(settings, redis_client, "oid-a")
    push = _one_push(settings, engine, db, people, postings, redis_client, wechat_openid="oid-a")
    assert push.status == SENT and push.channel == "wechat_cs"
    text = wechat_api.accepted[0]["text"]["content"]
    assert "建筑泥水工" in text and "泉州南安" in text and "您做过泥水工" in text
    assert not settings.sms_outbox_path.exists()


def test_person_who_never_wrote_gets_sms_without_a_wechat_call(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    push = _one_push(settings, engine, db, people, postings, redis_client, wechat_openid="oid-silent")
    assert push.status == SENT and push.channel == "sms" and wechat_api.accepted == []


def test_unfollowed_person_falls_through_to_sms(settings, engine, db, people, postings, redis_client, wechat_api):
    note_wechat_interaction(settings, redis_client, "oid-b")
    wechat_api.errcodes["oid-b"] = 43004
    push = _one_push(settings, engine, db, people, postings, redis_client, wechat_openid="oid-b")
    assert push.status == SENT and push.channel == "sms"
    assert settings.sms_outbox_path.read_text(encoding="utf-8").count("\n") == 1


def test_outside_window_uses_template_then_receipt_marks_delivered(
    settings, engine, db, people, postings, redis_client, wechat_api
):
    settings.wechat_push_template_id = "TPL-PUSH"
    note_wechat_interaction(settings, redis_client, "oid-c")
    redis_client.set(f"{settings.redis_prefix}push:wechat_seen:oid-c", str(time.time() - 3 * 86400))
    push = _one_push(settings, engine, db, people, postings, redis_client, wechat_openid="oid-c")
    assert push.channel == "wechat_template" and push.vendor_message_id == str(wechat_api.accepted[0]["msgid"])
    assert record_wechat_receipt(db, push.vendor_message_id, "success")
    db.commit()
    assert db.get(Push, push.id).status == DELIVERED
    assert not record_wechat_receipt(db, "999", "success")  # unknown MsgID: ignored


def test_wechat_refusing_every_kind_falls_through_to_sms(settings, engine, db, people, postings, redis_client, wechat_api):
    settings.wechat_push_template_id = "TPL-PUSH"
    note_wechat_interaction(settings, redis_client, "oid-d")
    wechat_api.errcodes["oid-d"] = 45047  # refused for customer-service and template alike
    push = _one_push(settings, engine, db, people, postings, redis_client, wechat_openid="oid-d")
    assert push.channel == "sms" and push.status == SENT


def _app(settings, db_url):
    from service.app import create_app

    settings.database_url = db_url
    settings.push_plan_time = "23:59"  # keep the daily plan out of these tests
    return create_app(settings, migrate=False)  # the fixture migrated this database already


def test_sms_receipts_update_status_through_the_endpoint(settings, engine, db, people, postings, redis_client, db_url):
    settings.quiet_hours = ""
    ppl = people(2)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
    db.commit()
    deliverer = Deliverer(settings, make_sessionmaker(engine), redis_client)
    ids = [p.id for p in db.scalars(select(Push).order_by(Push.id))]
    deliverer.deliver_many(ids)
    settings.sms_receipt_token = SecretStr("s3cret")  # callbacks are refused without one (see below)
    with TestClient(_app(settings, db_url)) as client:
        ok = client.post("/api/v1/push/receipts/sms/aliyun?token=s3cret", json=[
            {"phone_number": ppl[0].phone, "success": True, "err_code": "DELIVERED", "err_msg": "用户接收成功",
             "biz_id": "unknown", "out_id": f"jy-push-{ids[0]}", "send_time": "2026-11-22 10:00:00"},
        ])
        assert ok.status_code == 200 and ok.json() == {"code": 0, "msg": "成功"}
        vendor_id = db.get(Push, ids[1]).vendor_message_id
        bad = client.post("/api/v1/push/receipts/sms/tencent?token=s3cret", json=[
            {"sid": vendor_id, "report_status": "FAIL", "errmsg": "MK:0001", "description": "用户停机",
             "mobile": ppl[1].phone, "nationcode": "86"},
        ])
        assert bad.status_code == 200 and bad.json()["result"] == 0
    db.expire_all()
    first, second = db.get(Push, ids[0]), db.get(Push, ids[1])
    assert first.status == DELIVERED and first.delivered_at is not None
    assert second.status == FAILED and "用户停机" in second.error


def test_sms_receipt_with_wrong_token_is_refused(settings, engine, db_url):
    settings.sms_receipt_token = SecretStr("s3cret")
    with TestClient(_app(settings, db_url)) as client:
        r = client.post("/api/v1/push/receipts/sms/aliyun?token=nope", json=[])
        assert r.status_code == 403
        assert client.post("/api/v1/push/receipts/sms/aliyun?token=s3cret", json=[]).status_code == 200


def test_sms_callbacks_refuse_anonymous_posts_when_no_token_is_configured(settings, engine, db, people, db_url):
    # The default used to accept anyone: unsubscribe any phone ("T") or mark pushes delivered.
    (p1,) = people(1)
    assert not settings.sms_receipt_token.get_secret_value()
    with TestClient(_app(settings, db_url)) as client:
        for path, body in (("/api/v1/push/replies/sms/aliyun", [{"phone_number": p1.phone, "content": "T"}]),
                           ("/api/v1/push/replies/sms/tencent", {"mobile": p1.phone, "text": "T"}),
                           ("/api/v1/push/receipts/sms/aliyun", [{"biz_id": "x", "success": True}]),
                           ("/api/v1/push/receipts/sms/tencent", [{"sid": "x", "report_status": "SUCCESS"}])):
            for query in ("", "?token=", "?token=guess"):
                r = client.post(path + query, json=body)
                assert r.status_code == 403, (path, query, r.text)
                assert "JIUYE_SMS_RECEIPT_TOKEN" in r.json()["error"]
    db.expire_all()
    assert db.get(type(p1), p1.id).pushes_opted_out is False


def test_serve_on_embedded_redis_runs_a_worker_that_delivers(tmp_path, settings, engine, db, people, postings, db_url):
    from core.settings import Settings

    settings.quiet_hours = ""
    ppl = people(3)
    (job,) = postings(1)
    plan(db, settings, {p.id: [Candidate(job.id, 0.9)] for p in ppl})
    db.commit()
    own = Settings(data_dir=tmp_path / "serve", database_url=db_url, redis_url=None, quiet_hours="",
                   redis_prefix=settings.redis_prefix, push_plan_time="23:59", _env_file=None)
    from service.app import create_app

    app = create_app(own, migrate=False)
    with TestClient(app):
        proc = app.state.push_worker
        assert proc is not None and proc.poll() is None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            db.expire_all()
            if set(db.scalars(select(Push.status))) == {SENT}:
                break
            time.sleep(0.2)
    assert proc.poll() is not None  # stopped with the app
    assert own.sms_outbox_path.read_text(encoding="utf-8").count("\n") == 3


def test_sms_reply_t_stops_pushes_to_that_phone(settings, engine, db, people, db_url):
    (p1,) = people(1)
    (p2,) = people(1)
    settings.sms_receipt_token = SecretStr("s3cret")
    with TestClient(_app(settings, db_url)) as client:
        r = client.post("/api/v1/push/replies/sms/aliyun?token=s3cret", json=[
            {"phone_number": p1.phone, "content": "T", "send_time": "2026-11-22 10:00:00", "dest_code": "1",
             "sign_name": settings.sms_sign_name, "sequence_id": 1}])
        assert r.json() == {"code": 0, "msg": "成功"}
        r = client.post("/api/v1/push/replies/sms/tencent?token=s3cret", json={
            "extend": "", "mobile": p2.phone, "nationcode": "86", "sign": settings.sms_sign_name, "text": "好的",
            "time": 1795332542})
        assert r.json() == {"result": 0, "errmsg": "OK"}
    db.expire_all()
    assert db.get(type(p1), p1.id).pushes_opted_out is True
    assert db.get(type(p2), p2.id).pushes_opted_out is False  # "好的" is not an opt-out
