"""`dvtemplate edxml`: the QCVN 102:2016/BTTTT envelope read back: every required element present and
filled from the document, identifier codes from the units list, the attachment's digest matching the
signed PDF byte for byte; bad input is a Vietnamese error."""

from __future__ import annotations

import base64
import hashlib

import pytest
from lxml import etree

from conftest import EXAMPLES
from dvtemplate.edxml import NS, STRUCTURE_VERSION, read_package
from dvtemplate.errors import InputError
from dvtemplate.pdf import find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice chưa cài")

REQUIRED = [
    "DocumentId",
    "Code/CodeNumber",
    "Code/CodeNotation",
    "PromulgationInfo/Place",
    "PromulgationInfo/PromulgationDate",
    "DocumentType/Type",
    "DocumentType/TypeName",
    "Subject",
    "SignerInfo/Competence",
    "SignerInfo/Position",
    "SignerInfo/FullName",
    "OtherInfo/Priority",
    "OtherInfo/SphereOfPromulgation",
    "OtherInfo/PromulgationAmount",
    "OtherInfo/PageAmount",
    "SteeringType",
    "From/OrganId",
    "From/OrganName",
]

UNITS = (
    "Tên đơn vị,Cấp,Viết tắt,Mã định danh\n"
    "Ủy ban nhân dân xã Cam Hiệp,xã,,000.31.45.H41\n"
    "Sở Nội vụ tỉnh,sở,SNV,000.00.12.H41\n"
)


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    from dvtemplate.cli import main

    folder = tmp_path_factory.mktemp("edxml")
    assert main(["render", str(EXAMPLES / "ke-hoach-xa-2026.yaml"), "-o", str(folder), "--pdf"]) == 0
    return next(folder.glob("*.pdf"))


def test_package_reads_back_with_every_element_and_the_digest(run_cli, plan_pdf, tmp_path):
    units = tmp_path / "don-vi.csv"
    units.write_text(UNITS, encoding="utf-8")
    out = tmp_path / "goi.edxml"
    code, stdout, err = run_cli("edxml", plan_pdf, "--units", units, "--urgency", "khan", "-o", out)
    assert code == 0, err
    assert "goi.edxml" in stdout
    data = out.read_bytes()
    package = read_package(data)
    missing = [key for key in REQUIRED if not package.header.get(key)]
    assert not missing, missing
    h = package.header
    assert (h["Code/CodeNumber"], h["Code/CodeNotation"]) == ("03", "KH-UBND")
    assert (h["PromulgationInfo/Place"], h["PromulgationInfo/PromulgationDate"]) == ("Cam Hiệp", "2026/01/15")
    assert h["DocumentType/TypeName"] == "Kế hoạch"
    assert h["Subject"] == "Thực hiện công tác dân vận chính quyền trên địa bàn xã năm 2026"
    assert (h["SignerInfo/Position"], h["SignerInfo/FullName"]) == ("CHỦ TỊCH", "Đặng Thị Mai")
    assert h["SignerInfo/Competence"] == "TM. ỦY BAN NHÂN DÂN"
    assert h["OtherInfo/Priority"] == "1", "Khẩn"
    assert h["OtherInfo/PageAmount"] == "2"
    assert h["From/OrganId"] == "000.31.45.H41" and h["DocumentId"].startswith("000.31.45.H41,2026/01/15,03/KH-UBND")
    names = [r["OrganName"] for r in package.receivers]
    assert "Sở Nội vụ tỉnh" in names and not any(n.startswith("Lưu") for n in names)
    assert next(r for r in package.receivers if r["OrganName"] == "Sở Nội vụ tỉnh")["OrganId"] == "000.00.12.H41"
    assert h["OtherInfo/PromulgationAmount"] == str(len(names) + 1), "receivers and the filed copy"
    assert "Chưa có mã định danh của 'Thường trực HĐND xã'" in err, "the agencies without a code are named"

    (att,) = package.attachments
    assert att.data == plan_pdf.read_bytes() and att.digest_ok
    assert att.name == plan_pdf.name and att.content_type == "application/pdf"
    assert package.version == STRUCTURE_VERSION
    root = etree.fromstring(data)
    assert root.nsmap["edXML"] == NS
    ref = root.find(f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLBody/{{{NS}}}edXMLManifest/{{{NS}}}Reference")
    assert ref.findtext(f"{{{NS}}}ContentId") == att.content_id
    digest = root.findtext(f".//{{{NS}}}DigestValue")
    assert digest == base64.b64encode(hashlib.sha256(plan_pdf.read_bytes()).digest()).decode()


def test_a_changed_attachment_fails_its_digest(run_cli, plan_pdf, tmp_path):
    out = tmp_path / "goi.edxml"
    assert run_cli("edxml", plan_pdf, "-o", out)[0] == 0
    root = etree.fromstring(out.read_bytes())
    enc = root.find(f".//{{{NS}}}ContentTransferEncoded")
    enc.text = base64.b64encode(plan_pdf.read_bytes() + b"%tampered").decode()
    (att,) = read_package(etree.tostring(root)).attachments
    assert not att.digest_ok


def test_hostile_package_is_refused_without_expanding_entities():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<edXML:edXML xmlns:edXML="' + NS.encode() + b'"><edXML:edXMLEnvelope>&b;</edXML:edXMLEnvelope></edXML:edXML>'
    )
    with pytest.raises(InputError, match="MessageHeader"):
        read_package(bomb)
    with pytest.raises(InputError, match="không phải tệp XML"):
        read_package(b"<edXML")


def test_plan_stands_in_for_a_missing_docx(run_cli, plan_pdf, tmp_path):
    alone = tmp_path / "da-ky.pdf"
    alone.write_bytes(plan_pdf.read_bytes())  # no .docx beside it
    out = tmp_path / "goi.edxml"
    code, _, err = run_cli("edxml", alone, "--plan", EXAMPLES / "ke-hoach-xa-2026.yaml", "-o", out)
    assert code == 0, err
    header = read_package(out.read_bytes()).header
    assert header["Code/CodeNotation"] == "KH-UBND" and header["SignerInfo/FullName"] == "Đặng Thị Mai"


@pytest.mark.parametrize("case", ["missing", "not-pdf", "no-docx"])
def test_bad_input_is_a_vietnamese_error(run_cli, plan_pdf, tmp_path, case):
    if case == "missing":
        source, words = tmp_path / "khong-co.pdf", "Không tìm thấy"
    elif case == "not-pdf":
        source, words = tmp_path / "gia.pdf", "không phải tệp PDF"
        source.write_text("xin chào", encoding="utf-8")
    else:
        source, words = tmp_path / "le.pdf", "Không tìm thấy tệp Word"
        source.write_bytes(plan_pdf.read_bytes())
    out = tmp_path / "goi.edxml"
    code, _, err = run_cli("edxml", source, "-o", out)
    assert code == 2 and words in err and "Traceback" not in err, err
    assert not out.exists()
