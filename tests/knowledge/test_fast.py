"""The one-message fast path decides exactly as the fitted sklearn models do."""

from __future__ import annotations

import numpy as np

from knowledge.classifier import QuestionClassifier
from knowledge.decider import _with_classifier, load_examples
from knowledge.fast import FlatTrees
from knowledge.message import split_message
from tests.knowledge.policy_corpus import seed_answerer


def _messages() -> list[str]:
    texts = [e.q for e in load_examples()]
    return texts[::7] + ["俺今年五十六 老伴前年走了 我在家种茶 村里有公益性岗位吗", "asdf", "护林员工资多少钱一个月"]


def test_one_text_scores_equal_the_vectorizer_and_svm():
    clf = seed_answerer().decider.classifier_
    texts = [QuestionClassifier.text_of(t) for t in _messages()]
    margins, nearest = clf.scores(texts)  # many at once: sklearn's own path
    for i, text in enumerate(texts):
        m, n = clf.scores([text])  # one: the fast path
        np.testing.assert_allclose(m[0], margins[i], atol=1e-5)
        np.testing.assert_allclose(n[0], nearest[i], atol=1e-5)


def test_flat_trees_equal_sklearns_gradient_boosting():
    answerer = seed_answerer()
    decider = answerer.decider
    rows = []
    for text in _messages():
        reading = answerer.reader.read(split_message(text))
        if reading.candidates:  # the rows decide() gives the model
            margins, nearest = decider.classifier_.scores([QuestionClassifier.text_of(reading)])
            rows.append(decider._mask(_with_classifier(reading.rows, reading, margins[0], nearest[0],
                                                       decider.classifier_.classes_, decider.clause_ids_)))
    x = np.vstack(rows)
    x[::11, 0] = np.nan  # a missing value takes the side the tree learned for it
    np.testing.assert_allclose(FlatTrees(decider.members_[0][0]).predict_proba(x), decider.members_[0][0].predict_proba(x), atol=1e-9)


def test_the_members_walked_together_equal_each_sklearn_model():
    answerer = seed_answerer()
    decider = answerer.decider
    assert len(decider.members_) > 1  # the decider averages several fits
    reading = answerer.reader.read(split_message("俺今年五十六 老伴前年走了 我在家种茶 村里有公益性岗位吗"))
    margins, nearest = decider.classifier_.scores([QuestionClassifier.text_of(reading)])
    x = decider._mask(_with_classifier(reading.rows, reading, margins[0], nearest[0],
                                       decider.classifier_.classes_, decider.clause_ids_))
    models = [m for m, _ in decider.members_]
    together = FlatTrees(models).predict_members(x)
    for k, model in enumerate(models):
        np.testing.assert_allclose(together[:, k], model.predict_proba(x)[:, 1], atol=1e-9)
    # each model reading its own rows (the gates: one row per member)
    per_member = np.stack([x[k : k + 1] for k in range(len(models))])
    alone = FlatTrees(models).predict_members(per_member)
    for k, model in enumerate(models):
        np.testing.assert_allclose(alone[0, k], model.predict_proba(x[k : k + 1])[0, 1], atol=1e-9)
