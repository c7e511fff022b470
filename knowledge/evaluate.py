"""Cross-validated and held-out scores of the answer-or-decline model (``jiuye kb evaluate``).

Fits a fresh model on the shipped labelled questions (out-of-fold figures come from the fit itself)
and answers held-out files end to end: an answerable question counts when the reply carries every
must-string within WeChat's 2048 bytes, an out-of-scope one when the reply declines.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.answer import WECHAT_MAX_BYTES
from knowledge.corpus import load_documents
from knowledge.decider import MEMBERS, AnswerDecider, load_examples
from knowledge.features import Reader
from knowledge.index import PolicyIndex
from knowledge.respond import respond


@dataclass
class Score:
    name: str
    right: int
    answerable: int
    declined: int
    out_of_scope: int

    def line(self) -> str:
        return (f"{self.name}: 可答 {self.right}/{self.answerable} = {self.right / max(self.answerable, 1):.1%}，"
                f"不可答拒答 {self.declined}/{self.out_of_scope} = {self.declined / max(self.out_of_scope, 1):.1%}")


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def fit(kb_path: Path | None = None, *, use_vectors: bool = True, members: int = MEMBERS,
        random_state: int = 0) -> tuple[PolicyIndex, Reader, AnswerDecider]:
    """A fresh index, reader and decider on the shipped questions (no cache is read or written);
    ``members`` and ``random_state`` show how far the answers move with the draw of folds."""
    from core.vectors import get_vectors
    from knowledge.service import segment_documents

    index = PolicyIndex().fit(segment_documents(load_documents(kb_path)))
    reader = Reader(index, get_vectors())
    decider = AnswerDecider(use_vectors=use_vectors, members=members, random_state=random_state)
    return index, reader, decider.fit(load_examples(), reader)


def score_file(path: Path, index: PolicyIndex, reader: Reader, decider: AnswerDecider) -> Score:
    """End-to-end score of one labelled file ({"q", "must"} or {"q", "fallback": true} per line)."""
    right = answerable = declined = oos = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        ans = respond(index, reader, decider, row["q"])
        if row.get("fallback"):
            oos += 1
            declined += ans.fallback
        else:
            answerable += 1
            right += (not ans.fallback and len(ans.answer.encode("utf-8")) <= WECHAT_MAX_BYTES
                      and all(_flat(m) in _flat(ans.answer) for m in row["must"]))
    return Score(Path(path).name, right, answerable, declined, oos)
