"""Shared helpers for the eligibility tests: a baseline person and the judging date."""

from __future__ import annotations

from datetime import date

AS_OF = date(2026, 11, 22)


def person(**overrides) -> dict:
    """A 35-year-old registered (not exited) poor man seeking work, with every fact known and nothing special."""
    facts = {
        "id": "T", "age": 35, "gender": "男", "poverty_registered": True, "poverty_exited": False,
        "dibao": False, "tekun": False, "status": "seeking", "graduate": None, "pension": "urban_rural",
        "business": "none", "returning_migrant": False, "wants_training": False,
        "wants_technical_school": False, "market_job_failed": False,
    }
    facts.update(overrides)
    return facts


def graduate(school: str = "全日制普通高校", year: int = 2026, employed: bool = False) -> dict:
    return {"school": school, "year": year, "employed": employed}
