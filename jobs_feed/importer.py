"""Posting imports (CSV/XLSX/JSONL, e.g. a county's 岗位清单 or match_dev/jobs.jsonl)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from core.tabular import POSTING_HEADERS, Row, read_rows
from jobs_feed.service import clean_posting, employer_by_name, save_posting
from matching.importer import ImportResult, RowError, run_import

log = logging.getLogger(__name__)


def validate_posting_row(data: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Clean one import row; the file's id and employer name ride along for ``apply_posting_row``."""
    fields, errors = clean_posting(data)
    if data.get("id") is not None:
        fields["_external_id"] = str(data["id"]).strip()[:64]
    employer = str(data.get("employer") or "").strip()
    if len(employer) > 100:
        errors.append(RowError("employer", "单位名称不能超过100个字"))
    fields["_employer"] = employer
    return fields, errors


def apply_posting_row(session: Session, fields: dict[str, Any]) -> str:
    fields = dict(fields)
    external_id = fields.pop("_external_id", None)
    employer = employer_by_name(session, fields.pop("_employer", ""))
    return save_posting(session, fields, employer=employer, source="import", external_id=external_id)[1]


def import_postings(
    factory: sessionmaker[Session],
    path: str | Path,
    *,
    batch_size: int = 200,
    dry_run: bool = False,
    on_row: Callable[[], None] | None = None,
    rows: Iterable[Row] | None = None,
) -> ImportResult:
    """Import a postings file; bad rows are reported, good ones committed in batches."""
    result = run_import(
        factory,
        rows if rows is not None else read_rows(path, POSTING_HEADERS),
        validate_posting_row,
        apply_posting_row,
        batch_size=batch_size,
        dry_run=dry_run,
        on_row=on_row,
    )
    log.info("posting import %s: %d rows, %d created, %d updated, %d bad rows",
             Path(path).name, result.total, result.created, result.updated, result.error_rows)
    return result
