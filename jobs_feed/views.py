"""Employer REST API under /api/v1/postings, authenticated by the employer's API key."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, ValidationError

from core.deps import SessionDep
from core.errors import InvalidInput, JiuyeError
from core.timeutil import to_china, utcnow
from jobs_feed import service
from matching.models import Employer, Posting
from matching.service import county_name

router = APIRouter(prefix="/api/v1/postings", tags=["postings"])

FIELD_LABELS = {
    "title": "岗位名称", "description": "岗位描述", "location": "工作地点", "salary": "薪资", "salary_text": "薪资",
    "salary_min": "薪资下限", "salary_max": "薪资上限", "salary_unit": "薪资单位", "age_min": "最低年龄",
    "age_max": "最高年龄", "gender": "性别要求", "headcount": "招聘人数", "tags": "标签",
    "required_certificates": "证书要求", "local_only": "是否限本地", "expires_at": "截止日期", "status": "状态",
}
_TYPE_ZH = {
    "missing": "必须填写", "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
    "string_type": "应为文字", "list_type": "应为列表", "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false", "extra_forbidden": "不认识的字段", "datetime_parsing": "时间格式应为 2026-12-31",
    "date_from_datetime_parsing": "日期格式应为 2026-12-31", "literal_error": "取值不在允许范围内",
    "model_type": "请求内容应为 JSON 对象", "dict_type": "请求内容应为 JSON 对象",
}


class Unauthorized(JiuyeError):
    http_status = 401
    message_zh = "缺少或无效的 API 密钥：请在请求头中提供 Authorization: Bearer <密钥> 或 X-API-Key"


class PostingIn(BaseModel):
    """A posting as an employer sends it; every field is checked again by ``service.clean_posting``."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    description: str | None = None
    location: str | None = None
    salary: str | None = None
    salary_min: int | None = None
    salary_max: int | None = None
    salary_unit: str | None = None
    age_min: int | None = None
    age_max: int | None = None
    gender: str | None = None
    headcount: int | None = None
    tags: list[str] | None = None
    required_certificates: list[str] | None = None
    local_only: bool | None = None
    expires_at: str | None = None  # '2026-12-31' (end of that day, China time) or an ISO time


class CloseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: str = "closed"


class PostingOut(BaseModel):
    id: int
    external_id: str | None
    title: str
    description: str
    location: str
    county_code: str | None
    county: str
    salary_min: int | None
    salary_max: int | None
    salary_unit: str | None
    salary_text: str
    age_min: int | None
    age_max: int | None
    gender: str | None
    required_certificates: list[str]
    headcount: int | None
    tags: list[str]
    local_only: bool
    status: str
    expires_at: datetime | None
    created_at: datetime | None
    updated_at: datetime | None
    updated_existing: bool = False

    @classmethod
    def of(cls, row: Posting, *, updated_existing: bool = False) -> PostingOut:
        return cls(
            id=row.id, external_id=row.external_id, title=row.title, description=row.description or "",
            location=row.location, county_code=row.county_code, county=county_name(row.county_code),
            salary_min=row.salary_min, salary_max=row.salary_max, salary_unit=row.salary_unit,
            salary_text=row.salary_text or "", age_min=row.age_min, age_max=row.age_max, gender=row.gender,
            required_certificates=list(row.required_certificates or []), headcount=row.headcount,
            tags=list(row.tags or []), local_only=bool(row.local_only), status=row.status,
            expires_at=to_china(row.expires_at), created_at=to_china(row.created_at),
            updated_at=to_china(row.updated_at), updated_existing=updated_existing,
        )


def current_employer(request: Request, session: SessionDep) -> Employer:
    """The employer whose key is in ``Authorization: Bearer`` or ``X-API-Key``; 401 otherwise."""
    auth = request.headers.get("authorization", "")
    key = auth[7:].strip() if auth.lower().startswith("bearer ") else None
    employer = service.employer_for_key(session, key or request.headers.get("x-api-key"))
    if employer is None:
        raise Unauthorized("missing or unknown API key")
    return employer


CurrentEmployer = Annotated[Employer, Depends(current_employer)]


def _parse(model: type[BaseModel], body: Any) -> dict[str, Any]:
    """Validate ``body`` against ``model``; InvalidInput listing every problem in Chinese."""
    try:
        return model.model_validate(body if body is not None else {}).model_dump(exclude_unset=True)
    except ValidationError as exc:
        problems, fields = [], []
        for err in exc.errors():
            field = ".".join(str(p) for p in err.get("loc", ()))
            label = FIELD_LABELS.get(field.split(".")[0], field) if field else "请求内容"
            problems.append(f"{label}：{_TYPE_ZH.get(err['type'], '格式不正确')}")
            fields.append(field)
        # field names only: the submitted values may hold personal data and end up in logs
        raise InvalidInput(", ".join(fields), message_zh="；".join(problems)) from exc


def _labelled(field: str, reason: str) -> str:
    label = FIELD_LABELS.get(field, field)
    return reason if reason.startswith(label) else f"{label}：{reason}"


def _check(fields: dict[str, Any], errors: list[service.RowError]) -> None:
    if errors:
        msg = "；".join(_labelled(e.field, e.message_zh) for e in errors)
        raise InvalidInput(", ".join(e.field for e in errors), message_zh=msg)
    exp = fields.get("expires_at")
    if exp is not None and exp <= utcnow():
        raise InvalidInput("expires_at in the past", message_zh="截止日期：不能早于现在")


def _documented(model: type[BaseModel]) -> dict[str, Any]:
    # The body is validated by hand (for Chinese messages); this keeps its schema in /docs.
    return {"requestBody": {"content": {"application/json": {"schema": model.model_json_schema()}}}}


@router.post("", response_model=PostingOut, status_code=201, openapi_extra=_documented(PostingIn))
def create_posting(employer: CurrentEmployer, session: SessionDep, response: Response,
                   body: Annotated[Any, Body()] = None) -> PostingOut:
    """Publish a posting; a re-post of the same job (same title and place) updates the earlier one."""
    fields, errors = service.clean_posting(_parse(PostingIn, body))
    _check(fields, errors)
    fields.setdefault("expires_at", service.default_expiry())
    row, outcome = service.save_posting(session, fields, employer=employer, source="api")
    session.commit()
    if outcome != "created":
        response.status_code = 200
    return PostingOut.of(row, updated_existing=outcome != "created")


@router.get("", response_model=list[PostingOut])
def list_postings(employer: CurrentEmployer, session: SessionDep, status: str | None = None) -> list[PostingOut]:
    """This employer's postings, newest first (expired ones are closed first)."""
    if service.expire_postings(session):
        session.commit()
    return [PostingOut.of(r) for r in service.employer_postings(session, employer, status=status)]


@router.get("/{posting_id}", response_model=PostingOut)
def get_posting(posting_id: int, employer: CurrentEmployer, session: SessionDep) -> PostingOut:
    return PostingOut.of(service.employer_posting(session, employer, posting_id))


@router.patch("/{posting_id}", response_model=PostingOut, openapi_extra=_documented(PostingIn))
def update_posting(posting_id: int, employer: CurrentEmployer, session: SessionDep,
                   body: Annotated[Any, Body()] = None) -> PostingOut:
    """Change some fields; the others stay as they were."""
    row = service.employer_posting(session, employer, posting_id)
    data = _parse(PostingIn, body)
    fields, errors = service.clean_posting(service.merged_for_update(row, data), partial=True)
    _check(fields, errors)
    service.save_posting(session, fields, employer=employer, source=row.source, external_id=row.external_id)
    session.commit()
    return PostingOut.of(row)


@router.post("/{posting_id}/close", response_model=PostingOut)
def close_posting(posting_id: int, employer: CurrentEmployer, session: SessionDep,
                  body: Annotated[Any, Body()] = None) -> PostingOut:
    """Stop taking applicants: status closed (default) or filled."""
    row = service.employer_posting(session, employer, posting_id)
    status = _parse(CloseIn, body).get("status", "closed")
    if status not in ("closed", "filled"):
        raise InvalidInput(f"status {status}", message_zh="状态：只能是 closed（关闭）或 filled（已招满）")
    service.close_posting(session, row, status=status)
    session.commit()
    return PostingOut.of(row)
