"""Kinds of work through word vectors: words no family lists (装载机, 养猪场, 烤烟) → the nearest family.

Each job family has a centroid: the mean vector of its words (``core.vectors``). A word of the
vector table belongs to a family when it is close to that centroid (``min_similarity``) and clearly
closer than to any other family (``min_margin``): one noisy neighbour cannot pull it in, since the
centroid averages many words. The whole table is read once and reduced to a small word → family
map, saved under the data directory keyed by a hash of the families file, the vector table and this
module's parameters, so other processes load it in milliseconds.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from core.gazetteer import get_gazetteer
from matching.kinds import FAMILIES_FILE, get_families

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.72
MIN_MARGIN = 0.08
VERSION = "vk-1"
_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
_lock = threading.Lock()


def _cache_dir() -> Path:
    from core.settings import get_settings

    return Path(os.environ.get("JIUYE_CACHE_DIR") or get_settings().data_dir / "cache")


def build(min_similarity: float = MIN_SIMILARITY, min_margin: float = MIN_MARGIN) -> dict[str, tuple[str, float]]:
    """word → (family id, cosine to its centroid) for every table word that clearly belongs to one family."""
    from core.vectors import get_vectors

    v = get_vectors(_cache_dir())
    fam = get_families()
    listed = {w for f in fam.by_id.values() for w in f.words}
    centroids = []
    for fid in fam.ids:
        rows = [v.index_[w] for w in fam.by_id[fid].words if w in v.index_]
        c = np.asarray(v.matrix_[rows]).mean(axis=0) if rows else np.zeros(v.dim_, np.float32)
        centroids.append(c / max(float(np.linalg.norm(c)), 1e-9))
    C = np.asarray(centroids, dtype=np.float32)
    M = np.asarray(v.matrix_, dtype=np.float32)
    # Rare words of the table share one filler vector: a vector many words hold says nothing.
    _, inverse, counts = np.unique(np.round(M[:, :8], 4), axis=0, return_inverse=True, return_counts=True)
    shared = counts[inverse.ravel()] > 3
    sims = M @ C.T
    order = np.argsort(-sims, axis=1)[:, :2]
    best = sims[np.arange(len(M)), order[:, 0]]
    margin = best - sims[np.arange(len(M)), order[:, 1]]
    keep = np.flatnonzero((best >= min_similarity) & (margin >= min_margin) & ~shared)
    out: dict[str, tuple[str, float]] = {}
    for i in keep:
        w = v.words_[i]
        if _WORD.fullmatch(w) and w not in listed:
            out[w] = (fam.ids[order[i, 0]], round(float(best[i]), 3))
    return out


def _key() -> str:
    from core.vectors import _source_file

    src = _source_file()
    body = f"{VERSION}|{MIN_SIMILARITY}|{MIN_MARGIN}|{src.stat().st_size}|"
    body += hashlib.sha256(FAMILIES_FILE.read_bytes()).hexdigest()
    return hashlib.sha256(body.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def vector_kinds() -> dict[str, tuple[str, float]]:
    """The word → (family, similarity) map, loaded from the cache or built once (about 2 s)."""
    with _lock:
        path = _cache_dir() / f"vector-kinds-{_key()}.json"
        try:
            return {w: (f, s) for w, (f, s) in json.loads(path.read_text(encoding="utf-8")).items()}
        except (OSError, ValueError):
            pass
        table = build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            log.warning("could not save the vector kinds map: %s", exc)
        return table


@lru_cache(maxsize=100_000)
def similar_kinds(text: str) -> tuple[tuple[str, str], ...]:
    """(family, word) for the words of ``text`` (normalised) that the vectors place in a family."""
    from core.text import jieba_instance

    table = vector_kinds()
    found: dict[str, str] = {}
    for run in _WORD.findall(text):
        for w in jieba_instance().lcut(run, HMM=False):
            hit = table.get(w)
            if hit and hit[0] not in found:
                found[hit[0]] = w
    return tuple(found.items())


_WORK_CUE = re.compile(r"会|做|干|当|在|开|种|养|修|学|跑|搞|懂|从事|想|要|希望|愿意|找")


def kinds_by_vectors(text: str) -> dict[str, str]:
    """Kinds the word lists miss, read through word vectors, from clauses that name no kind at all."""
    if not similar_kinds(text):  # no word of the text is placed by the vectors: nothing to look at
        return {}
    fam, g = get_families(), get_gazetteer()
    out: dict[str, str] = {}
    for clause in re.split(r"[，,。；;！!\s]", text):
        if clause and not fam.scan(clause) and not fam.scan_misspelt(clause):
            for fid, word in similar_kinds(clause):
                cue = _WORK_CUE.search(clause)
                # said as work done or wanted (开过装载机, 在养猪场干过), not a circumstance (孩子在上学);
                # a place name is no trade (石狮 is not 石雕)
                if cue and cue.start() <= clause.find(word) and not g.find(word):
                    out.setdefault(fid, word)
    return out
