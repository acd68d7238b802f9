"""The `dvtemplate check` command: output formats and exit status 0/1/2."""

from __future__ import annotations

import json
import zipfile

from dvtemplate.check import check_docx
from dvtemplate.check._components import is_upper, lower_unaccented
from dvtemplate.check._rules_body import numbering_problems, roman_value
from dvtemplate.check._rules_header import date_problems, parse_so, so_problems
from dvtemplate.cli import main
from ndfixtures import Spec, build


def test_exit_0_on_clean_and_1_on_errors(tmp_path, capsys):
    good = build(tmp_path / "good.docx")
    bad = build(tmp_path / "bad.docx", Spec(date="Ninh Thuận, ngày 05 tháng 1 năm 2024"))
    assert main(["check", str(good)]) == 0
    assert "0 lỗi" in capsys.readouterr().out
    assert main(["check", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "ND30-DATE-ZERO" in out and "Tổng cộng: 2 tệp, 1 lỗi" in out


def test_warnings_alone_exit_0(tmp_path, capsys):
    doc = build(tmp_path / "a.docx", Spec(page_number=False))
    assert main(["check", str(doc)]) == 0
    assert "CẢNH BÁO" in capsys.readouterr().out


def test_json_format(tmp_path, capsys):
    doc = build(tmp_path / "a.docx", Spec(so="Số: 5/KH-SNV"))
    assert main(["check", "--format", "json", "--kind", "plan", str(doc)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["file"] == str(doc) and data[0]["kind"] == "plan"
    assert [f["rule"] for f in data[0]["findings"]] == ["ND30-SO-KY-HIEU"]


def test_unreadable_files_exit_2_with_vietnamese_message(tmp_path, capsys):
    text = tmp_path / "note.docx"
    text.write_text("không phải docx", encoding="utf-8")
    ole = tmp_path / "old.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    nodoc = tmp_path / "empty.docx"
    with zipfile.ZipFile(nodoc, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    good = build(tmp_path / "good.docx")
    assert main(["check", str(text), str(ole), str(nodoc), str(good)]) == 2
    cap = capsys.readouterr()
    assert "không phải tệp .docx" in cap.err
    assert "đặt mật khẩu" in cap.err and ".doc" in cap.err
    assert "thiếu word/document.xml" in cap.err
    assert "Traceback" not in cap.err + cap.out
    assert "good.docx" in cap.out  # the readable file is still checked


def test_kind_override(tmp_path):
    doc = build(tmp_path / "a.docx")
    assert check_docx(doc, kind="report").kind == "report"
    assert "ND30-SO-KY-HIEU" in {f.rule for f in check_docx(doc, kind="report").errors}


def test_so_rules_as_strings():
    assert parse_so("Số: 05/KH-UBND")["number"] == "05"
    assert so_problems("Số: 05/KH-UBND", "plan") == []
    assert so_problems("Số:      /KH-UBND", "plan") == []  # a draft leaves the number blank
    assert so_problems("Số: 112/SNV-TCBM", "letter") == []
    assert any("số 0" in m for m in so_problems("Số: 7/BC-SNV", "report"))
    assert any("Phụ lục III" in m for m in so_problems("Số: 07/XYZ-SNV", "other"))
    assert any("hai chấm" in m for m in so_problems("Số 07/KH-UBND", "plan"))
    assert so_problems("Số: 12/QĐ-UBND", "other") == []


def test_date_rules_as_strings():
    assert date_problems("Ninh Thuận, ngày 05 tháng 01 năm 2024") == []
    assert date_problems("Ninh Thuận, ngày 28 tháng 02 năm 2025") == []
    assert date_problems("Ninh Thuận, ngày 15 tháng 12 năm 2024") == []
    assert date_problems("Ninh Thuận, ngày      tháng      năm 2024") == []
    assert len(date_problems("Ninh Thuận, ngày 5 tháng 1 năm 2024")) == 2
    assert any("dấu phẩy" in m for m in date_problems("Ninh Thuận ngày 05 tháng 3 năm 2024"))
    assert any("viết hoa" in m for m in date_problems("ninh Thuận, ngày 05 tháng 3 năm 2024"))


def test_numbering_as_strings():
    ok = ["I. A", "1. x", "a) p", "b) p", "c) p", "d) p", "đ) p", "e) p", "g) p", "2. y", "II. B", "1. z"]
    assert numbering_problems(ok) == []
    assert [r for _, r, _ in numbering_problems(["1. x", "a) p", "b) p", "b) p"])] == ["ND30-NUMBERING-POINTS"]
    assert numbering_problems(["I. A", "1. x", "b) y"])[0][0] == 2
    assert roman_value("IV") == 4 and roman_value("IIII") is None
    assert lower_unaccented("Độc lập") == "doc lap" and is_upper("SỞ NỘI VỤ") and not is_upper("Sở")
