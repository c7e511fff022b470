"""Imports by upload: labourers or postings through the registry's importers, with the row-error report."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import FileResponse, Response
from starlette.concurrency import run_in_threadpool

from core.deps import SettingsDep
from core.errors import JiuyeError
from core.settings import Settings
from core.tabular import FORMATS
from core.timeutil import utcnow
from service.console.import_scope import console_may_not_update, scoped_posting_rows, scoped_rows
from service.console.render import field_name, render
from service.console.security import ConsoleNotFound, CurrentCoordinator, county_scope

log = logging.getLogger(__name__)
router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024
KINDS = {"labourers": "劳动力名单", "postings": "岗位清单"}
_REPORT_NAME = re.compile(r"^(labourers|postings)-[0-9a-f]{32}-errors\.csv$")
RECENT_DAYS = 7  # error reports listed on 总览 and the import page


@router.get("/imports")
def imports_page(request: Request, user: CurrentCoordinator, settings: SettingsDep) -> Response:
    return render(request, "imports.html", {"result": None, "kinds": KINDS,
                                            "recent": recent_reports(settings, user.id)})


@router.post("/imports")
async def imports_upload(request: Request, user: CurrentCoordinator, settings: SettingsDep,
                         file: UploadFile, kind: Annotated[str, Form()] = "labourers") -> Response:
    from matching.importer import import_labourers, write_report

    def page(error: str, status: int = 422) -> Response:
        return render(request, "imports.html", {"result": None, "kinds": KINDS, "error": error}, status_code=status)

    suffix = Path(file.filename or "").suffix.lower()
    if kind not in KINDS:
        return page("请选择导入类型")
    if suffix not in FORMATS:
        return page("只支持 CSV、XLSX 或 JSONL 文件")
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        return page("文件超过20MB，请分批导入", 413)
    upload_dir = settings.data_dir / "uploads"
    upload_dir.mkdir(parents=True, exist_ok=True)
    path = upload_dir / f"{kind}-{uuid.uuid4().hex}{suffix}"
    path.write_bytes(data)
    factory = request.app.state.sessionmaker
    scope = county_scope(user)
    assigned = 0
    rejected: list[tuple[int, str, str, str]] = []
    try:
        if kind == "labourers" and scope is not None:
            rows = scoped_rows(factory, path, scope, rejected)
            result = await run_in_threadpool(import_labourers, factory, path, rows=rows)
            result.total += len(rejected)
            if user.role == "coordinator":  # nobody imported is left without a responsible coordinator
                assigned = await run_in_threadpool(_assign_to_importer, factory, user.username)
        elif kind == "labourers":
            result = await run_in_threadpool(import_labourers, factory, path)
        else:
            from jobs_feed.importer import import_postings

            if scope is not None:
                prows = scoped_posting_rows(factory, path, scope, rejected)
                result = await run_in_threadpool(import_postings, factory, path, rows=prows,
                                                 may_not_update=console_may_not_update(scope))
                result.total += len(rejected)
            else:
                result = await run_in_threadpool(import_postings, factory, path,
                                                 may_not_update=console_may_not_update(None))
    except JiuyeError as exc:
        return page(exc.message_zh)
    finally:
        path.unlink(missing_ok=True)
    # Fields in Chinese on the page and in the downloadable report alike.
    result.errors = sorted(((row, label, field_name(fld), reason) for row, label, fld, reason
                            in [*result.errors, *rejected]), key=lambda e: e[0])
    report = None
    if result.errors:
        # A random name in the importer's own folder: not found by counting seconds, and read only
        # by the account that made it (the route looks nowhere else).
        report = write_report(result, _reports_dir(settings, user.id) / f"{kind}-{uuid.uuid4().hex}-errors.csv")
    log.info("console import by %s: %s %s rows, %s bad", user.username, kind, result.total, result.error_rows)
    return render(request, "imports.html", {"result": result, "kinds": KINDS, "kind": kind,
                                            "report": report.name if report else None, "assigned": assigned,
                                            "filename": file.filename})


def _assign_to_importer(factory, username: str) -> int:  # type: ignore[no-untyped-def]
    """People of the importer's counties with no coordinator become the importer's."""
    from service.console.accounts import assign_people

    with factory() as db:
        n = assign_people(db, username=username)
        db.commit()
        return n


def _reports_dir(settings: Settings, user_id: int) -> Path:
    return settings.data_dir / "import_reports" / f"u{int(user_id)}"


@dataclass
class Report:
    name: str
    kind: str  # 劳动力名单 / 岗位清单
    rows: int  # rows with a problem
    at: datetime


def recent_reports(settings: Settings, user_id: int, days: int = RECENT_DAYS, limit: int = 10) -> list[Report]:
    """The account's own error reports of the last ``days``, newest first: imports to correct and redo."""
    folder = _reports_dir(settings, user_id)
    if not folder.is_dir():
        return []
    since = utcnow() - timedelta(days=days)
    out = []
    for path in folder.iterdir():
        found = _REPORT_NAME.match(path.name)
        at = datetime.fromtimestamp(path.stat().st_mtime, UTC) if found else None
        if found and at is not None and at >= since:
            with path.open(encoding="utf-8-sig") as f:
                rows = len({line.split(",", 1)[0] for line in list(f)[1:]})
            out.append(Report(path.name, KINDS[found.group(1)], rows, at))
    return sorted(out, key=lambda r: r.at, reverse=True)[:limit]


@router.get("/imports/reports/{name}")
def import_report(name: str, user: CurrentCoordinator, settings: SettingsDep) -> Response:
    if not _REPORT_NAME.match(name):
        raise ConsoleNotFound(name)
    path = _reports_dir(settings, user.id) / name  # another account's report is simply not there
    if not path.is_file():
        raise ConsoleNotFound(name)
    return FileResponse(path, media_type="text/csv; charset=utf-8", filename=name)
