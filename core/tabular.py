"""Tabular files in (CSV, XLSX, JSONL) as row dicts keyed by canonical field names.

Coordinators write Chinese headers in many variants (身份证号 / 身份证号码 / 公民身份号码 …); each
import passes an alias table so every variant lands on one field name. Row numbers are the ones a
person sees in Excel (header = row 1) or the line number of a JSONL file, so error reports point
at the right line.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InvalidInput

HEADER_SCAN = 10  # non-blank rows searched for the header row (title rows above it are skipped)
FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx",
           ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}

# Canonical field → header spellings seen in coordinators' sheets (compared after _clean_header).
LABOURER_HEADERS: dict[str, list[str]] = {
    "id": ["id", "编号", "序号id", "人员编号", "外部编号"],
    "name": ["name", "姓名", "劳动力姓名", "名字"],
    "gender": ["gender", "sex", "性别"],
    "age": ["age", "年龄", "年纪"],
    "birth_date": ["birth_date", "birthday", "出生年月", "出生日期", "出生年月日", "生日"],
    "birth_year": ["birth_year", "出生年份"],
    "id_number": ["id_number", "身份证号", "身份证号码", "身份证", "公民身份号码", "证件号码"],
    "phone": ["phone", "mobile", "手机号", "手机号码", "联系电话", "电话", "手机", "联系方式"],
    "county": ["county", "户籍地", "户籍所在地", "所在县", "县区", "县(市、区)", "县市区", "所在县区", "户籍县"],
    "township": ["township", "乡镇", "乡镇(街道)", "所在乡镇", "乡(镇)"],
    "village": ["village", "村", "村(社区)", "所在村", "行政村"],
    "skills": ["skills", "技能特长", "技能", "特长", "工作经历"],
    "wishes": ["wishes", "就业意愿", "求职意向", "意愿", "务工意愿"],
    "poverty_registered": ["poverty_registered", "是否建档立卡", "建档立卡", "是否建档立卡贫困户", "贫困户"],
    "status": ["status", "就业状态", "状态", "求职状态"],
    "sms_consent": ["sms_consent", "是否同意短信", "同意短信", "短信推送", "是否同意接收短信"],
    "wechat_openid": ["wechat_openid", "openid", "微信openid"],
    # eligibility facts (matching/facts.py)
    "poverty_exited": ["poverty_exited", "是否已脱贫", "已脱贫", "是否标注脱贫", "已标注脱贫", "脱贫"],
    "dibao": ["dibao", "是否低保", "低保", "低保对象"],
    "tekun": ["tekun", "是否特困", "特困", "特困人员", "特困供养"],
    "pension": ["pension", "养老保险", "参保情况", "养老保险参保"],
    "business": ["business", "创业情况", "是否创业"],
    "returning_migrant": ["returning_migrant", "是否返乡创业", "返乡创业", "返乡农民工"],
    "wants_training": ["wants_training", "培训意愿", "是否有培训意愿", "想参加培训", "是否需要培训"],
    "wants_technical_school": ["wants_technical_school", "技工院校意愿", "想读技工院校"],
    "market_job_failed": ["market_job_failed", "市场渠道难就业", "难以就业"],
    "graduate": ["graduate"],
    "graduate_school": ["graduate_school", "毕业学校类别", "毕业院校类别", "学历类别"],
    "graduate_year": ["graduate_year", "毕业年份", "毕业时间"],
    "graduate_employed": ["graduate_employed", "毕业后是否就业"],
}

POSTING_HEADERS: dict[str, list[str]] = {
    "id": ["id", "编号", "岗位编号", "外部编号"],
    "title": ["title", "jobs_name", "岗位名称", "职位名称", "岗位", "招聘岗位", "工种"],
    "employer": ["employer", "companyname", "单位名称", "公司", "公司名称", "企业名称", "用工单位", "招聘单位"],
    "location": ["location", "工作地点", "地区", "工作地址", "所在地", "district_cn"],
    "salary": ["salary", "wage_cn", "薪资", "工资", "薪酬", "月薪", "工资待遇", "薪资待遇"],
    "salary_min": ["salary_min", "最低工资", "薪资下限"],
    "salary_max": ["salary_max", "最高工资", "薪资上限"],
    "salary_unit": ["salary_unit", "薪资单位", "计薪方式"],
    "age": ["年龄要求", "年龄"],
    "age_min": ["age_min", "最低年龄"],
    "age_max": ["age_max", "最高年龄"],
    "gender": ["gender", "sex_cn", "性别要求", "性别"],
    "headcount": ["headcount", "amount", "招聘人数", "人数", "招工人数"],
    "description": ["description", "contents", "岗位描述", "职位描述", "岗位要求", "工作内容", "岗位职责"],
    "expires_at": ["expires_at", "截止日期", "截止时间", "有效期至", "deadline_date"],
    "tags": ["tags", "标签", "岗位标签", "福利"],
    "certificates": ["required_certificates", "certificates", "证书要求", "所需证书"],
    "local_only": ["local_only", "限本地", "仅限本地", "是否限本地户籍"],
}


TRAINING_HEADERS: dict[str, list[str]] = {
    "id": ["id", "编号", "培训编号", "班级编号", "外部编号"],
    "provider": ["provider", "培训机构", "培训单位", "承训机构", "办班单位", "培训学校"],
    "trade": ["trade", "培训工种", "培训专业", "培训工种/培训专业", "培训工种(专业)", "工种", "专业"],
    "title": ["title", "培训名称", "班级名称", "培训班名称", "课程名称"],
    "description": ["description", "培训内容", "课程简介", "培训简介", "备注"],
    "location": ["location", "培训地点", "上课地点", "办班地点", "地点"],
    "starts_on": ["starts_on", "开班日期", "开班时间", "开课日期", "培训开始日期"],
    "ends_on": ["ends_on", "结业日期", "结业时间", "结束日期", "培训结束日期"],
    "seats": ["seats", "名额", "招生人数", "名额/招生人数", "计划人数", "培训人数"],
    "enrolled": ["enrolled", "已报名人数", "已报名", "报名人数"],
    "cost": ["cost", "是否免费", "培训费用", "是否免费/培训费用", "费用"],
    "subsidy": ["subsidy", "补贴标准", "培训补贴", "补贴"],
    "apply_by": ["apply_by", "报名截止", "报名截止日期", "报名截止时间"],
    "status": ["status", "状态", "招生状态"],
}


@dataclass
class Row:
    """One data row: its number as a person would see it, canonical fields, and unmapped extras."""

    number: int
    data: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # set when the line itself could not be read (broken JSON)


def _clean_header(h: Any) -> str:
    s = unicodedata.normalize("NFKC", str(h or "")).strip().lower()
    s = re.sub(r"[\s*＊:：]", "", s)
    # "身份证号（必填）" / "年龄(岁)" → drop trailing remarks in brackets
    s = re.sub(r"[(\[【](必填|选填|岁|元|人|可选)[)\]】]$", "", s)
    return s


def header_map(headers: Iterable[Any], aliases: Mapping[str, list[str]]) -> dict[int, str]:
    """Column index → canonical name; unknown columns keep their cleaned header."""
    lookup = {_clean_header(a): canon for canon, names in aliases.items() for a in [canon, *names]}
    out: dict[int, str] = {}
    taken: set[str] = set()
    for i, h in enumerate(headers):
        key = _clean_header(h)
        if not key:
            continue
        canon = lookup.get(key)
        if canon and canon not in taken:
            out[i] = canon
            taken.add(canon)
        else:
            out[i] = "~" + key  # unmapped: kept for the record, never confused with a field
    return out


def _decode(raw: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):  # gb18030 is a superset of GBK (Excel's "CSV" on Chinese Windows)
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InvalidInput("undecodable CSV", message_zh="文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV")


def _rows_csv(path: Path) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(path.read_bytes())
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)


def _rows_xlsx(path: Path) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a broken file
        raise InvalidInput(f"bad xlsx: {exc}", message_zh="Excel 文件无法打开，请确认是 .xlsx 格式") from exc
    try:
        ws = wb.worksheets[0]
        for i, cells in enumerate(ws.iter_rows(values_only=True), start=1):
            yield i, list(cells)
    finally:
        wb.close()


def _cell(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v if v != "" else None
    if isinstance(v, float) and v.is_integer():
        return int(v)  # Excel stores 13800002000 as a float
    return v


def read_rows(path: str | Path, aliases: Mapping[str, list[str]], *, required: Iterable[str] = ()) -> Iterator[Row]:
    """Rows of a CSV, XLSX or JSONL file with canonical keys; blank rows are skipped.

    A sheet whose header row lacks a ``required`` column is refused as a whole (InvalidInput naming
    the column and its accepted spellings) rather than reported row by row.
    """
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", message_zh=f"找不到文件：{path.name}")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InvalidInput(f"unsupported file type {path.suffix}", message_zh="只支持 CSV、XLSX 和 JSONL 文件")
    if fmt == "jsonl":
        yield from _read_jsonl(path, aliases)
        return
    rows = _rows_csv(path) if fmt == "csv" else _rows_xlsx(path)
    columns: dict[int, str] | None = None
    scanned: list[tuple[int, dict[int, str]]] = []  # rows read while looking for the header
    for number, cells in rows:
        values = [_cell(c) for c in cells]
        if all(v is None for v in values):
            continue
        if columns is None:
            # A 花名册 often has a title row ("浦城县2026年建档立卡贫困劳动力花名册") or two above the header.
            found = header_map(values, aliases)
            known = sum(1 for name in found.values() if not name.startswith("~"))
            if all(c in found.values() for c in required) and known >= min(2, len(aliases)):
                columns = found
            else:
                scanned.append((number, found))
                if len(scanned) >= HEADER_SCAN:
                    _no_header(scanned, aliases, required)
            continue
        data: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for i, v in enumerate(values):
            name = columns.get(i)
            if name is None:
                continue
            (extra if name.startswith("~") else data)[name.lstrip("~")] = v
        yield Row(number, data, extra)
    if columns is None and scanned:
        _no_header(scanned, aliases, required)


def _no_header(scanned: list[tuple[int, dict[int, str]]], aliases: Mapping[str, list[str]],
               required: Iterable[str]) -> None:
    """Refuse a sheet whose first rows hold no header: name the likeliest header row and what it lacks."""
    number, found = max(scanned, key=lambda r: sum(1 for n in r[1].values() if not n.startswith("~")))
    missing = [c for c in required if c not in found.values()] or list(required)
    zh = {c: [a for a in aliases[c] if re.search(r"[\u4e00-\u9fff]", a)] or [c] for c in missing}
    names = "；".join(f"{zh[c][0]}（可写作：{'、'.join(zh[c][:4])}）" for c in missing)
    raise InvalidInput(f"missing columns {missing}",
                       message_zh=f"前 {HEADER_SCAN} 行里没有找到表头。第 {number} 行（最像表头）缺少必需的列：{names}")


def _read_jsonl(path: Path, aliases: Mapping[str, list[str]]) -> Iterator[Row]:
    text = _decode(path.read_bytes())
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array file is accepted too
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InvalidInput(str(exc), message_zh=f"JSON 格式错误（第 {exc.lineno} 行）") from exc
        lines = [(i, item) for i, item in enumerate(items, start=1)]
    else:
        lines = []
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                lines.append((i, json.loads(line)))
            except json.JSONDecodeError:
                lines.append((i, None))
    for number, obj in lines:
        if not isinstance(obj, dict):
            yield Row(number, {}, error="这一行不是有效的 JSON 对象")
            continue
        columns = header_map(list(obj.keys()), aliases)
        data: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for i, (_k, v) in enumerate(obj.items()):
            name = columns.get(i)
            if name is None:
                continue
            (extra if name.startswith("~") else data)[name.lstrip("~")] = _cell(v)
        yield Row(number, data, extra)


# A spreadsheet reads a cell starting with these as a formula (OWASP "CSV injection"): an employer's
# posting titled =HYPERLINK("…","点此领补贴") must reach a coordinator's workbook as plain text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: Any) -> Any:
    """``value`` safe for a CSV cell: text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(path: str | Path, header: list[str], rows: Iterable[Iterable[Any]]) -> Path:
    """CSV with a BOM so Excel on Chinese Windows opens it without garbling; no cell runs as a formula."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows([as_text(v) for v in row] for row in rows)
    return path
