"""Cross-validation folds for the answer decider, and its TF-IDF refitted per fold cheaply.

Folds hold whole blind batches, so out-of-fold scores are first-contact-like. Leaving one batch out
(one fold per batch) makes the operating point independent of which batches happen to share a fold;
with ~45 folds the per-fold text work must be cheap, hence :class:`FoldTfidf`.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import scipy.sparse as sp

# The clause classifier's character n-grams (knowledge.classifier.QuestionClassifier).
TFIDF = {"analyzer": "char_wb", "ngram_range": (1, 3)}


class Batched(Protocol):
    batch: str
    source: str


def batch_folds(examples: Sequence[Batched], k: int | None, seed: int = 0) -> np.ndarray:
    """Fold of each example, whole batches to a fold (largest first, each to the smallest fold); ``k``
    None gives every batch its own fold (leave one batch out)."""
    sizes: dict[str, int] = {}
    for e in examples:
        sizes[e.batch or e.source] = sizes.get(e.batch or e.source, 0) + 1
    rng = np.random.default_rng(seed)
    names = sorted(sizes, key=lambda b: (-sizes[b], rng.random()))
    load = [0] * (len(names) if k is None else k)
    fold_of: dict[str, int] = {}
    for b in names:
        f = int(np.argmin(load))
        fold_of[b] = f
        load[f] += sizes[b]
    return np.array([fold_of[e.batch or e.source] for e in examples])


class FoldTfidf:
    """Counts of every text made once; :meth:`fit` on some rows gives the same weighting as fitting
    ``TfidfVectorizer(**TFIDF, sublinear_tf=True, min_df=2)`` on those rows' texts (a row may repeat,
    as a question with two right clauses does), without reading the texts again."""

    keep_: np.ndarray  # the columns of terms in at least two rows
    idf_: np.ndarray

    def __init__(self, texts: Sequence[str]):
        from sklearn.feature_extraction.text import CountVectorizer

        self.counts = CountVectorizer(**TFIDF, dtype=np.float32).fit_transform(texts).tocsr()  # type: ignore[arg-type]

    def fit(self, rows: Sequence[int]) -> FoldTfidf:
        """A weighting fitted on ``rows`` (a new object sharing the counts)."""
        c = self.counts[np.asarray(rows)]
        df = np.bincount(c.indices, minlength=c.shape[1])  # a row lists each term once
        fitted = copy.copy(self)
        fitted.keep_ = np.flatnonzero(df >= 2)
        fitted.idf_ = (np.log((1 + len(rows)) / (1 + df[fitted.keep_])) + 1).astype(np.float32)
        return fitted

    def transform(self, rows: Sequence[int]) -> sp.csr_matrix:
        x = self.counts[np.asarray(rows)][:, self.keep_].tocsr()
        x.data = 1 + np.log(x.data)
        x = (x @ sp.diags(self.idf_)).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return sp.csr_matrix(sp.diags(1 / norms) @ x, dtype=np.float32)
