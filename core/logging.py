"""Logging set-up with personal data masked in every line."""

from __future__ import annotations

import logging
import re

_ID_RE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])")
_PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_phone(phone: str | None) -> str:
    """138****0000 style; empty for None."""
    if not phone:
        return ""
    p = str(phone)
    return p[:3] + "****" + p[-4:] if len(p) >= 7 else "****"


def mask_id(id_number: str | None) -> str:
    """Keep the region prefix and last four characters of an ID number."""
    if not id_number:
        return ""
    s = str(id_number)
    return s[:6] + "*" * max(len(s) - 10, 0) + s[-4:] if len(s) > 10 else "****"


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number found in free text."""
    text = _ID_RE.sub(lambda m: m.group(1) + "********" + m.group(2), text)
    return _PHONE_RE.sub(lambda m: m.group(1) + "****" + m.group(2), text)


class MaskingFilter(logging.Filter):
    """Rewrites each record's message so phone and ID numbers never reach a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            msg = record.getMessage()
        except Exception:  # a broken format string must not kill logging
            return True
        masked = mask_text(msg)
        if masked != msg:
            record.msg, record.args = masked, None
        return True


def configure_logging(level: str = "INFO") -> None:
    """Root logger to stderr with the masking filter on the handler."""
    root = logging.getLogger()
    if any(isinstance(f, MaskingFilter) for h in root.handlers for f in h.filters):
        root.setLevel(level)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("jieba", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
