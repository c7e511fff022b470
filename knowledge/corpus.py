"""The document collection: the shipped seed documents plus those added with ``jiuye kb add``.

Added documents live under ``settings.kb_path``: ``docs/<doc_id>.txt`` (extracted text) and
``kb.json`` (metadata in the same shape as ``knowledge/corpus/corpus.json``).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.errors import InvalidInput

SEED_DIR = Path(__file__).resolve().parent / "corpus"
SUPPORTED = (".txt", ".md", ".docx", ".pdf")
_WENHAO = re.compile(r"[\u4e00-\u9fff]{2,8}〔\d{4}〕\d{1,4}\s*号")


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
    if not title:
        first = next((ln.strip(" #") for ln in text.splitlines() if len(ln.strip(" #")) >= 4), source.stem)
        title = first[:60]
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


def corpus_hash(docs: list[Document], extra_files: list[Path]) -> str:
    """Changes when any document, its metadata, a dictionary or the indexing code changes."""
    h = hashlib.sha256()
    for d in docs:
        h.update(json.dumps(d.meta(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
        h.update(d.text.encode("utf-8"))
    for f in extra_files:
        h.update(f.read_bytes())
    return h.hexdigest()
