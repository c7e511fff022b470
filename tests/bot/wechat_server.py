"""A loopback server speaking the WeChat API parts we use: token, customer-service, template, menu."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


class FakeWeChat:
    """State shared with the handler: tokens issued, messages received, forced errcodes, delay."""

    def __init__(self, appid: str = "wxtest", secret: str = "s3cret"):
        self.appid, self.secret = appid, secret
        self.token_fetches = 0
        self.valid_tokens: set[str] = set()
        self.received: list[dict[str, Any]] = []
        self.refuse: dict[str, int] = {}  # openid → errcode
        self.delay = 0.0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeWeChat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def expire_tokens(self) -> None:
        self.valid_tokens.clear()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def _json(self, payload: dict[str, Any]) -> None:
                body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except BrokenPipeError:  # the client gave up (timeout tests)
                    pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                q = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path != "/cgi-bin/token":
                    return self._json({"errcode": 404, "errmsg": "not found"})
                if q.get("appid") != fake.appid or q.get("secret") != fake.secret:
                    return self._json({"errcode": 40125, "errmsg": "invalid appsecret"})
                time.sleep(0.2)  # a slow token endpoint widens any race between processes
                with fake.lock:
                    fake.token_fetches += 1
                    token = f"TOKEN-{fake.token_fetches}"
                    fake.valid_tokens.add(token)
                self._json({"access_token": token, "expires_in": 7200})

            def do_POST(self) -> None:
                time.sleep(fake.delay)
                url = urlparse(self.path)
                token = parse_qs(url.query).get("access_token", [""])[0]
                data = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                if token not in fake.valid_tokens:
                    return self._json({"errcode": 40001, "errmsg": "invalid credential"})
                code = fake.refuse.get(data.get("touser", ""), 0)
                if code:
                    return self._json({"errcode": code, "errmsg": "refused"})
                with fake.lock:
                    fake.received.append({"path": url.path, "token": token, "data": data})
                extra = {"msgid": 1000 + len(fake.received)} if url.path.endswith("template/send") else {}
                self._json({"errcode": 0, "errmsg": "ok", **extra})

        return Handler
