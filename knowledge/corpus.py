"""The document collection: the shipped seed documents plus those added with ``jiuye kb add``.

Added documents live under ``settings.kb_path``: ``docs/<doc_id>.txt`` (extracted text) and
``kb.json`` (metadata in the same shape as ``knowledge/corpus/corpus.json``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.errors import InvalidInput

SEED_DIR = Path(__file__).resolve().parent / "corpus"
SUPPORTED = (".txt", ".md", ".docx", ".pdf")
_WENHAO = re.compile(r"[\u4e00-\u9fff]{2,8}〔\d{4}〕\d{1,4}\s*号")
# Page furniture of a 红头文件: "福建省人力资源和社会保障厅文件" (often doubled), the 文号, dates, 此件主动公开.
_LETTERHEAD = re.compile(r"^(?P<issuer>[\u4e00-\u9fff、 ]{4,40}?)文件(?:(?P=issuer)文件)?$")
_FURNITURE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}[〔\[(（]\d{4}[〕\])）]\d{1,4}号|[\d\s年月日—-]+|[（(]?此件主动公开[）)]?"
                        r"|附件\d*|[-—\s\d]+)$")
_TITLE_END = re.compile(r"(?:通知|方案|计划|意见|办法|决定|规定|细则|公告|通告|批复|函|规划|措施|指南|纲要|要点|》)"
                        r"(?:[（(][^）)]*[）)])?$")
_ISSUER_END = ("厅", "局", "部", "委", "政府", "办公室", "办公厅", "委员会", "中心")


@dataclass
class Document:
    """One policy document's metadata and raw (uncleaned) text."""

    doc_id: str
    wenhao: str
    title: str
    date: str
    issuer: str
    text: str
    source: str = ""
    short_title: str = ""
    added_at: str = ""

    @property
    def name(self) -> str:
        """How citations name the document: its 文号, else its title."""
        return self.wenhao or self.title or self.doc_id

    def meta(self) -> dict[str, str]:
        d = asdict(self)
        d.pop("text")
        return d


def _read_meta(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _doc_from_meta(meta: dict[str, str], folder: Path) -> Document:
    text = (folder / meta["file"]).read_text(encoding="utf-8")
    fields = {k: meta.get(k, "") for k in ("doc_id", "wenhao", "title", "date", "issuer", "source",
                                            "short_title", "added_at")}
    return Document(text=text, **fields)


def load_documents(kb_path: Path | None) -> list[Document]:
    """Seed documents first, then added ones in the order they were added."""
    docs = [_doc_from_meta(m, SEED_DIR) for m in _read_meta(SEED_DIR / "corpus.json")]
    if kb_path is not None:
        docs += [_doc_from_meta(m, kb_path / "docs") for m in _read_meta(kb_path / "kb.json")]
    return docs


def extract_text(path: Path) -> str:
    """Text of a .txt/.md/.docx/.pdf file; table rows of a .docx become tab-separated lines."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InvalidInput(f"unsupported file type {suffix}",
                           message_zh=f"不支持的文件类型 {suffix}，请上传 txt、md、docx 或 pdf 文件")
    if suffix in (".txt", ".md"):
        data = path.read_bytes()
        for enc in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
        raise InvalidInput(f"cannot decode {path.name}", message_zh="文件编码无法识别，请另存为 UTF-8 文本")
    if suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                lines.append("\t".join(cell.text.replace("\n", " ") for cell in row.cells))
        return "\n".join(lines)
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def add_document(kb_path: Path, source: Path, *, wenhao: str = "", title: str = "", date: str = "",
                 issuer: str = "") -> Document:
    """Store a new document under ``kb_path``; metadata not given is guessed from the text."""
    if not source.is_file():
        raise InvalidInput(f"no such file {source}", message_zh=f"找不到文件：{source}")
    text = extract_text(source)
    if not re.search(r"[\u4e00-\u9fff]{4,}", text):
        raise InvalidInput(f"no Chinese text in {source.name}", message_zh="文件里没有可读的中文内容")
    if date and not re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", date):
        raise InvalidInput(f"bad date {date}", message_zh="日期格式应为 YYYY-MM-DD，例如 2019-05-01")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    existing = load_documents(kb_path)
    if any(hashlib.sha1(d.text.encode("utf-8")).hexdigest()[:10] == digest for d in existing):
        raise InvalidInput(f"duplicate document {source.name}", message_zh="这份文件已经在知识库里了")
    if not wenhao and (m := _WENHAO.search(text[:2000])):
        wenhao = re.sub(r"\s+", "", m.group(0))
    title = title or guess_title(text) or source.stem
    issuer = issuer or guess_issuer(text, title)
    doc = Document(doc_id=f"kb-{digest}", wenhao=wenhao, title=title, date=date, issuer=issuer, text=text,
                   source=source.name, added_at=datetime.now(UTC).isoformat(timespec="seconds"))
    docs_dir = kb_path / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    tmp = docs_dir / f"{doc.doc_id}.txt.tmp"
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(docs_dir / f"{doc.doc_id}.txt")
    metas = _read_meta(kb_path / "kb.json")
    metas.append({**doc.meta(), "file": f"{doc.doc_id}.txt"})
    meta_tmp = kb_path / "kb.json.tmp"
    meta_tmp.write_text(json.dumps(metas, ensure_ascii=False, indent=2), encoding="utf-8")
    meta_tmp.replace(kb_path / "kb.json")
    return doc


def _head_lines(text: str, limit: int = 40) -> list[str]:
    lines = (re.sub(r"\s+", "", ln.strip().lstrip("#").strip()) for ln in text.splitlines()[:200])
    return [ln for ln in lines if ln][:limit]


def guess_title(text: str) -> str:
    """The document's title from its opening lines, skipping letterhead, 文号, dates and addressees.

    A title may be broken over lines ("…关于印发" / "《…方案》的通知"): lines are joined until one
    ends like a title (通知, 方案, 》…).
    """
    lines = [ln for ln in _head_lines(text) if not (_LETTERHEAD.match(ln) or _FURNITURE.match(ln))]
    for i, line in enumerate(lines):
        if line.endswith(("：", ":")) or "。" in line:
            break  # the addressee or the body: no title before it
        joined = ""
        for part in lines[i : i + 4]:
            if part.endswith(("：", ":")) or "。" in part:
                break
            joined += part
            if _TITLE_END.search(joined) and len(joined) >= 6:
                return joined[:80]
    fallback = next((ln for ln in lines if len(ln) >= 4 and "。" not in ln and not ln.endswith(("：", ":"))), "")
    return fallback[:60]


def guess_issuer(text: str, title: str = "") -> str:
    """The issuing body: from the letterhead ("…厅文件"), else the title's "…厅关于" prefix."""
    for line in _head_lines(text):
        if m := _LETTERHEAD.match(line):
            return m.group("issuer").strip()
    m = re.match(r"^([\u4e00-\u9fff、]{4,40}?)关于", title)
    if m and m.group(1).endswith(_ISSUER_END):
        return m.group(1)
    return ""


def corpus_hash(docs: list[Document], extra_files: list[Path], extra: Sequence[str] = ()) -> str:
    """Changes when any document, its metadata, a dictionary, the indexing code or ``extra`` changes."""
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps(d.meta(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(d.text.encode("utf-8"))
    for f in extra_files:
        h.update(f.read_bytes())
    for item in extra:
        h.update(item.encode("utf-8"))
    return h.hexdigest()
