"""Logging set-up with personal data masked in every line."""

from __future__ import annotations

import logging
import re

_ID_RE = re.compile(r"(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])")
# 13812345678, +86 138 1234 5678, 138-1234-5678
_PHONE_RE = re.compile(r"(?<!\d)((?:\+?86[-\s]?)?1[3-9]\d)([-\s]?)\d{4}([-\s]?)(\d{4})(?!\d)")


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
    return _PHONE_RE.sub(lambda m: m.group(1) + m.group(2) + "****" + m.group(3) + m.group(4), text)


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


class MaskingFormatter(logging.Formatter):
    """Masks the whole formatted line, tracebacks and access-log URLs included."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def uvicorn_log_config(level: str = "INFO") -> dict:
    """uvicorn's loggers (their own handlers, not the root's) with the masking formatter."""
    fmt = {"()": "core.logging.MaskingFormatter", "fmt": LINE_FORMAT}
    handler = {"class": "logging.StreamHandler", "formatter": "masked", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"masked": fmt},
        "handlers": {"masked": handler},
        "loggers": {
            name: {"handlers": ["masked"], "level": level, "propagate": False}
            for name in ("uvicorn", "uvicorn.error", "uvicorn.access")
        },
    }


def configure_logging(level: str = "INFO") -> None:
    """Root logger to stderr with the masking filter on the handler."""
    root = logging.getLogger()
    if any(isinstance(f, MaskingFilter) for h in root.handlers for f in h.filters):
        root.setLevel(level)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(MaskingFormatter(LINE_FORMAT))
    handler.addFilter(MaskingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("jieba", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
