"""Posting imports (CSV/XLSX/JSONL, e.g. a county's 岗位清单 or match_dev/jobs.jsonl)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from core.tabular import POSTING_HEADERS, Row, read_rows
from core.text import clean_text
from jobs_feed.service import clean_posting, earlier_copy, employer_by_name, lure_error, save_posting
from matching.importer import ImportResult, RowError, run_import
from matching.models import EmployerApiKey, Posting


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


def employers_own(session: Session, row: Posting) -> str | None:
    """Why an import may not rewrite ``row``: the employer posted it itself (API, or holds a key)."""
    own = row.source == "api" or (row.employer_id is not None and session.scalar(
        select(EmployerApiKey.id).where(EmployerApiKey.employer_id == row.employer_id).limit(1)) is not None)
    return f"岗位{row.external_id}是用人单位自己发布的，导入不能修改它；如是另一个岗位，请换一个编号" if own else None


UpdateCheck = Callable[[Session, Posting], "str | None"]


def apply_posting_row(session: Session, fields: dict[str, Any], *, may_not_update: UpdateCheck = employers_own) -> str:
    """Save one clean row; a row that would rewrite a posting ``may_not_update`` names is a row error."""
    fields = dict(fields)
    external_id = fields.pop("_external_id", None)
    employer = employer_by_name(session, fields.pop("_employer", ""))
    earlier = earlier_copy(session, fields, employer=employer, external_id=external_id)
    if earlier is not None and (reason := may_not_update(session, earlier)):
        raise RowError("id", reason)
    return save_posting(session, fields, employer=employer, source="import", external_id=external_id)[1]


def import_postings(
    factory: sessionmaker[Session], path: str | Path, *, rows: Iterable[Row] | None = None,
    may_not_update: UpdateCheck = employers_own, **options: Any
) -> ImportResult:
    """Import a postings file; bad rows are reported, good ones committed in batches (see ``run_import``).

    ``may_not_update`` says why an existing posting must not be rewritten by this import (the
    console adds the importer's own scope to the default: never an employer's own posting).
    """
    return run_import(
        factory,
        rows if rows is not None else read_rows(path, POSTING_HEADERS, required=["title"]),
        validate_posting_row,
        partial(apply_posting_row, may_not_update=may_not_update),
        kind="postings",
        **options,
    )
