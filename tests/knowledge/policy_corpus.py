"""Shared, cached build of the shipped corpus for the knowledge-base tests (building takes a second)."""

from __future__ import annotations

from functools import lru_cache

from knowledge.corpus import load_documents
from knowledge.index import PolicyIndex
from knowledge.segment import Clause
from knowledge.service import segment_documents


@lru_cache(maxsize=1)
def seed_clauses() -> tuple[Clause, ...]:
    return tuple(segment_documents(load_documents(None)))


@lru_cache(maxsize=1)
def seed_index() -> PolicyIndex:
    return PolicyIndex().fit(list(seed_clauses()))


def clauses_of(doc_id: str) -> list[Clause]:
    return [c for c in seed_clauses() if c.doc_id == doc_id]
