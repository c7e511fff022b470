"""Who is the same person: file ids from two county sheets, family phones, sound-alike names."""

from __future__ import annotations

from sqlalchemy import func, select

from matching.importer import import_labourers
from matching.models import Labourer
from matching.service import find_labourer, upsert_labourer
from tests.registry.helpers import write_csv

HEADER = ["编号", "姓名", "性别", "年龄", "联系电话", "户籍所在地", "技能特长", "就业意愿"]


def _csv(path, rows):
    return write_csv(path, HEADER, rows)


def _people(session_factory) -> list[tuple[str, str]]:
    with session_factory() as s:
        return sorted((r.external_id, r.name) for r in s.scalars(select(Labourer)))


def test_two_county_sheets_numbering_rows_alike_do_not_overwrite(session_factory, tmp_path):
    pucheng = [["1", "吴土生", "男", 58, "13900004001", "浦城", "种过田", "本地"],
               ["2", "张秀英", "女", 50, "13900004002", "浦城", "搞卫生", "本地"]]
    guangze = [["1", "林志强", "男", 45, "13900005001", "光泽", "电工", "本地"],
               ["2", "黄美玲", "女", 40, "13900005002", "光泽", "缝纫", "本地"]]
    import_labourers(session_factory, _csv(tmp_path / "浦城.csv", pucheng))
    result = import_labourers(session_factory, _csv(tmp_path / "光泽.csv", guangze))
    assert result.created == 0 and result.error_rows == 2
    assert "编号“1”已属于另一人（吴土生，南平市浦城县）" in result.errors[0][3]
    assert _people(session_factory) == [("1", "吴土生"), ("2", "张秀英")]  # nobody overwritten


def test_same_file_id_with_a_corrected_name_is_the_same_person(session_factory, tmp_path):
    import_labourers(session_factory, _csv(tmp_path / "a.csv", [["7", "林志强", "男", 45, "13900004001", "浦城", "", ""]]))
    again = import_labourers(session_factory, _csv(tmp_path / "b.csv", [["7", "林智强", "男", 45, "13900004001", "浦城", "", ""]]))
    assert (again.created, again.updated, again.error_rows) == (0, 1, 0)
    assert _people(session_factory) == [("7", "林智强")]


def test_family_sharing_a_phone_stays_two_people(db):
    dad, _ = upsert_labourer(db, {"name": "张伟", "gender": "男", "birth_year": 1981, "phone": "13900006001",
                                  "county_code": "350722"})
    girl, outcome = upsert_labourer(db, {"name": "张芳", "gender": "女", "birth_year": 2006, "phone": "13900006001",
                                         "county_code": "350722"})
    assert outcome == "created" and girl.id != dad.id
    # a one-character slip with the same phone, gender and birth year is still the same person
    assert find_labourer(db, {"name": "张伟华", "gender": "男", "birth_year": 1981, "phone": "13900006001"}) is dad
    assert find_labourer(db, {"name": "张伟华", "gender": "男", "birth_year": 1995, "phone": "13900006001"}) is None
    assert db.scalar(select(func.count()).select_from(Labourer)) == 2


def test_names_that_sound_the_same_match_on_county_and_birth_year(db):
    row, _ = upsert_labourer(db, {"name": "欧阳秋香", "gender": "女", "birth_year": 1970, "county_code": "350722"})
    assert find_labourer(db, {"name": "欧阳秋芗", "gender": "女", "birth_year": 1970, "county_code": "350722"}) is row
