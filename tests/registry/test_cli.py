"""The ``jiuye`` commands as a coordinator runs them (a real process on a fresh SQLite data dir)."""

import csv
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _jiuye(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIUYE_")}
    env.update(JIUYE_DATA_DIR=str(data_dir), JIUYE_LOG_LEVEL="WARNING")
    return subprocess.run([sys.executable, "-c", "from service.cli import main; main()", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_import_report_compare_and_employer_commands(tmp_path):
    data = tmp_path / "var"
    names = tmp_path / "名单.csv"
    with names.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "性别", "年龄", "联系电话", "户籍所在地", "就业状态"])
        w.writerow(["陈建华", "男", 41, "13800002000", "浦城", "求职"])
        w.writerow(["刘丽华", "女", 36, "13800002001", "火星", "求职"])
    r = _jiuye(data, "import", "labourers", str(names))
    assert r.returncode == 0, r.stderr
    assert "新增 1" in r.stdout and "有问题 1 行" in r.stdout and "13800002001" not in r.stdout + r.stderr
    reports = list((data / "import_reports").glob("labourers-*-errors.csv"))
    assert len(reports) == 1 and "火星" in reports[0].read_text(encoding="utf-8-sig")
    assert _jiuye(data, "import", "labourers", str(names), "--strict").returncode == 1

    out = tmp_path / "比对.csv"
    r = _jiuye(data, "registry", "compare", str(names), "--out", str(out))
    assert r.returncode == 0 and "双方都有 1 人" in r.stdout and "仅对方有 1 人" in r.stdout
    assert out.exists()

    r = _jiuye(data, "employer", "add", "浦城县茶叶合作社", "--contact", "王经理")
    assert r.returncode == 0 and "jy_" in r.stdout
    assert "postings" in _jiuye(data, "--help").stdout
