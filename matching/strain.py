"""Physical strain: people who say they cannot climb or carry, and postings whose work needs it.

A person: 不能爬山, 走不了山路, 不能搬重的, 搬不动, 干不了重活, 腰不好, 怀孕. A posting: 巡山, 山路, 山林巡护 (climbing);
体力活, 重活, 搬运, 装卸, 扛 (carrying). Such a posting is not pushed to such a person (``rules.rule_strain``):
a 63-year-old who cannot walk the hills is not offered forest patrol, a pregnant woman no loading work.
"""

from __future__ import annotations

import re
from functools import lru_cache

CLIMB, CARRY, NOISE, WALK, COLD = 1, 2, 4, 8, 16
NAMES = {CLIMB: "爬山走山路", CARRY: "搬重物、干体力活", NOISE: "在噪音大的地方干", WALK: "走远路", COLD: "在冷库、低温的地方干"}

_CANT_CLIMB = re.compile(r"(?:不能|不会|没法|不敢|爬不了|走不了|上不了|不好)(?:爬山|上山|走山路|山路)|(?:爬山|上山|山路)(?:不行|走不了|爬不动|不能|走不动)|爬不动")
_CANT_CARRY = re.compile(
    r"(?:不能|没法|干不了|搬不了|扛不了|提不了|不好)(?:搬|扛|提|拿)?(?:重的|重物|重东西|重活)|(?:搬|扛|提)不动|"
    r"(?:重活|体力活|累活)(?:干不了|干不动|不行|不能干)|干不(?:了|动)(?:重活|体力活)|不能干(?:重活|体力活)|"
    r"腰(?:不好|有伤|受过伤|疼|椎)|怀孕|怀着|孕妇|有身孕"
)
# 耳朵不太好 车间不要太吵: a loud workshop (噪音大 须戴耳塞) is out
_CANT_NOISE = re.compile(r"(?:耳朵|听力)\S{0,2}(?:不好|不太好|不行|背)|(?:不要|别|受不了|怕)\S{0,3}(?:太)?吵|(?:不要|受不了|怕)\S{0,2}噪音")
# Weak legs against a posting that asks for a long walk outright ("一天要走十几公里山路，需腿脚利索"); a
# village 护林员 post that only says 巡山 is meant for older people near home and stays open to them.
_CANT_WALK = re.compile(r"腿脚?(?:不好|不灵便|不方便|不利索|有毛病)|走不了远路|走不远|走不动|拄拐")
_NEEDS_WALK = re.compile(r"腿脚(?:利索|灵活|灵便|好)|走\S{0,3}(?:公里|里路|里山路)|长时间步行")
# 俺有风湿 手怕冻, 要不冷的: a cold store (冷库作业, 冷冻) is out
_CANT_COLD = re.compile(r"怕冷|怕冻|风湿|关节炎|关节不好|受不了冷|不能碰冷水|不冷的|不要冷"
                        r"|(?:冷库|冷冻|冷藏|低温|冰库)\S{0,5}(?:干不了|做不了|不能干|不能做|不行|不去|不做|不干|受不了)")  # 冷库里面的活干不了
_NEEDS_COLD = re.compile(r"冷库|冷冻|冷藏|低温|冰库|冻品")
_NEEDS_NOISE = re.compile(r"噪音大|噪声大|戴耳塞|很吵|比较吵|声音大")
_NEEDS_CLIMB = re.compile(r"巡山|爬山|山路|山林巡护|上山巡")
_NEEDS_CARRY = re.compile(r"体力活|重活|搬运|装卸|扛|搬重|力气大|吃苦耐劳、?有力气")


@lru_cache(maxsize=50_000)
def limits(text: str) -> int:
    """What the person says they cannot do, as bits (CLIMB, CARRY)."""
    return ((CLIMB if _CANT_CLIMB.search(text) else 0) | (CARRY if _CANT_CARRY.search(text) else 0)
            | (NOISE if _CANT_NOISE.search(text) else 0) | (WALK if _CANT_WALK.search(text) else 0)
            | (COLD if _CANT_COLD.search(text) else 0))


_NOT_NEEDED = re.compile(r"(?:不用|不需要?|无需|不必|不安排|不要求|没有|无|不是|不)\S{0,3}?(?:爬山|上山|走山路|山路|搬运|装卸|搬货|搬东西|扛|搬重|重活|体力活|出力气)")


@lru_cache(maxsize=50_000)
def needs(text: str) -> int:
    """What the posting's work needs, as bits (CLIMB, CARRY); "活轻，不用爬山" needs neither."""
    text = _NOT_NEEDED.sub("", text)
    return ((CLIMB if _NEEDS_CLIMB.search(text) else 0) | (CARRY if _NEEDS_CARRY.search(text) else 0)
            | (NOISE if _NEEDS_NOISE.search(text) else 0) | (WALK if _NEEDS_WALK.search(text) else 0)
            | (COLD if _NEEDS_COLD.search(text) else 0))


def describe(bits: int) -> str:
    return "、".join(NAMES[b] for b in (CLIMB, CARRY, NOISE, WALK, COLD) if bits & b)
