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
