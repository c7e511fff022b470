"""Push texts people read: job, place, pay and how to apply, in one SMS segment."""

from __future__ import annotations

from types import SimpleNamespace

from jobs_feed.push import templates


def _posting(**kw):
    base = dict(title="建筑泥水工", county_code="350583", location="泉州市南安市", salary_min=7000, salary_max=9000,
                salary_unit="month", salary_text="", employer=None)
    base.update(kw)
    return SimpleNamespace(**base)


def test_sms_names_job_place_pay_and_how_to_apply_in_one_segment(settings):
    text = templates.sms_text(templates.params(_posting(), settings), settings)
    assert text.startswith(f"【{settings.sms_sign_name}】")
    for part in ("建筑泥水工", "泉州南安", "7000-9000元/月", settings.sms_apply_hint):
        assert part in text
    assert len(text) <= templates.SMS_SEGMENT


def test_long_title_is_shortened_to_stay_in_one_segment(settings):
    title = "大型现代化物流园区仓储管理及叉车搬运综合岗位（长期招聘，待遇从优）"
    text = templates.sms_text(templates.params(_posting(title=title), settings), settings)
    assert len(text) <= templates.SMS_SEGMENT and "…" in text and "泉州南安" in text


def test_day_pay_negotiable_pay_and_employer_phone(settings):
    day = templates.params(_posting(salary_min=150, salary_max=None, salary_unit="day"), settings)
    assert day["pay"] == "150元/天"
    talk = templates.params(_posting(salary_min=None, salary_max=None, salary_text=""), settings)
    assert talk["pay"] == "面议"
    with_phone = templates.params(_posting(employer=SimpleNamespace(phone="0591-87654321")), settings)
    assert with_phone["apply"] == "报名电话0591-87654321"


def test_wechat_text_adds_the_reasons(settings):
    text = templates.wechat_text(templates.params(_posting(), settings), ["您做过泥水工", "岗位在南安（您想去的地方）"])
    assert "推荐理由：您做过泥水工；岗位在南安（您想去的地方）" in text and "退订" in text
