"""The matcher's reading of a person in plain sentences, and plain fields to correct it.

Coordinators never see the profile JSON: they read 想去：浦城县、松溪县；最低月薪：3000元 and correct the
places and the pay in words; the correction is kept as the coordinator's (the matcher uses it as is).
"""

from __future__ import annotations

import re
from typing import Any

from core.errors import InvalidInput
from core.gazetteer import get_gazetteer

FLAGS = (("home_only", "只能在家里做"), ("home_bound", "要在家附近"), ("weak", "身体或年纪限制，干不了重活"),
         ("no_trade", "说自己没什么技术"), ("learn", "想学门手艺"), ("day_only", "只上白班"))


def plain_reading(profile: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(what, in words) lines of the stored reading; [] before the matcher has read the person."""
    if not profile:
        return []
    from matching.board import names as board_names
    from matching.kinds import get_families
    from matching.season import describe as describe_months

    fam, gaz = get_families(), get_gazetteer()

    def labels(kinds: dict[str, str]) -> str:
        return "、".join(dict.fromkeys(fam.label(k) if k in fam.by_id else w for k, w in kinds.items()))

    places = [gaz.get(c) for c in profile.get("places") or []]
    where = "哪里都行" if profile.get("anywhere") else "、".join(c.name for c in places if c) or "没有说"
    lines = [("想去", where)]
    if profile.get("min_pay"):
        lines.append(("最低月薪", f"{profile['min_pay']}元"))
    if profile.get("wished"):
        lines.append(("想做", labels(profile["wished"])))
    if profile.get("done"):
        lines.append(("会做/做过", labels(profile["done"])))
    if profile.get("certs") or profile.get("other_certs"):
        lines.append(("证书", "、".join([*profile.get("certs", []), *profile.get("other_certs", [])])))
    if profile.get("refused"):
        lines.append(("不想做", labels(profile["refused"])))
    if profile.get("free_months"):
        lines.append(("有空的月份", describe_months(frozenset(profile["free_months"]))))
    said = [words for key, words in FLAGS if profile.get(key)]
    if profile.get("meals_needed"):
        said.append(f"一定要{board_names(profile['meals_needed'])}")
    elif profile.get("wants_board"):
        said.append("最好包吃住")
    if said:
        lines.append(("其他", "；".join(said)))
    if profile.get("source") == "coordinator":
        lines.append(("说明", "协理员更正过，匹配按更正后的来"))
    return lines


def corrected(profile: dict[str, Any] | None, places: str | None, pay: str | None) -> dict[str, Any] | None:
    """The profile with the places and monthly pay a coordinator wrote in words; None when nothing changes."""
    if not profile or (places is None and pay is None):
        return None
    new = dict(profile)
    if places is not None and places.strip():
        gaz = get_gazetteer()
        names = [n for n in re.split(r"[、，,；;\s]+", places.strip()) if n]
        if any(n in ("哪里都行", "全省", "都行") for n in names):
            new.update(anywhere=True, places=[], place_basis="anywhere", place_names=names)
        else:
            codes = []
            for n in names:
                county = gaz.resolve(n)
                if county is None:
                    raise InvalidInput(n, message_zh=f"想去的地方：没有找到“{n}”，请写县（市、区）名，如 浦城县、建阳区")
                codes.append(county.code)
            new.update(anywhere=False, places=list(dict.fromkeys(codes)), place_basis="named", place_names=names)
    if pay is not None and pay.strip():
        digits = re.sub(r"[元块/月\s]", "", pay)
        if not digits.isdigit() or not 300 <= int(digits) <= 100_000:
            raise InvalidInput(pay, message_zh="最低月薪请填每月元数，如 3000")
        new["min_pay"] = int(digits)
    if new == profile:
        return None
    new["source"] = "coordinator"
    return new
