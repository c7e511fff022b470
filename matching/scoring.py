"""Block scoring: scores as sparse products and a few dense passes; hard rules on candidate pairs.

A block is some people × some postings (``PostingArrays.take``). The engine forms blocks of
people who accept the same places, over only the open postings in those places, with the rows
ordered by home county so the distance term is added a slice at a time.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from matching.features import PeopleArrays, PostingArrays, places
from matching.hours import SLACK as HOURS_SLACK
from matching.othercerts import missing as other_missing


def pair_rules(P: PeopleArrays, r: np.ndarray, J: PostingArrays, c: np.ndarray, *, place: bool = True) -> np.ndarray:
    """Hard rules for the pairs (people ``r[k]``, postings ``c[k]``): True where every rule passes.

    The same rules as ``matching.rules`` (the scalar reference), as numpy over many pairs.
    """
    ok = np.ones(len(r), dtype=bool)
    if place:
        ok &= (P.accept[r, J.column[c]] | J.remote[c]) & P.seeking[r] & J.usable[c]
    pg, jg = P.gender[r], J.gender[c]
    ok &= (jg == 0) | (pg == 0) | (pg == jg)
    age = P.age[r]
    ok &= (age < 0) | ((age >= J.age_min[c]) & (age <= J.age_max[c]))
    ok &= (J.pay_max[c] >= P.min_pay[r]) & (J.base_pay[c] >= P.base_min[r]) & ~(P.insurance[r] & J.no_insurance[c])
    ok &= ~(P.big_only[r] & J.small[c])  # 只进大厂 against 个体工商户
    local = J.local[c]
    ok &= (local < 0) | ((P.home[r] == local) & (~J.poor_only[c] | P.poor[r]))
    ok &= (J.req_bits[c] & ~P.held_bits[r]) == 0
    ok &= ~(P.home_only[r] & ~J.at_home[c])
    ok &= ~(P.no_health[r] & J.health_first[c])
    ok &= P.schooling[r] >= J.school_min[c]
    ok &= (P.meals_needed[r] & ~J.meals[c]) == 0
    free, need = P.free_bits[r], J.month_bits[c]
    ok &= (free == 0) | (need == 0) | ((free & need) != 0)
    # a season months away only for who asked for that work or said they are free then
    ok &= J.now_ok[c] | ((free & need) != 0) | ((P.wished_bits[r] & J.kind_bits[c]) != 0)
    ok &= ~(J.long_term[c] & (free != 0) & (free != ALL_YEAR))  # free for some months only: no year-long post
    ok &= ~((P.day_only[r] | (P.free_until[r] >= 0)) & J.nights[c])  # "四点半要去接孩子" rules out nights too
    ok &= ~(P.spare_only[r] & ~J.spare_ok[c])  # weekends or part-time only: a full-time post does not fit
    ok &= (J.rest[c] < 0) | (J.rest[c] >= P.rest_floor[r])  # 月休2天 against 要做六休一或者双休
    ok &= (P.cannot[r] & J.strain[c]) == 0  # 不能爬山 against 巡山, 搬不动 against 装卸 (matching.strain)
    f0, f1, h0, h1 = P.free_from[r], P.free_until[r], J.hours_from[c], J.hours_until[c]
    ok &= ~(((f0 >= 0) & (h0 >= 0) & (h0 < f0 - HOURS_SLACK)) | ((f1 >= 0) & (h1 >= 0) & (h1 > f1 + HOURS_SLACK))
            | ((f1 >= 0) & (h0 >= f1)))  # the work day against the hours the person has (matching.hours)
    kb = J.kind_bits[c]
    ok &= ((P.refused_bits[r] & kb) == 0) | ((P.own_bits[r] & kb) != 0)
    rare = np.flatnonzero(ok & J.has_other_certs[c])
    for k in rare.tolist():  # certificates the licence list does not know: few postings, read one by one
        ok[k] = not other_missing(tuple(P.profiles[r[k]].other_certs), J.other_certs[c[k]])
    return ok


ALL_YEAR = (1 << 12) - 1
TEXT_AS_KIND = 0.4  # TF-IDF cosine from which shared words count like a shared kind of work
LEARN = 1.0  # kind score of a posting that teaches a trade, for someone who wants to learn one (their wish)
OFF_FOCUS = 0.6  # share of the kind score lost by a posting that only meets a side kind of the person


def kind_matrix(P: PeopleArrays, rows: np.ndarray, JK: sp.csr_matrix) -> sp.csr_matrix:
    """Kind score per pair, sparse: 0.6 for any shared kind of work, up to 1 as more are covered.

    ``JK`` is families × postings, with a trade posting's unskilled families dropped unless it
    teaches the trade (家具厂木工 is no match for "进厂"; 可培训 keeps it one).
    """
    K = (P.kinds_norm[rows] @ JK).tocsr()
    np.minimum(K.data, 1.0, out=K.data)
    K.data *= 0.4
    K.data += 0.6
    F = P.focus[rows]
    if F.nnz:  # a posting that misses what the person is after (wished work, else their trade) fits less
        on = (F @ JK).tocsr()
        on.data[:] = 1.0
        focused = np.asarray(F.sum(axis=1)).ravel() > 0
        off = K - K.multiply(on)
        off = sp.diags(focused.astype(np.float32)) @ off
        K = (K - OFF_FOCUS * off).tocsr()
        K.eliminate_zeros()
    return K


def block_scores(
    P: PeopleArrays,
    rows: np.ndarray,
    J: PostingArrays,
    jt: sp.csr_matrix | sp.csc_matrix,
    JK: sp.csr_matrix,
    weights: dict[str, float],
) -> tuple[sp.csr_matrix, np.ndarray]:
    """(kind as sparse, score before the fuzzy term as dense float32) for ``rows`` × ``J``.

    ``rows`` should be ordered by current county (runs of one county share one distance row).
    """
    K = kind_matrix(P, rows, JK)
    S = K * weights["kind"]
    if jt.shape[0]:
        if sp.isspmatrix_csc(jt) or isinstance(jt, sp.csc_array):  # postings' rows: multiply from their side
            T = (jt.T @ P.text[rows].T.tocsr()).T.tocsr()
        else:
            T = (P.text[rows] @ jt).tocsr()
        np.minimum(T.data, 1.0, out=T.data)
        S = S + T * weights["text"]
    score = S.toarray().astype(np.float32, copy=False)
    if jt.shape[0] and T.nnz:  # a trade no family names, said in the same words (会计专业 ~ 记账、出纳)
        close_text = T.multiply(T >= TEXT_AS_KIND).tocsr()
        close_text = close_text - close_text.multiply(K.astype(bool))
        close_text.eliminate_zeros()
        r, c = close_text.nonzero()
        unskilled_lift = P.generic[rows][r] & J.unskilled[c]  # newcomers get their 0.7 below already
        score[r[~unskilled_lift], c[~unskilled_lift]] += weights["kind"] * 0.6
    generic, learn = P.generic[rows], P.learn[rows]
    lifted = np.flatnonzero(generic | learn)
    if lifted.size and (J.unskilled.any() or J.teaches.any()):
        # newcomers: work that needs no trade counts as a kind; wanting to learn a trade: work that teaches one
        k = K[lifted].toarray()
        floor = np.maximum(0.7 * (generic[lifted, None] & J.unskilled[None, :]), LEARN * (learn[lifted, None] & J.teaches[None, :]))
        score[lifted] += weights["kind"] * (np.maximum(k, floor) - k)
    base = weights["fresh"] * J.fresh + 0.5 * weights["pay"]
    score += base[None, :]
    close = places().closeness
    homes = np.maximum(P.here[rows], 0)
    edges = np.flatnonzero(np.diff(homes)) + 1
    for s0, s1 in zip(np.r_[0, edges], np.r_[edges, len(rows)], strict=True):
        score[s0:s1] += weights["close"] * close[homes[s0], J.column]
    pay_first = np.flatnonzero(P.pay_first[rows])
    if pay_first.size:  # 哪里都行 / 哪里钱多去哪: best pay instead of nearest (the same weight, so no lift)
        score[pay_first] += weights["close"] * (J.pay_level[None, :] - close[homes[pay_first]][:, J.column])
    minp = P.min_pay[rows]
    stated = np.flatnonzero(minp > 0)
    if stated.size:  # headroom above the stated minimum, up to +50 %, instead of the neutral half
        pay_max = np.where(np.isfinite(J.pay_max), J.pay_max, 0.0).astype(np.float32)
        fit = pay_max[None, :] / minp[stated][:, None]
        fit -= 1.0
        fit *= 2.0
        np.clip(fit, 0.0, 1.0, out=fit)
        fit -= 0.5
        fit *= weights["pay"]
        score[stated] += fit
    home = np.flatnonzero(P.home_bound[rows])
    if home.size and J.helps_home.any():
        score[home] += weights["home"] * J.helps_home[None, :]
    support = np.flatnonzero(P.support[rows])
    scarce = J.welfare | J.workshop
    if support.size and scarce.any():  # 托底: the home county's 公益性岗位 and 扶贫车间 rank first
        people = rows[support]
        own = (J.column[None, :] == P.home[people][:, None]) | (J.column[None, :] == P.here[people][:, None])
        score[support] += weights["support"] * (own & scarce[None, :])
    village = np.flatnonzero(P.village[rows])
    if village.size and J.village.any():  # 只能在村里: work placed in the village or at home first
        score[village] += weights["village"] * J.village[None, :]
    board = np.flatnonzero(P.wants_board[rows])
    if board.size and J.board.any():
        score[board] += weights["board"] * J.board[None, :]
    return K, score


def top_per_row(r: np.ndarray, c: np.ndarray, v: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ``k`` best (highest v, then lowest c) entries of each row, rows ascending; ``r`` sorted."""
    starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1] if len(r) else np.zeros(0, dtype=int)
    ends = np.r_[starts[1:], len(r)]
    big = np.flatnonzero(ends - starts > k)
    if big.size:  # long rows: partition each down to its k best before any sorting
        keep = np.ones(len(r), dtype=bool)
        for b in big:
            s0, s1 = starts[b], ends[b]
            keep[s0:s1] = False
            keep[s0 + np.argpartition(-v[s0:s1], k - 1)[:k]] = True
        r, c, v = r[keep], c[keep], v[keep]
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1] if len(r) else np.zeros(0, dtype=int)
    rank = np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
    keep = rank < k
    return r[keep], c[keep], v[keep]


def rank_in_row(r: np.ndarray) -> np.ndarray:
    """0, 1, 2 … within each run of equal ``r`` (sorted)."""
    starts = np.r_[0, np.flatnonzero(np.diff(r)) + 1] if len(r) else np.zeros(0, dtype=int)
    return np.arange(len(r)) - np.repeat(starts, np.diff(np.r_[starts, len(r)]))
