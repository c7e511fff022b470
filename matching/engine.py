"""The matcher: hard rules, then kind, TF-IDF, fuzzy, place, pay and tag scores; a threshold.

Scikit-learn style: ``Matcher(...).fit(postings)`` builds the posting side once (TF-IDF matrix,
rule arrays); ``query`` (one person → all postings), ``match_many`` (people grouped by accepted
places, in blocks, with sparse matrix products) and ``match_posting`` (one new posting → all
people) read it. The rules run as numpy over candidate pairs (``matching.scoring``).
"""

from __future__ import annotations

import logging
import os
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz

from core.errors import NotFitted
from core.timeutil import CHINA, utcnow
from matching.features import PeopleArrays, PostingArrays, people_arrays, posting_arrays
from matching.kinds import get_families
from matching.parallel import PARALLEL_PAIRS, in_processes
from matching.postings import Posting, parse_posting
from matching.profile import Profile, parse_profile, parse_profiles
from matching.reasons import match_reasons, silence_note
from matching.scoring import block_scores, kind_matrix, pair_rules, rank_in_row, top_per_row
from matching.season import soon
from matching.textvec import BigramTfidf

log = logging.getLogger(__name__)

ENGINE_VERSION = "match-17"  # 3: structured posting fields, stored profiles, ruled-out places; 4: hours of the day; 5: weekends or part-time only, climbing and carrying limits; 6: dialect words for home (厝里, 屋下); 7: day work asked as 白天的工 or 晚上要回家, live-in posts need nights, where one was hurt is no wish; 8: pay others speak of (听讲一个月能挣一万多) is no pay asked, where family members are (孩子在上幼儿园) is no work wanted; 9: a licence the job trains for (公司出钱送去驾校考B2) is not required, 不装卸货物 needs no carrying; 10: 除了保安啥都行 and 别给我推工地 refuse, where one came back from is no place wanted, 政和 is not split at 和, a place said as home ties as family does, helpers' titles (厨房帮工) are newcomer work, 食用菌 work is, strength alone (有力气) is no trade; 11: 不让踩缝纫机 refuses, a refusal after the wish wins, 接送小孩 ties to home (it is no driving), schooling told in the wishes counts; 12: 不要两班倒 and 夜班不做 are day work only, 一个礼拜做三四天 is part-time only, a posting's age limit in Chinese numerals (五十五岁以下) counts, 铲车 is the loader (装载机) with its own licence, 证有 is a licence held, 搬货装车 and 做木的 name their trades; 13: a refusal said first wins over a later mention not affirmed (不要进厂 厂里太闷了), 就在村里找点事做 is near-home work, 腿脚不好 and 走不了远路 rule out postings asking for long walks (需腿脚利索, 走十几公里), a refused trade done is not the person's own, appliance installers (装过空调) are a trade, 没证的公司带去考 is no requirement, 厂里也不想进 refuses (进/去 after the work), 在家带两个娃 is care, not minding children as a trade, 早上下午都要接送 is the school run, a 扶贫车间 keeps its newcomer kinds (剪线头 piecework is no sewing trade), 风湿 / 手怕冻 rule out cold stores (冷库作业), busy months said (清明到五月底…走不开) keep seasonal work in them away, where one worked for years (在东莞电子厂干了五年) is no place wanted; 14: 早上没法太早出门 rules out early starts, 细人仔要接送 is the school run; 15: 不进厂 (不 before the work word itself) refuses, 不进厂也行 neither refuses nor asks for it, 除了开车的…还有别的没 refuses the work named; 16: certificates by official name and grade (养老护理员 五级…职业技能等级证书, N1, 登高架设作业), city nicknames (鹭岛), a city before a county it does not hold is wished too, a floor on the 底薪, 五险一金要有 against 不缴社保, 只能做到春节前 against a year's contract, 学技术的厂 is no factory wish, seasons months away are not pushed now (in_season), 陶瓷彩绘 and 美发 trades; 17: postings that charge the worker (学费2800元, 先交押金) are never pushed, 不要求电工证 requires none, 招聘对象：男性 limits gender, 只能上夜班 against day hours, 21:00—次日06:00 as one shift, 一天少于300块就不去了 is a floor, days off a month (要做六休一或者双休 against 月休2天)
DEFAULT_WEIGHTS = {
    "kind": 0.50,  # job-family overlap (wished 1, done 0.85); newcomers: work that needs no trade
    "text": 0.20,  # TF-IDF cosine, words + character bigrams
    "fuzzy": 0.10,  # rapidfuzz between the person's kinds of work and the title
    "close": 0.08,  # distance from home
    "pay": 0.04,  # headroom above the stated minimum
    "home": 0.05,  # 扶贫车间 / 公益性岗位 / home work for people who cannot leave home
    "support": 0.35,  # 托底: the home county's 公益性岗位 / 扶贫车间 first for older or weak people tied to home
    "village": 0.05,  # village-placed or at-home work for people tied to their village
    "board": 0.02,  # 包吃住 wished and offered
    "fresh": 0.01,
}


PAY_FIRST = 0.2  # rank bonus at the top of the pay scale (15000): 哪里钱多去哪 puts pay before a small fit gap, not before a better fit
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"


@lru_cache(maxsize=1)
def calibrated_threshold() -> float:
    """The push threshold chosen on all labelled sets (``python -m matching.calibrate --write``)."""
    import json

    try:
        return float(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))["threshold"])
    except (OSError, ValueError, KeyError):
        return 0.24


@dataclass
class Match:
    posting_id: str
    score: float
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"posting_id": self.posting_id, "score": round(self.score, 4), "reasons": self.reasons}


@dataclass
class Result:
    labourer_id: str
    matches: list[Match] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"labourer_id": self.labourer_id, "matches": [m.to_dict() for m in self.matches], "note": self.note}


def _fuzzy_words(p: Profile) -> list[str]:
    fam = get_families()
    return [*p.kinds.values(), *(fam.label(k) for k in p.kinds)]


def fuzzy_title(words: tuple[str, ...], skills: str, title: str) -> float:
    """rapidfuzz of the person's kinds of work against a title; for a trade we have no family for,
    a two-character piece of the title found in the person's own words (理发师 ~ 在理发店当过学徒)."""
    return _fuzzy_kinds(words, title) if words else _fuzzy_own_words(skills, title)


@lru_cache(maxsize=200_000)
def _fuzzy_kinds(words: tuple[str, ...], title: str) -> float:  # kinds and titles repeat: cached without the text
    return max(fuzz.partial_ratio(w, title) for w in words) / 100.0


@lru_cache(maxsize=200_000)
def _fuzzy_own_words(skills: str, title: str) -> float:
    if not skills or not title:
        return 0.0
    best = max(fuzz.partial_ratio(title[i : i + 2], skills) for i in range(max(len(title) - 1, 1)))
    return best / 100.0 if best >= 99 else 0.0


def _as_postings(items: Sequence[Posting | dict]) -> list[Posting]:
    return [j if isinstance(j, Posting) else parse_posting(j) for j in items]


def _as_profiles(items: Sequence[Profile | dict], jobs: int = 1) -> list[Profile]:
    if all(isinstance(p, dict) for p in items):  # records: each distinct text read once
        return parse_profiles(list(items), jobs=jobs)  # type: ignore[arg-type]
    return [p if isinstance(p, Profile) else parse_profile(p) for p in items]


class Matcher:
    """Pairs labourers with postings they can take and would want.

    Parameters
    ----------
    threshold : float
        Lowest score worth pushing; default: the threshold calibrated on every labelled set together
        (``matching/data/calibration.json``, written by ``python -m matching.calibrate --write``).
    weights : dict, optional
        Score weights; defaults to ``DEFAULT_WEIGHTS``.
    max_df : float
        Words in more than this share of postings carry no signal and are dropped.
    candidates : int
        Postings per person re-ranked with the fuzzy title score.
    chunk_size : int
        People per block when writing notes (scored against every posting).
    pair_budget : int
        Most person × posting pairs scored at once; bounds memory (about 40 bytes a pair).
    n_jobs : int
        Processes for ``match_many`` (forked, sharing the fitted state). 1 by default, which is
        what a web or queue worker wants; batch jobs on an otherwise idle machine may use 2.
    today : date, optional
        Day used for expiry and freshness (default: today in China).

    Attributes
    ----------
    postings_ : list of Posting
    vectorizer_ : BigramTfidf
        Character-bigram TF-IDF of the postings' text (``matching.textvec``).
    text_ : scipy.sparse.csr_matrix, shape (n_terms, n_postings)
        Transposed posting TF-IDF matrix, ready for ``people @ text_``.
    arrays_ : PostingArrays
    """

    def __init__(
        self,
        *,
        threshold: float | None = None,
        weights: dict[str, float] | None = None,
        max_df: float = 0.3,
        candidates: int = 8,
        chunk_size: int = 512,
        pair_budget: int = 2_000_000,
        n_jobs: int = 1,
        today: date | None = None,
        in_season: bool = False,
    ):
        self.threshold = calibrated_threshold() if threshold is None else threshold
        self.weights = weights
        self.max_df = max_df
        self.candidates = candidates
        self.chunk_size = chunk_size
        self.pair_budget = pair_budget
        self.n_jobs = n_jobs
        self.today = today
        self.in_season = in_season

    # --- fitting -------------------------------------------------------------------------
    def fit(self, postings: Sequence[Posting | dict]) -> Matcher:
        """Read the postings; returns self."""
        self.postings_ = _as_postings(postings)
        self.today_ = self.today or utcnow().astimezone(CHINA).date()
        self.weights_ = {**DEFAULT_WEIGHTS, **(self.weights or {})}
        max_df = self.max_df if len(self.postings_) >= 50 else 1.0  # tiny sets: every word counts
        self.vectorizer_ = BigramTfidf(max_df=max_df)
        matrix = self.vectorizer_.fit_transform([j.text for j in self.postings_]) if self.postings_ else None
        self.rows_ = matrix.tocsr() if matrix is not None else sp.csr_matrix((0, 0), dtype=np.float32)
        self.text_ = self.rows_.T.tocsr()
        self.arrays_ = posting_arrays(self.postings_, self.today_)
        if self.in_season:  # pushes now: a season months away (烤烟 7–9月 in December) is no job yet
            self.arrays_.now_ok = np.array([not j.months or soon(j.months, self.today_.month) for j in self.postings_], dtype=bool)
        fam = get_families()
        self.skilled_ = np.array([fam.by_id[f].skilled for f in fam.ids], dtype=np.float32)
        self.kinds_ = self.arrays_.kind_columns(self.skilled_)
        self.ids_ = [j.posting_id for j in self.postings_]
        log.info("matcher fitted on %d postings, %d terms", len(self.postings_), self.text_.shape[0])
        return self

    def _check(self) -> None:
        if not hasattr(self, "postings_"):
            raise NotFitted("Matcher is not fitted; call fit(postings) first")

    def people(self, profiles: Sequence[Profile | dict]) -> PeopleArrays:
        """Profiles as arrays for repeated queries (build once, reuse for every new posting)."""
        self._check()
        profs = _as_profiles(profiles, self.n_jobs)
        if self.postings_:
            text = self.vectorizer_.transform([p.text for p in profs]).tocsr()
        else:
            text = sp.csr_matrix((len(profs), 0), dtype=np.float32)
        return people_arrays(profs, text)

    # --- scoring blocks ------------------------------------------------------------------
    def _posting_text(self, cols: np.ndarray | None) -> sp.csr_matrix | sp.csc_matrix:
        """TF-IDF of these postings as terms × postings (all postings: the fitted matrix).

        A subset stays a CSC view of the posting rows: ``block_scores`` multiplies it from the
        postings' side, so no per-group conversion of the posting matrix is needed.
        """
        if cols is None or len(cols) == len(self.postings_):
            return self.text_
        return self.rows_[cols].T

    def _fuzzy(self, p: Profile, j: Posting) -> float:
        return fuzzy_title(tuple(_fuzzy_words(p)), p.text, j.title)

    def _best(self, P: PeopleArrays, rows: np.ndarray, J: PostingArrays, cols: np.ndarray, score: np.ndarray, top: int) -> dict[int, list[Match]]:
        """Top pushable postings per person: pairs over the threshold's reach, hard rules, then the
        fuzzy term on each person's best ``candidates``."""
        w, thr = self.weights_["fuzzy"], self.threshold
        r, c = np.nonzero(score >= thr - w)
        if not r.size:
            return {}
        vals = score[r, c]
        keep = pair_rules(P, rows[r], J, c, place=False)
        r, c, vals = r[keep], c[keep], vals[keep]
        r, c, vals = top_per_row(r, c, vals, self.candidates)
        people, titles = rows[r].tolist(), [self.postings_[j].title for j in cols[c].tolist()]
        words = {i: (tuple(_fuzzy_words(P.profiles[i])), P.profiles[i].text) for i in dict.fromkeys(people)}
        fuzzy = np.fromiter((fuzzy_title(*words[i], t) for i, t in zip(people, titles, strict=True)), dtype=np.float64, count=len(r))
        final = vals + (w * fuzzy).astype(np.float32)
        good = final >= thr
        scarce = (J.welfare | J.workshop)[c] & P.mobile[rows[r]]
        if scarce.any():  # 托底 posts are scarce: not for people who can move and have other fits
            other = np.zeros(len(rows), dtype=bool)
            other[r[good & ~scarce]] = True
            good &= ~(scarce & other[r])
        r, c, final = r[good], c[good], final[good]
        # 哪里钱多去哪: among what may be pushed, the better paid first (the score pushed stays the fit)
        rank = final + PAY_FIRST * J.pay_level[c] * P.pay_first[rows[r]]
        order = np.lexsort((c, -rank, r))
        r, c, final, rank = r[order], c[order], final[order], rank[order]
        keep = rank_in_row(r) < top
        r, c, final = r[keep], c[keep], final[keep]
        out: dict[int, list[Match]] = {}
        for k in range(len(r)):
            i, j = int(rows[r[k]]), int(cols[c[k]])
            out.setdefault(i, []).append(Match(self.ids_[j], float(final[k]), match_reasons(P.profiles[i], self.postings_[j])))
        return out

    def _notes(self, P: PeopleArrays, rows: np.ndarray) -> list[str]:
        """Coordinator notes for people with no push, from the rule failures of the postings nearest
        in kind of work (sparse: only postings sharing a kind, ranked by kind and text)."""
        out: list[str] = []
        wk, wt = self.weights_["kind"], self.weights_["text"]
        for start in range(0, len(rows), self.chunk_size):
            block = rows[start : start + self.chunk_size]
            K = kind_matrix(P, block, self.kinds_)
            if self.text_.shape[0]:
                T = (P.text[block] @ self.text_).tocsr()
                R = (K * wk + K.astype(bool).multiply(T) * wt).tocsr()  # text counts only beside a kind
            else:
                R = (K * wk).tocsr()
            for r, i in enumerate(block):
                p = P.profiles[i]
                if not p.seeking:
                    out.append(silence_note(p, [], self.today_))
                    continue
                cols, vals = R.indices[R.indptr[r] : R.indptr[r + 1]], R.data[R.indptr[r] : R.indptr[r + 1]]
                if len(cols) > 8:
                    part = np.argpartition(-vals, 7)[:8]
                    cols, vals = cols[part], vals[part]
                near = cols[np.lexsort((cols, -vals))]
                out.append(silence_note(p, [self.postings_[c] for c in near], self.today_, in_season=self.in_season))
        return out

    # --- queries -------------------------------------------------------------------------
    def match_many(self, people: PeopleArrays | Sequence[Profile | dict], top: int = 3, *, notes: bool = True) -> Iterator[Result]:
        """Best ``top`` pushable postings for every person (input order), with notes for the rest.

        People who accept the same places form one group, scored against only the open postings
        in those places, in blocks of at most ``pair_budget`` pairs.
        """
        self._check()
        P = people if isinstance(people, PeopleArrays) else self.people(people)
        found: dict[int, list[Match]] = {}
        noted: dict[int, str] = {}
        seeking = np.flatnonzero(P.seeking)
        if self.postings_ and seeking.size:
            groups = self._groups(P, seeking)
            jobs = max(1, min(self.n_jobs, os.cpu_count() or 1))
            if jobs == 1 or sum(len(r) * len(c) for r, c in groups) < PARALLEL_PAIRS:
                found, noted = self._match_groups(P, groups, top, notes=notes)
            else:
                found, noted = in_processes(self, P, groups, top, jobs, notes)
        # the rest: not seeking, or no open posting where they would go
        silent = np.array([i for i in range(len(P)) if i not in found and i not in noted], dtype=int)
        if notes and len(silent):
            noted.update(zip(silent.tolist(), self._notes(P, silent), strict=True))
        for i, p in enumerate(P.profiles):
            yield Result(p.labourer_id, found.get(i, []), noted.get(i))

    def _groups(self, P: PeopleArrays, seeking: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """(people, open postings they accept) per distinct set of accepted places; people by home."""
        J = self.arrays_
        packed = np.packbits(P.accept[seeking], axis=1)
        _, first, group = np.unique(packed, axis=0, return_index=True, return_inverse=True)
        group = group.ravel()
        by_group = np.argsort(group, kind="stable")
        bounds = np.r_[0, np.cumsum(np.bincount(group))]
        out = []
        for g, lead in enumerate(first):
            rows = seeking[by_group[bounds[g] : bounds[g + 1]]]
            cols = np.flatnonzero((P.accept[seeking[lead]][J.column] | J.remote) & J.usable)
            if cols.size:
                out.append((rows[np.argsort(P.here[rows], kind="stable")], cols))
        return out

    def _match_groups(
        self, P: PeopleArrays, groups: list[tuple[np.ndarray, np.ndarray]], top: int, *, notes: bool = False
    ) -> tuple[dict[int, list[Match]], dict[int, str]]:
        """Matches for the groups' people, and notes for those of them with none (when ``notes``)."""
        found: dict[int, list[Match]] = {}
        for rows, cols in groups:
            Jg, jt = self.arrays_.take(cols), self._posting_text(cols)
            JK = self.kinds_[:, cols] if len(cols) < len(self.postings_) else self.kinds_
            step = max(1, self.pair_budget // len(cols))
            for s0 in range(0, len(rows), step):
                block = rows[s0 : s0 + step]
                _, score = block_scores(P, block, Jg, jt, JK, self.weights_)
                found.update(self._best(P, block, Jg, cols, score, top))
        if not notes:
            return found, {}
        silent = np.array([i for r, _ in groups for i in r.tolist() if i not in found], dtype=int)
        return found, dict(zip(silent.tolist(), self._notes(P, silent), strict=True)) if len(silent) else {}

    def query(self, profile: Profile | dict, top: int = 3) -> Result:
        """One new or edited person → the best ``top`` postings (with a note when there are none)."""
        return next(self.match_many([profile], top))

    def match_posting(self, posting: Posting | dict, people: PeopleArrays | Sequence[Profile | dict]) -> list[tuple[str, Match]]:
        """One new posting → every person it suits, best first, as (labourer_id, Match)."""
        self._check()
        j = posting if isinstance(posting, Posting) else parse_posting(posting)
        P = people if isinstance(people, PeopleArrays) else self.people(people)
        J = posting_arrays([j], self.today_)
        if not J.usable[0]:
            return []
        rows = np.flatnonzero(P.seeking & (P.accept[:, J.column[0]] | J.remote[0]))
        if J.welfare[0] or J.workshop[0]:  # scarce 托底 posts: people who can move get them from the batch only
            rows = rows[~P.mobile[rows]]
        rows = rows[pair_rules(P, rows, J, np.zeros(len(rows), dtype=int), place=False)]
        if not rows.size:
            return []
        jt = self.vectorizer_.transform([j.text]).T.tocsr() if self.postings_ else sp.csr_matrix((0, 1), dtype=np.float32)
        _, pre = block_scores(P, rows, J, jt, J.kind_columns(self.skilled_), self.weights_)
        w = self.weights_["fuzzy"]
        out: list[tuple[str, Match]] = []
        for r in np.flatnonzero(pre[:, 0] >= self.threshold - w):
            p = P.profiles[rows[r]]
            score = float(pre[r, 0]) + w * self._fuzzy(p, j)
            if score >= self.threshold:
                out.append((p.labourer_id, Match(j.posting_id, score, match_reasons(p, j))))
        out.sort(key=lambda t: -t[1].score)
        return out

    # --- persistence ---------------------------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the fitted matcher to ``path`` (pickle); returns the path."""
        self._check()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        with tmp.open("wb") as fh:
            pickle.dump({"version": ENGINE_VERSION, "matcher": self}, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # never a half-written file
        return path

    @classmethod
    def load(cls, path: str | Path) -> Matcher:
        """Read a matcher written by ``save``."""
        with Path(path).open("rb") as fh:
            blob = pickle.load(fh)  # noqa: S301 - our own file, written by save()
        if blob.get("version") != ENGINE_VERSION:
            raise NotFitted(f"matcher file {path} is from engine {blob.get('version')}, need {ENGINE_VERSION}")
        return blob["matcher"]
