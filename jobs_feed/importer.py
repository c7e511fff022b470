"""Posting imports (CSV/XLSX/JSONL, e.g. a county's 岗位清单 or match_dev/jobs.jsonl)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from core.tabular import POSTING_HEADERS, Row, read_rows
from core.text import clean_text
from jobs_feed.service import clean_posting, employer_by_name, lure_error, save_posting
from matching.importer import ImportResult, RowError, run_import


def validate_posting_row(data: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Clean one import row; the file's id and employer name ride along for ``apply_posting_row``."""
    fields, errors = clean_posting(data)
    if data.get("id") is not None:
        fields["_external_id"] = str(data["id"]).strip()[:64]
    employer = clean_text(str(data.get("employer") or ""))
    if len(employer) > 100:
        errors.append(RowError("employer", "单位名称不能超过100个字"))
    elif problem := lure_error("employer", employer, "单位名称"):
        errors.append(problem)
    fields["_employer"] = employer
    return fields, errors


def apply_posting_row(session: Session, fields: dict[str, Any]) -> str:
    fields = dict(fields)
    external_id = fields.pop("_external_id", None)
    employer = employer_by_name(session, fields.pop("_employer", ""))
    return save_posting(session, fields, employer=employer, source="import", external_id=external_id)[1]


def import_postings(
    factory: sessionmaker[Session], path: str | Path, *, rows: Iterable[Row] | None = None, **options: Any
) -> ImportResult:
    """Import a postings file; bad rows are reported, good ones committed in batches (see ``run_import``)."""
    return run_import(
        factory,
        rows if rows is not None else read_rows(path, POSTING_HEADERS, required=["title"]),
        validate_posting_row,
        apply_posting_row,
        kind="postings",
        **options,
    )
