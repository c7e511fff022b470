import csv

import pytest

from matching.pay import monthly, parse_age_range, parse_salary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4-6千/月", (4000, 6000, "month")),
        ("4000-6000元", (4000, 6000, "month")),
        ("150元/天", (150, 150, "day")),
        ("面议", (None, None, "negotiable")),
        ("3000以上", (3000, None, "month")),
        ("月薪5000-8000", (5000, 8000, "month")),
        ("8千-1.2万", (8000, 12000, "month")),
        ("2-3万/年", (20000, 30000, "year")),
        ("3000～5000 元/月", (3000, 5000, "month")),
        ("2800--3400 元/月", (2800, 3400, "month")),
        ("1万以上", (10000, None, "month")),
        ("20元/小时", (20, 20, "hour")),
        ("四千到六千", (4000, 6000, "month")),
        ("底薪3000+提成", (3000, None, "month")),
        ("5000~1000", (5000, 10000, "month")),  # a digit lost at the source
        ("日结200", (200, 200, "day")),
        ("计件", (None, None, "piece")),
        ("元/月", (None, None, None)),
        ("", (None, None, None)),
    ],
)
def test_parse_salary_reads_real_world_strings(text, expected):
    assert parse_salary(text) == expected


def test_monthly_puts_units_on_one_scale():
    assert monthly(150, 200, "day") == (3900, 5200)
    assert monthly(20, None, "hour") == (4160, None)
    assert monthly(24000, 36000, "year") == (2000, 3000)
    assert monthly(None, None, "negotiable") == (None, None)


def test_parse_age_range_reads_requirements():
    assert parse_age_range("18-45岁") == (18, 45)
    assert parse_age_range("45周岁以下") == (None, 45)
    assert parse_age_range("18岁以上") == (18, None)
    assert parse_age_range("不限") == (None, None)


def _rate(values: list[str]) -> tuple[float, list[str]]:
    failed = [v for v in values if parse_salary(v)[2] is None]
    return 1 - len(failed) / len(values), failed


@pytest.mark.shared
def test_parse_rate_on_real_1dagong_postings(shared_dir, capsys):
    """Every real wage string but the garbled ones ('31000-2000', a bare '元/月') must parse."""
    data = shared_dir / "data"
    with (data / "jobs_1dagong_74cms_2015.csv").open(encoding="utf-8") as f:
        wages = [r["wage_cn"] for r in csv.DictReader(f) if r["wage_cn"].strip()]
    with (data / "jobs_1dagong_pages_2014_2015.csv").open(encoding="utf-8") as f:
        pages = [r["工资"] for r in csv.DictReader(f) if r["工资"].strip()]
    rate_a, failed_a = _rate(wages)
    rate_b, failed_b = _rate(pages)
    with capsys.disabled():
        print(f"\nsalary parse rate: 74cms {rate_a:.2%} of {len(wages)}, pages {rate_b:.2%} of {len(pages)}; "
              f"unparsed: {sorted(set(failed_a + failed_b))}")
    assert rate_a >= 0.99 and rate_b >= 0.99
    for v in wages + pages:
        lo, hi, unit = parse_salary(v)
        if unit not in (None, "negotiable"):
            assert lo is None or hi is None or lo <= hi, v


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8000-5000元", (5000, 8000, "month")), ("2000元/周", (2000, 2000, "week")), ("6000-4000", (4000, 6000, "month"))],
)
def test_parse_salary_reversed_ranges_and_weekly_pay(text, expected):
    assert parse_salary(text) == expected
    assert monthly(2000, None, "week") == (8660, None)
