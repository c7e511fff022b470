"""The shared fit over open postings: fitted once, refitted when postings change, reused across processes."""

from __future__ import annotations

import time

import pytest

from matching import live
from matching.models import Posting


@pytest.fixture(autouse=True)
def _fresh():
    live.forget()
    yield
    live.forget()


def _post(db, title="建筑泥水工", county="350583"):  # type: ignore[no-untyped-def]
    row = Posting(title=title, location="泉州市南安市", county_code=county, salary_min=7000, salary_max=9000,
                  salary_unit="month", status="open", description="砌砖、抹灰")
    db.add(row)
    db.commit()
    return row


def test_no_open_posting_means_no_fit(db):
    assert live.fitted(db) is None


def test_fit_is_kept_until_postings_change(db):
    first = _post(db)
    fit = live.fitted(db)
    assert fit is live.fitted(db) and list(fit.posting_ids.values()) == [first.id]
    second = _post(db, title="电焊工")
    refit = live.fitted(db)  # small: refitted at once
    assert sorted(refit.posting_ids.values()) == [first.id, second.id]


def test_big_fit_keeps_answering_while_a_thread_refits(db, monkeypatch):
    monkeypatch.setattr(live, "SYNC_REFIT_BELOW", 0)
    _post(db)
    old = live.fitted(db)
    _post(db, title="电焊工")
    assert live.fitted(db) is old  # stale but instant
    for _ in range(200):
        if live.fitted(db) is not old:
            break
        time.sleep(0.05)
    assert len(live.fitted(db).posting_ids) == 2


def test_saved_fit_is_loaded_by_another_process_instead_of_refitting(db, tmp_path, monkeypatch):
    _post(db)
    live.fitted(db, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("matcher-*.pkl"))) == 1
    live.forget()  # as a fresh process would start

    def no_fit(*a, **k):  # type: ignore[no-untyped-def]
        raise AssertionError("should load the saved fit")

    monkeypatch.setattr(live, "fit", no_fit)
    loaded = live.fitted(db, cache_dir=tmp_path)
    assert loaded is not None and loaded.matcher.query({"id": "x", "gender": "男", "age": 40, "county": "泉州市南安市",
                                                        "status": "seeking", "skills": "泥水工", "wishes": "本地"}, top=1)
