"""import recognises what it is given (issue 10, point 6): a Kế hoạch, a công văn góp ý with its draft
(fills ``letter:``), anything else refused; a Word 97–2003 .doc converted by LibreOffice when present."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from conftest import EXAMPLES
from dvtemplate.check import check_docx
from dvtemplate.contexts.letter import draft_plan
from dvtemplate.documents import render_letter
from dvtemplate.errors import InputError
from dvtemplate.importer import import_docx
from dvtemplate.loading import load_plan
from dvtemplate.model import PartialDate
from dvtemplate.pdf import find_soffice
from importdocs import build_table_plan, normalised

needs_lo = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice chưa cài")


def test_letter_with_its_draft_fills_the_letter_part(tmp_path):
    plan = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml").plan
    bundle = render_letter(plan, tmp_path).files[0]
    result = import_docx(bundle)
    assert result.warnings == []
    # every field, read back from the letter's sentences; the example has no number yet, so the letter
    # leaves Số and ngày both for the văn thư and only the year can come back
    assert plan.letter.number is None and plan.letter.issued.day
    written = plan.letter.model_copy(update={"issued": PartialDate(year=plan.letter.issued.year)})
    assert result.plan.letter == written
    expected = normalised(draft_plan(plan))
    expected.pop("issued")  # a draft's year-only date is the plan's year: not written back
    got = normalised(result.plan)
    got.pop("issued", None)
    assert got == expected and result.plan.draft


def test_a_letter_alone_is_refused_with_a_message(tmp_path):
    plan = load_plan(EXAMPLES / "ke-hoach-tinh-2026.yaml").plan
    letter, _draft = render_letter(plan, tmp_path, separate=True).files
    with pytest.raises(InputError, match="công văn lấy ý kiến góp ý, không có dự thảo Kế hoạch") as err:
        import_docx(letter)
    assert "letter:" in err.value.hint


def test_another_document_type_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN XÃ HÒA PHÚ").runs[0].bold = True
    doc.add_paragraph("Số: 15/QĐ-UBND")
    title = doc.add_paragraph()
    title.add_run("QUYẾT ĐỊNH").bold = True
    doc.add_paragraph("Về việc thành lập Tổ công tác dân vận")
    doc.add_paragraph("Điều 1. Thành lập Tổ công tác.")
    doc.save(str(tmp_path / "qd.docx"))
    with pytest.raises(InputError, match="đây là quyết định, không phải Kế hoạch"):
        import_docx(tmp_path / "qd.docx")


def _to_doc(source: Path, outdir: Path) -> Path:
    subprocess.run(
        [
            find_soffice(),
            "--headless",
            f"-env:UserInstallation={(outdir / 'p').as_uri()}",
            "--convert-to",
            "doc",
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    target = outdir / (source.stem + ".doc")
    assert target.is_file()
    return target


@needs_lo
def test_a_doc_is_converted_with_libreoffice(tmp_path):
    source = build_table_plan(tmp_path / "ke-hoach-cu.docx")
    legacy = _to_doc(source, tmp_path / "doc")
    assert legacy.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    result = import_docx(legacy)
    assert "Word 97–2003" in result.warnings[0] and "LibreOffice" in result.warnings[0]
    typed = import_docx(source).plan
    assert [s.title for s in result.plan.sections] == [s.title for s in typed.sections]
    assert result.plan.assignments == typed.assignments and result.plan.signer == typed.signer
    assert not list(tmp_path.glob("**/dvtemplate-doc-*"))  # the temporary folder is gone


@needs_lo
def test_a_doc_without_libreoffice_keeps_the_save_as_message(tmp_path, monkeypatch):
    legacy = _to_doc(build_table_plan(tmp_path / "ke-hoach-cu.docx"), tmp_path / "doc")
    monkeypatch.setenv("DVTEMPLATE_SOFFICE", str(tmp_path / "khong-co-soffice"))
    with pytest.raises(InputError, match=r"\.doc") as err:
        import_docx(legacy)
    assert ".docx" in err.value.hint


def test_an_encrypted_docx_is_never_sent_to_libreoffice(tmp_path, monkeypatch):
    fake = tmp_path / "mat-khau.docx"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600)
    monkeypatch.setattr(shutil, "which", lambda *_: (_ for _ in ()).throw(AssertionError("soffice looked up")))
    with pytest.raises(InputError, match="mật khẩu"):
        import_docx(fake)


def test_a_hand_written_consultation_letter_before_the_draft(tmp_path):
    """Offices' own wording: the deadline sentence is found anywhere, other paragraphs kept in order."""
    import copy

    from importdocs import _cell, _p, build_run_in_plan

    doc = Document()
    table = doc.add_table(rows=2, cols=2)
    _p(_cell(table, 0, 0), "UBND XÃ HÒA PHÚ\nVĂN PHÒNG", bold=True, center=True)
    _p(_cell(table, 0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", bold=True, center=True)
    left = _cell(table, 1, 0)
    _p(left, "Số: 45/VP-TH", center=True)
    _p(left, "V/v góp ý dự thảo Kế hoạch", center=True)
    _p(left, "công tác dân vận năm 2026", center=True)
    _p(_cell(table, 1, 1), "Hòa Phú, ngày 02 tháng 12 năm 2025", italic=True, center=True)
    _p(doc, "Kính gửi: Các thôn trên địa bàn xã.")
    _p(doc, "Văn phòng gửi kèm dự thảo Kế hoạch công tác dân vận năm 2026.")
    _p(doc, "Đề nghị các thôn góp ý bằng văn bản, gửi về Văn phòng trước ngày 10/12/2025.")
    _p(doc, "Mọi ý kiến xin gửi qua bộ phận một cửa.")
    _p(doc, "Trân trọng./.")
    closing = doc.add_table(rows=1, cols=2)
    _p(_cell(closing, 0, 0), "Nơi nhận:\n- Như trên;\n- Lưu: VT, TH.", bold=False)
    _p(_cell(closing, 0, 1), "CHÁNH VĂN PHÒNG\n\n\nLê Thị Thu", bold=True, center=True)
    draft = Document(str(build_run_in_plan(tmp_path / "draft.docx")))
    for element in draft.element.body.iterchildren():
        if not element.tag.endswith("sectPr"):
            doc.element.body.append(copy.deepcopy(element))
    doc.save(str(tmp_path / "bundle.docx"))
    result = import_docx(tmp_path / "bundle.docx")
    letter = result.plan.letter
    assert letter.subject == "góp ý dự thảo Kế hoạch công tác dân vận năm 2026"
    assert letter.recipients == ["Các thôn trên địa bàn xã"] and letter.number == 45
    assert letter.deadline.isoformat() == "2025-12-10"
    assert letter.issuer.name == "Văn phòng" and letter.issuer.drafting_unit == "TH"
    assert letter.paragraphs == ["Văn phòng gửi kèm dự thảo Kế hoạch công tác dân vận năm 2026."]
    assert letter.extra == ["Mọi ý kiến xin gửi qua bộ phận một cửa."]  # the template words the deadline itself
    assert any("câu hạn góp ý 'Đề nghị các thôn góp ý" in w for w in result.warnings)
    assert letter.signer.name == "Lê Thị Thu" and result.plan.signer.name == "Trần Văn Nam"
    assert result.plan.assignments is not None and result.plan.sections[0].items[0].run_in
    rendered = render_letter(result.plan, tmp_path / "out").files[0]
    report = check_docx(rendered)
    assert not report.errors, [(f.rule, f.message) for f in report.errors]
