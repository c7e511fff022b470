"""The matcher over database rows: structured posting fields, stored profiles and where people are now."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.gazetteer import get_gazetteer
from core.timeutil import utcnow
from matching.engine import Matcher
from matching.models import Labourer, Posting
from matching.service import (
    labourer_to_record,
    open_postings,
    posting_to_record,
    seeking_labourers,
    set_current_county,
    upsert_labourer,
)

G = get_gazetteer()
PUCHENG = G.resolve("浦城").code
JIANYANG = G.resolve("建阳").code
JINJIANG = G.resolve("晋江").code


def _person(s, name: str, county: str, skills: str = "", wishes: str = "本地", **kw) -> Labourer:
    row, _ = upsert_labourer(s, {"name": name, "gender": "男", "age": 45, "county_code": county, "skills": skills,
                                 "wishes": wishes, "poverty_registered": True, **kw})
    return row


def _posting(s, ext: str, title: str, county: str, **kw) -> Posting:
    row = Posting(external_id=ext, title=title, county_code=county, location=G.get(county).full_name,
                  salary_min=kw.pop("salary_min", 3000), salary_max=kw.pop("salary_max", 4000), salary_unit="month",
                  description=kw.pop("description", ""), tags=kw.pop("tags", []), **kw)
    s.add(row)
    s.flush()
    return row


def _matches(s) -> dict[str, list[str]]:
    matcher = Matcher().fit([posting_to_record(r) for r in open_postings(s)])
    people = [labourer_to_record(r) for r in seeking_labourers(s)]
    return {r.labourer_id: [m.posting_id for m in r.matches] for r in matcher.match_many(people, 5)}


def test_db_withholds_local_only_welfare_post_from_another_county(db) -> None:
    # Only the structured flag says local-only: nothing in the text does.
    _posting(db, "GY1", "公益性岗位：道路保洁", PUCHENG, local_only=True, tags=["公益性岗位"], description="乡村道路清扫")
    home = _person(db, "吴土生", PUCHENG, "没什么技术", "本地 啥活都行")
    away = _person(db, "郑大海", JIANYANG, "没什么技术", "南平哪里都可以 啥活都行")
    got = _matches(db)
    assert got[home.external_id] == ["GY1"] and got[away.external_id] == []


def test_db_withholds_required_licence_from_person_without_it(db) -> None:
    _posting(db, "DG1", "设备电工", PUCHENG, required_certificates=["低压电工作业证"], salary_min=5000, salary_max=6000,
             description="工厂设备维修保养")
    has = _person(db, "林志强", PUCHENG, "做过电工，有电工证")
    hasnt = _person(db, "林志刚", PUCHENG, "做过电工")
    got = _matches(db)
    assert got[has.external_id] == ["DG1"] and got[hasnt.external_id] == []


def test_db_full_and_expired_postings_are_not_pushed(db) -> None:
    _posting(db, "F1", "保洁员", PUCHENG, headcount=0)
    _posting(db, "F2", "保洁员", PUCHENG, expires_at=utcnow() + timedelta(days=3))
    rec = posting_to_record(db.get(Posting, 2))
    assert rec["expires_at"] and rec["created_at"]
    p = _person(db, "张秀英", PUCHENG, "做过保洁")
    assert _matches(db)[p.external_id] == ["F2"]


def test_stored_profile_written_on_import_and_a_correction_used(db) -> None:
    _posting(db, "CS1", "叉车司机", PUCHENG, required_certificates=["叉车证"], salary_min=5000, salary_max=6000)
    p = _person(db, "黄永福", PUCHENG, "会开叉车")
    assert p.profile["source"] == "parsed" and p.profile["certs"] == []
    assert _matches(db)[p.external_id] == []
    fixed = dict(p.profile, certs=["forklift"])  # the coordinator saw the licence itself
    p.profile = fixed
    db.flush()
    assert _matches(db)[p.external_id] == ["CS1"]
    upsert_labourer(db, {"external_id": p.external_id, "name": "黄永福", "phone": "13900001111"})
    assert p.profile == fixed  # an unrelated change keeps the correction


def test_stored_profile_marked_by_coordinator_is_used(db) -> None:
    _posting(db, "BA1", "保安", JIANYANG, salary_min=3500, salary_max=4000)
    p = _person(db, "吴永福", PUCHENG, "没什么技术", "本地")
    assert _matches(db)[p.external_id] == []
    p.profile = {**p.profile, "places": [JIANYANG], "source": "coordinator"}
    db.flush()
    assert _matches(db)[p.external_id] == ["BA1"]


def test_set_current_county_makes_local_mean_where_the_person_is(db) -> None:
    _posting(db, "XC1", "鞋厂普工", JINJIANG, salary_min=4500, salary_max=6000, description="不需经验")
    p = _person(db, "陈建华", PUCHENG, "没什么技术", "本地 进厂")
    assert _matches(db)[p.external_id] == []
    assert set_current_county(db, person_id=p.id, county_code=JINJIANG) is True
    assert p.current_county_code == JINJIANG and p.profile["current_county"] == JINJIANG
    matcher = Matcher().fit([posting_to_record(r) for r in open_postings(db)])
    result = matcher.query(labourer_to_record(p))
    assert [m.posting_id for m in result.matches] == ["XC1"]
    assert "岗位就在您所在的泉州市晋江市" in result.matches[0].reasons


def test_set_current_county_unknown_code_is_refused(db) -> None:
    from core.errors import UnknownCounty

    p = _person(db, "陈建华", PUCHENG)
    with pytest.raises(UnknownCounty):
        set_current_county(db, person_id=p.id, county_code="999999")
    assert set_current_county(db, person_id=p.id + 99, county_code=JINJIANG) is False
