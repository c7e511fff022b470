"""Kinds of work: the job-family word lists in ``data/job_families.yaml`` and a scanner over free text.

A family may also give regular-expression ``patterns`` (e.g. any "…厂" is factory work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from matching.sounds import sound_alikes, sound_table

_NEGATED = re.compile(r"(不想|不要|不去|不愿意?|不做|不干|不当|不进|不会|不喜欢|没做过|没干过|没学过|别)(再|去|在)?(做|去|进|干|当|开)?$")
FAMILIES_FILE = Path(__file__).resolve().parent / "data" / "job_families.yaml"


@dataclass(frozen=True)
class Family:
    """One kind of work (泥水工, 缝纫制衣 …) with the words that name it."""

    id: str
    label: str
    skilled: bool
    cert: str | None
    words: tuple[str, ...]
    patterns: tuple[str, ...] = ()


class Families:
    """All job families, with a longest-word-first scanner so 工厂门卫 reads as 保安, not 工厂."""

    def __init__(self, families: list[Family]):
        self.by_id = {f.id: f for f in families}
        self.ids = [f.id for f in families]
        self.index = {fid: i for i, fid in enumerate(self.ids)}
        self._word_families: dict[str, list[str]] = {}
        for f in families:
            for w in f.words:
                self._word_families.setdefault(w, []).append(f.id)
        words = sorted(self._word_families, key=len, reverse=True)
        self._scan = re.compile("|".join(re.escape(w) for w in words))
        self._patterns = [(f.id, re.compile("|".join(f.patterns))) for f in families if f.patterns]

    def scan(self, text: str) -> dict[str, str]:
        """Family id → the first word that named it in ``text`` (already normalised)."""
        found: dict[str, str] = {}
        rest = text
        for m in self._scan.finditer(text):
            rest = rest[: m.start()] + "，" * (m.end() - m.start()) + rest[m.end() :]
            if _NEGATED.search(text[max(0, m.start() - 5) : m.start()]):
                continue  # 不想进厂, 不会开车, 没做过保洁
            for fid in self._word_families[m.group(0)]:
                found.setdefault(fid, m.group(0))
        for fid, rx in self._patterns:  # only over what no word has claimed (做过工厂门卫 is 保安)
            if fid not in found and (pm := rx.search(rest)):
                found[fid] = pm.group(0)
        return found

    def scan_misspelt(self, text: str) -> dict[str, str]:
        """Families named with a wrong character that sounds the same (逢纫 → 缝纫, 挖据机 → 挖掘机).

        Windows must share a character with the family word and line up with jieba's words
        (``matching.sounds``), so chance homophones inside other words (一点工作) do not count.
        """
        return dict(self._misspelt(text))

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Families object per process; the same phrases recur
    def _misspelt(self, text: str) -> tuple[tuple[str, str], ...]:
        found: dict[str, str] = {}
        for word, *_ in sound_alikes(text, self._sounds()):
            for fid in self._word_families[word]:
                found.setdefault(fid, word)
        return tuple(found.items())

    @lru_cache(maxsize=1)  # noqa: B019 - one Families object per process
    def _sounds(self) -> dict[str, list[str]]:
        return sound_table(self._word_families)

    def label(self, fid: str) -> str:
        return self.by_id[fid].label


@lru_cache(maxsize=1)
def get_families() -> Families:
    """The project's job families, loaded once."""
    raw = yaml.safe_load(FAMILIES_FILE.read_text(encoding="utf-8"))["families"]
    return Families(
        [
            Family(fid, d["label"], bool(d.get("skilled", True)), d.get("cert"), tuple(d["words"]), tuple(d.get("patterns", ())))
            for fid, d in raw.items()
        ]
    )
