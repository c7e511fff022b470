"""Cleaning and segmentation of the two shipped documents into citable clauses."""

from __future__ import annotations

import re

from knowledge.corpus import load_documents
from knowledge.segment import segment
from tests.knowledge.policy_corpus import clauses_of, seed_clauses

DOC_251, DOC_258 = "2017-251", "2018-258"


def _numbered() -> dict[int, object]:
    return {c.number: c for c in clauses_of(DOC_251) if c.number is not None}


def test_segment_251_gives_each_item_1_to_20_its_own_clause_with_units() -> None:
    items = [c for c in clauses_of(DOC_251) if c.number is not None]
    assert sorted(c.number for c in items) == list(range(1, 21))  # each once, none twice
    for c in items:
        assert c.units, f"item {c.number} has no 责任单位"
        assert c.text and not re.match(r"^\d", c.text)


def test_segment_251_splits_item_11_glued_to_item_10() -> None:
    by_number = _numbered()
    assert "扶贫车间" not in by_number[10].text
    assert by_number[10].text.endswith("基础养老金调整工作。")
    assert by_number[11].heading == "实施社会保险补贴等政策扶持"
    assert by_number[11].text.startswith("支持各地在乡镇、村培育设立扶贫车间")


def test_segment_251_joins_items_split_by_page_numbers() -> None:
    by_number = _numbered()
    assert "牵线搭桥" in by_number[3].text
    assert "一次性求职创业补贴。" in by_number[9].text
    for c in clauses_of(DOC_251):
        assert not re.search(r"[-—]\s*\d+\s*[-—]", c.text.replace("150-300", "")), c.citation


def test_segment_251_attaches_task_table_instead_of_indexing_it_twice() -> None:
    by_number = _numbered()
    assert by_number[6].units == ["省大中专毕业生就业工作办公室"]  # "…就业 工作办公室" glued back
    assert "省城乡居民养老保险管理中心" in by_number[10].units
    assert by_number[3].units == ["省劳动就业服务局", "就业促进和失业保险处", "农民工工作处"]
    texts = [c.text for c in seed_clauses()]
    assert sum("以农业扶贫部门2015年底确定的贫困人口" in t for t in texts) == 1
    assert not any("序号" in t or "责任项目" in t for t in texts)


def test_clean_fixes_ocr_slips_spaces_and_duplicates() -> None:
    text = "".join(c.text for c in clauses_of(DOC_251))
    assert "长贫" not in text and "方口" not in text
    assert "精准就业扶贫动态数据库" in text
    assert text.count("每年都能接受1次免费职业培训") == 1
    assert "2015年底" in text and "服务平台" in text and "闽人社文〔2016〕320号" in text
    assert "#" not in text


def test_segment_258_gives_sections_and_items_with_units() -> None:
    labels = {c.label: c for c in clauses_of(DOC_258)}
    expected = {"一": 2, "二": 5, "三": 3, "四": 3, "五": 4, "六": 2, "七": 4}
    cn = "一二三四五"
    for section, n in expected.items():
        for i in range(n):
            assert f"{section}（{cn[i]}）" in labels, f"{section}（{cn[i]}）"
    for label, c in labels.items():
        if label[0] in "二三四五六七" and "（" in label:
            assert c.units_note and "（责任单位" not in c.text, label
    assert labels["二（五）"].units[0] == "厅农民工工作处"
    assert "工资福利处" in labels["五（三）"].units_note
    assert "会同教育部门和财政部门" in labels["五（三）"].text  # page-broken paragraph kept together


def test_segment_258_keeps_preamble_and_closing() -> None:
    kinds = {c.kind: c for c in clauses_of(DOC_258)}
    assert "第39次厅长办公会议" in kinds["preamble"].text
    assert "10月25日前" in kinds["closing"].text
    assert "2018年10月26日" in kinds["meta"].text


def test_segment_ids_and_citations_are_stable_and_unique() -> None:
    doc = next(d for d in load_documents(None) if d.doc_id == DOC_251)
    first = segment(doc.text, doc_id=doc.doc_id, doc=doc.name, title=doc.title, issuer=doc.issuer, date=doc.date)
    again = segment(doc.text, doc_id=doc.doc_id, doc=doc.name, title=doc.title, issuer=doc.issuer, date=doc.date)
    assert [c.id for c in first] == [c.id for c in again]
    ids = [c.id for c in seed_clauses()]
    assert len(ids) == len(set(ids))
    by_number = _numbered()
    assert by_number[6].citation == "闽人社文〔2017〕251号 二（一）6"
    assert by_number[6].id == "2017-251/二/一/6"
    labels = {c.label: c for c in clauses_of(DOC_258)}
    assert labels["二（三）"].citation == "闽人社文〔2018〕258号 二（三）"
