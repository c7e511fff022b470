"""Character-bigram TF-IDF computed with numpy over all texts at once (no per-text Python loop).

The matcher's text score compares a person's words with a posting's through the two-character
pieces of their runs of Chinese characters, digits and Latin letters (the same pieces as
``core.text.char_ngrams(text, (2,))``). Word segmentation added nothing on any labelled set and cost
most of the fit, so the pieces are cut and counted in numpy: the texts are joined into one array of
code points, each bigram becomes one 64-bit code, and the vocabulary is the sorted array of codes.
Weights follow scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``: smoothed idf, l2-normalised
rows, terms in more than ``max_df`` of the documents dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from core.errors import NotFitted

_SEP = "\x00"


def _valid(cp: np.ndarray) -> np.ndarray:
    return ((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 48) & (cp <= 57)) | ((cp >= 65) & (cp <= 90)) | ((cp >= 97) & (cp <= 122))


def bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(document index, bigram code) for every bigram of every text, in text order."""
    if not texts:
        return np.zeros(0, np.int64), np.zeros(0, np.uint64)
    joined = _SEP.join(texts) + _SEP
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    doc = np.cumsum(cp == 0) - (cp == 0)  # separators close their own document
    ok = _valid(cp)
    pair = ok[:-1] & ok[1:]
    at = np.flatnonzero(pair)
    codes = (cp[at].astype(np.uint64) << np.uint64(21)) | cp[at + 1].astype(np.uint64)
    return doc[at].astype(np.int64), codes


class BigramTfidf:
    """TF-IDF over character bigrams, scikit-learn style (``fit`` / ``transform``).

    Parameters
    ----------
    max_df : float
        Bigrams in more than this share of the fitted documents are dropped.

    Attributes
    ----------
    codes_ : ndarray of uint64, sorted
        The vocabulary (bigram codes); column ``k`` of the matrices is ``codes_[k]``.
    idf_ : ndarray of float32
    """

    def __init__(self, *, max_df: float = 1.0):
        self.max_df = max_df

    def _counts(self, texts: Sequence[str], codes: np.ndarray) -> sp.csr_matrix:
        doc, found = bigram_codes(texts)
        col = np.searchsorted(codes, found)
        col = np.minimum(col, max(len(codes) - 1, 0))
        known = (codes[col] == found) if len(codes) else np.zeros(len(found), dtype=bool)
        m = sp.csr_matrix(
            (np.ones(int(known.sum()), np.float32), (doc[known], col[known])), shape=(len(texts), len(codes))
        )
        m.sum_duplicates()
        return m

    def fit(self, texts: Sequence[str]) -> BigramTfidf:
        """Learn the vocabulary and idf of ``texts``; returns self."""
        self._fit_counts(texts)
        return self

    def _fit_counts(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Fit, and return the counts of ``texts`` over the kept vocabulary (one sort of all bigrams)."""
        doc, found = bigram_codes(texts)
        order = np.argsort(found, kind="stable")
        ordered = found[order]
        first = np.r_[True, ordered[1:] != ordered[:-1]] if len(ordered) else np.zeros(0, dtype=bool)
        codes = ordered[first]
        col = np.empty(len(found), dtype=np.int64)
        col[order] = np.cumsum(first) - 1
        counts = sp.csr_matrix((np.ones(len(found), np.float32), (doc, col)), shape=(len(texts), len(codes)))
        counts.sum_duplicates()
        df = np.bincount(counts.indices, minlength=len(codes))
        keep = df <= self.max_df * len(texts) if len(texts) else np.ones(len(codes), dtype=bool)
        self.codes_ = codes[keep]
        self.idf_ = (np.log((1.0 + len(texts)) / (1.0 + df[keep])) + 1.0).astype(np.float32)
        return counts[:, np.flatnonzero(keep)].tocsr()

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Rows of l2-normalised sublinear TF-IDF, one per text (unknown bigrams ignored)."""
        if not hasattr(self, "codes_"):
            raise NotFitted("BigramTfidf is not fitted; call fit(texts) first")
        return self._weigh(self._counts(texts, self.codes_))

    def _weigh(self, m: sp.csr_matrix) -> sp.csr_matrix:
        np.log(m.data, out=m.data)
        m.data += 1.0
        m = m @ sp.diags(self.idf_)
        m = m.tocsr()
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return (sp.diags((1.0 / norms).astype(np.float32)) @ m).tocsr().astype(np.float32)

    def fit_transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return self._weigh(self._fit_counts(texts))

    @property
    def vocabulary_(self) -> dict[str, int]:
        """Bigram → column, for inspection (built on demand)."""
        mask = np.uint64((1 << 21) - 1)
        return {chr(int(c >> np.uint64(21))) + chr(int(c & mask)): k for k, c in enumerate(self.codes_)}
