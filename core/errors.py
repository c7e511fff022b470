"""Named errors. Each carries the offending value and a Simplified Chinese message for people."""

from __future__ import annotations


class JiuyeError(Exception):
    """Base of the project's errors; ``http_status`` and ``message_zh`` drive the one HTTP handler."""

    http_status = 400
    message_zh = "请求有误"

    def __init__(self, detail: str = "", *, message_zh: str | None = None):
        super().__init__(detail or self.__class__.__name__)
        if message_zh:
            self.message_zh = message_zh


class NotFound(JiuyeError):
    http_status = 404
    message_zh = "没有找到"


class Forbidden(JiuyeError):
    http_status = 403
    message_zh = "没有权限"


class InvalidInput(JiuyeError):
    http_status = 422
    message_zh = "填写的内容有误"


class UnknownCounty(InvalidInput):
    message_zh = "没有找到这个县（市、区）"


class NotFitted(JiuyeError):
    """An engine (index, matcher) was queried before ``fit``."""

    http_status = 503
    message_zh = "系统正在准备中，请稍后再试"
