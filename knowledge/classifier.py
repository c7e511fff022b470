"""Which clause a message is about: a linear SVM over character n-grams, and the nearest labelled question."""

from __future__ import annotations

import numpy as np

from core.errors import NotFitted
from knowledge.fast import OneText
from knowledge.features import Reading
from knowledge.folds import TFIDF
from knowledge.message import split_message


class QuestionClassifier:
    """Character n-grams of a message → the clause it is about (or none), two ways: a linear SVM's
    margin per clause, and the nearest labelled question of each clause (cosine), so a message close
    to a known out-of-scope question is recognised as one.

    Parameters
    ----------
    C : float
        Inverse regularisation of the linear SVM.
    """

    def __init__(self, C: float = 0.5):
        self.C = C

    @staticmethod
    def text_of(reading_or_text: Reading | str) -> str:
        if isinstance(reading_or_text, str):
            m = split_message(reading_or_text)
        else:
            m = reading_or_text.message
        return f"{m.ask} {m.ask} {m.text}"  # the ask counts twice

    def fit(self, texts: list[str], labels: list[str]) -> QuestionClassifier:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer_ = TfidfVectorizer(**TFIDF, sublinear_tf=True, min_df=2, dtype=np.float32)
        return self.fit_matrix(self.vectorizer_.fit_transform(texts), labels)

    def fit_matrix(self, x, labels: list[str]) -> QuestionClassifier:  # type: ignore[no-untyped-def]
        """Fit on rows already weighted (cross-validation folds: see :class:`knowledge.folds.FoldTfidf`)."""
        from sklearn.svm import LinearSVC

        self.model_ = LinearSVC(C=self.C, random_state=0)  # its coordinate descent shuffles: fix it, or every build differs
        self.model_.fit(x, labels)
        self.__dict__.pop("fast_", None)
        self.classes_ = list(self.model_.classes_)
        self.examples_ = x.T.tocsr()  # terms × examples, rows L2-normalised by the vectorizer
        at = {c: i for i, c in enumerate(self.classes_)}
        self.example_class_ = np.array([at[label] for label in labels])
        return self

    def one_text(self) -> OneText:
        """The fitted models read for one text at a time (built on first use, not saved)."""
        if "fast_" not in self.__dict__:
            self.fast_ = OneText(self.vectorizer_, self.model_, self.examples_, self.example_class_,
                                 len(self.classes_))
        return self.fast_

    def scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text and class: the SVM's margin, and the cosine to the class's nearest labelled question."""
        if not hasattr(self, "model_"):
            raise NotFitted("QuestionClassifier is not fitted")
        if len(texts) == 1:
            margins, nearest = self.one_text().scores(texts[0])
            return margins[None, :], nearest[None, :]
        return self.scores_matrix(self.vectorizer_.transform(texts))

    def scores_matrix(self, x) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
        """:meth:`scores` of rows already weighted like the training rows."""
        margins = np.asarray(self.model_.decision_function(x)).reshape(x.shape[0], -1)
        sims = np.asarray((x @ self.examples_).todense()) if x.shape[0] else np.zeros((0, 0))
        nearest = np.zeros((x.shape[0], len(self.classes_)))
        for k in range(len(self.classes_)):
            members = self.example_class_ == k
            if members.any():
                nearest[:, k] = sims[:, members].max(axis=1)
        return margins, nearest
