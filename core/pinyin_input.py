"""Chinese typed as pinyin ("xuefei要交吗", "dianhua 15959871234 duanxin可以发"): a run of latin letters
that spells a common word's toneless pinyin is written as that word.

The words are jieba's dictionary words of two characters or more that are common enough (the most
frequent wins a shared spelling: dianhua → 电话, not 电化). One syllable alone is left as typed (qian
could be 钱, 前 or 千), and so is anything that is not such a spelling (ok, hr, wifi, app).
"""

from __future__ import annotations

import re
from functools import lru_cache

_LATIN = re.compile(r"(?<![A-Za-z])[a-z]{4,24}(?![A-Za-z])")  # lower case, as pinyin is typed
MIN_FREQ = 200  # jieba counts: about 20,000 words, built in under a second on first use


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from pypinyin import lazy_pinyin

    from core.text import jieba_instance

    best: dict[str, tuple[str, int]] = {}
    with jieba_instance().dt.get_dict_file() as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) < 2 or len(parts[0]) < 2 or not parts[1].isdigit() or int(parts[1]) < MIN_FREQ:
                continue
            word, freq = parts[0], int(parts[1])
            if not re.fullmatch(r"[\u4e00-\u9fff]+", word):
                continue
            key = "".join(lazy_pinyin(word))
            if key not in best or best[key][1] < freq:
                best[key] = (word, freq)
    return {k: w for k, (w, _) in best.items()}


def from_pinyin(text: str) -> str:
    """``text`` with pinyin-spelt words written in characters; unchanged when it has no latin run."""
    if not text or not _LATIN.search(text) or len(re.findall(r"[A-Za-z]+", text)) >= 3:
        return text  # "帮我写个英语作文 my hometown is …": English, not pinyin
    table = _table()
    return _LATIN.sub(lambda m: table.get(m.group(0), m.group(0)), text)


def warm() -> None:
    _table()
