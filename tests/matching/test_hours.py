"""Hours of the day: a mother free between school drop-off and pick-up, a grandmother free only in the
morning. A posting whose work day starts before they can come or ends after they must leave is not
pushed; flexible hours and work taken home are no limit (found by blind conversation set 13, written
by someone who never saw the matcher)."""

from __future__ import annotations

import pytest

from matching.hours import clashes, free_hours, posting_hours
from matching.postings import parse_posting
from matching.profile import parse_profile
from matching.rules import failures
from tests.matching.test_conditions import TODAY, pushed
from tests.matching.test_engine import job as base_job
from tests.matching.test_engine import person as base_person

SCHOOL_RUN = "想在长汀找个活 早上送完孩子八点多 下午四点半要去接"


def job(jid: str, **kw) -> dict:
    return base_job(jid, **{"location": "龙岩市长汀县", "salary_min": 2500, "salary_max": 3500, **kw})


def mother(**kw) -> dict:
    return base_person("M", **{"county": "龙岩市长汀县", "gender": "女", "age": 34, "skills": "没啥技术",
                               "wishes": SCHOOL_RUN, **kw})


CANTEEN = job("CANTEEN", title="工业园食堂帮厨", description="早上五点半上班至下午一点半，洗切配菜")
TOBACCO = job("TOBACCO", title="烤烟采收工", description="烟叶采收、编烟，早上五点上工，体力活")
WORKSHOP = job("WORKSHOP", title="扶贫车间：电子线束加工", tags=["扶贫车间"],
               description="车间设在村部，上午8:30-11:30、下午2:00-5:00，可按接送孩子的时间请假，计件")
SHOP = job("SHOP", title="超市收银员", description="超市收银，上午9点到下午4点，不需经验")
LATE = job("LATE", title="超市理货员", description="理货，下午2点到晚上10点，不需经验")


def test_a_mother_on_the_school_run_gets_work_within_school_hours_only() -> None:
    got = pushed([mother()], [CANTEEN, TOBACCO, WORKSHOP, SHOP, LATE], top=5)["M"]
    assert set(got) == {"WORKSHOP", "SHOP"}  # 5:00 and 5:30 starts and a 10 pm end are out


def test_the_reason_a_posting_is_held_back_names_both_times() -> None:
    reasons = failures(parse_profile(mother()), parse_posting(CANTEEN), TODAY)
    assert "岗位上班时间5:30到13:30，本人只有8:30到16:30有空" in reasons


def test_mornings_only_suits_an_early_start_that_ends_by_noon() -> None:
    breakfast = job("BREAKFAST", title="早餐店帮工", description="包扁肉、蒸饺，早上5点半到上午11点，下午不用上班")
    diner = job("DINER", title="小吃店服务员", description="点餐、端盘，上午9点到晚上9点，中间休息两小时")
    gran = base_person("G", county="龙岩市长汀县", gender="女", age=52, skills="会包扁肉、蒸饺",
                       wishes="只能上午做，下午要接孙子放学，就在长汀")
    assert pushed([gran], [breakfast, diner])["G"] == ["BREAKFAST"]


def test_nobody_who_must_be_home_by_afternoon_gets_night_shifts() -> None:
    nights = job("NIGHT", title="快递分拣员", description="包裹分拣，两班倒")
    assert pushed([mother()], [nights, SHOP])["M"] == ["SHOP"]


@pytest.mark.parametrize(("text", "span"), [
    ("早上五点半上班至下午一点半", (330, 810)),
    ("上午8:30-11:30、下午2:00-5:00", (510, 1020)),
    ("上班时间8:00-5:30", (480, 1050)),
    ("晚上8点到早上6点夜班", (1200, 1800)),
    ("早上五点上工", (300, None)),
    ("每天上午约3小时", (None, 720)),
    ("时间灵活，可领料回家做", (None, None)),
    ("白班", (None, None)),
])
def test_a_postings_work_day_is_read_from_its_words(text: str, span: tuple) -> None:
    assert posting_hours(text) == span


@pytest.mark.parametrize(("wishes", "span"), [
    (SCHOOL_RUN, (510, 990)),
    ("孩子上学的时间能干就行", (510, 990)),
    ("九点到三点有空", (540, 900)),
    ("两点以后才有空", (840, None)),
    ("只能上午做", (None, 720)),
    ("工资高点就行", (None, None)),
])
def test_when_a_person_can_work_is_read_from_their_words(wishes: str, span: tuple) -> None:
    assert free_hours(wishes) == span


def test_a_clash_needs_more_than_half_an_hour() -> None:
    assert not clashes((510, 990), (510, 1020))  # till five against half past four: ask the employer
    assert clashes((510, 990), (480, 1080))


def test_a_reason_quotes_the_clause_said_not_the_whole_message() -> None:
    from matching.engine import Matcher

    farm = job("FARM", title="烤烟采收工", description="烟叶采收、编烟，体力活 日结")
    man = base_person("F", county="龙岩市长汀县", gender="男", age=44, skills="", wishes="有啥活 我会种地 开过手扶拖拉机 力气活没问题")
    got = next(iter(Matcher(today=TODAY).fit([farm]).match_many([man], 3))).matches
    assert got and not any("有啥活" in r for r in got[0].reasons)
