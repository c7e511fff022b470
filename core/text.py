"""Chinese text tools: normalisation, jieba with the project dictionary, n-grams, Chinese numerals."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DICT_DIR = Path(__file__).resolve().parent / "dictionary"
USERDICT = DICT_DIR / "userdict.txt"
SYNONYMS = DICT_DIR / "synonyms.txt"

_jieba_lock = threading.Lock()
_jieba_ready = False
_WS = re.compile(r"\s+")
# Control characters, plus the invisible ones that reorder or hide text on screen: bidi overrides
# and isolates (U+202E turns "gpj.exe" around), zero-width spaces and joiners, the BOM.
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """The characters OpenCC's t2s tables would change: text without any of them is already simplified."""
    import opencc

    folder = Path(opencc.__file__).resolve().parent / "dictionary"
    chars: set[str] = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            value = values.split(" ")[0] if values else key
            if len(key) != len(value):
                chars.update(key)
            else:
                chars.update(a for a, b in zip(key, value, strict=True) if a != b)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese (OpenCC t2s); text with no traditional character is returned as is."""
    if _traditional().isdisjoint(text):  # the pure-Python converter is slow; most text needs nothing
        return text
    return _t2s().convert(text)


# Pinyin initials and k-figures people type in chat ("gz多少", "zf给不给bt", "3k左右", "2k5"), read as the words
SHORTHAND = {"gz": "工资", "zf": "政府", "bt": "补贴", "px": "培训", "xs": "学生", "gzd": "工作地", "bz": "包住",
             "bcz": "包吃住", "jdlk": "建档立卡", "pkh": "贫困户"}
_LATIN = re.compile(r"[A-Za-z]")
_SHORT = re.compile(r"(?<![A-Za-z])(" + "|".join(sorted(SHORTHAND, key=len, reverse=True)) + r")(?![A-Za-z])", re.I)
_K_FIGURE = re.compile(r"(?<![A-Za-z\d.])(\d{1,3}(?:\.\d)?)[kK](\d)?(?![A-Za-z\d])")


def expand_shorthand(text: str) -> str:
    """Chat shorthand next to Chinese read as the words it stands for; a message in English is left alone.

    Applied to chat messages as they arrive (``bot.flows.router``), not inside :func:`normalize`: the policy
    model's labelled questions are normalised too, and their wording must stay as written."""
    if not _LATIN.search(text) or not _CJK_CHAR.search(text):
        return text
    text = _SHORT.sub(lambda m: SHORTHAND[m.group(1).lower()], text)
    return _K_FIGURE.sub(lambda m: str(int(round(float(m.group(1)) * 1000)) + int(m.group(2) or 0) * 100), text)


def normalize(text: str | None, *, keep_space: bool = False) -> str:
    """NFKC (full/half width), traditional → simplified, control characters out, whitespace squeezed.

    ``keep_space`` keeps single spaces between words; otherwise all whitespace is removed,
    which suits Chinese where PDF extraction adds stray spaces.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = _CTRL.sub("", text)
    text = to_simplified(text)
    return _WS.sub(" ", text).strip() if keep_space else _WS.sub("", text)


# WeChat writes its emoji as bracketed names in copied or typed text ("[捂脸]", "[强]", "[OK]")
_WECHAT_EMOJI = re.compile(r"\[[\u4e00-\u9fffA-Za-z]{1,4}\]")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


def without_emoji_codes(text: str) -> str:
    """``text`` without WeChat's emoji names, unless they are all it says ("[抱拳][抱拳]" is thanks)."""
    if "[" not in text:
        return text
    stripped = _WECHAT_EMOJI.sub(" ", text).strip()
    return stripped if _CJK_CHAR.search(stripped) else text


def clean_text(text: str | None) -> str:
    """Text as typed, minus control, bidi and zero-width characters (for every stored free text)."""
    return _CTRL.sub("", text).strip() if text else ""


def jieba_instance():  # type: ignore[no-untyped-def]
    """The process-wide jieba tokenizer, loaded once with the project's user dictionary."""
    global _jieba_ready
    import jieba

    if not _jieba_ready:
        with _jieba_lock:
            if not _jieba_ready:
                jieba.setLogLevel(logging.WARNING)
                jieba.load_userdict(str(USERDICT))
                jieba.initialize()
                _jieba_ready = True
    return jieba


def add_words(words: Iterable[str], freq: int = 500) -> None:
    """Teach jieba extra words (e.g. job titles found in postings)."""
    jb = jieba_instance()
    for w in words:
        if w:
            jb.add_word(w, freq)


_PUNCT = re.compile(r"^[\W_]+$", re.UNICODE)


def tokenize(text: str, *, normalized: bool = False) -> list[str]:
    """jieba words plus the dictionary words inside long ones (建档立卡贫困劳动力 → 建档立卡, 劳动力 …)."""
    if not normalized:
        text = normalize(text)
    jb = jieba_instance()
    freq = jb.dt.FREQ
    out: list[str] = []
    for w in jb.lcut(text):
        if not w.strip() or _PUNCT.match(w):
            continue
        n = len(w)
        if n > 2:
            for size in range(2, n):
                for i in range(n - size + 1):
                    sub = w[i : i + size]
                    if freq.get(sub):
                        out.append(sub)
        out.append(w)
    return out


def char_ngrams(text: str, ns: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of the CJK/alphanumeric runs: robust to typos and odd segmentation."""
    out: list[str] = []
    for run in re.findall(r"[\u4e00-\u9fff0-9A-Za-z]+", text):
        for n in ns:
            out.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return out


@lru_cache(maxsize=1)
def synonyms() -> dict[str, list[str]]:
    """Colloquial term → canonical document terms, from the project's synonyms file."""
    table: dict[str, list[str]] = {}
    for line in SYNONYMS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        src, _, dst = line.partition("\t")
        table[src.strip()] = dst.split()
    return table


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese or Arabic integer: '六千' → 6000, '一万二' → 12000, '四十五' → 45, '3千' → 3000."""
    from core.numbers import read_number

    value = read_number(s)
    return int(value) if value is not None else None


def pinyin_key(text: str) -> str:
    """Toneless pinyin, so sound-alike misspellings (养老保线 / 养老保险) compare equal."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(text))
