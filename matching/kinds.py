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

# A negation reaches a kind word over linking verbs (不想进厂当普工: 进厂 and 普工), not over other words
# (不要太远的保洁 is a wish for 保洁). Refusals say what the person will not do; the rest what they cannot.
_NEGATOR = re.compile(r"不想|不要|不去|不愿意?|不做|不干|不当|不进|不会|不喜欢|没做过|没干过|没学过|别|不再|不让|不许|不能再|不敢再")
_REFUSE = re.compile(r"不想|不要|不去|不愿意?|不做|不干|不当|不进|不喜欢|别|不再|不让|不许|不能再|不敢再")
_LINK = re.compile(r"[再去在做进干当开搞跑让我了给推发俺踩碰用]*")
# 手工活太费眼睛我不想做: a refusal after the work it is about (nearest kind word, same clause)
_AFTER = re.compile(r"[^，,。；;！!？?\s]{0,8}?(我)?(不想|不愿意?|不再|不)(做|干|进|去)|[^，,。；;！!？?\s]{0,3}?(做不了|干不了|做不来|干不动)")
_EXCEPT = re.compile(r"除(?:了|开|去)[再去做干当进]?$")
_ALL_ELSE = re.compile(r"(?:以外|之外)?[，, ]?(?:其他|其它|别的|啥|什么|哪样|样样)?\S{0,3}?都(?:行|可以|能|干|做|成|中)"
                       # "除了开车的 不要进厂的 还有别的没": what else there is, so not this
                       r"|[^。；;！!？?]{0,14}?(?:还有|有没有|有冇|有无)(?:啥|什么)?(?:别的|其他|其它)"
                       r"|[^。；;！!？?]{0,14}?(?:别的|其他|其它)的?(?:还有|有没有|有冇|有吗|呢)")
# "不进厂也行": the work is not needed, which neither refuses it nor asks for it
_ALSO_OK = re.compile(r"[的了]?\s?(?:也行|也可以|也成|也中|也没事|也没关系|也好|也能)")
_CLAUSE_END = re.compile(r"[，,。；;！!？?\s]")
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
        return self._scan_text(text)[0]

    def scan_refused(self, text: str) -> dict[str, str]:
        """Families the text refuses (不想进厂, 工地不去了, 手工活…我不想做): not wanted, so never pushed."""
        return self._scan_text(text)[1]

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Families object per process; the same phrases recur
    def scan_relaxed(self, text: str) -> dict[str, str]:
        """Families the text says are not needed (不进厂也行): an earlier wish for them no longer narrows."""
        return self._scan_text(text)[2]

    def _scan_text(self, text: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        found: dict[str, str] = {}
        refused: dict[str, str] = {}
        relaxed: dict[str, str] = {}
        rest = text
        hits = list(self._scan.finditer(text))
        for k, m in enumerate(hits):
            rest = rest[: m.start()] + "，" * (m.end() - m.start()) + rest[m.end() :]
            nxt = hits[k + 1].start() if k + 1 < len(hits) else len(text)
            neg = negation(text, m.start(), m.end(), [(h.start(), h.end()) for h in hits[:k]], nxt)
            if neg is None and _EXCEPT.search(text, 0, m.start()) and _ALL_ELSE.match(text, m.end()):
                neg = "不要"  # "除了保安啥都行": everything but this
            if neg is None and m.start() > 0 and text[m.start() - 1] == "不":  # "我不进厂": 不 before 进厂 itself
                neg = "不" + m.group(0)[0]
            if neg is not None and _ALSO_OK.match(text, m.end()):
                relaxed.update((fid, m.group(0)) for fid in self._word_families[m.group(0)])
                continue
            for fid in self._word_families[m.group(0)]:
                if neg is None:
                    found.setdefault(fid, m.group(0))
                elif _REFUSE.fullmatch(neg) or neg.endswith(("做", "干", "进", "去")) or "不" in neg[1:]:  # 干不了: cannot, so not pushed
                    refused.setdefault(fid, m.group(0))
        for fid, rx in self._patterns:  # only over what no word has claimed (做过工厂门卫 is 保安)
            if fid not in found and fid not in refused and (pm := rx.search(rest)):
                found[fid] = pm.group(0)
        return found, refused, relaxed

    def scan_misspelt(self, text: str) -> dict[str, str]:
        """Families named with a wrong character that sounds the same (逢纫 → 缝纫, 挖据机 → 挖掘机).

        Windows must share a character with the family word and line up with jieba's words
        (``matching.sounds``), so chance homophones inside other words (一点工作) do not count.
        """
        return dict(self._misspelt(text))

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Families object per process; the same phrases recur
    def _misspelt(self, text: str) -> tuple[tuple[str, str], ...]:
        found: dict[str, str] = {}
        for word, i, j in sound_alikes(text, self._sounds()):
            if negation(text, i, j, [], len(text)) is not None:
                continue
            for fid in self._word_families[word]:
                found.setdefault(fid, word)
        return tuple(found.items())

    @lru_cache(maxsize=1)  # noqa: B019 - one Families object per process
    def _sounds(self) -> dict[str, list[str]]:
        return sound_table(self._word_families)

    def label(self, fid: str) -> str:
        return self.by_id[fid].label


def negation(text: str, start: int, end: int, before: list[tuple[int, int]], nxt: int) -> str | None:
    """The negation that governs the kind word at ``text[start:end]``, or None.

    Before it: the nearest negator of its clause, with only linking verbs and other kind words
    (``before``: their spans) in between. After it: a refusal in the same clause before the next kind
    word (``nxt``).
    """
    clause = max(text.rfind(ch, 0, start) for ch in "，,。；;！!？? ") + 1
    for m in reversed(list(_NEGATOR.finditer(text, clause, start))):
        gap = list(text[m.end() : start])
        for a, b in before:
            if a >= m.end():
                gap[a - m.end() : b - m.end()] = [""] * (b - a)
        if _LINK.fullmatch("".join(gap)):
            return m.group(0)
        break
    stop = _CLAUSE_END.search(text, end)
    tail = text[end : min(nxt, stop.start() if stop else len(text))]
    if after := _AFTER.match(tail):
        return after.group(2) + after.group(3) if after.group(2) else after.group(4)
    return None


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
