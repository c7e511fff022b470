"""How well the intent classifier reads messages it was not trained on (``jiuye intent --evaluate``).

Cross-validation holds out one whole labelled batch at a time, so a fold is a new writer's style,
not a near-copy of its training lines; a held-out file is scored by the classifier fitted on all data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.intents import Example, IntentClassifier, load_examples, read_intent


@dataclass
class Score:
    right: int = 0
    total: int = 0
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    false_opt_out: int = 0

    def line(self, name: str) -> str:
        rec = "，".join(f"{k} {r}/{t}" for k, (r, t) in sorted(self.recall.items()) if k in ("opt_out", "job_search"))
        return (f"{name}：{self.right}/{self.total} = {self.right / max(self.total, 1):.1%}；{rec}；"
                f"误判为退订 {self.false_opt_out}")


def score(examples: Sequence[Example], clf: IntentClassifier) -> Score:
    s = Score()
    right, total = Counter[str](), Counter[str]()
    for e in examples:
        got = read_intent(e.text, clf).intent
        ok = got in (e.intent, *e.also_ok)
        s.right += ok
        s.total += 1
        total[e.intent] += 1
        right[e.intent] += got == e.intent or ok
        s.false_opt_out += got == "opt_out" and not ok
    s.recall = {k: (right[k], total[k]) for k in total}
    return s


def by_batch(examples: Sequence[Example], progress: Callable[[str], None] | None = None) -> Score:
    """Each batch scored by a classifier fitted on all the others."""
    out = Score()
    recall: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for batch in sorted({e.batch for e in examples}):
        train = [e for e in examples if e.batch != batch]
        test = [e for e in examples if e.batch == batch]
        clf = IntentClassifier().fit([e.text for e in train], [e.intent for e in train])
        s = score(test, clf)
        out.right += s.right
        out.total += s.total
        out.false_opt_out += s.false_opt_out
        for k, (r, t) in s.recall.items():
            recall[k] += r
            totals[k] += t
        if progress:
            progress(f"{batch}: {s.right}/{s.total}")
    out.recall = {k: (recall[k], totals[k]) for k in totals}
    return out


def held_out(path: Path, examples: Sequence[Example] | None = None) -> Score:
    data = list(examples) if examples is not None else load_examples()
    clf = IntentClassifier().fit([e.text for e in data], [e.intent for e in data])
    return score(load_examples([path]), clf)
