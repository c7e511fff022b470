"""Small builders shared by the registry tests."""

from __future__ import annotations

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(region: str = "350722", born: str = "19850312", seq: str = "123") -> str:
    """A resident ID number with a correct GB 11643 check character (seq's last digit odd = 男)."""
    body = region + born + seq
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def bad_check(number: str) -> str:
    """The same number with a wrong check character."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def write_csv(path, header: list[str], rows: list[list]):  # type: ignore[no-untyped-def]
    """A sheet as coordinators save it from Excel (UTF-8 with BOM)."""
    import csv

    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
    return path
