"""Loopback servers speaking the vendors' documented APIs, for tests and benchmarks.

- Aliyun dysmsapi 2017-05-25 ``SendSms`` (RPC style, ACS3-HMAC-SHA256 signature, parameters in the query).
- Tencent Cloud SMS 2021-01-11 ``SendSms`` (JSON body, TC3-HMAC-SHA256 signature).
- WeChat official-account API: ``/cgi-bin/token``, ``message/custom/send``, ``message/template/send``.

Each server checks the request like the vendor does (signature, action, required fields) and
records what it accepted; ``fail`` lists canned failures to answer next.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


class _Server:
    """Threaded HTTP server on 127.0.0.1 with keep-alive; subclasses implement ``handle``."""

    content_type = "application/json;charset=utf-8"

    def __init__(self) -> None:
        self.accepted: list[dict[str, Any]] = []
        self.fail: deque[tuple[int, dict[str, Any]]] = deque()  # (HTTP status, body) answered next
        self.down = False  # answer every request with 503 (an outage)
        self.lock = threading.Lock()
        self._ids = itertools.count(1)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, as real servers do

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                status, payload = outer.dispatch(self.command, self.path, dict(self.headers), body)
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", outer.content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> _Server:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_id(self) -> int:
        with self.lock:
            return next(self._ids)

    def dispatch(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if self.down:
                return 503, self.outage()
            if self.fail:
                return self.fail.popleft()
        return self.handle(method, path, {k.lower(): v for k, v in headers.items()}, body)

    def outage(self) -> dict[str, Any]:
        return {"Code": "ServiceUnavailable", "Message": "service unavailable"}

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        raise NotImplementedError


def _acs_encode(s: str) -> str:
    return quote(s, safe="-_.~")


class AliyunSmsServer(_Server):
    """Aliyun SendSms: verifies the ACS3-HMAC-SHA256 signature the official SDK computes."""

    def __init__(self, access_key_id: str = "test-ak", access_key_secret: str = "test-secret"):
        super().__init__()
        self.ak, self.secret = access_key_id, access_key_secret

    def _expected_signature(self, method: str, path: str, headers: dict[str, str], body: bytes) -> str:
        url = urlsplit(path)
        query = sorted(parse_qsl(url.query, keep_blank_values=True))
        canon_query = "&".join(f"{_acs_encode(k)}={_acs_encode(v)}" for k, v in query)
        auth = headers.get("authorization", "")
        signed = auth.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";")
        canon_headers = "".join(f"{h}:{headers.get(h, '').strip()}\n" for h in signed)
        canonical = "\n".join(
            [method, url.path or "/", canon_query, canon_headers, ";".join(signed), _sha256(body)]
        )
        to_sign = "ACS3-HMAC-SHA256\n" + _sha256(canonical.encode("utf-8"))
        return hmac.new(self.secret.encode(), to_sign.encode(), hashlib.sha256).hexdigest()

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        auth = headers.get("authorization", "")
        if not auth.startswith(f"ACS3-HMAC-SHA256 Credential={self.ak},"):
            return 404, {"Code": "InvalidAccessKeyId.NotFound", "Message": "Specified access key is not found."}
        if auth.rsplit("Signature=", 1)[-1] != self._expected_signature(method, path, headers, body):
            return 400, {"Code": "SignatureDoesNotMatch", "Message": "Specified signature is not matched."}
        action = headers.get("x-acs-action")
        if action not in ("SendSms", "QuerySendDetails") or headers.get("x-acs-version") != "2017-05-25":
            return 400, {"Code": "InvalidAction.NotFound", "Message": "Specified api is not found"}
        params = dict(parse_qsl(urlsplit(path).query, keep_blank_values=True))
        if action == "QuerySendDetails":
            return 200, self.query_send_details(params)
        for need in ("PhoneNumbers", "SignName", "TemplateCode"):
            if not params.get(need):
                return 400, {"Code": "MissingParameter", "Message": f"{need} is mandatory for this action."}
        if not params["PhoneNumbers"].lstrip("+").isdigit():
            return 200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "x"}
        biz_id = f"{self.next_id():06d}^0"
        with self.lock:
            self.accepted.append({**params, "BizId": biz_id})
        return 200, {"Code": "OK", "Message": "OK", "BizId": biz_id, "RequestId": f"req-{biz_id}"}


    def query_send_details(self, params: dict[str, str]) -> dict[str, Any]:
        with self.lock:
            rows = [a for a in self.accepted if a["PhoneNumbers"] == params.get("PhoneNumber")]
        dtos = [
            {"PhoneNum": r["PhoneNumbers"], "OutId": r.get("OutId", ""), "SendStatus": 3, "ErrCode": "DELIVERED",
             "TemplateCode": r["TemplateCode"], "Content": r.get("TemplateParam", ""),
             "SendDate": "", "ReceiveDate": ""}
            for r in rows
        ]
        return {"Code": "OK", "Message": "OK", "RequestId": "q", "TotalCount": len(dtos),
                "SmsSendDetailDTOs": {"SmsSendDetailDTO": dtos}}


class TencentSmsServer(_Server):
    """Tencent Cloud SendSms: verifies the TC3-HMAC-SHA256 signature the official SDK computes."""

    content_type = "application/json"

    def __init__(self, secret_id: str = "test-id", secret_key: str = "test-key"):
        super().__init__()
        self.secret_id, self.secret_key = secret_id, secret_key

    def outage(self) -> dict[str, Any]:
        return {"Response": {"Error": {"Code": "InternalError", "Message": "down"}, "RequestId": "x"}}

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        def error(code: str, msg: str) -> tuple[int, dict[str, Any]]:
            return 200, {"Response": {"Error": {"Code": code, "Message": msg}, "RequestId": "x"}}

        auth = headers.get("authorization", "")
        try:
            cred = auth.split("Credential=", 1)[1].split(",", 1)[0]
            signed = auth.split("SignedHeaders=", 1)[1].split(",", 1)[0].strip()
            signature = auth.split("Signature=", 1)[1].strip()
            sid, date, service, _ = cred.split("/")
        except (IndexError, ValueError):
            return error("AuthFailure.SignatureFailure", "bad authorization")
        if sid != self.secret_id:
            return error("AuthFailure.SecretIdNotFound", "secret id not found")
        canon_headers = "".join(f"{h}:{headers.get(h, '').strip().lower()}\n" for h in signed.split(";"))
        canonical = "\n".join([method, "/", "", canon_headers, signed, _sha256(body)])
        scope = f"{date}/{service}/tc3_request"
        to_sign = "\n".join(["TC3-HMAC-SHA256", headers.get("x-tc-timestamp", ""), scope, _sha256(canonical.encode())])
        k = _hmac(_hmac(_hmac(("TC3" + self.secret_key).encode(), date), service), "tc3_request")
        if hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest() != signature:
            return error("AuthFailure.SignatureFailure", "signature mismatch")
        if headers.get("x-tc-action") != "SendSms" or headers.get("x-tc-version") != "2021-01-11":
            return error("InvalidAction", "action not found")
        req = json.loads(body or b"{}")
        for need in ("PhoneNumberSet", "SmsSdkAppId", "TemplateId"):
            if not req.get(need):
                return error("MissingParameter", f"{need} missing")
        statuses = []
        for phone in req["PhoneNumberSet"]:
            serial = f"2433:{self.next_id():010d}"
            with self.lock:
                self.accepted.append({**req, "PhoneNumber": phone, "SerialNo": serial})
            statuses.append(
                {"SerialNo": serial, "PhoneNumber": phone, "Fee": 1, "SessionContext": req.get("SessionContext", ""),
                 "Code": "Ok", "Message": "send success", "IsoCode": "CN"}
            )
        return 200, {"Response": {"SendStatusSet": statuses, "RequestId": f"req-{serial}"}}


class WechatApiServer(_Server):
    """WeChat API: token, customer-service, template and subscription messages; ``errcodes[openid]`` refuses one."""

    def __init__(self, app_id: str = "wx-test", secret: str = "wx-secret"):
        super().__init__()
        self.app_id, self.secret = app_id, secret
        self.errcodes: dict[str, int] = {}
        self.allowances: dict[tuple[str, str], int] = {}  # (openid, template id) → messages the follower allowed
        self.token = "TOKEN-1"

    def outage(self) -> dict[str, Any]:
        return {"errcode": -1, "errmsg": "system error"}

    def handle(self, method: str, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        url = urlsplit(path)
        q = dict(parse_qsl(url.query))
        if url.path == "/cgi-bin/token":
            if q.get("appid") != self.app_id or q.get("secret") != self.secret:
                return 200, {"errcode": 40125, "errmsg": "invalid appsecret"}
            return 200, {"access_token": self.token, "expires_in": 7200}
        if q.get("access_token") != self.token:
            return 200, {"errcode": 40001, "errmsg": "invalid credential"}
        req = json.loads(body or b"{}")
        openid = req.get("touser", "")
        if openid in self.errcodes:
            return 200, {"errcode": self.errcodes[openid], "errmsg": "refused"}
        if url.path == "/cgi-bin/message/custom/send":
            with self.lock:
                self.accepted.append({"kind": "custom", **req})
            return 200, {"errcode": 0, "errmsg": "ok"}
        if url.path == "/cgi-bin/message/template/send":
            msgid = self.next_id() + 200000000
            with self.lock:
                self.accepted.append({"kind": "template", "msgid": msgid, **req})
            return 200, {"errcode": 0, "errmsg": "ok", "msgid": msgid}
        if url.path == "/cgi-bin/message/subscribe/bizsend":
            return self._subscribe(req)
        return 404, {"errcode": 404, "errmsg": "not found"}

    def grant(self, openid: str, template_id: str, times: int = 1) -> None:
        """The follower pressed 同意 in the subscribe popup ``times`` times (WeChat's own count)."""
        with self.lock:
            self.allowances[(openid, template_id)] = self.allowances.get((openid, template_id), 0) + times

    def _subscribe(self, req: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """bizsend as WeChat answers it: 43101 without an allowance, 47003 for a value over its limit."""
        grant = (req.get("touser", ""), req.get("template_id", ""))
        for name, field in (req.get("data") or {}).items():
            value = str((field or {}).get("value", ""))
            if name.startswith("thing") and (len(value) > 20 or not value or "\n" in value):
                return 200, {"errcode": 47003, "errmsg": f"argument invalid! data.{name}.value invalid"}
        msgid = self.next_id() + 300000000
        with self.lock:
            if self.allowances.get(grant, 0) <= 0:
                return 200, {"errcode": 43101, "errmsg": "user refuse to accept the msg"}
            self.allowances[grant] -= 1
            self.accepted.append({"kind": "subscribe", "msgid": msgid, **req})
        return 200, {"errcode": 0, "errmsg": "ok", "msgid": msgid}
