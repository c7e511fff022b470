"""The matcher: hard rules as masks, then TF-IDF, kind, fuzzy, place, pay and tag scores.

Scikit-learn style: ``Matcher(...).fit(postings)`` builds the posting side once (TF-IDF matrix,
rule arrays); ``query`` (one person → all postings), ``match_many`` (people in chunks with
sparse matrix products) and ``match_posting`` (one new posting → all people) read it.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

from core.errors import NotFitted
from core.timeutil import CHINA, utcnow
from matching.features import PeopleArrays, analyse, people_arrays, places, posting_arrays
from matching.kinds import get_families
from matching.postings import Posting, parse_posting
from matching.profile import Profile, parse_profile
from matching.reasons import match_reasons, silence_note

log = logging.getLogger(__name__)

ENGINE_VERSION = "match-1"
DEFAULT_WEIGHTS = {
    "kind": 0.50,  # job-family overlap (wished 1, done 0.85); newcomers: work that needs no trade
    "text": 0.20,  # TF-IDF cosine, words + character bigrams
    "fuzzy": 0.10,  # rapidfuzz between the person's kinds of work and the title
    "close": 0.08,  # distance from home
    "pay": 0.04,  # headroom above the stated minimum
    "home": 0.05,  # 扶贫车间 / 公益性岗位 / home work for people who cannot leave home
    "board": 0.02,  # 包吃住 wished and offered
    "fresh": 0.01,
}


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


def _as_postings(items: Sequence[Posting | dict]) -> list[Posting]:
    return [j if isinstance(j, Posting) else parse_posting(j) for j in items]


def _as_profiles(items: Sequence[Profile | dict]) -> list[Profile]:
    return [p if isinstance(p, Profile) else parse_profile(p) for p in items]


class Matcher:
    """Pairs labourers with postings they can take and would want.

    Parameters
    ----------
    threshold : float
        Lowest score worth pushing (calibrated on the dev set and the synthetic set, see README).
    weights : dict, optional
        Score weights; defaults to ``DEFAULT_WEIGHTS``.
    ngrams : tuple of int
        Character n-gram sizes added to the jieba words.
    max_df : float
        Words in more than this share of postings carry no signal and are dropped.
    candidates : int
        Postings per person re-ranked with the fuzzy title score.
    chunk_size : int
        People per block in ``match_many``; bounds memory at chunk_size × postings.
    today : date, optional
        Day used for expiry and freshness (default: today in China).

    Attributes
    ----------
    postings_ : list of Posting
    vectorizer_ : TfidfVectorizer
    vocabulary_ : dict
    text_ : scipy.sparse.csr_matrix, shape (n_terms, n_postings)
        Transposed posting TF-IDF matrix, ready for ``people @ text_``.
    arrays_ : PostingArrays
    """

    def __init__(
        self,
        *,
        threshold: float = 0.24,
        weights: dict[str, float] | None = None,
        ngrams: tuple[int, ...] = (2,),
        max_df: float = 0.3,
        candidates: int = 12,
        chunk_size: int = 512,
        today: date | None = None,
    ):
        self.threshold = threshold
        self.weights = weights
        self.ngrams = ngrams
        self.max_df = max_df
        self.candidates = candidates
        self.chunk_size = chunk_size
        self.today = today

    # --- fitting -------------------------------------------------------------------------
    def fit(self, postings: Sequence[Posting | dict]) -> Matcher:
        """Read the postings; returns self."""
        self.postings_ = _as_postings(postings)
        self.today_ = self.today or utcnow().astimezone(CHINA).date()
        self.weights_ = {**DEFAULT_WEIGHTS, **(self.weights or {})}
        max_df = self.max_df if len(self.postings_) >= 50 else 1.0  # tiny sets: every word counts
        self.vectorizer_ = TfidfVectorizer(
            analyzer=partial(analyse, ngrams=self.ngrams), sublinear_tf=True, max_df=max_df, dtype=np.float32
        )
        matrix = self.vectorizer_.fit_transform([j.text for j in self.postings_]) if self.postings_ else None
        self.vocabulary_ = self.vectorizer_.vocabulary_ if matrix is not None else {}
        self.text_ = matrix.T.tocsr() if matrix is not None else sp.csr_matrix((0, 0), dtype=np.float32)
        self.arrays_ = posting_arrays(self.postings_, self.today_)
        fam = get_families()
        self.skilled_ = np.array([fam.by_id[f].skilled for f in fam.ids], dtype=np.float32)
        self.ids_ = [j.posting_id for j in self.postings_]
        log.info("matcher fitted on %d postings, %d terms", len(self.postings_), len(self.vocabulary_))
        return self

    def _check(self) -> None:
        if not hasattr(self, "postings_"):
            raise NotFitted("Matcher is not fitted; call fit(postings) first")

    def people(self, profiles: Sequence[Profile | dict]) -> PeopleArrays:
        """Profiles as arrays for repeated queries (build once, reuse for every new posting)."""
        self._check()
        profs = _as_profiles(profiles)
        if self.postings_:
            text = self.vectorizer_.transform([p.text for p in profs]).tocsr()
        else:
            text = sp.csr_matrix((len(profs), 0), dtype=np.float32)
        return people_arrays(profs, text)

    # --- scoring blocks ------------------------------------------------------------------
    def _masks(self, P: PeopleArrays, rows: slice | np.ndarray, cols: np.ndarray | slice) -> np.ndarray:
        """Hard rules for a block of pairs as one boolean array (people × postings)."""
        J = self.arrays_
        jc = J.column[cols]
        ok = P.accept[rows][:, jc]
        ok &= P.seeking[rows][:, None] & J.usable[cols][None, :]
        g = P.gender[rows][:, None]
        jg = J.gender[cols][None, :]
        ok &= (jg == 0) | (g == 0) | (g == jg)
        age = P.age[rows][:, None]
        ok &= (age < 0) | ((age >= J.age_min[cols][None, :]) & (age <= J.age_max[cols][None, :]))
        ok &= J.pay_max[cols][None, :] >= P.min_pay[rows][:, None]
        local = J.local[cols]
        if (local >= 0).any():
            mine = P.home[rows][:, None] == local[None, :]
            ok &= (local < 0)[None, :] | (mine & (~J.poor_only[cols][None, :] | P.poor[rows][:, None]))
        req = J.req_bits[cols]
        need = np.flatnonzero(req)
        if need.size:
            held = P.held_bits[rows][:, None]
            ok[:, need] &= (req[need][None, :] & ~held) == 0
        return ok

    def _relevance(self, P: PeopleArrays, rows: slice | np.ndarray, cols: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """(kind, score before the fuzzy term) for a block, ignoring the hard rules."""
        J, w = self.arrays_, self.weights_
        W = P.kinds[rows]
        JK = J.kinds[cols]
        overlap = W @ JK.T
        any_kind = (W > 0).astype(np.float32) @ JK.T
        total = np.maximum(W.sum(axis=1, keepdims=True), 1e-6)
        kind = np.where(any_kind > 0, 0.6 + 0.4 * np.minimum(overlap / total, 1.0), 0.0).astype(np.float32)
        # A trade posting (家具厂木工) shared only through its unskilled side (工厂) is no kind match.
        JS = JK * self.skilled_[None, :]
        trade = (JS.sum(axis=1) > 0) & ~J.trains[cols]  # 可培训: the trade is taught
        if trade.any():
            shared_trade = ((W > 0).astype(np.float32) @ JS.T) > 0
            kind = np.where(trade[None, :] & ~shared_trade, 0.0, kind).astype(np.float32)
        generic = P.generic[rows][:, None] & J.unskilled[cols][None, :]
        kind = np.maximum(kind, np.where(generic, 0.7, 0.0).astype(np.float32))
        text = (P.text[rows] @ self.text_[:, cols]).toarray() if self.text_.shape[0] else np.zeros_like(kind)
        score = w["kind"] * kind + w["text"] * np.minimum(text, 1.0)
        score += w["close"] * places().closeness[np.maximum(P.home[rows], 0)][:, J.column[cols]]
        minp = P.min_pay[rows][:, None]
        pay = np.where(minp > 0, np.clip((J.pay_max[cols][None, :] - minp) / np.maximum(minp, 1), 0, 0.5) * 2, 0.5)
        score += w["pay"] * np.nan_to_num(pay, posinf=0.5)
        score += w["home"] * (P.home_bound[rows][:, None] & J.helps_home[cols][None, :])
        score += w["board"] * (P.wants_board[rows][:, None] & J.board[cols][None, :])
        score += w["fresh"] * J.fresh[cols][None, :]
        return kind, score.astype(np.float32)

    def _fuzzy(self, p: Profile, j: Posting) -> float:
        """Kinds of work against the title; for a trade we have no family for, the person's own words."""
        fam = get_families()
        words = [*p.kinds.values(), *(fam.label(k) for k in p.kinds)]
        if words:
            return max(fuzz.partial_ratio(w, j.title) for w in words) / 100.0
        if not p.skills or not j.title:
            return 0.0
        # the title's best two-character piece inside the skills text (理发师 ~ 在理发店当过学徒)
        best = max(fuzz.partial_ratio(j.title[i : i + 2], p.skills) for i in range(max(len(j.title) - 1, 1)))
        return best / 100.0 if best >= 99 else 0.0

    def _finish(self, p: Profile, cand: np.ndarray, pre: np.ndarray, top: int) -> list[Match]:
        w = self.weights_["fuzzy"]
        scored = [(float(pre[k]) + w * self._fuzzy(p, self.postings_[c]), int(c)) for k, c in enumerate(cand)]
        scored = sorted((s for s in scored if s[0] >= self.threshold), key=lambda s: (-s[0], self.ids_[s[1]]))
        return [Match(self.ids_[c], s, match_reasons(p, self.postings_[c])) for s, c in scored[:top]]

    def _block(self, P: PeopleArrays, rows: np.ndarray, top: int, notes: bool) -> Iterator[Result]:
        ok = self._masks(P, rows, slice(None))
        kind, pre = self._relevance(P, rows, slice(None))
        relevant = pre + self.weights_["fuzzy"]  # best case once the fuzzy term is added
        live = np.where(ok & (relevant >= self.threshold), pre, -np.inf)
        k = min(self.candidates, live.shape[1])
        cand = np.argpartition(-live, k - 1, axis=1)[:, :k] if k else np.zeros((len(rows), 0), dtype=int)
        for r, i in enumerate(rows):
            p = P.profiles[i]
            cs = cand[r][np.isfinite(live[r, cand[r]])]
            matches = self._finish(p, cs, live[r, cs], top) if cs.size else []
            note = None
            if not matches and notes:
                near = np.argsort(-np.where(kind[r] > 0, pre[r], pre[r] - 1))[:8]
                near = [self.postings_[c] for c in near if kind[r, c] > 0 or pre[r, c] >= self.threshold]
                note = silence_note(p, near, self.today_)
            yield Result(p.labourer_id, matches, note)

    # --- queries -------------------------------------------------------------------------
    def match_many(self, people: PeopleArrays | Sequence[Profile | dict], top: int = 3, *, notes: bool = True) -> Iterator[Result]:
        """Best ``top`` pushable postings for every person, in chunks of ``chunk_size`` people."""
        self._check()
        P = people if isinstance(people, PeopleArrays) else self.people(people)
        if not self.postings_:
            for p in P.profiles:
                yield Result(p.labourer_id, [], silence_note(p, [], self.today_) if notes else None)
            return
        for start in range(0, len(P), self.chunk_size):
            yield from self._block(P, np.arange(start, min(start + self.chunk_size, len(P))), top, notes)

    def query(self, profile: Profile | dict, top: int = 3) -> Result:
        """One new or edited person → the best ``top`` postings (with a note when there are none)."""
        return next(self.match_many([profile], top))

    def match_posting(self, posting: Posting | dict, people: PeopleArrays | Sequence[Profile | dict]) -> list[tuple[str, Match]]:
        """One new posting → every person it suits, best first, as (labourer_id, Match)."""
        self._check()
        j = posting if isinstance(posting, Posting) else parse_posting(posting)
        P = people if isinstance(people, PeopleArrays) else self.people(people)
        single = Matcher(threshold=self.threshold, weights=self.weights_, ngrams=self.ngrams, today=self.today_)
        single.postings_, single.ids_, single.today_, single.weights_ = [j], [j.posting_id], self.today_, self.weights_
        single.vectorizer_, single.vocabulary_ = self.vectorizer_, self.vocabulary_
        single.text_ = self.vectorizer_.transform([j.text]).T.tocsr() if self.postings_ else sp.csr_matrix((0, 0))
        single.arrays_, single.skilled_ = posting_arrays([j], self.today_), self.skilled_
        rows = np.arange(len(P))
        ok = single._masks(P, rows, slice(None))[:, 0]
        _, pre = single._relevance(P, rows, slice(None))
        pre = pre[:, 0]
        hits = np.flatnonzero(ok & (pre + self.weights_["fuzzy"] >= self.threshold))
        out: list[tuple[str, Match]] = []
        for i in hits:
            p = P.profiles[i]
            ms = single._finish(p, np.array([0]), pre[i : i + 1], 1)
            if ms:
                out.append((p.labourer_id, ms[0]))
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
