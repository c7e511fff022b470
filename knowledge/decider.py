"""Answer or decline, learned from labelled questions.

Every labelled question (knowledge/data/questions/*.jsonl: ``{"q", "must"}`` answered by the clause
holding every must-string, or ``{"q", "fallback": true}`` outside the documents) is read by the
:class:`~knowledge.features.Reader`; each candidate clause is a row labelled 1 when it answers. Two
estimators learn from the rows:

* :class:`~knowledge.classifier.QuestionClassifier` — character n-grams of the message → which clause it is about. Its
  probability for a candidate joins that candidate's row (stacked: out-of-fold when training).
* :class:`AnswerDecider` — gradient boosting over the rows → P(this clause answers the ask). The
  best candidate answers when P reaches the operating point chosen by cross-validation so that ≥95%
  of out-of-scope questions are declined; a little below it, the best headings are offered as
  "did you mean" choices.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import NotFitted
from knowledge.classifier import QuestionClassifier
from knowledge.fast import FlatTrees
from knowledge.features import FEATURES, Reader, Reading
from knowledge.folds import FoldTfidf, batch_folds
from knowledge.message import split_message

DATA_DIR = Path(__file__).resolve().parent / "data" / "questions"
BATCH_SIZE = 70
NONE = "__none__"
TARGET_DECLINED = 0.955  # out-of-scope questions declined (cross-validated); held-out ones score a little higher
SUGGEST_RATIO = 0.45  # a best P at least this share of the threshold offers "did you mean" choices
FOLDS = 5  # whole batches per fold; None leaves one batch out (measured no better on a blind batch: docs/evaluation.md)
MEMBERS = 5  # fits averaged, each on its own draw of folds


@dataclass
class Example:
    """One labelled question: the must-strings of a right answer, or out of scope."""

    q: str
    must: list[str] = field(default_factory=list)
    fallback: bool = False
    source: str = ""
    adversarial: bool = False  # written as a near miss of an answerable twin: trains, never sets the threshold
    batch: str = ""  # the blind batch it was written in: cross-validation keeps a batch in one fold


def load_examples(paths: Iterable[Path] | None = None) -> list[Example]:
    """Labelled questions from JSONL files (default: every file in knowledge/data/questions)."""
    files = sorted(DATA_DIR.glob("*.jsonl")) if paths is None else list(paths)
    out: list[Example] = []
    for path in files:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
        for n, row in enumerate(rows):
            source = row.get("source") or Path(path).stem
            # A file holding several batches in order (own-blind01-14) is cut into batch-sized groups.
            batch = row.get("batch") or (f"{source}#{n // BATCH_SIZE}" if len(rows) > 2 * BATCH_SIZE else source)
            out.append(Example(row["q"], list(row.get("must") or []), bool(row.get("fallback")), source,
                               bool(row.get("adversarial")), batch))
    return out


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s or "")


def clause_answers(reader: Reader) -> list[str]:
    """Each clause's whole text (heading, body, units, context) without whitespace, for must-string checks."""
    return [_flat(c.heading + c.text + c.units_note + c.context) for c in reader.index.clauses_]


def positives(example: Example, texts: Sequence[str]) -> set[int]:
    """Clauses holding every must-string of an answerable question (empty for out-of-scope ones)."""
    if example.fallback or not example.must:
        return set()
    return {i for i, t in enumerate(texts) if all(_flat(m) in t for m in example.must)}


def _with_classifier(rows: np.ndarray, reading: Reading, margins: np.ndarray, nearest: np.ndarray,
                     classes: list[str], clause_ids: list[str], hide: frozenset[int] = frozenset()) -> np.ndarray:
    """Add the clause classifier's view of each candidate. A clause it has no questions for (an added
    document's, or one hidden in training to teach that case) gets ``clf_known`` 0 and neutral scores."""
    at = {c: i for i, c in enumerate(classes)}
    k_none = at.get(NONE)
    none = margins[k_none] if k_none is not None else 0.0
    near_none = nearest[k_none] if k_none is not None else 0.0
    top = float(np.max(margins)) if len(margins) else 0.0
    near_top = float(np.max(nearest)) if len(nearest) else 0.0
    extra = []
    for c in reading.candidates:
        j = at.get(clause_ids[c.index])
        if j is None or c.index in hide:
            extra.append([0.0, none, 0.0, 0.0, 0.0, near_none, near_top])
        else:
            extra.append([margins[j], none, margins[j] - top, 1.0, nearest[j], near_none, near_top])
    return np.hstack([rows, np.array(extra, dtype=np.float64).reshape(len(reading.candidates), 7)])


FEATURE_NAMES = (*FEATURES, "clf_score", "clf_none", "clf_gap", "clf_known", "near_clause", "near_none", "near_top")
_GATE_FROM = [FEATURE_NAMES.index(n) for n in (
    "near_none", "clf_none", "near_top", "near_clause", "clf_score", "oov_share", "kinds_asked",
    "kind_missing_clause", "kind_missing_sentence", "msg_len", "story", "n_groups", "vec_cov", "ask_cov",
    "uncovered_max", "full_cov")]


def _gate_row(p: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """A question's second-stage features: its candidates' probabilities, and the best one's evidence."""
    top = np.sort(p)[::-1]
    top3 = np.pad(top[:3], (0, max(0, 3 - len(top))))
    best = rows[int(np.argmax(p))]
    return np.concatenate([top3, [float(p.sum()), float((p > 0.2).sum())], best[_GATE_FROM]])


HIDE_SHARE = 0.4  # training questions whose right clause is hidden from the classifier (as if newly added)


@dataclass
class Decision:
    """What to do with a message: answer with a candidate, offer choices, or decline."""

    reading: Reading
    probabilities: np.ndarray
    best: int | None  # position in reading.candidates
    answer: bool
    suggestions: list[int] = field(default_factory=list)  # candidate positions, best first
    confidence: float = 0.0  # P(the best candidate answers the message), from the second stage


class AnswerDecider:
    """P(a candidate clause answers the message), and the operating point for answering.

    Parameters
    ----------
    target_declined : float
        Share of out-of-scope training questions (cross-validated) the threshold must decline.
    use_vectors : bool
        Whether the word-vector features are used (False zeroes them: the ablation).
    by_batch : bool
        Cross-validate with whole blind batches held out (first-contact-like), else random folds.
    """

    def __init__(self, target_declined: float = TARGET_DECLINED, use_vectors: bool = True, folds: int | None = FOLDS,
                 random_state: int = 0, by_batch: bool = True, members: int = MEMBERS):
        self.target_declined = target_declined
        self.by_batch = by_batch
        self.use_vectors = use_vectors
        self.folds = folds
        self.random_state = random_state
        self.members = members

    # -- training ---------------------------------------------------------------------------
    def _dataset(self, reader: Reader, examples: Sequence[Example]) -> tuple[list[Reading], list[set[int]]]:
        texts = clause_answers(reader)
        readings = [reader.read(split_message(e.q)) for e in examples]
        return readings, [positives(e, texts) for e in examples]

    def _mask(self, rows: np.ndarray) -> np.ndarray:
        if not self.use_vectors:
            rows = rows.copy()
            rows[:, [FEATURE_NAMES.index("vec_cov"), FEATURE_NAMES.index("vec_best")]] = 0.0
        return rows

    @staticmethod
    def _model(seed: int = 0):  # type: ignore[no-untyped-def]
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(max_iter=160, learning_rate=0.08, max_leaf_nodes=15,
                                              min_samples_leaf=15, l2_regularization=1.0, random_state=seed)

    def fit(self, examples: Sequence[Example], reader: Reader) -> AnswerDecider:
        """Fit the clause classifier and the decider, and choose the threshold by cross-validation.

        The decider is a bag of ``members`` fits, each with its own draw of batch folds: which batches
        share a fold moves a single fit's answers by several questions a batch (docs/evaluation.md), and
        the average of several draws does not depend on one. The threshold is read from the members'
        out-of-fold gates averaged per question, which is what the averaged decider will produce.
        """
        readings, pos = self._dataset(reader, examples)
        clause_ids = [c.id for c in reader.index.clauses_]
        usable = [i for i, e in enumerate(examples) if e.fallback or pos[i]]
        tfidf = FoldTfidf([QuestionClassifier.text_of(r) for r in readings])
        self.clause_ids_ = clause_ids
        fits = [self._fit_member(self.random_state + m, examples, readings, pos, usable, clause_ids, tfidf)
                for m in range(self.members)]
        # Per question: the best candidate by the members' mean out-of-fold probability, and the mean gate.
        scored: dict[int, tuple[int, float]] = {}
        for q in fits[0][2]:
            if all(q in f[2] for f in fits):
                p = np.mean([f[2][q][0] for f in fits], axis=0)
                scored[q] = (int(np.argmax(p)), float(np.mean([f[2][q][1] for f in fits])))
        self.threshold_ = self._choose_threshold(scored, examples)
        self.cv_ = self._cv_report(scored, examples, readings, pos, self.threshold_)
        self.members_ = [(model, gate) for model, gate, _ in fits]
        self.__dict__.pop("fast_", None)
        self.classifier_ = self._classifier(readings, pos, clause_ids, usable)
        return self

    def _fit_member(self, seed: int, examples: Sequence[Example], readings: list[Reading], pos: list[set[int]],
                    usable: list[int], clause_ids: list[str], tfidf: FoldTfidf
                    ) -> tuple[object, object, dict[int, tuple[np.ndarray, float]]]:
        """One draw of folds: the row model and the gate fitted on everything, and per question its
        candidates' out-of-fold probabilities and out-of-fold gate."""
        rng = np.random.default_rng(seed)
        if self.by_batch:
            folds = batch_folds(examples, self.folds, seed)
        else:
            folds = np.arange(len(examples)) % (self.folds or 5)
            rng.shuffle(folds)
        n_folds = int(folds.max()) + 1
        # Out-of-fold classifier scores, so the decider learns how far to trust them. A share of the
        # questions is seen a second time with its right clause hidden from the classifier, as the
        # clauses of a newly added document are: the decider must answer those on the other evidence.
        stacked: dict[int, np.ndarray] = {}
        hidden: dict[int, np.ndarray] = {}

        def fold_scores(k: int) -> tuple[list[int], np.ndarray, np.ndarray, list[str]]:
            train = [i for i in usable if folds[i] != k]
            test = [i for i in usable if folds[i] == k]
            if not test:
                return [], np.zeros(0), np.zeros(0), []
            rows, labels = self._labelled(pos, clause_ids, train)
            fold = tfidf.fit(rows)
            clf = QuestionClassifier().fit_matrix(fold.transform(rows), labels)
            return (test, *clf.scores_matrix(fold.transform(test)), clf.classes_)

        # Sequential: liblinear seeds one process-wide generator, so folds in threads would not repeat.
        for test, margins, nearest, classes in map(fold_scores, range(n_folds)):
            for i, m, n in zip(test, margins, nearest, strict=True):
                stacked[i] = _with_classifier(readings[i].rows, readings[i], m, n, classes, clause_ids)
                if pos[i] and rng.random() < HIDE_SHARE:
                    hidden[i] = _with_classifier(readings[i].rows, readings[i], m, n, classes, clause_ids,
                                                 hide=frozenset(pos[i]))
        x, y, owner = self._rows(stacked, readings, pos)
        xh, yh, owner_h = self._rows(hidden, readings, pos)
        # Out-of-fold decider probabilities choose the operating point (hidden copies train only).
        oof = np.zeros(len(y))
        for k in range(n_folds):
            if not (folds[owner] == k).any():
                continue
            fit_x = np.vstack([x[folds[owner] != k], xh[folds[owner_h] != k]])
            fit_y = np.concatenate([y[folds[owner] != k], yh[folds[owner_h] != k]])
            model = self._model(seed).fit(self._mask(fit_x), fit_y)
            oof[folds[owner] == k] = model.predict_proba(self._mask(x[folds[owner] == k]))[:, 1]
        # Second stage: is the question answerable at all, judged on all its candidates together (two
        # clauses at 0.45 that both answer say more than either alone).
        best = self._per_question(oof, owner)
        order = sorted(best)
        gx = np.array([_gate_row(oof[owner == q], x[owner == q]) for q in order])
        gy = np.array([int(not examples[q].fallback and readings[q].candidates[best[q][0]].index in pos[q])
                       for q in order])
        gfold = folds[order]
        gate_oof = np.zeros(len(order))
        for k in range(n_folds):
            if not (gfold == k).any():
                continue
            gate = self._gate_model(seed).fit(gx[gfold != k], gy[gfold != k])
            gate_oof[gfold == k] = gate.predict_proba(gx[gfold == k])[:, 1]
        per_question = {q: (oof[owner == q], float(g)) for q, g in zip(order, gate_oof, strict=True)}
        model = self._model(seed).fit(self._mask(np.vstack([x, xh])), np.concatenate([y, yh]))
        return model, self._gate_model(seed).fit(gx, gy), per_question

    @staticmethod
    def _gate_model(seed: int = 0):  # type: ignore[no-untyped-def]
        from sklearn.ensemble import HistGradientBoostingClassifier

        return HistGradientBoostingClassifier(max_iter=100, learning_rate=0.07, max_leaf_nodes=8,
                                              min_samples_leaf=20, l2_regularization=1.0, random_state=seed)

    @staticmethod
    def _labelled(pos: list[set[int]], clause_ids: list[str], which: list[int]) -> tuple[list[int], list[str]]:
        """Training rows of the clause classifier: a question once per clause that answers it."""
        rows: list[int] = []
        labels: list[str] = []
        for i in which:
            for target in sorted(pos[i]) or [-1]:
                rows.append(i)
                labels.append(clause_ids[target] if target >= 0 else NONE)
        return rows, labels

    @classmethod
    def _classifier(cls, readings: list[Reading], pos: list[set[int]], clause_ids: list[str],
                    which: list[int]) -> QuestionClassifier:
        rows, labels = cls._labelled(pos, clause_ids, which)
        return QuestionClassifier().fit([QuestionClassifier.text_of(readings[i]) for i in rows], labels)

    @staticmethod
    def _rows(stacked: dict[int, np.ndarray], readings: list[Reading], pos: list[set[int]]
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        xs: list[np.ndarray] = []
        ys: list[int] = []
        owners: list[int] = []
        for i, rows in sorted(stacked.items()):
            if not len(rows):
                continue
            xs.append(rows)
            ys.extend(int(c.index in pos[i]) for c in readings[i].candidates)
            owners.extend([i] * len(rows))
        if not xs:
            return np.zeros((0, len(FEATURE_NAMES))), np.zeros(0, dtype=int), np.zeros(0, dtype=int)
        return np.vstack(xs), np.array(ys), np.array(owners)

    @staticmethod
    def _per_question(oof: np.ndarray, owner: np.ndarray) -> dict[int, tuple[int, float]]:
        """Each question's best row (position within its candidates) and probability."""
        best: dict[int, tuple[int, float]] = {}
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        ends = np.r_[starts[1:], len(owner)]
        for a, b in zip(starts, ends, strict=True):
            j = int(np.argmax(oof[a:b]))
            best[int(owner[a])] = (j, float(oof[a + j]))
        return best

    def _choose_threshold(self, best: dict[int, tuple[int, float]], examples: Sequence[Example]) -> float:
        """The gate below which ``target_declined`` of the out-of-scope questions fall. Read with the
        Harrell-Davis estimator (a weighted mean of every order statistic): the tail it is read from holds
        a few questions per percent, and one order statistic there jumps by 0.05-0.10 between neighbours."""
        from scipy.stats.mstats import hdquantiles

        oos = sorted(p for q, (_, p) in best.items() if examples[q].fallback and not examples[q].adversarial)
        if not oos:
            return 0.5
        cut = float(np.asarray(hdquantiles(np.array(oos), prob=[self.target_declined]))[0])
        return min(max(cut + 1e-6, 0.2), 0.9)

    def _cv_report(self, best: dict[int, tuple[int, float]], examples: Sequence[Example], readings: list[Reading],
                   pos: list[set[int]], threshold: float) -> dict:
        right = answered_in = total_in = declined = total_oos = hard_declined = hard = 0
        by_source: dict[str, list[int]] = {}
        self.cv_outcomes_ = {}
        for q, (j, p) in best.items():
            e = examples[q]
            ok = (p < threshold) if e.fallback else (p >= threshold and readings[q].candidates[j].index in pos[q])
            self.cv_outcomes_[q] = (bool(ok), readings[q].candidates[j].index, p,
                                    any(c.index in pos[q] for c in readings[q].candidates))
            src = by_source.setdefault(e.source, [0, 0])
            src[0] += ok
            src[1] += 1
            if e.fallback and e.adversarial:
                hard += 1
                hard_declined += p < threshold
            elif e.fallback:
                total_oos += 1
                declined += p < threshold
            else:
                total_in += 1
                answered_in += p >= threshold
                right += ok
        missed = sum(1 for i, e in enumerate(examples) if not e.fallback and not pos[i])
        return {"in_scope_right": right / max(total_in, 1), "in_scope_answered": answered_in / max(total_in, 1),
                "out_of_scope_declined": declined / max(total_oos, 1), "in_scope": total_in,
                "near_miss_declined": hard_declined / max(hard, 1), "near_misses": hard,
                "out_of_scope": total_oos, "no_clause_holds_must": missed, "threshold": threshold,
                "by_source": {k: v[0] / v[1] for k, v in sorted(by_source.items())}}

    # -- use --------------------------------------------------------------------------------
    def decide(self, reading: Reading) -> Decision:
        """The best candidate and whether to answer with it, offer choices, or decline."""
        if not hasattr(self, "members_"):
            raise NotFitted("AnswerDecider is not fitted")
        if not reading.candidates:
            return Decision(reading, np.zeros(0), None, False)
        if "fast_" not in self.__dict__:  # one message at a time: the trees as arrays (knowledge.fast)
            self.fast_ = (FlatTrees([m for m, _ in self.members_]), FlatTrees([g for _, g in self.members_]))
        models, gates = self.fast_
        margins, nearest = self.classifier_.scores([QuestionClassifier.text_of(reading)])
        rows = _with_classifier(reading.rows, reading, margins[0], nearest[0], self.classifier_.classes_,
                                self.clause_ids_)
        each = models.predict_members(self._mask(rows))  # (candidates, members)
        p = each.mean(axis=1)
        order = [int(i) for i in np.argsort(-p)]
        best = order[0]
        gate_rows = np.stack([_gate_row(each[:, m], rows) for m in range(each.shape[1])])[:, None, :]
        gate = float(gates.predict_members(gate_rows).mean())
        answer = gate >= self.threshold_
        suggestions: list[int] = []
        if not answer and gate >= SUGGEST_RATIO * self.threshold_:
            suggestions = [i for i in order[:3] if p[i] >= 0.25 * p[best]]
        return Decision(reading, p, best, answer, suggestions, gate)
