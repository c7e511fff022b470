"""Hierarchical segmentation of a cleaned policy document into citable clauses.

一、 (section) → （一） (item) → 1. (numbered item) → sentences. Every clause gets a stable id
(``<doc_id>/二/一/6``), a human label (``二（一）6``) and a citation (``闽人社文〔2017〕251号 二（一）6``).
Responsible units come from a trailing ``（责任单位：…）`` note or from an appended task table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.clean import CleanText, clean_text, fix_spaces

CN_NUM = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{CN_NUM}]{{1,3}})、(.*)$")
_ITEM = re.compile(rf"^[（(]([{CN_NUM}]{{1,3}})[）)](.*)$")
_NUMBERED = re.compile(r"^(\d{1,2})[.．、](?!\d)(.*)$")
_UNITS_NOTE = re.compile(r"[（(]责任单位[:：](.+?)[）)]\s*$")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_HAS_SENTENCE = re.compile(r"[。！？；!?;]")
# Endings of a government unit's name; an OCR-split fragment lacks one and is glued to the next.
_UNIT_ENDINGS = ("处", "局", "室", "中心", "办", "单位", "厅", "组", "部门", "机构", "站", "院", "会")
_DUTY_TAIL = re.compile(r"(按照?职责分工负责|负责|落实)$")


@dataclass
class Clause:
    """One citable unit of a document (a numbered item, a （一） item, a section body, a preamble)."""

    id: str
    doc_id: str
    doc: str  # 文号, or the title when a document has none
    label: str  # e.g. 二（一）6
    heading: str  # the clause's own short title, e.g. 重点帮扶贫困家庭高校毕业生
    context: str  # headings of the enclosing sections
    text: str  # body, without the responsible-units note
    kind: str = "item"  # meta / preamble / section / item / closing / table
    number: int | None = None
    units: list[str] = field(default_factory=list)
    units_note: str = ""
    doc_title: str = ""  # the document's title: a short notice's topic often lives only there

    @property
    def citation(self) -> str:
        return f"{self.doc} {self.label}".strip()

    @property
    def sentences(self) -> list[str]:
        return split_sentences(self.text)


def split_sentences(text: str) -> list[str]:
    """Sentences (。！？；); fragments under 6 characters are glued to the previous sentence."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text):
        part = part.strip()
        if not part:
            continue
        if out and len(part) < 6:
            out[-1] += part
        else:
            out.append(part)
    return out


def _split_heading(body: str) -> tuple[str, str]:
    """'强化落实帮扶政策。鼓励…' → ('强化落实帮扶政策', '鼓励…'); a heading-only line has no body."""
    m = re.match(r"^([^。；]{2,30}?)[。]", body)
    if m and len(body) > m.end():
        return m.group(1), body[m.end() :].strip()
    if "。" not in body and len(body) <= 40:
        return body.strip(), ""
    return "", body


def parse_units(note: str) -> list[str]:
    """'厅就业促进和失业保险处、省劳动就业服务局按照职责分工负责，各级…部门落实' → unit names."""
    units: list[str] = []
    for part in re.split(r"[、，,；;]|以及|和(?=[省厅各])", note):
        part = _DUTY_TAIL.sub("", part.strip()).strip()
        part = re.sub(r"(按照?职责分工)$", "", part)
        if part and part not in units:
            units.append(part)
    return units


def merge_unit_fragments(cell: str) -> list[str]:
    """Table cell 'A局 省大中专毕业生就业 工作办公室' → ['A局', '省大中专毕业生就业工作办公室']."""
    units: list[str] = []
    pending = ""
    for frag in cell.split():
        pending += frag
        if pending.endswith(_UNIT_ENDINGS):
            units.append(pending)
            pending = ""
    if pending:
        units.append(pending)
    return units


class _Builder:
    def __init__(self, doc_id: str, doc: str):
        self.doc_id, self.doc = doc_id, doc
        self.clauses: list[Clause] = []
        self.section: tuple[str, str] | None = None  # (numeral, heading)
        self.item: tuple[str, str] | None = None
        self.current: Clause | None = None
        self.closed = False
        self.pending_heading = ""

    def _context(self) -> str:
        parts = [h for h in ((self.section or ("", ""))[1], (self.item or ("", ""))[1]) if h]
        return " ".join(parts)

    def start(self, label_parts: list[str], label: str, heading: str, body: str, kind: str,
              number: int | None = None) -> None:
        clause_id = "/".join([self.doc_id, *label_parts])
        seen = {c.id for c in self.clauses}
        base, n = clause_id, 2
        while clause_id in seen:  # a repeated label stays unique and stable by order
            clause_id, n = f"{base}-{n}", n + 1
        context = self._context() if kind != "section" else ""
        self.current = Clause(clause_id, self.doc_id, self.doc, label, heading, context, "", kind, number)
        self.clauses.append(self.current)
        self.closed = False
        self.append(body)

    def append(self, text: str) -> None:
        if self.current is None:
            return
        m = _UNITS_NOTE.search(text)
        if m:
            self.current.units_note = fix_spaces(m.group(1))
            self.current.units = parse_units(self.current.units_note)
            text = text[: m.start()]
            self.closed = True
        self.current.text += text.strip()

    def paragraph(self, text: str, is_heading: bool) -> None:
        if m := _SECTION.match(text):
            self.section, self.item = (m.group(1), ""), None
            heading, body = _split_heading(m.group(2))
            self.section = (m.group(1), heading)
            self.start([m.group(1)], m.group(1), heading, body, "section")
        elif m := _ITEM.match(text):
            sec = self.section[0] if self.section else ""
            heading, body = _split_heading(m.group(2))
            self.item = (m.group(1), heading)
            self.start([p for p in (sec, m.group(1)) if p], f"{sec}（{m.group(1)}）", heading, body, "item")
        elif (m := _NUMBERED.match(text)) and self.section:
            sec = self.section[0]
            sub = self.item[0] if self.item else ""
            heading, body = _split_heading(m.group(2))
            label = f"{sec}（{sub}）{m.group(1)}" if sub else f"{sec}{m.group(1)}"
            parts = [p for p in (sec, sub, m.group(1)) if p]
            self.start(parts, label, heading, body, "item", number=int(m.group(1)))
        elif is_heading:
            self.pending_heading = text
            self.closed = True
        elif self.current is None or self.closed:
            if self.section is None:
                kind, label = "preamble", "引言"
            else:
                kind, label = "closing", "结尾"
            if self.current is not None and self.current.kind == kind and not self.current.units_note:
                self.current.text += text
                return
            self.start([kind], label, self.pending_heading, text, kind)
            self.pending_heading = ""
            self.closed = False
        else:
            self.append(text)


def _attach_table(builder: _Builder, table: list[list[str]]) -> None:
    """Rows of a 序号/责任项目/工作任务/责任单位 table belong to the numbered items they repeat."""
    header = table[0]
    col = {name: i for i, name in enumerate(header)}
    if "序号" not in col:
        return
    by_number = {c.number: c for c in builder.clauses if c.number is not None}
    for row in table[1:]:
        if len(row) < len(header) or not row[col["序号"]].isdigit():
            continue
        number = int(row[col["序号"]])
        units = merge_unit_fragments(row[col["责任单位"]]) if "责任单位" in col else []
        project = re.sub(r"\s+", "", row[col["责任项目"]]) if "责任项目" in col else ""
        target = by_number.get(number)
        if target is None:  # a row with no matching item is indexed on its own
            task = fix_spaces(row[col.get("工作任务", -1)])
            target = Clause(f"{builder.doc_id}/附件/{number}", builder.doc_id, builder.doc, f"附件{number}",
                            project, "", task, "table", number)
            builder.clauses.append(target)
        if units:
            target.units = units
            target.units_note = "、".join(units)
        if project and not target.heading:
            target.heading = project


def segment(raw: str, *, doc_id: str, doc: str, title: str = "", issuer: str = "",
            date: str = "") -> list[Clause]:
    """Raw document text → clauses (plus a metadata clause saying what the document is)."""
    drops = tuple(d for d in (doc, title, *re.split(r"[、,，]", issuer)) if d)
    cleaned: CleanText = clean_text(raw, drop_lines=drops)
    builder = _Builder(doc_id, doc)
    for i, para in enumerate(cleaned.paragraphs):
        builder.paragraph(para, i in cleaned.headings)
    for table in cleaned.tables:
        if table:
            _attach_table(builder, table)
    # A preamble or closing without a sentence is furniture (a title, the addressee, a signature),
    # never an answer.
    clauses = [c for c in builder.clauses if (c.text or c.units) and not (
        c.kind in ("preamble", "closing") and not _HAS_SENTENCE.search(c.text) and not c.units)]
    for c in clauses:
        c.doc_title = title
    if title or date:
        clauses.insert(0, meta_clause(doc_id=doc_id, doc=doc, title=title, issuer=issuer, date=date))
    return clauses


def meta_clause(*, doc_id: str, doc: str, title: str, issuer: str, date: str) -> Clause:
    """A clause stating the document's identity, so "这个文件什么时候发的" has an answer."""
    when = ""
    if m := re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", date or ""):
        when = f"于{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
    who = f"由{issuer}" if issuer else ""
    name = f"《{title}》" if title else "本文件"
    wh = f"（{doc}）" if doc and doc != title else ""
    text = f"{name}{wh}{who}{when}印发。"
    return Clause(f"{doc_id}/文件信息", doc_id, doc, "文件信息", title, "", text, "meta")
