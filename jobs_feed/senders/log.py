"""The default SMS "vendor": one JSON object a line appended to ``settings.sms_outbox_path``.

Nothing leaves the machine, so a development install and the checks see exactly what would be sent.
"""

from __future__ import annotations

import json
import os
import threading
import uuid

from core.settings import Settings
from jobs_feed.senders.base import DeliveryResult, Message

_lock = threading.Lock()


class LogSender:
    channel = "sms"

    def __init__(self, settings: Settings):
        self.path = settings.sms_outbox_path

    def send(self, to: str, message: Message) -> DeliveryResult:
        line = {
            "labourer_id": message.labourer_ref,
            "phone": to,
            "channel": "sms",
            "posting_id": message.posting_ref,
            "text": message.text,
            "status": "sent",
            "out_id": message.out_id,
        }
        if message.training_ref:
            line["training_id"] = message.training_ref
        data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _lock:
                # One write() on an O_APPEND descriptor: lines from several processes never interleave.
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
                try:
                    os.write(fd, data)
                finally:
                    os.close(fd)
        except OSError as exc:
            return DeliveryResult.failed("io_error", str(exc), retryable=True)
        return DeliveryResult.sent(f"log-{uuid.uuid4().hex[:16]}")

    def lookup(self, out_id: str, to: str | None = None) -> DeliveryResult | None:
        """Whether ``out_id`` was already written (recovering a push whose worker died)."""
        if not self.path.exists():
            return None
        with self.path.open(encoding="utf-8") as fh:
            for raw in fh:
                if out_id not in raw:
                    continue
                try:
                    if json.loads(raw).get("out_id") == out_id:
                        return DeliveryResult.sent(None, code="RECOVERED")
                except ValueError:
                    continue  # a torn last line from a crash is not a send
        return None
