"""Issue 4: unit lists in .xlsx and .csv (Vietnamese or English headers, BOM, ';'), bad rows by number."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dvtemplate.errors import InputError
from dvtemplate.model.units import Unit
from dvtemplate.units import read_units

ROOT = Path(__file__).resolve().parent.parent

HEADER = ["Tên đơn vị", "Cấp", "Viết tắt", "Địa danh", "Cơ quan chủ quản", "Chức vụ người ký", "Email"]


def _xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_example_lists_agree_and_name_is_first_column():
    csv_units = read_units(ROOT / "examples" / "don-vi.csv")
    xlsx_units = read_units(ROOT / "examples" / "don-vi.xlsx")
    assert not csv_units.problems and not xlsx_units.problems
    assert [u.model_dump() for u in csv_units.units] == [u.model_dump() for u in xlsx_units.units]
    assert (
        (ROOT / "examples" / "don-vi.csv")
        .read_bytes()
        .startswith(b"\xef\xbb\xbfT\xc3\xaan \xc4\x91\xc6\xa1n v\xe1\xbb\x8b,")
    )
    levels = {u.level for u in csv_units.units}
    assert {"xã", "phường", "đặc khu"} <= levels and "huyện" not in levels  # no huyện since 1/7/2025
    assert any("/" in u.name for u in csv_units.units)


def test_csv_semicolon_bom_vietnamese_headers(tmp_path):
    path = tmp_path / "dv.csv"
    text = ";".join(HEADER) + "\r\n" + "Ủy ban nhân dân xã Phước Hà;Xã;;;UBND tỉnh Khánh Hòa;;\r\n"
    path.write_bytes(text.encode("utf-8-sig"))
    units = read_units(path)
    assert not units.problems
    unit = units.units[0]
    assert unit.name == "Ủy ban nhân dân xã Phước Hà"
    assert unit.level == "xã" and unit.symbol_abbreviation == "UBND" and unit.place_name == "Phước Hà"
    assert unit.parent == "UBND tỉnh Khánh Hòa"


def test_headers_without_diacritics_or_in_english(tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text("ten don vi,cap,viet tat\nPhòng Nội vụ,khác,pnv\n", encoding="utf-8")
    assert read_units(path).units[0].abbreviation == "PNV"
    path.write_text(
        "name,level,abbreviation,place,parent,signer_title,email\nUBND phường Cam Ranh,phường,,,,,\n", encoding="utf-8"
    )
    assert read_units(path).units[0].place_name == "Cam Ranh"


def test_bad_rows_reported_with_row_number_and_skipped(tmp_path):
    path = _xlsx(
        tmp_path / "dv.xlsx",
        [
            HEADER,
            ["Ủy ban nhân dân xã An Bình", "xã", "UBND", "An Bình", None, "Chủ tịch", None],
            [None, "xã", "UBND", "Tân Hòa", None, None, None],  # row 3: no name
            ["ủy ban nhân dân xã  An Bình", "xã", None, None, None, None, None],  # row 4: duplicate
            ["Ủy ban nhân dân quận Ba Đình", "quận", None, None, None, None, None],  # row 5: unknown level
            [None, None, None, None, None, None, None],  # empty line: ignored
            ["Phòng Tư pháp", "khác", None, None, None, None, None],  # row 7: no abbreviation
            ["Ủy ban nhân dân phường Bình Minh", "phường", None, None, None, None, "sai-email"],  # row 8
            ["Ủy ban nhân dân đặc khu Côn Đảo", "đặc khu", None, None, None, None, None],
        ],
    )
    units = read_units(path)
    assert [u.name for u in units.units] == ["Ủy ban nhân dân xã An Bình", "Ủy ban nhân dân đặc khu Côn Đảo"]
    assert units.rows == [2, 9]
    by_row = {p.row: p.message for p in units.problems}
    assert sorted(by_row) == [3, 4, 5, 7, 8]
    assert "thiếu tên" in by_row[3]
    assert "trùng" in by_row[4] and "dòng 2" in by_row[4]
    assert "cấp 'quận' không hợp lệ" in by_row[5]
    assert "viết tắt" in by_row[7].lower()
    assert "thư điện tử" in by_row[8]
    assert str(units.problems[0]).startswith("dòng 3:")


def test_missing_name_column_and_bad_files(tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text("Cấp,Viết tắt\nxã,UBND\n", encoding="utf-8")
    with pytest.raises(InputError, match="Tên đơn vị"):
        read_units(path)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("Tên đơn vị\nXã Hòa\n".encode("cp1252", "replace").replace(b"?", b"\xe0\xe8"))
    with pytest.raises(InputError, match="UTF-8"):
        read_units(latin)
    with pytest.raises(InputError, match=r"\.xlsx hoặc \.csv"):
        read_units(tmp_path / "dv.txt")
    with pytest.raises(InputError, match="Không tìm thấy"):
        read_units(tmp_path / "khong-co.csv")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="Excel"):
        read_units(broken)


def test_unknown_column_is_a_warning(tmp_path):
    path = tmp_path / "dv.csv"
    path.write_text("Tên đơn vị,Ghi chú\nỦy ban nhân dân xã Hòa Bình,abc\n", encoding="utf-8")
    units = read_units(path)
    assert len(units.units) == 1 and any("Ghi chú" in w for w in units.warnings)


def test_unit_defaults():
    commune = Unit(name="Uỷ ban nhân dân xã Hòa Thắng")
    assert commune.is_committee and commune.place_name == "Hòa Thắng"
    with pytest.raises(ValueError):
        Unit(name="Phòng Văn hóa", level="khác")
