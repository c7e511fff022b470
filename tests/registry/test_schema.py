from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Table

from core.db import Base
from matching import models  # noqa: F401  (registers the tables)
from matching.importer import import_labourers

TABLES = {"labourer", "labourer_status_change", "employer", "employer_api_key", "posting"}


def test_migration_matches_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ours = [d for d in _flat(diff) if _table(d) in TABLES]
    assert ours == []


def _flat(diff):
    for d in diff:
        yield from (d if isinstance(d, list) else [d])  # column changes come grouped in lists


def _table(item):
    for part in item[1:]:
        if isinstance(part, Table):
            return part.name
        if isinstance(getattr(part, "table", None), Table):
            return part.table.name  # an Index or constraint
    return item[2] if len(item) > 2 and isinstance(item[2], str) else None  # (op, schema, table, ...)


def test_conflicting_row_is_reported_and_the_rest_imported(session_factory, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"id": "A", "name": "陈建华", "gender": "男", "age": 40, "county": "浦城", "wechat_openid": "oX1"}\n'
        '{"id": "B", "name": "刘丽华", "gender": "女", "age": 30, "county": "浦城", "wechat_openid": "oX1"}\n'
        'not json\n'
        '{"id": "C", "name": "罗文斌", "gender": "男", "age": 33, "county": "浦城"}\n',
        encoding="utf-8",
    )
    result = import_labourers(session_factory, path)
    assert result.created == 2
    assert [e[0] for e in result.errors] == [2, 3]  # the duplicate openid, the broken line
