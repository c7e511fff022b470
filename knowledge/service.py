"""Knowledge-base services: the process-wide answerer (persisted index) and the unanswered-question list.

The WeChat bot calls ``get_answerer(settings).answer(text)``; the CLI and the API do the same.
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import text as core_text
from core.errors import InvalidInput, NotFound
from core.settings import Settings
from core.text import SYNONYMS, USERDICT, clean_text
from core.timeutil import utcnow
from knowledge.answer import Answer, Source, fallback_answer
from knowledge.corpus import Document, corpus_hash, load_documents
from knowledge.decider import DATA_DIR, AnswerDecider, Example, load_examples
from knowledge.features import Reader
from knowledge.index import PolicyIndex
from knowledge.models import UNANSWERED_STATUSES, UnansweredQuestion
from knowledge.query import clip_question
from knowledge.segment import Clause, segment

__all__ = ["Answer", "Answerer", "Source", "get_answerer", "list_unanswered", "record_unanswered"]

log = logging.getLogger(__name__)

INDEX_FILE = "index.pkl"
_CODE_FILES = [Path(__file__).with_name(n) for n in ("clean.py", "segment.py", "query.py", "index.py", "message.py",
                                                     "features.py", "decider.py", "folds.py", "answer_rules.py")]
_CODE_FILES += [Path(core_text.__file__), Path(core_text.__file__).with_name("numbers.py"),
                Path(core_text.__file__).with_name("vectors.py")]  # they shape every term and feature
# Segmentation, script folding, sound-alikes, numbers, vectors and the models change with these.
_LIBRARIES = ("jieba", "opencc-python-reimplemented", "pypinyin", "cn2an", "cnsyn", "scikit-learn", "numpy")
_answerers: dict[str, Answerer] = {}
_by_digest: dict[str, Answerer] = {}
_lock = threading.Lock()


@dataclass
class Answerer:
    """A fitted index, its answer-or-decline model and the documents behind them; never raises on a question."""

    index: PolicyIndex
    decider: AnswerDecider
    reader: Reader
    documents: list[Document]
    corpus_hash: str
    built: bool = False  # True when this process built the index instead of loading it

    def answer(self, question: str, *, topic: str | None = None, known: dict | None = None) -> Answer:
        """The cited answer to one message (a follow-up read against ``topic``; ``known``: facts on record
        about the writer), or an honest decline."""
        from knowledge.respond import respond

        try:
            return respond(self.index, self.reader, self.decider, question, topic=topic, known=known)
        except Exception:  # an answer is always owed to the person asking
            log.exception("answering failed for %r", (question or "")[:80])
            return fallback_answer(str(question or ""))

    def answer_clause(self, clause_id: str, question: str = "") -> Answer:
        """The answer from a clause the person picked among "did you mean" choices."""
        from knowledge.respond import answer_clause

        try:
            return answer_clause(self.index, clause_id, question)
        except Exception:
            log.exception("answering clause %s failed", clause_id)
            return fallback_answer(question)

    def clause_counts(self) -> Counter[str]:
        return Counter(c.doc_id for c in self.index.clauses_)


def segment_documents(docs: list[Document]) -> list[Clause]:
    """Every document's clauses, in corpus order."""
    clauses: list[Clause] = []
    for d in docs:
        clauses += segment(d.text, doc_id=d.doc_id, doc=d.name, title=d.title, issuer=d.issuer, date=d.date)
    return clauses


def library_versions() -> list[str]:
    """Installed versions of the text libraries the index depends on ('name=?' when missing)."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            out.append(f"{name}=?")
    return out


def index_fingerprint(docs: list[Document]) -> str:
    """Hash of the documents, dictionaries, labelled questions, indexing and model code, library versions."""
    data = sorted(DATA_DIR.glob("*.jsonl"))
    return corpus_hash(docs, [SYNONYMS, USERDICT, *_CODE_FILES, *data], extra=library_versions())


def build(docs: list[Document], vectors_dir: Path | None = None) -> tuple[PolicyIndex, AnswerDecider]:
    """Fit the clause index, then the answer-or-decline model on the labelled questions."""
    from core.vectors import get_vectors

    index = PolicyIndex().fit(segment_documents(docs))
    reader = Reader(index, get_vectors(vectors_dir))
    decider = AnswerDecider().fit(load_examples() + heading_questions(index, docs), reader)
    return index, decider


def heading_questions(index: PolicyIndex, docs: list[Document]) -> list[Example]:
    """Stand-in questions for the clauses of documents added with ``jiuye kb add``: nobody has labelled
    questions for them yet, so "<document title> <clause heading>" teaches the classifier they exist.
    Train only: they never set the answer threshold's out-of-scope side."""
    added = {d.doc_id for d in docs if d.added_at}
    out = []
    for c in index.clauses_:
        body = re.sub(r"\s+", "", c.text or "")
        if c.doc_id in added and len(body) >= 8 and c.kind != "preamble":
            topic = c.doc_title or c.doc
            ask = "是哪个单位什么时候发的" if c.kind == "meta" else (c.heading or c.context)
            out.append(Example(f"{topic} {ask}".strip(), [body[:16]], source="added", adversarial=True,
                               batch="added"))
    return out


def _read_saved(path: Path, digest: str) -> dict | None:
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            saved = pickle.load(fh)
        if saved.get("hash") == digest and "decider" in saved:
            return saved
        log.info("knowledge model at %s is stale (documents, questions or code changed)", path)
    except Exception:  # a truncated or foreign file is rebuilt, not fatal
        log.warning("knowledge model at %s unreadable: rebuilding", path, exc_info=True)
    return None


def _save(path: Path, saved: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(saved, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        log.warning("could not save the knowledge model under %s; it will be rebuilt next time", path.parent)


def load_answerer(kb_path: Path, cache_dir: Path | None = None, vectors_dir: Path | None = None) -> Answerer:
    """Load the persisted index and model when they match the corpus; else build and persist them.

    ``cache_dir`` holds builds keyed by fingerprint, so a new data folder with the same documents
    reuses one instead of refitting.
    """
    from core.vectors import get_vectors

    docs = load_documents(kb_path)
    digest = index_fingerprint(docs)
    path = kb_path / INDEX_FILE
    loaded = _by_digest.get(digest)
    if loaded is not None:  # the same documents and code in another data folder: share one model in memory
        return Answerer(loaded.index, loaded.decider, loaded.reader, docs, digest, built=False)
    shared = cache_dir / f"kb-{digest[:24]}.pkl" if cache_dir else None
    saved = _read_saved(path, digest)
    if saved is None and shared:
        saved = _read_saved(shared, digest)
    built = saved is None
    if saved is None:
        started = time.perf_counter()
        index, decider = build(docs, vectors_dir)
        log.info("knowledge model built: %d clauses, %d labelled questions in %.1fs (cross-validated: %s)",
                 len(index.clauses_), decider.cv_["in_scope"] + decider.cv_["out_of_scope"],
                 time.perf_counter() - started,
                 {k: round(v, 3) for k, v in decider.cv_.items() if isinstance(v, float)})
        saved = {"hash": digest, "index": index, "decider": decider}
        if shared:
            _save(shared, saved)
    if built:
        _save(path, saved)
    index = saved["index"]
    answerer = Answerer(index, saved["decider"], Reader(index, get_vectors(vectors_dir)), docs, digest, built=built)
    _by_digest.clear()  # one model in memory at a time: documents change rarely
    _by_digest[digest] = answerer
    return answerer


def get_answerer(settings: Settings) -> Answerer:
    """The process-wide answerer for ``settings.kb_path`` (loaded or built once)."""
    key = str(Path(settings.kb_path).resolve())
    answerer = _answerers.get(key)
    if answerer is None:
        with _lock:
            answerer = _answerers.get(key)
            if answerer is None:
                answerer = load_answerer(Path(settings.kb_path), settings.model_cache_dir,
                                         (settings.model_cache_dir or settings.data_dir) / "vectors")
                _answerers[key] = answerer
    return answerer


def forget_answerers() -> None:
    """Drop loaded answerers (after a document was added, the next call reloads)."""
    with _lock:
        _answerers.clear()
        _by_digest.clear()


def worth_recording(question: str | None) -> bool:
    """Empty input, emoji and binary noise are not questions for a coordinator's list."""
    return bool(question) and len(re.findall(r"[\u4e00-\u9fff]", clip_question(question or ""))) >= 2


def question_key(question: str) -> str:
    """The same question asked with other punctuation, width or script gets the same key."""
    return re.sub(r"[\W_]+", "", clip_question(question))[:200]


def record_unanswered(session: Session, *, question: str, channel: str, openid: str | None = None
                      ) -> UnansweredQuestion | None:
    """Add a question to the unanswered list, or count it again if the same question is there."""
    question = clean_text(question)  # no bidi or zero-width tricks in what coordinators read
    if not worth_recording(question):
        return None
    normalized = question_key(question)
    now = utcnow()
    row = session.scalar(select(UnansweredQuestion).where(UnansweredQuestion.normalized == normalized))
    if row is None:
        row = UnansweredQuestion(question=question[:1000], normalized=normalized, channel=channel[:16],
                                 openid=openid, times_asked=1, status="open", created_at=now, last_asked_at=now)
        try:
            with session.begin_nested():
                session.add(row)
            return row
        except IntegrityError:  # another process recorded it first: count it instead
            row = session.scalar(select(UnansweredQuestion).where(UnansweredQuestion.normalized == normalized))
            if row is None:
                raise
    row.times_asked += 1
    row.last_asked_at = now
    if row.status != "open":
        row.status, row.answered_at = "open", None
    if openid and not row.openid:
        row.openid = openid
    session.flush()
    return row


def list_unanswered(session: Session, *, status: str | None = "open", channel: str | None = None,
                    limit: int = 100) -> list[UnansweredQuestion]:
    """Unanswered questions, most asked first."""
    query = select(UnansweredQuestion)
    if status:
        if status not in UNANSWERED_STATUSES:
            raise InvalidInput(f"unknown status {status}", message_zh=f"状态只能是：{'、'.join(UNANSWERED_STATUSES)}")
        query = query.where(UnansweredQuestion.status == status)
    if channel:
        query = query.where(UnansweredQuestion.channel == channel)
    query = query.order_by(UnansweredQuestion.times_asked.desc(), UnansweredQuestion.last_asked_at.desc())
    return list(session.scalars(query.limit(limit)))


def mark_answered(session: Session, *, question_id: int) -> UnansweredQuestion:
    """A coordinator answered (or added a document for) a question."""
    row = session.get(UnansweredQuestion, question_id)
    if row is None:
        raise NotFound(f"unanswered question {question_id}", message_zh="没有这条未答问题")
    row.status, row.answered_at = "answered", utcnow()
    session.flush()
    return row


REPLY_MAX = 500  # characters: one WeChat text message with the lead line


def record_reply(session: Session, *, question_id: int, reply: str, by: str, status: str) -> UnansweredQuestion:
    """A coordinator's answer to a question: kept with it (who, when, whether it reached the asker)."""
    row = session.get(UnansweredQuestion, question_id)
    if row is None:
        raise NotFound(f"unanswered question {question_id}", message_zh="没有这条未答问题")
    now = utcnow()
    row.reply, row.replied_by, row.replied_at, row.reply_status = reply, by[:64], now, status
    row.status, row.answered_at = "answered", now
    session.flush()
    return row


def replies_sent(session: Session, *, question_ids: list[int]) -> None:
    """Replies that waited for the asker's next message went out with the bot's reply."""
    for row in session.scalars(select(UnansweredQuestion).where(UnansweredQuestion.id.in_(question_ids))):
        if row.reply_status == "waiting":
            row.reply_status = "sent"
    session.flush()


def curate(session: Session, *, question_id: int, on: bool = True) -> UnansweredQuestion:
    """Let the bot give a coordinator's reply to whoever asks the same question next (or stop it)."""
    row = session.get(UnansweredQuestion, question_id)
    if row is None or not row.reply:
        raise NotFound(f"answered question {question_id}", message_zh="这条问题还没有答复")
    row.curated = on
    session.flush()
    return row


def curated_reply(session: Session, question: str) -> UnansweredQuestion | None:
    """The curated staff reply to this question (the same words, punctuation and script aside), if any."""
    return session.scalar(select(UnansweredQuestion).where(
        UnansweredQuestion.normalized == question_key(clean_text(question)), UnansweredQuestion.curated.is_(True)))

