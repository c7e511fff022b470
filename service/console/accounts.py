"""Console accounts: create, change password, list (used by ``jiuye user``)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import InvalidInput, UnknownCounty
from core.gazetteer import get_gazetteer
from service.console.security import hash_password
from service.models import ROLES, User

MIN_PASSWORD = 8


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("password too short", message_zh=f"密码至少{MIN_PASSWORD}位")


def resolve_counties(names: list[str]) -> list[str]:
    """County codes for names or codes ('浦城县', '南平浦城', '350722'); a Chinese error for unknown ones."""
    gaz = get_gazetteer()
    codes = []
    for name in names:
        county = gaz.get(name) if name.isdigit() else gaz.resolve(name)
        if county is None:
            hint = "、".join(gaz.suggest(name))
            raise UnknownCounty(name, message_zh=f"没有找到县（市、区）“{name}”" + (f"，是否是：{hint}" if hint else ""))
        codes.append(county.code)
    return sorted(set(codes))


def add_user(db: Session, *, username: str, password: str, role: str, counties: list[str] | None = None,
             employer_id: int | None = None, display_name: str = "") -> User:
    """Create an account; coordinators need at least one county, employers an employer id."""
    username = username.strip()
    if not re.fullmatch(r"[\w.\-@]{2,64}", username):
        raise InvalidInput(username, message_zh="用户名只能用字母、数字、汉字和 . - _ @，2到64个字符")
    if role not in ROLES:
        raise InvalidInput(role, message_zh="角色只能是 admin、coordinator 或 employer")
    if db.scalar(select(User.id).where(User.username == username)) is not None:
        raise InvalidInput(username, message_zh=f"用户名“{username}”已存在")
    _check_password(password)
    codes = resolve_counties(counties or [])
    if role == "coordinator" and not codes:
        raise InvalidInput("no county", message_zh="协理员账号需要用 --county 指定负责的县（市、区）")
    if role == "employer":
        from matching.models import Employer

        if employer_id is None or db.get(Employer, employer_id) is None:
            raise InvalidInput(str(employer_id), message_zh="用人单位账号需要用 --employer-id 指定已登记的单位编号")
    user = User(username=username, password_hash=hash_password(password), role=role,
                county_codes=codes if role == "coordinator" else [],
                employer_id=employer_id if role == "employer" else None,
                display_name=display_name.strip(), active=True)
    db.add(user)
    db.flush()
    return user


def set_password(db: Session, *, username: str, password: str) -> User:
    """New password; every session of the account ends (sessions carry a fingerprint of the hash)."""
    user = db.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise InvalidInput(username, message_zh=f"没有用户“{username}”")
    _check_password(password)
    user.password_hash = hash_password(password)
    db.flush()
    return user


def coordinators_for(db: Session, county_code: str | None) -> list[User]:
    """Active coordinator accounts responsible for a county (choices for a person's 负责协理员)."""
    if not county_code:
        return []
    users = db.scalars(select(User).where(User.role == "coordinator", User.active.is_(True)).order_by(User.id))
    return [u for u in users if county_code in (u.county_codes or [])]


def assign_people(db: Session, *, username: str, overwrite: bool = False) -> int:
    """Make a coordinator responsible for the people of their counties (those without one, or all)."""
    from sqlalchemy import update

    from matching.models import Labourer

    user = db.scalar(select(User).where(User.username == username))
    if user is None:
        raise InvalidInput(username, message_zh=f"没有账号“{username}”")
    if user.role != "coordinator" or not user.county_codes:
        raise InvalidInput(username, message_zh=f"“{username}”不是负责县（市、区）的协理员账号")
    stmt = update(Labourer).where(Labourer.county_code.in_(list(user.county_codes)))
    if not overwrite:
        stmt = stmt.where(Labourer.coordinator_id.is_(None))
    return int(db.execute(stmt.values(coordinator_id=user.id)).rowcount or 0)  # type: ignore[attr-defined]
