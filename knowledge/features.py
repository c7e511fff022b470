"""Candidate clauses for a message and the evidence on each: what the answer-or-decline model reads.

Retrieval runs twice — over the whole message (the story often names the topic) and over the ask
alone — and every clause either run puts near the top becomes a candidate. Each candidate gets a
row of features: retrieval scores and ranks, how much of the ask its words cover (exactly, by sound
and through word vectors), whether it states the amount, time or unit asked for, the kind of clause,
and the share of the ask the corpus has no word for. The hand-set rule of the earlier answerer
(``accept``) is one feature among them, not the gate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.vectors import Lexicon, WordVectors
from knowledge.answer_rules import AMOUNT_CUE_SPAN, accept, priced_word, states_quantity_for
from knowledge.asks import asked, stated
from knowledge.index import DATE, Hit, PolicyIndex, is_overview
from knowledge.message import Message
from knowledge.query import MONEY_WORDS, Analysed

DEPTH = 6  # candidates taken from each retrieval run
MESSAGE_MAX_CHARS = 600
FEATURES = (
    "full_rel", "full_rank", "full_cov", "full_log",
    "ask_rel", "ask_rank", "ask_cov", "ask_log", "ask_strength", "ask_covered", "ask_weight",
    "vec_cov", "vec_best", "oov_share",
    "asks_money", "money_missing", "asks_span", "span_missing", "asks_units", "has_units",
    "asks_date", "date_missing", "priced_missing",
    "rule_ask", "rule_full",
    "kind_item", "kind_overview", "kind_meta", "kind_frame",
    "n_groups", "msg_len", "story",
    "second_rel", "topic",
    "kinds_asked", "kind_missing_sentence", "kind_missing_clause", "asks_count", "count_missing",
    "asks_age", "age_missing", "asks_ratio", "ratio_missing", "asks_contact", "asks_materials", "materials_missing",
    "uncovered_max", "uncovered_n",
)


@dataclass
class Candidate:
    """One clause that might answer a message, with the hits that found it."""

    index: int
    full: Hit | None
    ask: Hit | None

    @property
    def hit(self) -> Hit:
        return self.ask or self.full  # type: ignore[return-value]


@dataclass
class Reading:
    """A message read against the index: its analyses, candidates and their feature rows."""

    message: Message
    full: Analysed
    ask: Analysed
    candidates: list[Candidate]
    rows: np.ndarray  # (n_candidates, len(FEATURES))


class Reader:
    """Finds candidate clauses for a message and describes each one as a feature row.

    Parameters
    ----------
    index : PolicyIndex
        The fitted clause index.
    vectors : WordVectors or None
        Word vectors for soft coverage of words the documents never use (None: no soft evidence).
    """

    def __init__(self, index: PolicyIndex, vectors: WordVectors | None = None):
        self.index = index
        self.vectors = vectors
        self.position_ = {c.id: i for i, c in enumerate(index.clauses_)}
        self.lexicon_: Lexicon | None = None
        self.clause_words_: list[np.ndarray] = []  # per clause: its words' rows in the lexicon
        if vectors is not None:
            words = sorted(w for w in index.vocabulary_ if len(w) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in w))
            self.lexicon_ = vectors.restrict(words)
            known = set(self.lexicon_.words_)
            at = self.lexicon_.index_
            self.clause_words_ = [np.array(sorted(at[t] for t in terms if t in known), dtype=np.int64)
                                  for terms in index.cover_terms_]

    def read(self, message: Message, topic: str | None = None) -> Reading:
        index = self.index
        full = index.analyse(message.text, max_chars=MESSAGE_MAX_CHARS)
        ask = index.analyse(message.ask or message.text)
        full_hits = index.search(full, k=DEPTH) if full.groups else []
        ask_hits = index.search(ask, k=DEPTH) if ask.groups else []
        found: dict[int, Candidate] = {}
        for hits, side in ((ask_hits, "ask"), (full_hits, "full")):
            for h in hits:
                i = self.position_[h.clause.id]
                cand = found.setdefault(i, Candidate(i, None, None))
                setattr(cand, side, h)
        topic_index = self.position_.get(topic) if topic else None
        if topic_index is not None and topic_index not in found:
            found[topic_index] = Candidate(topic_index, None, None)
        candidates = list(found.values())
        sims = self._similarities(ask)
        rows = np.array([self._row(message, full, ask, c, full_hits, ask_hits, topic_index, sims) for c in candidates],
                        dtype=np.float64).reshape(len(candidates), len(FEATURES))
        return Reading(message, full, ask, candidates, rows)

    def _row(self, message: Message, full: Analysed, ask: Analysed, c: Candidate, full_hits: list[Hit],
             ask_hits: list[Hit], topic_index: int | None, sims: dict[int, np.ndarray]) -> list[float]:
        index = self.index
        clause = index.clauses_[c.index]
        full_top = full_hits[0].score if full_hits else 0.0
        ask_top = ask_hits[0].score if ask_hits else 0.0
        full_rank = next((r for r, h in enumerate(full_hits) if h.clause.id == clause.id), DEPTH)
        ask_rank = next((r for r, h in enumerate(ask_hits) if h.clause.id == clause.id), DEPTH)
        full_score = c.full.score if c.full else 0.0
        ask_score = c.ask.score if c.ask else 0.0
        ask_cov, ask_covered, ask_weight = index.coverage(ask, c.index) if ask.groups else (0.0, 0.0, 0.0)
        full_cov = c.full.coverage if c.full else (index.coverage(full, c.index)[0] if full.groups else 0.0)
        vec_cov, vec_best = self._soft_coverage(ask, c.index, sims)
        hit = c.ask or c.full or _bare_hit(clause)
        money = ask.asks_money
        span = ask.asks_duration
        has_date = bool(DATE.search(clause.text))
        head = priced_word(ask)
        kind_overview = clause.kind == "section" or is_overview(clause)
        second = sorted((h.score for h in ask_hits), reverse=True)
        kinds = asked(ask.text)
        in_sentence = stated(self._topic_sentence(ask, clause))
        in_clause = stated(clause.text) | ({"who"} if clause.units_note else frozenset())
        uncovered = self._uncovered(ask, c.index)
        return [
            full_score / full_top if full_top else 0.0, full_rank, full_cov, math.log1p(full_score),
            ask_score / ask_top if ask_top else 0.0, ask_rank, ask_cov, math.log1p(ask_score),
            ask_score / ask_weight if ask_weight else 0.0, ask_covered, ask_weight,
            vec_cov, vec_best, self._oov_share(ask),
            float(money), float(money and not states_quantity_for(ask, hit, AMOUNT_CUE_SPAN["money"])),
            float(span), float(span and not states_quantity_for(ask, hit, AMOUNT_CUE_SPAN["span"])),
            float(ask.asks_units), float(bool(clause.units_note)),
            float(ask.asks_date), float(ask.asks_date and not has_date),
            float(head is not None and not index.covers_word(head, clause)),
            float(c.ask is not None and accept(index, c.ask, ask)),
            float(c.full is not None and accept(index, c.full, full)),
            float(clause.kind == "item" and not kind_overview), float(kind_overview), float(clause.kind == "meta"),
            float(clause.kind in ("preamble", "closing")),
            float(len(ask.groups)), math.log1p(len(message.text)), float(message.is_story),
            second[1] / second[0] if len(second) > 1 and second[0] else 0.0,
            float(topic_index is not None and c.index == topic_index),
            float(len(kinds)), float(bool(kinds - in_sentence - {"who"})), float(bool(kinds - in_clause)),
            float("count" in kinds), float("count" in kinds and "count" not in in_clause),
            float("age" in kinds), float("age" in kinds and "age" not in in_clause),
            float("ratio" in kinds), float("ratio" in kinds and "ratio" not in in_clause),
            float("contact" in kinds), float("materials" in kinds),
            float("materials" in kinds and "materials" not in in_clause),
            max(uncovered, default=0.0), float(len(uncovered)),
        ]

    def _topic_sentence(self, a: Analysed, clause) -> str:  # type: ignore[no-untyped-def]
        """The clause sentence that covers most of the ask's topic words (what it asks about)."""
        sentences = clause.sentences or [clause.text]
        topics = [g for g in a.groups if g.required and g.word not in MONEY_WORDS]

        def weight(sentence: str) -> float:
            return sum(self.index.term_weight(g) for g in topics
                       if any(t in sentence for t in (g.cover or g.terms) if len(t) >= 2))

        return max(sentences, key=weight)

    def _uncovered(self, a: Analysed, ci: int) -> list[float]:
        """Weights of the ask's words the clause does not contain at all (医保 asked of a pension clause)."""
        terms, text = self.index.cover_terms_[ci], self.index.cover_texts_[ci]
        return [self.index.term_weight(g) for g in a.groups
                if g.required and self.index._found(g, terms, text) < 0.5]

    def _similarities(self, a: Analysed) -> dict[int, np.ndarray]:
        """For each required ask word: its cosine to every corpus word (one product per word)."""
        if self.lexicon_ is None:
            return {}
        out: dict[int, np.ndarray] = {}
        for j, g in enumerate(a.groups):
            if g.required:
                v = self.lexicon_.vectors.vector(g.word)
                if v is not None:
                    out[j] = self.lexicon_.matrix_ @ v
        return out

    def _soft_coverage(self, a: Analysed, ci: int, sims: dict[int, np.ndarray]) -> tuple[float, float]:
        """Coverage of the ask where a word the clause lacks counts by its nearest clause word's cosine."""
        if self.lexicon_ is None or not a.groups:
            return 0.0, 0.0
        terms, text = self.index.cover_terms_[ci], self.index.cover_texts_[ci]
        rows = self.clause_words_[ci]
        total = got = best = 0.0
        for j, g in enumerate(a.groups):
            if not g.required:
                continue
            w = self.index.term_weight(g)
            total += w
            found = self.index._found(g, terms, text)
            if found < 1.0 and j in sims and len(rows):
                sim = max(float(sims[j][rows].max()) - 0.3, 0.0) / 0.7
                best = max(best, sim)
                found = max(found, sim)
            got += w * found
        return (got / total if total else 0.0), best

    def _oov_share(self, a: Analysed) -> float:
        """IDF-weighted share of the ask's words that neither the documents nor a sound-alike explain."""
        total = unknown = 0.0
        vocab = self.index.vocabulary_
        for g in a.groups:
            if not g.required:
                continue
            w = self.index.term_weight(g)
            total += w
            if not any(t in vocab for t in g.terms):
                unknown += w
        return unknown / total if total else 0.0


def _bare_hit(clause) -> Hit:  # type: ignore[no-untyped-def]
    return Hit(clause, 0.0, 0.0, 0.0, [0.0] * len(clause.sentences or [clause.text]), 0.0)
