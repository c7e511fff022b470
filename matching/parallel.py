"""A batch spread over forked processes that share the fitted matcher and the people (copy-on-write).

Only for command-line batch jobs: a fork inside the threaded web process could inherit a held lock.
"""

from __future__ import annotations

import multiprocessing as mp
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matching.engine import Match, Matcher
    from matching.features import PeopleArrays

PARALLEL_PAIRS = 20_000_000  # below this a fork costs more than it saves
_SHARED: tuple[Any, ...] = ()  # what forked workers read (copy-on-write, never pickled)


def _work(g: int) -> tuple[dict[int, list[Match]], dict[int, str]]:
    matcher, P, groups, top, notes = _SHARED
    return matcher._match_groups(P, [groups[g]], top, notes=notes)


def in_processes(
    matcher: Matcher, P: PeopleArrays, groups: list, top: int, jobs: int, notes: bool
) -> tuple[dict[int, list[Match]], dict[int, str]]:
    """Spread the groups over ``jobs`` forked processes: pieces of similar size, taken as each
    process frees up (cost is not just pairs: people with many fits cost more)."""
    global _SHARED
    # one big group (everyone who accepts the whole province) is cut, so no process waits on one piece
    fair = sum(len(r) * len(c) for r, c in groups) // (8 * jobs) + 1
    groups = [(r[s : s + max(1, fair // len(c))], c) for r, c in groups for s in range(0, len(r), max(1, fair // len(c)))]
    order = sorted(range(len(groups)), key=lambda g: -len(groups[g][0]) * len(groups[g][1]))
    _SHARED = (matcher, P, groups, top, notes)
    try:
        with mp.get_context("fork").Pool(jobs) as pool:
            found: dict[int, list[Match]] = {}
            noted: dict[int, str] = {}
            for f, n in pool.imap_unordered(_work, order):
                found.update(f)
                noted.update(n)
        return found, noted
    finally:
        _SHARED = ()
