"""The naive peer of benchmarks/match.py, as a program of its own (imports nothing of jiuye).

    python benchmarks/naive_peer.py LABOURERS.jsonl POSTINGS.jsonl OUT.jsonl [TOP]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np


def naive_peer(labourers: Path, postings: Path, out: Path, k: int, chunk: int = 2000) -> None:
    """The peer, end to end: read both files, char 1–2-gram TF-IDF cosine top-k, no rules, write JSON lines."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    jobs = [json.loads(x) for x in postings.read_text(encoding="utf-8").splitlines() if x.strip()]
    people = [json.loads(x) for x in labourers.read_text(encoding="utf-8").splitlines() if x.strip()]
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
    J = vec.fit_transform([f"{j['title']} {j.get('description') or ''}" for j in jobs]).T.tocsr()
    X = vec.transform([f"{p['skills']} {p['wishes']}" for p in people]).tocsr()
    with out.open("w", encoding="utf-8") as fh:
        for s in range(0, X.shape[0], chunk):
            S = (X[s : s + chunk] @ J).toarray()
            top = np.argpartition(-S, k - 1, axis=1)[:, :k]
            for r, cols in enumerate(top):
                cols = cols[np.argsort(-S[r, cols])]
                fh.write(json.dumps({"labourer_id": people[s + r]["id"], "matches": [
                    {"posting_id": jobs[c]["id"], "score": round(float(S[r, c]), 4)} for c in cols]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    naive_peer(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 5)
