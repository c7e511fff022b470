"""Sound-alike misspellings (逢纫 → 缝纫, 汗工证 → 焊工证): windows of text aligned with jieba words.

A window counts only when it sounds like a known word, shares a character with it, and lines up
with jieba's words: both ends on word boundaries, or one end when the window holds a character
jieba could not place in any word (开挖|据|机). So 一点|工作 is never read as 电工 (dian gong).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from core.text import jieba_instance

_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# Sharing only a grammatical character is no sign of a misspelling (农闲的时候 is not 的士)
_FUNCTION = frozenset("的了在是有我你他她它一个不也就都和与及或过着把被给")


# Southern speakers (Min, Hakka) do not tell in/ing, en/eng or z/zh, c/ch, s/sh apart, and write so:
# 扎钢精 for 扎钢筋, 插车 for 叉车. Sounds are compared with those pairs folded together.
_FOLD = re.compile(r"^([zcs])h|(?<=[ie])ng$")


@lru_cache(maxsize=20_000)
def char_sound(ch: str) -> str:
    from pypinyin import lazy_pinyin

    return fold_sound(lazy_pinyin(ch)[0])


def fold_sound(py: str) -> str:
    """Toneless pinyin with zh/z, ch/c, sh/s and in/ing, en/eng folded together."""
    return _FOLD.sub(lambda m: m.group(1) or "n", py)


def sound_key(word: str) -> str:
    return " ".join(char_sound(ch) for ch in word)


def sound_table(words: Iterable[str]) -> dict[str, list[str]]:
    """Toneless pinyin → the words that sound so (two characters or more)."""
    out: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= 2:
            out.setdefault(sound_key(w), []).append(w)
    return out


@lru_cache(maxsize=50_000)
def word_bounds(run: str) -> tuple[frozenset[int], frozenset[int]]:
    """(offsets where jieba starts or ends a word, offsets of characters it left on their own)."""
    bounds, singles = {0}, set()
    pos = 0
    for w in jieba_instance().cut(run, HMM=False):
        if len(w) == 1:
            singles.add(pos)
        pos += len(w)
        bounds.add(pos)
    return frozenset(bounds), frozenset(singles)


def _aligned(run: str, i: int, j: int) -> bool:
    bounds, singles = word_bounds(run)
    ends = (i in bounds) + (j in bounds)
    return ends == 2 or (ends == 1 and any(k in singles for k in range(i, j)))


_FIRSTS: dict[int, tuple[dict[str, list[str]], frozenset[str]]] = {}


def _first_sounds(table: dict[str, list[str]]) -> frozenset[str]:
    """The first syllables of a table's words (tables live for the process; keyed by identity)."""
    hit = _FIRSTS.get(id(table))
    if hit is None or hit[0] is not table:
        hit = (table, frozenset(k.split(" ", 1)[0] for k in table))
        _FIRSTS[id(table)] = hit
    return hit[1]


def sound_alikes(text: str, table: dict[str, list[str]], sizes: tuple[int, ...] = (4, 3, 2)) -> list[tuple[str, int, int]]:
    """(known word, start, end) for every word-aligned window that is a misspelling of a known word."""
    found: list[tuple[str, int, int]] = []
    firsts = _first_sounds(table)
    for m in _RUN.finditer(text):
        run = m.group(0)
        py = [char_sound(ch) for ch in run]
        starts = [i for i, p in enumerate(py) if p in firsts]  # a window must start with a word's first sound
        for n in sizes:
            for i in starts:
                if i + n > len(run):
                    break
                words = table.get(" ".join(py[i : i + n]))
                if not words:
                    continue
                window = run[i : i + n]
                hits = [w for w in words if w != window and (set(w) & set(window)) - _FUNCTION]
                if not hits:
                    continue
                if _aligned(run, i, i + n):
                    found.extend((w, m.start() + i, m.start() + i + n) for w in hits)
    return found


def respell(text: str, table: dict[str, list[str]]) -> str:
    """``text`` with each sound-alike misspelling of a word in ``table`` written right (包主 → 包住)."""
    taken: list[tuple[int, int, str]] = []
    for word, i, j in sorted(sound_alikes(text, table), key=lambda h: (h[1], -h[2])):
        if not taken or i >= taken[-1][1]:
            taken.append((i, j, word))
    for i, j, word in reversed(taken):
        text = text[:i] + word + text[j:]
    return text
