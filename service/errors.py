"""The one place where named errors become HTTP responses with a Chinese message."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from core.errors import JiuyeError

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    """Map project errors and validation failures to JSON bodies people can read."""

    @app.exception_handler(JiuyeError)
    async def _jiuye_error(_request: Request, exc: JiuyeError) -> JSONResponse:
        log.info("request failed: %s", exc)  # the internal detail stays in the log, not in the answer
        return JSONResponse({"error": exc.message_zh}, status_code=exc.http_status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            problems.append({"field": loc, "reason": err.get("msg", "")})
        return JSONResponse({"error": "提交的内容有误，请检查后重试", "problems": problems}, status_code=422)
