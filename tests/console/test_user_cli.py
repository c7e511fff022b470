from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import select

from core.db import make_engine, make_sessionmaker
from service.console.security import verify_password
from service.models import User


def _jiuye(settings, *args: str, stdin: str = "") -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    env = {**os.environ, "JIUYE_DATA_DIR": str(settings.data_dir), "JIUYE_REDIS_URL": settings.redis_url or "",
           "JIUYE_LOG_LEVEL": "WARNING"}
    env.pop("JIUYE_DATABASE_URL", None)  # the data dir's SQLite file
    return subprocess.run([sys.executable, "-c", "from service.cli import main; main()", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120)


def test_user_add_coordinator_with_prompted_password(settings) -> None:  # type: ignore[no-untyped-def]
    r = _jiuye(settings, "user", "add", "pucheng", "--role", "coordinator", "--county", "浦城",
               stdin="good-password\ngood-password\n")
    assert r.returncode == 0, r.stderr
    assert "负责：浦城县" in r.stdout
    engine = make_engine(f"sqlite:///{settings.data_dir / 'jiuye.db'}")
    with make_sessionmaker(engine)() as db:
        user = db.scalar(select(User).where(User.username == "pucheng"))
        assert user.county_codes == ["350722"] and user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, "good-password")
    engine.dispose()


def test_user_add_rejects_unknown_county_and_short_password(settings) -> None:  # type: ignore[no-untyped-def]
    r = _jiuye(settings, "user", "add", "x1", "--role", "coordinator", "--county", "普城县", "--password", "long-enough")
    assert r.returncode == 1 and "没有找到县（市、区）“普城县”" in r.stderr and "浦城县" in r.stderr
    r = _jiuye(settings, "user", "add", "admin", "--role", "admin", "--password", "short")
    assert r.returncode == 1 and "密码至少8位" in r.stderr
