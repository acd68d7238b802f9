"""`--pdf` writes PDF/A-2b: markers, every font embedded (Vietnamese text intact), no encryption,
an output intent, and the document's own metadata (title = type + trích yếu, author = issuer,
number and symbol, date of issue) in XMP and the Info dictionary."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import EXAMPLES
from dvtemplate.pdf import find_soffice
from dvtemplate.sign import inspect_pdfa

needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice chưa cài")

KINDS = {
    "render": (
        ["render"],
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
        "KẾ HOẠCH Thực hiện công tác dân vận chính quyền",
        "09/KH-UBND",
        "2026-01-08",
    ),
    "letter": (["letter"], "SỞ NỘI VỤ", "V/v lấy ý kiến góp ý dự thảo", "", ""),
    "report": (
        ["report", "--period", "2026-H1", "--unit", "Sở Nội vụ", "--abbreviation", "SNV", "--signer-title", "Giám đốc"],
        "SỞ NỘI VỤ",
        "BÁO CÁO",
        "",
        "",
    ),
}


def pdffonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@needs_lo
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_is_pdfa_2b_with_its_metadata(run_cli, tmp_path, kind):
    args, issuer, title, number, date = KINDS[kind]
    code, _, err = run_cli(args[0], EXAMPLES / "ke-hoach-tinh-2026.yaml", *args[1:], "-o", tmp_path, "--pdf")
    assert code == 0, err
    pdf = next(tmp_path.glob("*.pdf"))
    report = inspect_pdfa(pdf)
    assert (report.part, report.conformance) == ("2", "B")
    assert not report.encrypted and report.output_intents == 1
    assert report.fonts and not report.not_embedded, report.fonts
    assert report.is_pdfa2b
    assert report.metadata["dc:creator"] == issuer
    assert title in report.metadata["dc:title"]
    if number:
        assert report.metadata["dc:identifier"] == number
        assert report.metadata["dc:date"] == date
    with pikepdf.open(pdf) as doc:
        assert str(doc.docinfo["/Title"]) == report.metadata["dc:title"], "Info and XMP agree"
        assert str(doc.docinfo["/Author"]) == report.metadata["dc:creator"]
        assert "/Producer" not in doc.docinfo, "left to the signer, which writes it in Info and XMP alike"
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent
    if shutil.which("pdffonts"):
        rows = pdffonts(pdf)
        assert rows and all(row[-5] == "yes" for row in rows), rows  # the emb column
    first = unicodedata.normalize("NFC", PdfReader(str(pdf)).pages[0].extract_text())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in " ".join(first.split()), "Vietnamese letters survive"
