import csv

from matching.compare import compare_file, write_comparison
from matching.service import upsert_labourer
from tests.registry.helpers import id_number

ID_A = id_number("350722", "19850312", "123")


def _seed(session_factory):
    with session_factory() as s, s.begin():
        upsert_labourer(s, {"external_id": "P1", "name": "陈建华", "gender": "男", "id_number": ID_A,
                            "birth_year": 1985, "county_code": "350722", "phone": "13800002000", "status": "seeking"})
        upsert_labourer(s, {"external_id": "P2", "name": "刘丽华", "gender": "女", "phone": "13800002001",
                            "birth_year": 1990, "county_code": "350723", "status": "seeking"})
        upsert_labourer(s, {"external_id": "P3", "name": "罗文斌", "gender": "男", "birth_year": 1980,
                            "county_code": "350722", "status": "employed"})


def test_compare_lists_only_ours_only_theirs_and_conflicts(session_factory, tmp_path):
    _seed(session_factory)
    other = tmp_path / "扶贫办.csv"
    with other.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "性别", "身份证号", "手机号码", "户籍地", "就业状态", "年龄"])
        w.writerow(["陈建华", "男", ID_A, "13900009999", "浦城县", "已就业", ""])  # phone and status differ
        w.writerow(["刘丽华", "女", "", "13800002001", "光泽", "求职", 36])  # same
        w.writerow(["张新来", "男", "", "13700000000", "浦城", "求职", 30])  # only theirs
    with session_factory() as s:
        result = compare_file(s, other)
    assert result.matched == 2
    assert [p["id"] for p in result.only_ours] == ["P3"]
    assert [(p["row"], p["name"]) for p in result.only_theirs] == [("4", "张新来")]
    conflicts = {(c["id"], c["field"]): (c["ours"], c["theirs"]) for c in result.conflicts}
    assert conflicts == {("P1", "手机号"): ("138****2000", "139****9999"), ("P1", "就业状态"): ("求职", "已就业")}
    out = write_comparison(result, tmp_path / "report.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "仅我方有" in text and "仅对方有" in text and "信息不一致" in text
    assert "13900009999" not in text and ID_A not in text  # masked in the report


def test_compare_a_county_list_leaves_other_counties_out_of_only_ours(session_factory, tmp_path):
    _seed(session_factory)
    other = tmp_path / "浦城.csv"
    with other.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "性别", "身份证号", "户籍地", "年龄"])
        w.writerow(["陈建华", "男", ID_A, "浦城县", ""])
    with session_factory() as s:
        everyone = compare_file(s, other)
        pucheng = compare_file(s, other, counties={"350722"})
    assert sorted(p["id"] for p in everyone.only_ours) == ["P2", "P3"]  # 光泽's P2 is not on a 浦城 list
    assert [p["id"] for p in pucheng.only_ours] == ["P3"]
