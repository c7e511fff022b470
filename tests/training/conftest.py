"""Fixtures for training tests: courses and people made through the real models on the real database."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from core.timeutil import CHINA, utcnow
from jobs_feed.training.models import TrainingCourse
from tests.push.conftest import people, postings  # noqa: F401  (the registry rows the push tests make)

_seq = itertools.count(1)
PUCHENG, JIANOU, XIAMEN_SIMING = "350722", "350783", "350203"  # 南平市浦城县, 南平市建瓯市, 厦门市思明区


def soon(days: int = 20) -> date:
    return utcnow().astimezone(CHINA).date() + timedelta(days=days)


@pytest.fixture()
def courses(db):
    def make(n: int = 1, **kw):
        out = []
        for _ in range(n):
            i = next(_seq)
            row = TrainingCourse(
                external_id=kw.get("external_id", f"T{i:04d}"), provider=kw.get("provider", "浦城县职业技术学校"),
                trade=kw.get("trade", "电工"), title=kw.get("title", f"{kw.get('trade', '电工')}培训班"),
                description=kw.get("description", ""), location=kw.get("location", "南平市浦城县"),
                county_code=kw.get("county_code", PUCHENG), city_code=kw.get("city_code", "350700"),
                starts_on=kw.get("starts_on", soon()), ends_on=kw.get("ends_on"), seats=kw.get("seats", 30),
                enrolled=kw.get("enrolled", 0), cost=kw.get("cost", "free"), subsidy=kw.get("subsidy", ""),
                apply_by=kw.get("apply_by"), status=kw.get("status", "open"), source="test",
            )
            db.add(row)
            out.append(row)
        db.commit()
        return out

    return make


@pytest.fixture()
def trainees(people):  # noqa: F811  (the imported fixture, by name)
    """People who want training (``facts.wants_training``), at home in 浦城 unless told otherwise."""

    def make(n: int = 1, **kw):
        kw.setdefault("county_code", PUCHENG)
        kw.setdefault("skills", "")
        kw.setdefault("wishes", "想学电工，本地")
        kw["facts"] = {"wants_training": kw.pop("wants_training", True)}
        return people(n, **kw)

    return make
