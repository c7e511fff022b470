"""Word vectors come from the installed cnsyn wheel (nothing downloaded)."""

from pathlib import Path

from core.vectors import get_vectors


def test_similar_words_know_everyday_farm_and_trade_words() -> None:
    v = get_vectors()
    assert "种田" in [w for w, _ in v.similar("种地", k=5)]
    assert v.similarity("电焊", "焊工") > v.similarity("电焊", "厨师")


def test_an_unseen_word_is_composed_from_its_parts() -> None:
    v = get_vectors()
    assert "带孩子" not in v
    assert v.similarity("带孩子", "照顾") > v.similarity("带孩子", "焊接")


def test_lexicon_maps_a_colloquial_word_to_the_nearest_listed_word() -> None:
    lex = get_vectors().restrict(["贫困", "创业", "培训", "技工", "养老"])
    assert lex.nearest("技校", k=1)[0][0] == "技工"
    assert lex.nearest("贫穷", k=1)[0][0] == "贫困"
    assert lex.nearest("做生意", k=1)[0][0] == "创业"


def test_the_converted_cache_loads_the_same_table(tmp_path: Path) -> None:
    from core import vectors

    vectors._loaded.clear()
    first = get_vectors(tmp_path)
    assert (tmp_path / "cnsyn-vectors.npy").is_file()
    vectors._loaded.clear()
    again = get_vectors(tmp_path)
    assert again.words_ == first.words_
    assert abs(again.similarity("种地", "种田") - first.similarity("种地", "种田")) < 1e-6
