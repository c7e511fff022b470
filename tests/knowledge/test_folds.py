"""The answer decider's folds: whole batches held out, and the per-fold TF-IDF equal to sklearn's."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from knowledge.decider import Example
from knowledge.folds import TFIDF, FoldTfidf, batch_folds

TEXTS = ["创业补贴能给多少", "创业担保贷款怎么申请", "技校毕业有没有补贴", "技工院校学生补助多少",
         "公益性岗位谁能干", "扶贫车间在哪里", "我想找工作", "俺娘六十了能补交养老保险不",
         "求职创业补贴2000元", "培训补贴去哪领", "外出务工交通补助", "补贴补贴补贴"]


def test_fold_weighting_equals_fitting_tfidf_on_the_fold():
    rows = [0, 1, 2, 3, 4, 5, 6, 7, 3, 3]  # a question with several right clauses repeats
    test = [8, 9, 10, 11]
    fold = FoldTfidf(TEXTS).fit(rows)
    ref = TfidfVectorizer(**TFIDF, sublinear_tf=True, min_df=2, dtype=np.float32)
    want_train = ref.fit_transform([TEXTS[i] for i in rows]).toarray()
    want_test = ref.transform([TEXTS[i] for i in test]).toarray()
    assert fold.transform(rows).shape == want_train.shape
    np.testing.assert_allclose(fold.transform(rows).toarray(), want_train, atol=1e-6)
    np.testing.assert_allclose(fold.transform(test).toarray(), want_test, atol=1e-6)


def test_leave_one_batch_out_gives_each_batch_its_own_fold():
    examples = [Example(q, batch=b) for q, b in zip(TEXTS, "aaabbbbccdde", strict=True)]
    folds = batch_folds(examples, None)
    by_batch = {e.batch: folds[i] for i, e in enumerate(examples)}
    assert len(set(by_batch.values())) == 5
    assert all(folds[i] == by_batch[e.batch] for i, e in enumerate(examples))
    grouped = batch_folds(examples, 2)
    assert set(grouped) == {0, 1} and all(grouped[i] == grouped[0] for i in range(3))
