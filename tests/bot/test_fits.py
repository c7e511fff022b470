"""A posting's age limit against the age a person tells ("我46了 他们要吗")."""

from __future__ import annotations

from bot.backends import PostingView
from bot.flows.fits import age_fit


def _view(text: str) -> PostingView:
    return PostingView(id=1, title="鞋厂普工", place="泉州晋江", pay="4500-7000元/月", text=text, apply="详询12333",
                       employer="", open=True)


def test_an_age_told_is_set_against_the_postings_limit() -> None:
    view = _view("运动鞋成型；年龄要求18-45岁；男女不限")
    assert "超过了" in age_fit(view, "我46了 他们要吗")
    assert "符合" in age_fit(view, "俺今年四十岁 要不要")
    assert age_fit(view, "他们要不要女的") == ""  # no age told: nothing to weigh
    assert age_fit(_view("计件，包住"), "我46了 他们要吗") == ""  # no limit stated


def test_a_limit_told_in_the_skills_answer_is_kept_with_the_wish() -> None:
    from bot.flows.freetext import split_skills

    trade, wish = split_skills("会开三轮 腰不好 搬不动 想在长汀做")
    assert trade == "会开三轮" and "搬不动" in wish  # kept, so no loading work is pushed later
    assert "扛不动" in split_skills("腰不行了 重活干不了 扛不动 最好是坐着干的")[1]
