"""Shared, cached build of the shipped corpus for the knowledge-base tests.

The answerer (index + answer-or-decline model) is built once per machine and code version: builds are
cached under the temp folder keyed by the fingerprint of documents, labelled questions and code.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from knowledge.corpus import load_documents
from knowledge.index import PolicyIndex
from knowledge.segment import Clause
from knowledge.service import Answerer, load_answerer, segment_documents

MODEL_CACHE = Path(tempfile.gettempdir()) / "jiuye-test-models"


@lru_cache(maxsize=1)
def seed_clauses() -> tuple[Clause, ...]:
    return tuple(segment_documents(load_documents(None)))


@lru_cache(maxsize=1)
def seed_answerer() -> Answerer:
    kb = Path(tempfile.mkdtemp(prefix="jiuye-kb-"))
    return load_answerer(kb, MODEL_CACHE, MODEL_CACHE / "vectors")


def seed_index() -> PolicyIndex:
    return seed_answerer().index


def clauses_of(doc_id: str) -> list[Clause]:
    return [c for c in seed_clauses() if c.doc_id == doc_id]
