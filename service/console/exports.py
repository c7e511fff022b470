"""CSV and XLSX downloads. Phone numbers are masked for everyone but province admins."""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from core.logging import mask_phone
from core.tabular import as_text
from service.models import User

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def phone_for(user: User, phone: str | None) -> str:
    """Full number for admins (province staff follow up by phone); masked for everyone else."""
    return (phone or "") if user.role == "admin" else mask_phone(phone)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else as_text(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Chinese correctly


def xlsx_bytes(sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook, a sheet per entry (title → (header, rows)), written in openpyxl's streaming mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title=title[:31])
        rows = iter(rows)
        first = list(itertools.islice(rows, WIDTH_SAMPLE))
        for n, width in enumerate(column_widths(header, first), start=1):
            ws.column_dimensions[get_column_letter(n)].width = width  # before any row: write-only sheets
        rows = itertools.chain(first, rows)
        bold = []
        for h in header:
            cell = WriteOnlyCell(ws, value=h)
            cell.font = Font(bold=True)
            bold.append(cell)
        ws.append(bold)
        for row in rows:
            ws.append([_xlsx_cell(ws, v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


WIDTH_SAMPLE = 200  # rows read to size the columns
MAX_WIDTH = 40


def column_widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Column widths that fit the header and the first rows (a Chinese character is two widths), capped."""
    def width(v: Any) -> int:
        text = "" if v is None else str(v)
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    return [min(max([width(h)] + [width(r[i]) for r in rows if i < len(r)]) + 2, MAX_WIDTH)
            for i, h in enumerate(header)]


def _xlsx_cell(ws: Any, value: Any) -> Any:
    """Strings as string cells: openpyxl stores any text starting with "=" as a live formula."""
    from openpyxl.cell import WriteOnlyCell

    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


def download(data: bytes, filename: str, media_type: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


def table_response(fmt: str, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """``fmt`` 'xlsx' → a workbook, anything else → CSV."""
    if fmt == "xlsx":
        return download(xlsx_bytes({name: (header, rows)}), f"{name}.xlsx", XLSX_TYPE)
    return download(csv_bytes(header, rows), f"{name}.csv", "text/csv; charset=utf-8")
