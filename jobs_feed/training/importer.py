"""Training course imports (CSV/XLSX/JSONL, Chinese headers), through the shared import loop."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from core.tabular import TRAINING_HEADERS, Row, read_rows
from jobs_feed.training.service import clean_course, save_course
from matching.importer import ImportResult, RowError, run_import

REQUIRED = ["trade"]


def read_course_rows(path: str | Path) -> Iterator[Row]:
    """The file's rows; a row without 培训名称 is labelled by its trade in the error report."""
    for row in read_rows(path, TRAINING_HEADERS, required=REQUIRED):
        if not row.data.get("title") and row.data.get("trade"):
            row.data["title"] = f"{row.data['trade']}培训班"
        yield row


def validate_course_row(data: dict[str, Any]) -> tuple[dict[str, Any], list[RowError]]:
    """Clean one row; the file's id rides along for ``apply_course_row``."""
    fields, errors = clean_course(data)
    if data.get("id") is not None:
        fields["_external_id"] = str(data["id"]).strip()[:64]
    return fields, errors


def apply_course_row(session: Session, fields: dict[str, Any]) -> str:
    fields = dict(fields)
    external_id = fields.pop("_external_id", None)
    return save_course(session, fields, external_id=external_id, source="import")[1]


def import_trainings(
    factory: sessionmaker[Session], path: str | Path, *, rows: Iterable[Row] | None = None, **options: Any
) -> ImportResult:
    """Import a course list; bad rows are reported, good ones committed in batches (see ``run_import``)."""
    return run_import(
        factory,
        rows if rows is not None else read_course_rows(path),
        validate_course_row,
        apply_course_row,
        kind="trainings",
        **options,
    )
