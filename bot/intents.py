"""What a WeChat message asks for (its intent), learned from labelled messages in bot/data/intents/.

People write "我想找工作", "家门口有啥活干吗 采茶也行", "攻作", "莫再发了", "zhao gongzuo"; no word list
covers them. A logistic regression reads five views of the message: character n-grams (typos
and dialect keep most of their characters), jieba words, toneless pinyin syllables (攻作 and
工作 sound the same), the ask's characters, and the mean word vector of its words (core.vectors:
a word no training line holds, 做事 for 干活, still lands near its neighbours). It is refit from the labelled files when a process first needs it (about a
second); `jiuye intent --jsonl` prints its reading of each line.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from core.errors import InvalidInput
from core.pinyin_input import from_pinyin
from core.settings import get_settings
from core.text import jieba_instance, normalize, without_emoji_codes
from core.vectors import get_vectors
from knowledge.message import split_message

log = logging.getLogger(__name__)

INTENTS = ("job_search", "my_pushes", "register", "update_info", "my_info", "entitlements", "opt_out",
           "opt_in", "human", "greeting", "thanks_bye", "menu", "policy_question", "junk")
DATA_DIR = Path(__file__).parent / "data" / "intents"
_LATIN = re.compile(r"[a-z]+")
_TRAILING = re.compile(r"[。.!！~～]+$")

# Exact commands (menu words, SMS keywords such as 回T退订) win before any guess.
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("菜单", "帮助", "help", "menu", "0", "?", "？", "功能", "返回", "回主菜单", "主菜单", "返回主菜单",
                     "上一步", "返回上一步", "退回", "回到菜单", "回菜单"), "menu"),
    **dict.fromkeys(("你好", "您好", "hi", "hello", "在吗"), "greeting"),
    **dict.fromkeys(("人工", "找人工", "转人工", "人工服务", "客服"), "human"),
    **dict.fromkeys(("退订", "td", "t", "stop", "unsubscribe", "取消订阅", "不要推送", "取消推送"), "opt_out"),
    **dict.fromkeys(("订阅", "恢复订阅", "恢复推送"), "opt_in"),
    **dict.fromkeys(("找工作", "找岗位", "推荐工作", "有什么工作"), "job_search"),
    **dict.fromkeys(("我的推荐", "推荐记录"), "my_pushes"),
    **dict.fromkeys(("登记", "注册", "登记信息", "我要登记", "重新登记"), "register"),
    **dict.fromkeys(("修改信息", "登记/修改信息"), "update_info"),
    **dict.fromkeys(("我的信息", "我的资料"), "my_info"),
    **dict.fromkeys(("问政策",), "policy_question"),
}
# A likely opt-out (the runner-up at >= 0.25) is what the reading reports, so a refusal is never taken for
# something else; the bot acts on it from CLARIFY_BELOW up and otherwise offers it in the clarifying question.
# Batch-held-out cross-validation: 189 of 192 opt-outs caught, 12 false ones in 1,820 messages.
OPT_OUT_MIN = 0.25
# Below this the reading was right less than half the time in batch-held-out cross-validation (4.5 % of
# messages): ask back instead of guessing.
CLARIFY_BELOW = 0.4


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    also_ok: tuple[str, ...] = ()
    batch: str = ""


def load_examples(paths: Iterable[Path] | None = None) -> list[Example]:
    """Labelled messages; a bad line names its file and line instead of training on garbage."""
    out: list[Example] = []
    for path in sorted(paths if paths is not None else DATA_DIR.glob("*.jsonl")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                intent = row["intent"]
                text = str(row["text"])
            except (ValueError, KeyError, TypeError) as e:
                msg = f"{path.name} 第{no}行格式不对：{e}"
                raise InvalidInput(msg, message_zh=msg) from e
            if intent not in INTENTS:
                msg = f"{path.name} 第{no}行的意图“{intent}”不在清单里"
                raise InvalidInput(msg, message_zh=msg)
            out.append(Example(text, intent, tuple(row.get("also_ok") or ()), path.stem))
    return out


def _clean(text: str) -> str:
    return normalize(from_pinyin(without_emoji_codes(text)), keep_space=True).lower()  # xuefei → 学费


def _words(text: str) -> list[str]:
    return [w for w in jieba_instance().lcut(text.replace(" ", "")) if w.strip()]


# Polarity: "别推给我" and "推给我" share every n-gram but 别, so the words a negator governs are also
# counted as negated words ("¬推"), which the classifier weighs apart (negation marking, as in sentiment work).
_NEGATORS = frozenset(("别", "别再", "不", "不要", "不用", "不再", "不想", "不必", "不需要", "无需", "没必要", "甭", "莫", "勿"))
NEGATION_SCOPE = 3


def _with_negation(words: list[str]) -> list[str]:
    """The words, then each word within NEGATION_SCOPE words after a negator again, marked ``¬``."""
    marked: list[str] = []
    left = 0
    for w in words:
        if w in _NEGATORS:
            left = NEGATION_SCOPE
        elif left:
            marked.append("¬" + w)
            left -= 1
    return words + marked


def _syllables(text: str) -> list[str]:
    """Toneless pinyin of the Chinese characters, plus any pinyin the person typed themselves."""
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for tok in lazy_pinyin(text, errors=lambda s: " ".join(_LATIN.findall(s.lower()))):
        out.extend(_fold(t) for t in tok.split())
    return out


_FOLDS = [(re.compile(r"^([zcs])h"), r"\1"), (re.compile(r"^n(?=[aeiou])"), "l"), (re.compile(r"^f"), "h"),
          (re.compile(r"^hu(?=[aeio])"), "h"), (re.compile(r"(?<=[aeiu])ng$"), "n")]


def _fold(syllable: str) -> str:
    """A syllable as a Fujian accent may say it: 发/花 (f/h), 农/龙 (n/l), 信/幸 (-n/-ng), 是/四 (sh/s)
    sound alike, so voice input and typing by ear swap them."""
    for pattern, repl in _FOLDS:
        syllable = pattern.sub(repl, syllable)
    return syllable


def _ask(text: str) -> str:
    """The clause(s) carrying the request, so a story's last ask ("政府有没有扶持") is read apart from the story."""
    return split_message(text).ask or text


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _meaning(words: list[str]) -> np.ndarray:
    """Unit mean of the words' vectors (single characters only when the table holds them); zeros when none."""
    table = get_vectors(_vectors_dir())
    rows = [v for v in (table.vector(w) for w in words if len(w) > 1 or w in table) if v is not None]
    if not rows:
        return np.zeros(table.dim_, dtype=np.float64)
    mean = np.asarray(np.mean(rows, axis=0, dtype=np.float64))
    return mean / (float(np.linalg.norm(mean)) or 1.0)


def _vectors_dir() -> Path | None:
    cache = get_settings().model_cache_dir
    return Path(cache) / "vectors" if cache else None


class IntentClassifier:
    """fit(texts, intents) / predict(texts) → [(intent, probability)]; predict_proba for all intents.

    ``vector_weight`` scales the word-vector view: 0.5 was chosen by batch-held-out cross-validation
    (2,090 vs 2,088 of 2,218 without it; 1.0 gave 2,082) and by a blind batch written before the change.
    """

    def __init__(self, C: float = 8.0, ask_weight: float = 1.0, vector_weight: float = 0.5) -> None:
        self.C = C
        self.ask_weight = ask_weight
        self.vector_weight = vector_weight

    def _views(self, texts: Sequence[str], fit: bool = False):  # type: ignore[no-untyped-def]
        clean = [_clean(t) for t in texts]
        words = [_words(t) for t in clean]
        negated = [_with_negation(w) for w in words]
        sylls = [_syllables(t) for t in clean]
        asks = [_ask(t) for t in clean]
        meaning = csr_matrix(self.vector_weight * np.vstack([_meaning(w) for w in words]))
        if fit:
            self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, min_df=1,
                                          dtype=np.float32)
            self.words_ = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, dtype=np.float32)
            self.pinyin_ = TfidfVectorizer(tokenizer=_identity, preprocessor=_identity, token_pattern=None,
                                           lowercase=False, ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
            self.asks_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32)
            return hstack([self.chars_.fit_transform(clean), self.words_.fit_transform(negated),
                           0.7 * self.pinyin_.fit_transform(sylls), self.ask_weight * self.asks_.fit_transform(asks),
                           meaning]).tocsr()
        return hstack([self.chars_.transform(clean), self.words_.transform(negated),
                       0.7 * self.pinyin_.transform(sylls), self.ask_weight * self.asks_.transform(asks),
                       meaning]).tocsr()

    def fit(self, texts: Sequence[str], intents: Sequence[str]) -> IntentClassifier:
        x = self._views(texts, fit=True)
        self.model_ = LogisticRegression(C=self.C, max_iter=3000, class_weight="balanced")
        self.model_.fit(x, list(intents))
        self.classes_ = list(self.model_.classes_)
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if len(texts) == 1:  # one chat message: skip sklearn's per-call validation (~2 ms → ~0.2 ms)
            return self._one(texts[0])[None, :]
        return self.model_.predict_proba(self._views(texts))

    def _one(self, text: str) -> np.ndarray:
        """predict_proba for a single message, computed directly from the fitted vocabularies."""
        if not hasattr(self, "fast_"):
            self.fast_ = [(v.vocabulary_, v.idf_.astype(np.float64), w) for v, w in
                          ((self.chars_, 1.0), (self.words_, 1.0), (self.pinyin_, 0.7), (self.asks_, self.ask_weight))]
            self.analyzers_ = [self.chars_.build_analyzer(), self.words_.build_analyzer(),
                               self.pinyin_.build_analyzer(), self.asks_.build_analyzer()]
        clean = _clean(text)
        words = _words(clean)
        inputs = (clean, _with_negation(words), _syllables(clean), _ask(clean))
        logits = self.model_.intercept_.astype(np.float64).copy()
        coef = self.model_.coef_
        offset = 0
        for (vocab, idf, weight), analyse, doc in zip(self.fast_, self.analyzers_, inputs, strict=True):
            counts: dict[int, int] = {}
            for tok in analyse(doc):
                j = vocab.get(tok)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            if counts:
                idx = np.fromiter(counts, dtype=np.int64)
                vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * idf[idx]
                vals *= weight / np.linalg.norm(vals)
                logits += coef[:, offset + idx] @ vals
            offset += len(idf)
        if self.vector_weight:
            logits += coef[:, offset:] @ (self.vector_weight * _meaning(words))
        if logits.shape[0] == 1:  # two classes only (never with the shipped data)
            return np.array([1 - 1 / (1 + np.exp(-logits[0])), 1 / (1 + np.exp(-logits[0]))])
        e = np.exp(logits - logits.max())
        return e / e.sum()

    def predict(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        proba = self.predict_proba(texts)
        best = proba.argmax(axis=1)
        return [(self.classes_[i], float(p[i])) for i, p in zip(best, proba, strict=True)]

    def top(self, text: str, k: int = 2) -> list[tuple[str, float]]:
        """The k likeliest intents of one message, best first."""
        p = self.predict_proba([text])[0]
        order = np.argsort(-p)[:k]
        return [(self.classes_[i], float(p[i])) for i in order]


@dataclass(frozen=True)
class Reading:
    """What a message asks for: the intent, its probability, the runner-up, and whether to ask back."""

    intent: str
    score: float
    second: str = ""
    exact: bool = False

    @property
    def unsure(self) -> bool:
        return not self.exact and self.score < CLARIFY_BELOW


def command_word(text: str) -> str:
    """The message as a command word: normalised, lower case, trailing 。！~ dropped."""
    return _TRAILING.sub("", normalize(without_emoji_codes(text))).lower()


# One of our own pushes pasted back ("【就业帮扶】…招包装工…回复TD退订 这个还招吗"): its footer is our words
_QUOTED_PUSH = re.compile(r"【[^】]{1,12}】.{0,300}?(?:回复?\s*[“\"]?(?:TD|T|退订)[”\"]?\s*(?:退订|不再接收推荐)?)", re.S)


# The classifier knows a message is about pushes better than which way: a negator right before the push verb
# turns an opt-in reading into an opt-out, unless the refusal is reported from before ("之前说别发 现在又想要").
# Over every labelled file, 1 of 158 opt-in messages has such a negator without those words (a 150-character
# story, over the length cap).
_PUSH_REFUSED = re.compile(r"(?:别|不要|不用|甭|莫|勿|不必|无需|不需要)(?:再|也|都)?(?:给我|给俺|帮我)?(?:推|发)(?!了?[吗没不])")
_PUSH_WANTED_AGAIN = re.compile(r"之前|上次|以前|前面|去年|当时|那时|先前|继续|恢复|重新|还是\S?发|再给\S?[推发]|又想|又要|照常|照旧")
_OWN_WORDS_WIN = {"opt_out", "opt_in", "human", "register", "update_info", "my_info"}


def read_intent(text: str, classifier: IntentClassifier | None = None) -> Reading:
    """Exact commands first, then the classifier (an opt-out wins when it is likely enough). A pasted
    push is about that posting unless the person's own words around it clearly want something else."""
    if _QUOTED_PUSH.search(text or ""):
        rest = _QUOTED_PUSH.sub(" ", text).strip(" ，,。.…")
        own = _read(rest, classifier) if rest else Reading("my_pushes", 1.0)
        if own.intent in _OWN_WORDS_WIN and own.score >= 0.6:
            return own
        return Reading("my_pushes", max(own.score, 0.6), own.intent if own.intent != "my_pushes" else own.second)
    return _read(text, classifier)


def _read(text: str, classifier: IntentClassifier | None) -> Reading:
    word = command_word(text)
    if word in COMMANDS:
        return Reading(COMMANDS[word], 1.0, exact=True)
    if not word:
        return Reading("junk", 1.0, exact=True)
    clf = classifier or get_classifier()
    p = clf.predict_proba([text])[0]
    order = np.argsort(-p)
    best, second = clf.classes_[order[0]], clf.classes_[order[1]]
    opt, back = clf.classes_.index("opt_out"), clf.classes_.index("opt_in")
    # Runner-up only, and above 订阅: "再给我发吧" is not a refusal, "关注了" (a stray 0.3) is not either.
    if best != "opt_out" and clf.classes_[order[1]] == "opt_out" and p[opt] >= OPT_OUT_MIN and p[opt] > p[back]:
        return Reading("opt_out", float(p[opt]), best)
    if best == "opt_in" and len(word) <= 40 and _PUSH_REFUSED.search(word) and not _PUSH_WANTED_AGAIN.search(word):
        # "以后有新工作也别推给我": sure it is about pushes (both readings' probability), and the polarity is no
        return Reading("opt_out", float(p[back] + p[opt]), best)
    return Reading(best, float(p[order[0]]), second)


def _fingerprint(paths: list[Path]) -> str:
    from importlib.metadata import version

    h = hashlib.sha256()
    core = Path(__file__).parent.parent / "core"
    for path in [Path(__file__), core / "vectors.py", core / "pinyin_input.py", *paths]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    for lib in ("scikit-learn", "jieba", "pypinyin", "numpy", "cnsyn"):
        h.update(f"{lib}={version(lib)}".encode())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def get_classifier(cache_dir: Path | None = None) -> IntentClassifier:
    """The classifier fitted on the labelled files, once per process; kept on disk per data and code version."""
    paths = sorted(DATA_DIR.glob("*.jsonl"))
    cache = cache_dir if cache_dir is not None else get_settings().model_cache_dir
    target = Path(cache) / f"intents-{_fingerprint(paths)}.pkl" if cache else None
    if target is not None and target.is_file():
        try:
            with target.open("rb") as fh:
                clf = pickle.load(fh)
            if isinstance(clf, IntentClassifier):
                return clf
        except Exception:  # a torn or foreign file: fit again
            log.warning("intent model cache %s unreadable; fitting again", target)
    examples = load_examples(paths)
    if not examples:
        raise InvalidInput("no intent data", message_zh="没有意图训练数据（bot/data/intents/*.jsonl）")
    clf = IntentClassifier().fit([e.text for e in examples], [e.intent for e in examples])
    if target is not None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(clf, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)  # readers never see half a file
        except OSError:
            log.warning("intent model not cached in %s", target.parent)
    return clf
