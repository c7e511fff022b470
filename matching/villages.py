"""Village names that look mistyped: a 村 written like another of the same 乡镇 but not the same.

There is no licensed list of Fujian's villages to check against, so the registry itself is the list:
after an import, a village whose name sounds the same (toneless pinyin) as, or differs only by the
村/社区 suffix from, a village of the same 乡镇 with at least as many people is reported for a check
("高鲁村" beside 20 people of "高路村"). The row is imported either way; only a person can say which
spelling is right.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import lazy_pinyin
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from matching.models import Labourer

_SUFFIX = re.compile(r"(?:村委会|村民委员会|居委会|社区|村)$")

Place = tuple[int, str, str | None, str | None, str | None]  # (row, label, county, township, village)


def _stem(village: str) -> str:
    return _SUFFIX.sub("", village.strip()) or village.strip()


@lru_cache(maxsize=20_000)
def _sound(village: str) -> str:
    return "".join(lazy_pinyin(_stem(village)))


def look_alikes(session: Session, places: Iterable[Place]) -> list[tuple[int, str, str, str]]:
    """(row, label, field, reason) for each imported village that looks like a mistyping of another."""
    by_township: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for row, label, county, township, village in places:
        if county and township and village:
            by_township.setdefault((county, township), []).append((row, label, village))
    out = []
    for (county, township), rows in by_township.items():
        counts: dict[str, int] = {v: int(n) for v, n in session.execute(
            select(Labourer.village, func.count()).where(Labourer.county_code == county, Labourer.township == township,
                                                         Labourer.village.is_not(None)).group_by(Labourer.village)) if v}
        for row, label, village in rows:
            mine = counts.get(village, 0)
            for other, n in counts.items():
                if other == village or n < mine:
                    continue
                if _stem(other) == _stem(village):
                    out.append((row, label, "village", f"村名“{village}”和本乡镇已登记的“{other}”（{n}人）写法不一致，请核对"))
                    break
                if _sound(other) == _sound(village):
                    out.append((row, label, "village",
                                f"村名“{village}”和本乡镇已登记的“{other}”（{n}人）读音相同、字不同，是否写错？请核对"))
                    break
    return sorted(out)
