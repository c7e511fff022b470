"""Cleaning of policy documents extracted from PDF or OCR, done in code so the next document is added the same way.

The raw text is never edited by hand: page numbers, markdown markers, stray spaces, lines broken
mid-sentence and a few known OCR slips are repaired here, and tab-separated tables are kept apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Known OCR slips of the shipped documents (wrong → right). Kept small and explicit: each pair is a
# misreading that cannot be a real phrase of a policy text.
OCR_FIXES: dict[str, str] = {
    "长贫": "扶贫",  # 精准就业长贫动态数据库
    "贫困方口": "贫困人口",
    "(以下简称贫困力,": "(以下简称贫困劳动力),",  # dropped characters and a lost bracket
    "（以下简称贫困力，": "（以下简称贫困劳动力），",
}

CJK = "\u4e00-\u9fff\u3000-\u303f\uff00-\uffef"
_PAGE_NO = re.compile(r"^[-—–－]+\s*\d{1,3}\s*[-—–－]*$")
_MD_MARK = re.compile(r"^(?:#{1,6}\s+|[-*+]\s+)")
# Spaces PDF/OCR put between Chinese characters and digits; spaces between two Latin words stay.
_STRAY_SPACE = re.compile(r"(?<![A-Za-z])[ \t\u3000]+|[ \t\u3000]+(?![A-Za-z])")
# A phrase of 10+ characters repeated back to back is an OCR/extraction duplicate.
_DUPLICATE = re.compile(r"(.{10,}?)\1")
_TERMINAL = "。！？；：!?;:"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
_HALF_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff）])[,;:!?]|[,;:!?](?=[\u4e00-\u9fff（])")
_HALF_PAREN = re.compile(r"\(([^()\n]{1,60})\)")
# Structural markers that always start a new paragraph.
MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d))"
)


@dataclass
class CleanText:
    """A cleaned document: paragraphs in reading order and tables (rows of cells) found in it."""

    paragraphs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    headings: set[int] = field(default_factory=set)  # indices of paragraphs that were markdown headings


def fix_spaces(text: str) -> str:
    """Remove spaces between Chinese characters/digits; keep them between Latin words."""
    return _STRAY_SPACE.sub("", text).strip()


def fix_punctuation(text: str) -> str:
    """Half-width punctuation next to Chinese text → full width, so both documents read alike."""
    text = _HALF_PAREN.sub(
        lambda m: f"（{m.group(1)}）" if re.search(r"[\u4e00-\u9fff]", m.group(1)) else m.group(0), text
    )
    return _HALF_PUNCT.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)


def fix_ocr(text: str) -> str:
    """Apply the correction table and collapse back-to-back duplicated phrases."""
    for wrong, right in OCR_FIXES.items():
        text = text.replace(wrong, right)
    prev = None
    while prev != text:
        prev = text
        text = _DUPLICATE.sub(r"\1", text)
    return text


def clean_line(line: str) -> str:
    """One physical line: width folding, markdown markers out, stray spaces out."""
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").strip()
    line = _MD_MARK.sub("", line).strip()
    return fix_spaces(line)


def _ends_paragraph(buf: str) -> bool:
    if not buf:
        return False
    if buf[-1] in _TERMINAL:
        return True
    # "…。（责任单位：…）": a bracketed note after a finished sentence closes the paragraph.
    if buf[-1] in "）)":
        if buf[0] in "（(":  # a line that is wholly a bracketed note, e.g. (2017-2020年)
            return True
        opening = max(buf.rfind("（"), buf.rfind("("))
        return opening > 0 and buf[opening - 1] in "。；"
    return False


def _split_inline_items(paragraph: str, expected: int | None) -> list[str]:
    """OCR may glue numbered item N+1 to the end of item N ("…工作。11. 实施…"); split it off."""
    if expected is None:
        return [paragraph]
    out, rest = [], paragraph
    while True:
        m = re.search(rf"(?<=[。；;])\s*{expected}[.．、]\s*(?=[\u4e00-\u9fff])", rest)
        if not m:
            break
        out.append(rest[: m.start()])
        rest = rest[m.start() :].strip()
        expected += 1
    out.append(rest)
    return out


def _is_table_row(raw: str) -> bool:
    return raw.count("\t") >= 2


def _split_table_row(raw: str) -> list[str]:
    return [c.strip() for c in raw.split("\t")]


def clean_text(raw: str, *, drop_lines: tuple[str, ...] = ()) -> CleanText:
    """Clean a whole document into paragraphs (+ tables).

    ``drop_lines`` are metadata lines (文号, title, issuer) that appear as page furniture in the
    extracted text; a short line that is a part of one of them is dropped.
    """
    drops = tuple(fix_spaces(d) for d in drop_lines if d)
    out = CleanText()
    buf = ""
    table: list[list[str]] | None = None
    last_item: int | None = None

    def flush() -> None:
        nonlocal buf, last_item
        if not buf:
            return
        text = fix_punctuation(fix_ocr(buf))
        lead = re.match(r"^(\d{1,2})[.．、](?!\d)", text)
        expected = int(lead.group(1)) + 1 if lead else (last_item + 1 if last_item is not None else None)
        pieces = _split_inline_items(text, expected)
        for piece in pieces:
            m = re.match(r"^(\d{1,2})[.．、](?!\d)", piece)
            if m:
                last_item = int(m.group(1))
            out.paragraphs.append(piece)
        buf = ""

    for raw_line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _is_table_row(raw_line):
            flush()
            if table is None:
                table = []
                out.tables.append(table)
            table.append(_split_table_row(raw_line))
            continue
        line = clean_line(raw_line)
        if not line or _PAGE_NO.match(line):
            continue
        table = None
        if drops and len(line) <= 40 and _is_furniture(line, drops):
            flush()
            continue
        if MARKER_START.match(line) or _ends_paragraph(buf) or raw_line.lstrip().startswith("#"):
            flush()
        buf += line
        if raw_line.lstrip().startswith("#"):
            flush()
            out.headings.add(len(out.paragraphs) - 1)
    flush()
    return out


def _is_furniture(line: str, drops: tuple[str, ...]) -> bool:
    bare = line.strip("（）() ")
    if bare in ("此件主动公开",):
        return True
    for d in drops:
        if bare and (bare in d or bare == d + "文件" or bare == d * 2 or bare == (d + "文件") * 2):
            return True
    return False
