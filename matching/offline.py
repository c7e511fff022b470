"""Offline matching over JSONL files (no database): the shape of ../shared/eval/match_dev/."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.errors import InvalidInput
from matching.engine import Matcher, Result


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a broken line is a clear Chinese error naming the line."""
    out = []
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(str(p), message_zh=f"找不到文件：{p}")
    for n, line in enumerate(p.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise InvalidInput(f"{p}:{n}: {e}", message_zh=f"{p.name} 第{n}行不是有效的 JSON") from e
    return out


def match_files(labourers: str | Path, postings: str | Path, top: int = 3, **params: Any) -> Iterator[Result]:
    """Fit on the postings file and match every labourer in the labourers file."""
    matcher = Matcher(**params).fit(read_jsonl(postings))
    yield from matcher.match_many(read_jsonl(labourers), top)
