"""The matcher as an estimator: fit, query, batch, one new posting, save/load, notes and reasons."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from core.errors import NotFitted
from matching.engine import Matcher
from matching.features import posting_arrays
from matching.offline import read_jsonl
from matching.rules import failures
from matching.scoring import pair_rules

SYNTH = Path(__file__).resolve().parent / "data" / "synth"
TODAY = date(2026, 11, 22)


def person(pid: str = "P", **kw) -> dict:
    rec = {"id": pid, "county": "泉州市晋江市", "age": 34, "gender": "女", "status": "seeking",
           "poverty_registered": True, "skills": "", "wishes": ""}
    rec.update(kw)
    return rec


def job(jid: str, **kw) -> dict:
    rec = {"id": jid, "title": "", "location": "泉州市晋江市", "salary_min": 3800, "salary_max": 4500,
           "salary_unit": "month", "age_min": 18, "age_max": 55, "gender": None, "description": "", "tags": []}
    rec.update(kw)
    return rec


@pytest.fixture(scope="module")
def synth() -> tuple[Matcher, list[dict], list[dict]]:
    jobs = read_jsonl(SYNTH / "jobs.jsonl")
    return Matcher(today=TODAY).fit(jobs), read_jsonl(SYNTH / "labourers.jsonl"), jobs


def test_unfitted_matcher_raises_not_fitted() -> None:
    with pytest.raises(NotFitted):
        Matcher().query(person())
    with pytest.raises(NotFitted):
        Matcher().save("/tmp/never.pkl")


def test_fit_returns_self_with_fitted_state(synth) -> None:
    m, _, jobs = synth
    assert isinstance(m.fit(jobs), Matcher)
    assert m.vectorizer_.codes_.size and m.text_.shape == (len(m.vectorizer_.codes_), len(jobs))
    assert Matcher(threshold=0.5).threshold == 0.5 and not hasattr(Matcher(), "postings_")  # __init__ stores only


def test_female_security_guard_not_sent_to_men_only_post() -> None:
    m = Matcher(today=TODAY).fit([job("M", title="保安员", gender="男", description="工厂门卫，能上夜班")])
    r = m.query(person(skills="做过工厂门卫", wishes="晋江做保安"))
    assert r.matches == [] and "只招男性" in r.note


def test_school_leaver_gets_general_factory_job_near_home() -> None:
    jobs = [
        job("F", title="电子厂装配工", location="莆田市涵江区", age_max=40, description="电子元件装配，不需经验，包住"),
        job("W", title="焊工", location="莆田市涵江区", description="须持焊工证"),
        job("X", title="电子厂装配工", location="厦门市同安区", description="不需经验"),
    ]
    r = Matcher(today=TODAY).fit(jobs).query(person(county="莆田市秀屿区", gender="男", age=29, skills="初中毕业", wishes="莆田本地进厂"))
    assert [x.posting_id for x in r.matches] == ["F"]
    assert any("莆田市涵江区" in reason for reason in r.matches[0].reasons)


def test_unrelated_job_in_the_right_place_is_not_pushed() -> None:
    jobs = [job("K", title="厨房帮工", location="泉州市南安市", description="洗菜切菜，包吃"),
            job("M", title="建筑泥水工", location="泉州市南安市", salary_min=7000, salary_max=9000, description="砌砖、抹灰")]
    r = Matcher(today=TODAY).fit(jobs).query(person(county="泉州市南安市", gender="男", skills="做了十几年泥水工", wishes="南安本地"))
    assert [x.posting_id for x in r.matches] == ["M"]
    assert r.matches[0].reasons[0].startswith("您做了十几年泥水工")


def test_pay_below_wish_is_not_pushed_and_note_says_why() -> None:
    m = Matcher(today=TODAY).fit([job("L", title="保安员", salary_min=3000, salary_max=3500, description="门岗")])
    r = m.query(person(gender="男", skills="做过保安", wishes="晋江，5000以上"))
    assert r.matches == [] and "低于本人期望的5000元" in r.note


def test_not_seeking_gets_nothing_and_a_note(synth) -> None:
    m, *_ = synth
    r = m.query(person(skills="会缝纫", wishes="暂时不找工作"))
    assert r.matches == [] and r.note == "本人暂不找工作"


def test_every_match_has_plain_chinese_reasons(synth) -> None:
    m, people, _ = synth
    results = list(m.match_many(people, top=3))
    assert len(results) == len(people)
    for r in results:
        assert r.matches or r.note
        for x in r.matches:
            assert x.reasons and all(isinstance(s, str) and s for s in x.reasons)
            assert x.score >= m.threshold


def test_batch_equals_one_by_one_queries(synth) -> None:
    m, people, _ = synth
    batch = {r.labourer_id: [x.posting_id for x in r.matches] for r in m.match_many(people, top=3)}
    for p in people[:12]:
        assert [x.posting_id for x in m.query(p, top=3).matches] == batch[p["id"]]


def test_new_posting_reaches_the_people_it_suits(synth) -> None:
    m, people, _ = synth
    P = m.people(people)
    new = job("NEW", title="电焊工", location="漳州市龙文区", salary_min=8000, salary_max=10000, description="钢结构焊接，须持焊工证")
    hits = m.match_posting(new, P)
    assert sorted(pid for pid, _ in hits) == ["S08", "S44"]  # the two welders with a licence who want 漳州
    assert hits[0][1].reasons


def test_vector_rules_agree_with_scalar_rules(synth) -> None:
    m, people, _ = synth
    P = m.people(people)
    J = posting_arrays(m.postings_, TODAY)
    r, c = np.meshgrid(np.arange(len(P)), np.arange(len(m.postings_)), indexing="ij")
    fast = pair_rules(P, r.ravel(), J, c.ravel()).reshape(r.shape)
    for i, p in enumerate(P.profiles):
        for j, post in enumerate(m.postings_):
            assert fast[i, j] == (not failures(p, post, TODAY)), (p.labourer_id, post.posting_id)


def test_save_and_load_give_the_same_matches(synth, tmp_path: Path) -> None:
    m, people, _ = synth
    path = m.save(tmp_path / "matcher.pkl")
    loaded = Matcher.load(path)
    before = [json.dumps(r.to_dict(), ensure_ascii=False) for r in m.match_many(people)]
    after = [json.dumps(r.to_dict(), ensure_ascii=False) for r in loaded.match_many(people)]
    assert before == after and loaded.vectorizer_.vocabulary_ == m.vectorizer_.vocabulary_


def test_no_postings_means_silence_with_a_note() -> None:
    r = Matcher(today=TODAY).fit([]).query(person(skills="会缝纫", wishes="晋江"))
    assert r.matches == [] and "没有" in r.note


def test_same_job_in_wrong_city_is_not_pushed_and_note_names_it() -> None:
    jobs = [job("T", title="货车司机", location="福州市马尾区", salary_min=8000, salary_max=10000, gender="男",
                description="须持B2驾照")]
    r = Matcher(today=TODAY).fit(jobs).query(person(county="宁德市屏南县", gender="男", age=50,
                                                    skills="会开大货车，A2驾照", wishes="屏南本地"))
    assert r.matches == []
    assert r.note.startswith("屏南县目前没有合适岗位") and "「货车司机」（福州市马尾区）" in r.note


def test_licence_and_age_mismatch_are_not_pushed() -> None:
    jobs = [job("B", title="货车司机", description="须持B2驾照", gender="男"),
            job("Y", title="货车司机", description="持C1驾照", age_max=45, gender="男")]
    m = Matcher(today=TODAY).fit(jobs)
    c1_only = m.query(person(gender="男", age=40, skills="C1驾照，开过货车", wishes="晋江"))
    assert [x.posting_id for x in c1_only.matches] == ["Y"]
    too_old = m.query(person(gender="男", age=50, skills="B2驾照，开过货车", wishes="晋江"))
    assert [x.posting_id for x in too_old.matches] == ["B"]


def test_threshold_sweep_finds_the_calibrated_window(synth) -> None:
    from matching.offline import read_jsonl, sweep

    m, people, _ = synth
    labels = read_jsonl(SYNTH / "labels.jsonl")
    rows = {r["threshold"]: r for r in sweep(m, people, labels, [0.0, m.threshold])}
    assert rows[m.threshold]["p1"] == 1.0 and rows[m.threshold]["precision3"] == 1.0
    assert rows[0.0]["precision3"] < 1.0  # without a threshold, unrelated postings are pushed
    assert m.threshold == 0.24  # sweep left the matcher as it was


def test_two_processes_give_the_same_matches(synth, monkeypatch) -> None:
    import matching.engine as engine

    m, people, _ = synth
    P = m.people(people)
    one = [r.to_dict() for r in m.match_many(P, top=3)]
    monkeypatch.setattr(engine, "PARALLEL_PAIRS", 0)  # a set this small would stay in one process
    m.n_jobs = 2
    try:
        two = [r.to_dict() for r in m.match_many(P, top=3)]
    finally:
        m.n_jobs = 1
    assert one == two


def test_vector_rules_agree_on_city_only_and_unknown_places(synth) -> None:
    _, people, jobs = synth
    extra = [job("C1", title="保洁员", location="三明"), job("C2", title="保洁员", location="厦门"), job("C3", title="保洁员", location="")]
    m = Matcher(today=TODAY).fit(jobs[:10] + extra)
    P = m.people(people + [person("Z", wishes="想去上海"), person("W", wishes="哪里都行")])
    r, c = np.meshgrid(np.arange(len(P)), np.arange(len(m.postings_)), indexing="ij")
    fast = pair_rules(P, r.ravel(), m.arrays_, c.ravel()).reshape(r.shape)
    for i, p in enumerate(P.profiles):
        for j, post in enumerate(m.postings_):
            assert fast[i, j] == (not failures(p, post, TODAY)), (p.labourer_id, post.posting_id)


def test_a_silence_note_never_calls_a_graduate_unskilled() -> None:
    r = Matcher(today=TODAY).fit([]).query(person(skills="大专计算机专业毕业", wishes="福州"))
    assert r.matches == [] and "无专门技术" not in r.note and "大专计算机" in r.note
