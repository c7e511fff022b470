"""The persisted index, adding documents, the unanswered list, and the ask endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from core.errors import InvalidInput
from core.settings import Settings, get_settings
from knowledge.corpus import add_document
from knowledge.models import UnansweredQuestion
from knowledge.service import (
    forget_answerers,
    get_answerer,
    list_unanswered,
    mark_answered,
    record_unanswered,
)

NEW_DOC = """福建省人力资源和社会保障厅文件
闽人社文〔2019〕88号
关于开展返乡创业培训的通知
各设区市人力资源和社会保障局：
一、培训对象
（一）返乡创业人员。对返乡创业的农民工和建档立卡贫困劳动力，免费提供创业培训，每人每年可参加1次。
（二）补贴标准。参加返乡创业培训并取得合格证书的，按每人1200元标准给予创业培训补贴。
二、组织实施
（一）报名方式。有意愿的人员可向户籍所在地乡镇劳动保障事务所报名，截止时间为每年11月30日。
"""


@pytest.fixture()
def fresh(settings: Settings):  # type: ignore[no-untyped-def]
    forget_answerers()
    yield settings
    forget_answerers()


def test_get_answerer_persists_index_and_second_load_does_not_rebuild(fresh: Settings) -> None:
    fresh.model_cache_dir = None  # no shared build: this process must fit the model itself
    first = get_answerer(fresh)
    assert first.built and (Path(fresh.kb_path) / "index.pkl").exists()
    forget_answerers()
    second = get_answerer(fresh)
    assert not second.built  # loaded from disk
    assert second.corpus_hash == first.corpus_hash
    assert second.answer("三支一扶每年招多少人").answer == first.answer("三支一扶每年招多少人").answer
    assert get_answerer(fresh) is second  # one per process


def test_kb_add_indexes_the_document_and_a_restart_loads_it(fresh: Settings, tmp_path: Path) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(NEW_DOC, encoding="utf-8")
    doc = add_document(Path(fresh.kb_path), source, date="2019-03-01")
    assert doc.wenhao == "闽人社文〔2019〕88号"  # found in the text
    forget_answerers()
    answerer = get_answerer(fresh)
    assert answerer.built and answerer.clause_counts()[doc.doc_id] >= 3
    a = answerer.answer("返乡创业培训补贴每人多少钱")
    # No labelled question names the new clauses yet, so the decider may offer them as choices beside
    # the older 培训 clause instead of answering outright; either way the 1200元 clause is reached.
    if a.fallback:
        picked = [s.clause_id for s in a.suggestions if s.clause_id.startswith(doc.doc_id)]
        assert picked, a.answer
        a = answerer.answer_clause(picked[0], "返乡创业培训补贴每人多少钱")
    assert not a.fallback and "1200元" in a.answer  # never the older 培训 clause's 350元 and "闽人社文〔2019〕88号 一（二）" in a.answer
    forget_answerers()
    assert not get_answerer(fresh).built
    with pytest.raises(InvalidInput):
        add_document(Path(fresh.kb_path), source)  # the same document twice


def test_kb_add_reads_docx_and_rejects_unreadable_files(fresh: Settings, tmp_path: Path) -> None:
    import docx
    from pypdf import PdfWriter

    path = tmp_path / "notice.docx"
    d = docx.Document()
    for line in NEW_DOC.splitlines():
        d.add_paragraph(line)
    d.save(str(path))
    doc = add_document(Path(fresh.kb_path), path, wenhao="闽人社文〔2019〕89号", title="返乡创业培训")
    assert "1200元" in doc.text
    blank = tmp_path / "scan.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with blank.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InvalidInput) as err:
        add_document(Path(fresh.kb_path), blank)
    assert "没有可读的中文" in err.value.message_zh
    with pytest.raises(InvalidInput):
        add_document(Path(fresh.kb_path), tmp_path / "missing.txt")


def test_kb_add_guesses_title_and_issuer_past_the_letterhead(fresh: Settings, tmp_path: Path) -> None:
    import docx

    for suffix in (".txt", ".md", ".docx"):
        kb = tmp_path / suffix.strip(".")
        source = tmp_path / f"notice{suffix}"
        if suffix == ".docx":
            d = docx.Document()
            for line in NEW_DOC.splitlines():
                d.add_paragraph(line)
            d.save(str(source))
        else:
            source.write_text(("# " if suffix == ".md" else "") + NEW_DOC, encoding="utf-8")
        doc = add_document(kb, source)
        assert doc.title == "关于开展返乡创业培训的通知", suffix  # not the letterhead, not the 文号
        assert doc.issuer == "福建省人力资源和社会保障厅", suffix


def test_guess_title_joins_a_title_broken_over_lines() -> None:
    from knowledge.corpus import guess_title

    text = "闽人社文〔2019〕12号\n2019年3月1日\n福建省人力资源和社会保障厅办公室关于\n开展就业援助月活动的通知\n各设区市：\n一、…"
    assert guess_title(text) == "福建省人力资源和社会保障厅办公室关于开展就业援助月活动的通知"


def test_kb_add_answers_from_the_notice_body_never_its_title_alone(fresh: Settings, tmp_path: Path) -> None:
    source = tmp_path / "notice.txt"
    source.write_text(NEW_DOC, encoding="utf-8")
    doc = add_document(Path(fresh.kb_path), source, date="2019-03-01")
    forget_answerers()
    answerer = get_answerer(fresh)
    kinds = [c.kind for c in answerer.index.clauses_ if c.doc_id == doc.doc_id]
    assert "preamble" not in kinds  # title + addressee only: furniture, not a clause
    # 报名方式 names neither 返乡 nor 创业培训: the title supplies the topic.
    a = _answer_or_first_choice(answerer, "返乡创业培训怎么报名", doc.doc_id)
    assert "乡镇劳动保障事务所" in a.answer and "二（一）" in a.answer
    b = _answer_or_first_choice(answerer, "返乡创业培训的通知是哪个单位发的", doc.doc_id)
    assert "福建省人力资源和社会保障厅" in b.answer and "文件信息" in b.answer


def _answer_or_first_choice(answerer, question: str, doc_id: str):  # type: ignore[no-untyped-def]
    """The answer, or — while the new document has no labelled questions — its clause offered first among
    the "did you mean" choices, and that choice's answer."""
    a = answerer.answer(question)
    if a.fallback:
        assert a.suggestions and a.suggestions[0].clause_id.startswith(doc_id), a.answer
        a = answerer.answer_clause(a.suggestions[0].clause_id, question)
    assert not a.fallback
    return a


def test_index_fingerprint_covers_text_code_and_library_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge import service
    from knowledge.corpus import load_documents

    assert any(p.name == "text.py" and p.parent.name == "core" for p in service._CODE_FILES)
    docs = load_documents(None)
    before = service.index_fingerprint(docs)
    monkeypatch.setattr(service, "library_versions", lambda: ["jieba=0.0.0"])
    assert service.index_fingerprint(docs) != before


def test_kb_cli_add_then_list_round_trip(fresh: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from service.cli import _register, app

    monkeypatch.setenv("JIUYE_DATA_DIR", str(fresh.data_dir))
    get_settings.cache_clear()
    _register()
    source = tmp_path / "notice.md"
    source.write_text(NEW_DOC, encoding="utf-8")
    runner = CliRunner()
    try:
        added = runner.invoke(app, ["kb", "add", str(source), "--date", "2019-03-01", "--issuer", "福建省人社厅"])
        assert added.exit_code == 0, added.output
        assert "闽人社文〔2019〕88号" in added.output and "索引已重建" in added.output
        listed = runner.invoke(app, ["kb", "list"])
        assert listed.exit_code == 0, listed.output
        lines = listed.output.strip().splitlines()
        assert len(lines) == 3
        assert any("闽人社文〔2019〕88号" in ln and "2019-03-01" in ln for ln in lines)
        assert all("条" in ln for ln in lines)
        (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0")
        bad = runner.invoke(app, ["kb", "add", str(tmp_path / "x.xls")])
        assert bad.exit_code == 1 and "不支持的文件类型" in bad.output
    finally:
        get_settings.cache_clear()


def test_record_unanswered_counts_the_same_question_once(db) -> None:  # type: ignore[no-untyped-def]
    first = record_unanswered(db, question="医保报销比例是多少", channel="cli")
    again = record_unanswered(db, question="醫保報銷比例是多少？ ", channel="wechat", openid="o-123")
    record_unanswered(db, question="房贷能减免吗", channel="wechat", openid="o-456")
    assert record_unanswered(db, question="😀😀", channel="cli") is None  # not a question
    db.commit()
    assert first is not None and again is not None and first.id == again.id
    rows = list(db.scalars(select(UnansweredQuestion)))
    assert len(rows) == 2
    top = list_unanswered(db)
    assert top[0].times_asked == 2 and top[0].channel == "cli" and top[0].openid == "o-123"
    assert top[0].created_at.tzinfo is not None or db.bind.dialect.name == "sqlite"
    mark_answered(db, question_id=top[0].id)
    db.commit()
    assert [r.question for r in list_unanswered(db)] == ["房贷能减免吗"]
    assert len(list_unanswered(db, status="answered")) == 1
    with pytest.raises(InvalidInput):
        list_unanswered(db, status="nonsense")


def _ask_app(settings: Settings, session_factory, redis_client) -> FastAPI:  # type: ignore[no-untyped-def]
    from knowledge.views import router
    from service.errors import install_error_handlers

    app = FastAPI()
    install_error_handlers(app)
    app.state.settings = settings
    app.state.sessionmaker = session_factory
    app.state.redis = redis_client  # the per-client rate limit counts in Redis
    app.include_router(router)
    return app


def test_api_ask_answers_and_records_fallbacks(fresh: Settings, session_factory, redis_client) -> None:  # type: ignore[no-untyped-def]
    app = _ask_app(fresh, session_factory, redis_client)
    client = TestClient(app)
    ok = client.post("/api/v1/ask", json={"q": "春潮行动每年培训多少农民工"})
    assert ok.status_code == 200
    body = ok.json()
    assert set(body) == {"q", "answer", "fallback", "sources", "suggestions"}
    assert not body["fallback"] and "20万人次" in body["answer"]
    no = client.post("/api/v1/ask", json={"q": "公积金怎么提取"}).json()
    assert no["fallback"] and no["sources"] == []
    with session_factory() as s:
        rows = list(s.scalars(select(UnansweredQuestion)))
    assert [(r.question, r.channel) for r in rows] == [("公积金怎么提取", "api")]


def test_anonymous_ask_is_rate_limited_per_client(fresh: Settings, session_factory, redis_client) -> None:  # type: ignore[no-untyped-def]
    fresh.ask_rate_per_minute = 3
    client = TestClient(_ask_app(fresh, session_factory, redis_client))
    for i in range(3):
        assert client.post("/api/v1/ask", json={"q": f"公积金怎么提取{i}次"}).status_code == 200
    flood = [client.post("/api/v1/ask", json={"q": f"第{i}个刷屏的问题怎么办"}) for i in range(5)]
    assert all(r.status_code == 429 and r.json()["error"] == "提问太频繁，请一分钟后再试" for r in flood)
    with session_factory() as s:
        assert not [r for r in s.scalars(select(UnansweredQuestion)) if "刷屏" in r.question]
    other = TestClient(_ask_app(fresh, session_factory, redis_client), client=("192.0.2.5", 1234))
    assert other.post("/api/v1/ask", json={"q": "公积金怎么提取"}).status_code == 200  # another client


def test_the_ask_limit_holds_across_a_clock_minute(fresh: Settings, session_factory, redis_client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import knowledge.views as views

    fresh.ask_rate_per_minute = 3
    client = TestClient(_ask_app(fresh, session_factory, redis_client), client=("192.0.2.9", 1234))
    clock = [1_800_000_059.0]  # one second before a minute turns
    monkeypatch.setattr(views.time, "time", lambda: clock[0])
    for i in range(3):
        assert client.post("/api/v1/ask", json={"q": f"技校免学费吗{i}"}).status_code == 200
    clock[0] += 2  # the next clock minute: a per-minute counter would start again here
    assert client.post("/api/v1/ask", json={"q": "技校免学费吗再问"}).status_code == 429
    clock[0] += 60  # a minute after the first three
    assert client.post("/api/v1/ask", json={"q": "技校免学费吗又问"}).status_code == 200


def test_migration_knowledge_branch_downgrades_and_upgrades(engine) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from sqlalchemy import inspect

    from core.migrate import alembic_config

    cfg = alembic_config(engine)
    command.downgrade(cfg, "knowledge@base")
    assert "unanswered_question" not in inspect(engine).get_table_names()
    command.upgrade(cfg, "knowledge@head")
    assert "unanswered_question" in inspect(engine).get_table_names()
