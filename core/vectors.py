"""Chinese word vectors from the `cnsyn` wheel: similar words for words the documents never use.

The wheel carries 129,691 words × 75 dimensions (Apache-2.0) as a joblib pickle of an old
scikit-learn BallTree (``cnsyn/query/words_tree_mini.m``). Its own loader breaks on Linux and the
pickle names a class newer scikit-learn lays out differently, so we read only the arrays: the tree's
``data`` (one row per word, in the order of the ``words`` list). Nothing is downloaded; a converted
copy (``.npy``, memory-mapped, shared by worker processes) is written to a cache folder when one is
given.

>>> v = get_vectors()
>>> v.similar("种地", k=3)            # [("种田", 0.86), ("耕种", 0.80), ("种菜", 0.78)]
>>> v.vector("带孩子")                # not in the table: the mean of 带 and 孩子
"""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

SOURCE = "cnsyn/query/words_tree_mini.m"
_lock = threading.Lock()
_loaded: dict[str, WordVectors] = {}


class VectorsUnavailable(RuntimeError):
    """The word-vector table could not be read (package missing or file damaged)."""


def _source_file() -> Path:
    spec = importlib.util.find_spec("cnsyn")  # located, never imported: its __init__ opens an index
    if spec is None or not spec.submodule_search_locations:
        raise VectorsUnavailable("the cnsyn package is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "query" / "words_tree_mini.m"
    if not path.is_file():
        raise VectorsUnavailable(f"{path} is missing from the cnsyn package")
    return path


def _read_pickle(path: Path) -> tuple[list[str], np.ndarray]:
    """The words and their vectors out of cnsyn's pickle, without building its BallTree."""
    from joblib.numpy_pickle import NumpyUnpickler

    class _TreeState:  # stands in for sklearn's BallTree: keeps the pickled state tuple only
        state: tuple = ()

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def __setstate__(self, state: tuple) -> None:
            self.state = state

    class _Reader(NumpyUnpickler):
        def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
            if module.startswith("sklearn."):
                return _TreeState
            return super().find_class(module, name)

    with path.open("rb") as fh:
        saved = _Reader(str(path), fh, ensure_native_byte_order=True).load()
    words = list(saved["words"])
    data = np.asarray(saved["model"].state[0], dtype=np.float32)
    if data.ndim != 2 or data.shape[0] != len(words):
        raise VectorsUnavailable(f"unexpected vector table shape {data.shape} for {len(words)} words")
    data /= np.maximum(np.linalg.norm(data, axis=1, keepdims=True), 1e-9)
    return words, data


class WordVectors:
    """Unit-length word vectors with composition for unseen words.

    Parameters
    ----------
    words : list of str
        The vocabulary, row order of ``matrix``.
    matrix : ndarray of shape (n_words, dim)
        L2-normalised vectors (float32).
    """

    def __init__(self, words: list[str], matrix: np.ndarray):
        self.words_ = words
        self.matrix_ = matrix
        self.index_ = {w: i for i, w in enumerate(words)}
        self.dim_ = int(matrix.shape[1])

    def __contains__(self, word: str) -> bool:
        return word in self.index_

    def vector(self, text: str) -> np.ndarray | None:
        """A unit vector for a word; an unseen word is the mean of its dictionary words, else its characters."""
        i = self.index_.get(text)
        if i is not None:
            return np.asarray(self.matrix_[i])
        parts = [p for p in _pieces(text) if p in self.index_]
        if not parts:
            return None
        v = np.mean([self.matrix_[self.index_[p]] for p in parts], axis=0)
        n = float(np.linalg.norm(v))
        return v / n if n > 0 else None

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two words (0 when either has no vector)."""
        va, vb = self.vector(a), self.vector(b)
        return float(va @ vb) if va is not None and vb is not None else 0.0

    def similar(self, word: str, k: int = 10) -> list[tuple[str, float]]:
        """The k nearest words of the whole table, best first (the word itself left out)."""
        v = self.vector(word)
        if v is None:
            return []
        sims = np.asarray(self.matrix_ @ v)
        top = np.argpartition(-sims, min(k + 1, len(sims) - 1))[: k + 1]
        ranked = sorted(((self.words_[i], float(sims[i])) for i in top if self.words_[i] != word), key=lambda t: -t[1])
        return ranked[:k]

    def restrict(self, words: Iterable[str]) -> Lexicon:
        """A smaller table over the given words (e.g. a corpus vocabulary) for fast nearest-word look-ups."""
        kept, rows = [], []
        for w in dict.fromkeys(words):
            v = self.vector(w)
            if v is not None:
                kept.append(w)
                rows.append(v)
        matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, self.dim_), np.float32)
        return Lexicon(self, kept, matrix)


class Lexicon:
    """Nearest words among a fixed word list (the documents' words, the postings' trades)."""

    def __init__(self, vectors: WordVectors, words: list[str], matrix: np.ndarray):
        self.vectors = vectors
        self.words_ = words
        self.matrix_ = matrix
        self.index_ = {w: i for i, w in enumerate(words)}

    def nearest(self, word: str, k: int = 3, min_similarity: float = 0.0) -> list[tuple[str, float]]:
        """Up to k list words closest to ``word`` (itself excluded), each at least ``min_similarity``."""
        v = self.vectors.vector(word)
        if v is None or not self.words_:
            return []
        sims = self.matrix_ @ v
        order = np.argsort(-sims)[: k + 1]
        return [(self.words_[i], float(sims[i])) for i in order
                if self.words_[i] != word and sims[i] >= min_similarity][:k]

    def best_similarity(self, word: str, among: Iterable[str]) -> float:
        """The highest cosine between ``word`` and any of ``among`` (0 when none has a vector)."""
        v = self.vectors.vector(word)
        if v is None:
            return 0.0
        rows = [self.index_[w] for w in among if w in self.index_]
        if not rows:
            return 0.0
        return float(np.max(self.matrix_[rows] @ v))


def _pieces(text: str) -> list[str]:
    """Dictionary words inside an unseen word (带孩子 → 带, 孩子), else its characters."""
    from core.text import jieba_instance

    words = [w for w in jieba_instance().lcut(text, HMM=False) if w.strip()]
    if len(words) > 1:
        return words
    return [c for c in text if not c.isspace()]


def _load_cached(cache_dir: Path, source: Path) -> WordVectors:
    stamp = f"{source.stat().st_size}-{int(source.stat().st_mtime)}"
    words_file, matrix_file = cache_dir / "cnsyn-words.json", cache_dir / "cnsyn-vectors.npy"
    try:
        meta = json.loads(words_file.read_text(encoding="utf-8"))
        if meta.get("stamp") == stamp:
            matrix = np.load(matrix_file, mmap_mode="r")
            if matrix.shape[0] == len(meta["words"]):
                return WordVectors(meta["words"], matrix)
    except (OSError, ValueError, KeyError):
        pass
    words, matrix = _read_pickle(source)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = matrix_file.with_suffix(".tmp.npy")
        np.save(tmp, matrix)
        tmp.replace(matrix_file)
        tmp_words = words_file.with_suffix(".tmp")
        tmp_words.write_text(json.dumps({"stamp": stamp, "words": words}, ensure_ascii=False), encoding="utf-8")
        tmp_words.replace(words_file)
    except OSError:
        log.warning("could not cache word vectors under %s; they are read from the package each start", cache_dir)
    return WordVectors(words, matrix)


def get_vectors(cache_dir: Path | None = None) -> WordVectors:
    """The process-wide word vectors (read once; converted into ``cache_dir`` the first time when given)."""
    key = "table"  # one table per process, wherever its converted copy lives
    found = _loaded.get(key)
    if found is not None:
        return found
    with _lock:
        again = _loaded.get(key)
        if again is not None:
            return again
        source = _source_file()
        table = _load_cached(Path(cache_dir), source) if cache_dir is not None else WordVectors(*_read_pickle(source))
        _loaded[key] = table
    return table


def similar_words(word: str, k: int = 10) -> list[tuple[str, float]]:
    """The k words nearest to ``word`` in the shared table."""
    return get_vectors().similar(word, k)
