"""Push texts: SMS within one 70-character segment where possible; WeChat a little richer.

Every text names the job, the place, the pay and how to apply; a training offer names the trade,
the place, the start date, free or subsidised, and how to apply.
"""

from __future__ import annotations

from typing import Any

from core.gazetteer import get_gazetteer
from core.settings import Settings

SMS_SEGMENT = 70  # characters of one Chinese SMS segment, sign name included
UNITS = {"month": "月", "day": "天", "hour": "小时", "piece": "件", "year": "年"}


def pay_text(posting: Any) -> str:
    """"7000-9000元/月", "150元/天" or "面议"."""
    lo, hi, unit = posting.salary_min, posting.salary_max, posting.salary_unit
    if not lo and not hi:
        return (getattr(posting, "salary_text", "") or "面议")[:16]
    span = f"{lo}-{hi}" if lo and hi and lo != hi else str(lo or hi)
    suffix = UNITS.get(unit or "month", "")
    return f"{span}元/{suffix}" if suffix else f"{span}元"


def place_text(posting: Any) -> str:
    """City and county short names ("泉州南安"), else the posting's own location text."""
    county = get_gazetteer().get(posting.county_code) if posting.county_code else None
    if county is None:
        return (posting.location or "")[:12]
    city = county.city_name.removesuffix("市")
    short = county.short
    return short if short == city else f"{city}{short}"


def apply_text(posting: Any, settings: Settings) -> str:
    """Employer phone when we have one, else the configured hint (e.g. the 12333 hotline)."""
    employer = getattr(posting, "employer", None)
    phone = getattr(employer, "phone", None) if employer is not None else None
    return f"报名电话{phone}" if phone else settings.sms_apply_hint


def params(posting: Any, settings: Settings) -> dict[str, str]:
    """Template variables for vendors' approved templates."""
    return {
        "job": posting.title,
        "place": place_text(posting),
        "pay": pay_text(posting),
        "apply": apply_text(posting, settings),
    }


def course_params(course: Any, settings: Settings) -> dict[str, str]:
    """A training course in the same four template variables (vendors' approved templates carry it too)."""
    cost = "免费培训" if course.cost == "free" else "补贴培训"
    start = course.starts_on
    return {
        "job": f"{cost}：{course.trade}",
        "place": place_text(course),
        "pay": f"{start.month}月{start.day}日开班",
        "apply": apply_text(course, settings),
    }


def sms_text(p: dict[str, str], settings: Settings, *, lead: str = "为您推荐") -> str:
    """The SMS as it reaches the phone; the job title is shortened first to stay in one segment.

    Training offers pass ``lead=""``: "【就业帮扶】免费培训：电工，南平浦城，12月10日开班，详询12333。回T退订".
    """
    head = f"【{settings.sms_sign_name}】{lead}"
    tail = f"，{p['place']}，{p['pay']}，{p['apply']}。回T退订"
    room = SMS_SEGMENT - len(head) - len(tail)
    job = p["job"]
    if len(job) > room:
        job = job[: max(room - 1, 6)] + "…"
    return head + job + tail


def wechat_text(p: dict[str, str], reasons: list[str] | None = None) -> str:
    """Customer-service text: the same facts, plus why it suits the person when we know."""
    lines = [f"为您推荐一个岗位：{p['job']}", f"地点：{p['place']}", f"工资：{p['pay']}", f"报名：{p['apply']}"]
    if reasons:
        lines.append("推荐理由：" + "；".join(reasons[:3]))
    lines.append("回复“退订”不再接收推荐")
    return "\n".join(lines)


def course_wechat_text(course: Any, p: dict[str, str], reasons: list[str] | None = None) -> str:
    """Customer-service text for a training offer: who teaches what, where, when, cost and how to apply."""
    cost = "免费" if course.cost == "free" else ("有补贴：" + course.subsidy if course.subsidy else "有补贴")
    when = f"{p['pay']}" + (f"，{course.ends_on.month}月{course.ends_on.day}日结业" if course.ends_on else "")
    lines = [f"为您推荐一个培训班：{course.title or course.trade}（{course.provider}）", f"地点：{p['place']}",
             f"时间：{when}", f"费用：{cost}"]
    if course.apply_by:
        lines.append(f"报名截止：{course.apply_by.month}月{course.apply_by.day}日")
    lines.append(f"报名：{p['apply']}")
    if reasons:
        lines.append("推荐理由：" + "；".join(reasons[:3]))
    lines.append("回复“退订”不再接收推荐")
    return "\n".join(lines)
