"""The policy index: an estimator over clauses with a word field and a character n-gram field.

>>> index = PolicyIndex().fit(clauses)
>>> hits = index.search("贫困家庭大学生找工作有补贴吗")
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from core.errors import NotFitted
from core.text import char_ngrams, jieba_instance, tokenize
from knowledge.query import MAX_QUESTION_CHARS, Analysed, TermGroup, analyse, pinyin_of
from knowledge.segment import Clause

AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:[-—]\d+)?\s*(?:万元|元|%|人次|名|万人|个|次|年|周岁|岁|人)")
DATE = re.compile(r"\d{4}年|\d{1,2}月\d{1,2}日|年底|每年|每半年|每季度|前将|之前|期限")
AMOUNT_BOOST = 0.4
AGE_LIMIT = re.compile(r"\d+周岁|年龄")
PLACE = re.compile(r"[\u4e00-\u9fff]{2}[县区]")
NOT_A_PLACE = ("重点县", "贫困县", "扶贫县", "本县", "各县", "每县", "两县", "设区", "地区", "社区", "苏区", "老区", "山区", "园区", "实验区")
RERANK_DEPTH = 8
UNITLESS_FACTOR = 0.4
OVERVIEW_FACTOR = 0.7
# Headings of a policy document's opening overview (goals, guiding ideas), standard in 行动方案/计划.
OVERVIEW_HEADINGS = ("总体要求", "指导思想", "目标任务", "工作目标", "基本原则", "主要目标")
COVERAGE_FLOOR = 0.1
EVERYDAY_FREQ = 5000  # jieba general-dictionary count above which a word is everyday Chinese
DOC_REF_WEIGHT = 2.5  # a document number ("251号") weighs like a fairly rare word


FUNCTION_CHARS = set("个过了着能想没不我你他她娘爸妈啥咋要会得的地是吗呢吧在有给把被让就都也还")
NOUN_TAGS = ("n", "j", "vn", "an")
LIGHT_VERB_CHARS = set("发办做干搞去来帮找拿领交弄前后报派买卖花招")  # in a word jieba made up, these mark a fragment
FRAMING_POS = set("rdpcuyemqozsf")
CONTEXT_POS = set("sf")  # place and position words (村里, 外面)  # jieba tags of words that frame a question rather than name a topic
QUESTION_CHARS = set("怎么什哪几多啥咋谁")


def is_overview(c: Clause) -> bool:
    """An overview clause: its own or its section's heading is a goals/guiding-ideas heading."""
    return any(h in (c.heading + " " + c.context) for h in OVERVIEW_HEADINGS)


def names_place(sentence: str) -> bool:
    """True when a sentence names a county or district (南平市浦城县), not just 重点县 or 山区."""
    return any(not m.group(0).endswith(NOT_A_PLACE) for m in PLACE.finditer(sentence))


def general_pos(word: str) -> str:
    """jieba's part-of-speech tag for a dictionary word ('' when unknown)."""
    from jieba.posseg import dt

    jieba_instance()
    return str(dt.word_tag_tab.get(word) or "")


def _hmm_word_names_topic(word: str) -> bool:
    """An HMM-made word names a topic when it holds no function character and jieba tags a noun in it."""
    from jieba import posseg

    if (FUNCTION_CHARS | LIGHT_VERB_CHARS).intersection(word) or "人" in word[:1]:  # 人去, 厅发: fragments
        return False
    return any(p.flag.startswith(NOUN_TAGS) for p in posseg.lcut(word))


def general_frequency(word: str) -> int:
    """Count of a word in jieba's general dictionary (0 when jieba does not know it)."""
    return int(jieba_instance().dt.FREQ.get(word) or 0)


@dataclass
class Hit:
    """A clause, its score, and its sentences ranked for this question."""

    clause: Clause
    score: float
    coverage: float
    covered_weight: float
    sentence_scores: list[float]
    strength: float = 0.0  # score per unit of the question's informative weight


class _Field:
    """Term weights (BM25 or TF-IDF) of one field over a set of texts, as a CSC matrix."""

    def __init__(self, docs: list[list[str]], scoring: str, k1: float, b: float):
        vocab: dict[str, int] = {}
        rows, cols, vals = [], [], []
        for i, terms in enumerate(docs):
            for t, c in Counter(terms).items():
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(c)
        n = len(docs)
        tf = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)), dtype=np.float64)
        df = np.bincount(cols, minlength=len(vocab)).astype(np.float64)
        if scoring == "bm25":
            idf = np.log1p((n - df + 0.5) / (df + 0.5))
            dl = np.asarray(tf.sum(axis=1)).ravel()
            norm = k1 * (1 - b + b * dl / max(dl.mean(), 1e-9))
            tf = tf.tocoo()
            w = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * idf[tf.col]
            weights = sparse.csr_matrix((w, (tf.row, tf.col)), shape=tf.shape)
        else:  # sublinear TF-IDF, rows L2-normalised (cosine with a plain query vector)
            idf = np.log((n + 1) / (df + 1)) + 1
            tf = tf.tocoo()
            w = (1 + np.log(tf.data)) * idf[tf.col]
            weights = sparse.csr_matrix((w, (tf.row, tf.col)), shape=tf.shape)
            lengths = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
            weights = sparse.diags(1 / np.maximum(lengths, 1e-9)) @ weights
        self.vocab = vocab
        self.idf = idf
        self.matrix = weights.tocsc()
        self.scoring = scoring

    def score(self, query: dict[str, float]) -> np.ndarray:
        # Gather the query terms' postings from the term-major copy: faster than slicing columns.
        if not hasattr(self, "by_term"):
            self.by_term = self.matrix.T.tocsr()
        n = self.matrix.shape[0]
        ids = [self.vocab[t] for t in query if t in self.vocab]
        if not ids:
            return np.zeros(n)
        q = np.array([query[t] for t in query if t in self.vocab])
        if self.scoring == "tfidf":
            q = q * self.idf[ids]
            q = q / max(np.linalg.norm(q), 1e-9)
        ptr, indices, data = self.by_term.indptr, self.by_term.indices, self.by_term.data
        spans = [(ptr[i], ptr[i + 1]) for i in ids]
        docs = np.concatenate([indices[a:b] for a, b in spans])
        weights = np.concatenate([data[a:b] * w for (a, b), w in zip(spans, q, strict=True)])
        return np.bincount(docs, weights=weights, minlength=n)


def clause_text(c: Clause) -> str:
    """What a clause says: its own heading twice, enclosing headings, body, units and 文号."""
    return " ".join([c.heading, c.heading, c.context, c.text, c.units_note, c.doc])


class PolicyIndex:
    """Clause retrieval over two fields: jieba words (+ synonyms) and character n-grams (typos).

    Parameters
    ----------
    scoring : {"bm25", "tfidf"}
        Term weighting of both fields.
    char_weight : float
        Weight of the character n-gram field beside the word field.
    clause_weight : float
        Weight of the whole-clause score added to each sentence's own score.
    k1, b : float
        BM25 parameters.
    min_score : float or None
        Retrieval score below which a clause never answers (default: 4 for BM25, 0.1 for TF-IDF).
    """

    def __init__(self, scoring: str = "bm25", char_weight: float = 0.35, clause_weight: float = 0.6,
                 k1: float = 1.2, b: float = 0.6, min_score: float | None = None):
        self.scoring = scoring
        self.char_weight = char_weight
        self.clause_weight = clause_weight
        self.k1 = k1
        self.b = b
        self.min_score = min_score

    def fit(self, clauses: list[Clause]) -> PolicyIndex:
        self.clauses_ = list(clauses)
        sentences: list[str] = []
        owner: list[int] = []
        for ci, c in enumerate(self.clauses_):
            for s in c.sentences or [c.text]:
                sentences.append(s)
                owner.append(ci)
        self.sentences_ = sentences
        self.sentence_owner_ = np.array(owner, dtype=np.int64)
        self.sentence_has_amount_ = np.array([bool(AMOUNT.search(s)) for s in sentences], dtype=np.float64)
        self.sentence_has_date_ = np.array([bool(DATE.search(s)) for s in sentences], dtype=np.float64)
        self.sentence_has_age_ = np.array([bool(AGE_LIMIT.search(s)) for s in sentences], dtype=np.float64)
        self.sentence_has_place_ = np.array([bool(names_place(s)) for s in sentences], dtype=np.float64)
        ctexts = [clause_text(c) for c in self.clauses_]
        cwords = [tokenize(t) for t in ctexts]
        swords = [tokenize(s) for s in sentences]
        args = (self.scoring, self.k1, self.b)
        # Retrieval also reads the document's title (an added notice's topic may be named only
        # there); coverage and word weights do not, or every clause of a document would "cover"
        # a question naming it.
        titled = [f"{t} {c.doc_title}" if c.doc_title else t for t, c in zip(ctexts, self.clauses_, strict=True)]
        title_words = {c.doc_title: tokenize(c.doc_title) for c in self.clauses_ if c.doc_title}
        self.clause_words_ = _Field([w + title_words.get(c.doc_title, []) for w, c in
                                     zip(cwords, self.clauses_, strict=True)], *args)
        self.clause_chars_ = _Field([char_ngrams(t) for t in titled], *args)
        self.sentence_words_ = _Field(swords, *args)
        self.sentence_chars_ = _Field([char_ngrams(s) for s in sentences], *args)
        self.clause_terms_ = [frozenset(w) for w in cwords]
        # Coverage reads what a clause says; its responsible units count only for "who" questions
        # (else 退休 would be "covered" by 省退休干部管理办公室).
        self.cover_texts_ = [" ".join([c.heading, c.context, c.text, c.doc, c.doc_title]) for c in self.clauses_]
        self.cover_terms_ = [frozenset(tokenize(t)) for t in self.cover_texts_]
        self.has_units_ = np.array([bool(c.units_note) for c in self.clauses_])
        self.prior_ = np.array([OVERVIEW_FACTOR if is_overview(c) else 1.0 for c in self.clauses_])
        self.min_score_ = self.min_score if self.min_score is not None else (4.0 if self.scoring == "bm25" else 0.1)
        # A clause that shares the question's words but matches them weakly (村干部 vs 干部, one
        # mention of 低保 in a list) scores low per unit of the question's informative weight.
        self.min_strength_ = 2.0 if self.scoring == "bm25" else 0.0
        self.vocabulary_ = frozenset(self.clause_words_.vocab)
        # Corpus words by sound, so a misspelt question word finds the word it meant.
        sound: dict[str, str] = {}
        for w in sorted(self.vocabulary_, key=lambda w: (-len(w), w)):
            if 2 <= len(w) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in w):
                sound.setdefault(pinyin_of(w), w)
        self.sound_alikes_ = sound
        # IDF over clauses (BM25 form, whatever the scoring) weighs the question's terms for coverage.
        n = len(self.clauses_)
        df = Counter(t for terms in self.clause_terms_ for t in terms)
        self.term_idf_ = {t: math.log1p((n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self.unseen_idf_ = math.log1p((n + 0.5) / 0.5)
        return self

    def _check(self) -> None:
        if not hasattr(self, "clauses_"):
            raise NotFitted("PolicyIndex is not fitted; call fit(clauses) or load a saved index")

    def analyse(self, question: str, max_chars: int = MAX_QUESTION_CHARS) -> Analysed:
        self._check()
        return analyse(question, vocabulary=self.vocabulary_, sound_alikes=self.sound_alikes_, max_chars=max_chars)

    def query_vectors(self, a: Analysed) -> tuple[dict[str, float], dict[str, float]]:
        words: dict[str, float] = {}
        for g in a.groups:
            for i, t in enumerate(g.terms):
                weight = 1.0 if i == 0 and not g.expansion else 0.8
                words[t] = max(words.get(t, 0.0), weight)
        chars: dict[str, float] = {}
        texts = [a.text, *a.numbers] + [t for g in a.groups for t in g.terms[1:]]
        for text in texts:
            for gram in char_ngrams(text):
                chars[gram] = chars.get(gram, 0.0) + 1.0
        return words, chars

    def coverage(self, a: Analysed, clause_index: int) -> tuple[float, float, float]:
        """IDF-weighted share of the question's informative words found in a clause, their weight, the total."""
        if a.asks_units:
            terms, text = self.clause_terms_[clause_index], clause_text(self.clauses_[clause_index])
        else:
            terms, text = self.cover_terms_[clause_index], self.cover_texts_[clause_index]
        total = got = 0.0
        for g in a.groups:
            if not g.required:
                continue
            w = self.term_weight(g)
            total += w
            got += w * self._found(g, terms, text)
        return (got / total if total else 0.0), got, total

    def covers_word(self, g: TermGroup, clause: Clause) -> bool:
        """Is the question word (or a whole dictionary word of it) in the clause?"""
        ci = next(i for i, c in enumerate(self.clauses_) if c.id == clause.id)
        return self._found(g, self.cover_terms_[ci], self.cover_texts_[ci]) >= 1.0

    @staticmethod
    def _found(g: TermGroup, terms: frozenset[str], text: str) -> float:
        """1 when the word or what it stands for is in the clause; a part of the word earns a share."""
        if g.word in terms or g.word in text:
            return 1.0
        if g.expansion:
            return 1.0 if any(t in terms or t in text for t in g.cover) else 0.0
        if any(t in terms or t in text for t in g.terms[1:] if len(t) >= len(g.word)):
            return 1.0
        n = len(g.word)
        if n >= 4 and n % 2 == 0 and g.word[: n // 2] in text and g.word[n // 2 :] in text:
            return 1.0  # 追究责任 ~ 责任追究: both halves present
        # 宅基地 is not 基地: a dictionary word inside the question word earns (share of length)².
        best = max((len(t) for t in g.terms[1:] if t in terms or t in text), default=0)
        return (best / n) ** 2

    def term_weight(self, g: TermGroup) -> float:
        """How much a question word says about which clause answers it.

        Corpus words weigh their IDF. A known colloquial phrase weighs what it stands for. A word the
        corpus lacks weighs as much as the rarest corpus word, unless it is everyday Chinese (时候,
        下来, 孩子: frequent in jieba's general dictionary), a framing word (adverb, pronoun, idiom:
        从来, 我家), an unseen verb (half) or a phrase jieba made up on the fly (开个, 没交过): those
        are mostly the speaker's own framing rather than the topic.
        """
        key = (g.word, g.expansion, g.canonical, g.doc_ref, g.terms[-1] if g.doc_ref else "")
        cache = self.__dict__.setdefault("_weights", {})
        found = cache.get(key)
        if found is None:
            found = cache[key] = self._term_weight(g)
            if len(cache) > 50_000:  # a long-running process meets new words forever
                cache.clear()
        return found

    def _term_weight(self, g: TermGroup) -> float:
        if g.doc_ref:  # "251号": names a document, as telling as a rare word
            return max(self.term_idf_.get(g.terms[-1], 0.0), DOC_REF_WEIGHT)
        if g.expansion and general_pos(g.word)[:1] in CONTEXT_POS:
            return 0.1 * self.unseen_idf_  # 村里, 城里, 附近: where the asker is, not what is asked
        if g.expansion:  # unseen canonical terms (生育, 就医) mean a topic the documents lack
            return max((self._canonical_weight(d) for d in g.canonical), default=1.0)
        if g.word in self.term_idf_:
            return self.term_idf_[g.word]
        freq = general_frequency(g.word)
        if freq == 0:  # made up by jieba's HMM: 开个, 干满 frame the question; 新冠, 产检 name a topic
            return (1.0 if _hmm_word_names_topic(g.word) else 0.1) * self.unseen_idf_
        tag = general_pos(g.word)
        if freq >= EVERYDAY_FREQ:  # everyday words: a noun (电话) still names something, 实在/不到 do not
            return (0.5 if tag[:1] == "n" else 0.1) * self.unseen_idf_
        if tag[:1] in FRAMING_POS:  # adverbs, pronouns (从来, 我家)
            return 0.1 * self.unseen_idf_
        if tag[:1] == "l" and (QUESTION_CHARS | FUNCTION_CHARS).intersection(g.word):  # 怎么回事 (not 自来水)
            return 0.1 * self.unseen_idf_
        if tag[:1] not in "nj" and FUNCTION_CHARS.intersection(g.word):  # 人去, 能免: fragments
            return 0.1 * self.unseen_idf_
        if tag[:1] == "a":  # an unseen adjective (合适) qualifies rather than names the topic
            return 0.5 * self.unseen_idf_
        if tag[:1] == "v":  # an unseen verb (拿到, 做工) says less than an unseen noun (医保, 房贷)
            return 0.5 * self.unseen_idf_
        return self.unseen_idf_

    def _canonical_weight(self, term: str) -> float:
        """A document term's IDF; a term jieba splits into corpus words (转移就业 → 转移, 就业) weighs
        its rarest word; only a term the corpus lacks (生育, 元/月) weighs as unseen."""
        if term in self.term_idf_:
            return self.term_idf_[term]
        parts = [t for t in tokenize(term, normalized=True) if len(t) >= 2]
        if parts and all(t in self.term_idf_ for t in parts):
            return max(self.term_idf_[t] for t in parts)
        return self.unseen_idf_

    def search(self, question: str | Analysed, k: int = 3) -> list[Hit]:
        """Best clauses for a question, each with its sentences' scores."""
        self._check()
        a = question if isinstance(question, Analysed) else self.analyse(question)
        words, chars = self.query_vectors(a)
        if not words and not chars:
            return []
        s_score = self.sentence_words_.score(words) + self.char_weight * self.sentence_chars_.score(chars)
        c_score = self.clause_words_.score(words) + self.char_weight * self.clause_chars_.score(chars)
        if a.asks_amount:  # "多少" wants a sentence that states an amount
            s_score = s_score * (1 + AMOUNT_BOOST * self.sentence_has_amount_)
        if a.asks_date:
            s_score = s_score * (1 + AMOUNT_BOOST * self.sentence_has_date_)
        if a.asks_age:  # a question giving an age wants the sentence with the age limit
            s_score = s_score * (1 + AMOUNT_BOOST * self.sentence_has_age_)
        if a.asks_place:  # "哪个县" wants a sentence that names one
            s_score = s_score * (1 + AMOUNT_BOOST * self.sentence_has_place_)
        combined = s_score + self.clause_weight * c_score[self.sentence_owner_]
        best = np.full(len(self.clauses_), -np.inf)
        np.maximum.at(best, self.sentence_owner_, combined)
        best = best * self.prior_  # overview clauses (总体要求…) mention everything and answer little
        if a.asks_units:  # "谁负责" is answered by a clause that names its responsible units
            best = best * np.where(self.has_units_, 1.0, UNITLESS_FACTOR)
        # Rerank the leading clauses by how much of the question each one covers: a summary
        # clause that mentions everything a little loses to the clause that answers.
        hits = []
        # Candidates: the best combined scores, and the best whole-clause scores (a short clause of an
        # added notice may match mainly through its document's title).
        depth = max(k, RERANK_DEPTH)
        candidates = dict.fromkeys([*np.argsort(-best)[:depth], *np.argsort(-c_score)[:depth]])
        for ci in candidates:
            if not np.isfinite(best[ci]) or best[ci] <= 0:
                continue
            mask = self.sentence_owner_ == ci
            cov, mass, total = self.coverage(a, int(ci))
            hits.append(Hit(self.clauses_[ci], float(best[ci]), cov, mass, [float(x) for x in s_score[mask]],
                            float(best[ci]) / total if total else 0.0))
        hits.sort(key=lambda h: -h.score * (COVERAGE_FLOOR + h.coverage) ** 3)
        hits = hits[:k]
        return hits
