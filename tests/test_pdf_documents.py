"""`--pdf` writes a PDF beside each generated .docx; page count and page 1 checked.

Runs in CI (where .ci/run installs LibreOffice); skipped locally only when soffice is missing.
"""

from __future__ import annotations

import os
import unicodedata

import pytest
from pypdf import PdfReader

from conftest import EXAMPLES
from dvtemplate.pdf import find_soffice

ON_CI = os.environ.get("CI", "").lower() == "true"
needs_lo = pytest.mark.skipif(find_soffice() is None and not ON_CI, reason="LibreOffice chưa cài")


def text_of(page) -> str:
    return " ".join(unicodedata.normalize("NFC", page.extract_text() or "").split())


@needs_lo
def test_render_with_pdf_writes_a_matching_pdf(run_cli, tmp_path):
    code, out, err = run_cli("render", EXAMPLES / "ke-hoach-tinh-2026.yaml", "-o", tmp_path, "--pdf")
    assert code == 0, err
    docx_file = next(tmp_path.glob("*.docx"))
    pdf_file = docx_file.with_suffix(".pdf")
    assert pdf_file.exists()
    reader = PdfReader(str(pdf_file))
    assert 2 <= len(reader.pages) <= 4
    first = text_of(reader.pages[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 09/KH-UBND" in first and "Khánh Hòa, ngày 08 tháng 01 năm 2026" in first
    assert "KẾ HOẠCH" in first
    assert not first.startswith("1 "), "no page number on page 1"
    second = text_of(reader.pages[1])
    assert second.startswith("2 "), "page number 2 at the top of page 2"
    last = text_of(reader.pages[-1])
    assert "Trần Văn Minh" in last and "Nơi nhận:" in last


def test_missing_libreoffice_keeps_the_docx(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(tmp_path / "khong-co-soffice"))
    code, out, err = run_cli("render", EXAMPLES / "ke-hoach-xa-2026.yaml", "-o", tmp_path, "--pdf")
    assert code == 3 and "LibreOffice" in err and "Traceback" not in err
    assert list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pdf"))


@needs_lo
def test_batch_with_pdf_converts_every_form(run_cli, tmp_path):
    out = tmp_path / "out"
    code, _, err = run_cli(
        "batch",
        EXAMPLES / "ke-hoach-tinh-2026.yaml",
        "--units",
        EXAMPLES / "don-vi.csv",
        "--period",
        "2026-Q2",
        "-o",
        out,
        "--jobs",
        "2",
        "--pdf",
    )
    assert code in (0, 1), err
    forms = sorted(out.glob("*.docx"))
    assert forms
    for form in forms:
        pdf = form.with_suffix(".pdf")
        assert pdf.exists()
        first = text_of(PdfReader(str(pdf)).pages[0])
        assert "BÁO CÁO" in first and "quý II năm 2026" in first


@needs_lo
@pytest.mark.parametrize(
    "command",
    [
        ["letter"],
        ["report", "--period", "2026-H1", "--unit", "Sở Nội vụ", "--abbreviation", "SNV", "--signer-title", "Giám đốc"],
    ],
)
def test_letter_and_report_with_pdf(run_cli, tmp_path, command):
    code, _, err = run_cli(command[0], EXAMPLES / "ke-hoach-tinh-2026.yaml", *command[1:], "-o", tmp_path, "--pdf")
    assert code == 0, err
    docx_file = next(tmp_path.glob("*.docx"))
    reader = PdfReader(str(docx_file.with_suffix(".pdf")))
    first = text_of(reader.pages[0])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    if command[0] == "letter":
        assert "V/v lấy ý kiến góp ý dự thảo" in first and "Trân trọng./." in first
        assert any("DỰ THẢO" in text_of(p) for p in reader.pages[1:]), "draft appended"
