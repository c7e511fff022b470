"""One message at a time, without sklearn's per-call overhead: the same numbers, a fraction of the time.

A chat message is decided alone. sklearn's gradient boosting walks its trees one Python call per tree
(~1.5 ms for 160 trees) and its vectorizer validates its input on every call; here the fitted
models are read into flat arrays once and evaluated with a few numpy operations. Tests check that
the results equal sklearn's.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class FlatTrees:
    """Fitted binary HistGradientBoostingClassifiers as arrays: every tree of every model walked at once,
    level by level (the decider averages several models: one walk costs little more than one model's)."""

    def __init__(self, models: Any):
        models = list(models) if isinstance(models, (list, tuple)) else [models]
        trees, owner = [], []
        for m, model in enumerate(models):
            mine = [iteration[0] for iteration in model._predictors]  # binary: one tree per iteration
            if model.n_trees_per_iteration_ != 1 or any(t.nodes["is_categorical"].any() for t in mine):
                raise ValueError("FlatTrees handles binary models on numeric features only")
            trees += mine
            owner += [m] * len(mine)
        size = max(len(t.nodes) for t in trees)
        shape = (len(trees), size)
        self.feature = np.zeros(shape, dtype=np.int64)
        self.threshold = np.zeros(shape)
        self.missing_left = np.zeros(shape, dtype=bool)
        self.left = np.zeros(shape, dtype=np.int64)
        self.right = np.zeros(shape, dtype=np.int64)
        self.leaf = np.ones(shape, dtype=bool)
        self.value = np.zeros(shape)
        for i, t in enumerate(trees):
            n = t.nodes
            k = len(n)
            # a leaf's feature index is not set; every walk step reads one, so point leaves at column 0
            self.feature[i, :k] = np.where(n["is_leaf"], 0, n["feature_idx"])
            self.threshold[i, :k] = n["num_threshold"]
            self.missing_left[i, :k] = n["missing_go_to_left"].astype(bool)
            self.left[i, :k], self.right[i, :k] = n["left"], n["right"]
            self.leaf[i, :k], self.value[i, :k] = n["is_leaf"].astype(bool), n["value"]
        self.depth = int(max(t.nodes["depth"].max() for t in trees))
        self.baseline = np.array([float(np.ravel(model._baseline_prediction)[0]) for model in models])
        self.trees = np.arange(len(trees))[None, :]
        self.owner = np.array(owner)
        self.members = np.eye(len(models))[self.owner]  # tree → its model, to sum each model's trees

    def predict_members(self, x: np.ndarray) -> np.ndarray:
        """P(class 1) from each model: (rows, models). ``x`` is (rows, features) for all models alike, or
        (models, rows, features) when each model reads its own rows."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 2:
            x = x[None, :, :]
        own = self.owner[None, :] if x.shape[0] > 1 else np.zeros((1, 1), dtype=np.int64)
        rows = np.arange(x.shape[1])[:, None]
        node = np.zeros((x.shape[1], self.trees.shape[1]), dtype=np.int64)
        for _ in range(self.depth):
            at = (self.trees, node)
            value = x[own, rows, self.feature[at]]
            go_left = np.where(np.isnan(value), self.missing_left[at], value <= self.threshold[at])
            node = np.where(self.leaf[at], node, np.where(go_left, self.left[at], self.right[at]))
        raw = self.baseline + self.value[self.trees, node] @ self.members
        return 1.0 / (1.0 + np.exp(-raw))

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        """As one model's predict_proba, (rows, 2); with several models, their mean."""
        p = self.predict_members(x).mean(axis=1)
        return np.column_stack([1.0 - p, p])


class OneText:
    """A fitted TfidfVectorizer + LinearSVC + nearest-example table read for one text at a time."""

    def __init__(self, vectorizer: Any, model: Any, examples: Any, example_class: np.ndarray, n_classes: int):
        self.vocabulary = vectorizer.vocabulary_
        self.idf = vectorizer.idf_.astype(np.float64)
        self.analyse = vectorizer.build_analyzer()
        self.sublinear = bool(vectorizer.sublinear_tf)
        self.coef = np.asarray(model.coef_, dtype=np.float64)
        self.intercept = np.asarray(model.intercept_, dtype=np.float64)
        self.examples = examples.tocsr()  # terms × labelled questions
        order = np.argsort(example_class, kind="stable")
        self.order = order
        counts = np.bincount(example_class, minlength=n_classes)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        self.present = counts > 0

    def scores(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(margins, nearest) for one text, as QuestionClassifier.scores gives for [text]."""
        counts: dict[int, int] = {}
        for tok in self.analyse(text):
            j = self.vocabulary.get(tok)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        nearest = np.zeros(len(self.present))
        if not counts:
            return self.intercept.copy(), nearest
        idx = np.fromiter(counts, dtype=np.int64)
        tf = np.fromiter(counts.values(), dtype=np.float64)
        vals = ((1.0 + np.log(tf)) if self.sublinear else tf) * self.idf[idx]
        vals /= np.linalg.norm(vals)
        margins = self.intercept + self.coef[:, idx] @ vals
        sims = np.asarray(self.examples[idx].T @ vals).ravel()[self.order]
        nearest[self.present] = np.maximum.reduceat(sims, self.starts[self.present])
        return margins, nearest
