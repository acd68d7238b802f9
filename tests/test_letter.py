"""The consultation letter — ND30 (Công văn variant), the appended or separate draft, deadlines."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from dvtemplate.check import check_docx
from dvtemplate.errors import InputError
from dvtemplate.loading import parse_plan_text
from nd30 import W, assert_nd30, effective

ROOT = Path(__file__).resolve().parent.parent
PROVINCE = ROOT / "examples" / "ke-hoach-tinh-2026.yaml"


def _texts(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_letter_with_appended_draft(run_cli, tmp_path):
    code, out, err = run_cli("letter", PROVINCE, "-o", tmp_path)
    assert code == 0, err
    files = sorted(tmp_path.glob("*.docx"))
    assert len(files) == 1 and files[0].name.startswith("SNV-XDCQ-Cong-van-")
    path = files[0]
    assert_nd30(path, "letter")
    report = check_docx(path)
    assert report.kind == "letter" and not report.errors, [str(f) for f in report.findings]
    document = docx.Document(str(path))
    header = document.tables[0]
    so = [p.text for p in header.cell(1, 0).paragraphs if p.text.startswith("Số")][0]
    assert re.fullmatch(r"Số: +/SNV-XDCQ", so)
    vv = [p for p in header.cell(1, 0).paragraphs if p.text.startswith("V/v")][0]
    assert vv.text == "V/v lấy ý kiến góp ý dự thảo Kế hoạch thực hiện công tác dân vận chính quyền năm 2026"
    assert not any(effective(r, vv, "bold") for r in vv.runs) and vv.alignment in (None, 1)
    texts = [p.text for p in document.paragraphs]
    k = texts.index("Kính gửi:")
    assert texts[k + 1 : k + 5] == [
        "- Các sở, ban, ngành tỉnh;",
        "- Công an tỉnh;",
        "- Bộ Chỉ huy Quân sự tỉnh;",
        "- UBND các xã, phường, đặc khu.",
    ]
    assert "KẾ HOẠCH" not in texts[: texts.index("Trân trọng./.")]  # no title block in a công văn
    # the deadline is bold, in its own run; the rest of its sentence is not
    deadline = next(p for p in document.paragraphs if "trước ngày 05/12/2025" in p.text)
    bold = [r.text for r in deadline.runs if effective(r, deadline, "bold")]
    assert bold == ["trước ngày 05/12/2025"]
    assert "xdcq.snv@khanhhoa.gov.vn" in deadline.text and "Phan Chu Trinh" in deadline.text
    body = " ".join(texts)
    assert "đề nghị các cơ quan, đơn vị nghiên cứu, tham gia góp ý" in body
    assert 'Trang thông tin điện tử Sở Nội vụ, mục "Lấy ý kiến dự thảo"' in body
    assert "bà Lê Thị Hạnh" in body and "0258 3822 000" in body
    assert "không gửi ý kiến góp ý được hiểu là thống nhất" in body
    closing = document.tables[[t.cell(0, 0).text.startswith("Nơi nhận") for t in document.tables].index(True)]
    signer = [p.text for p in closing.cell(0, 1).paragraphs if p.text.strip()]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phạm Quốc Hùng"]
    # the draft follows, after a next-page section break, as a draft
    t = texts.index("Trân trọng./.")
    assert texts.index("DỰ THẢO") > t and "KẾ HOẠCH" in texts[t:]
    assert len(document.sections) == 2
    assert document.sections[1].start_type == 2  # WD_SECTION.NEW_PAGE
    draft_header = document.tables[2]
    assert "DỰ THẢO" not in draft_header.cell(0, 0).text
    draft_so = [p.text for p in draft_header.cell(1, 0).paragraphs if p.text.startswith("Số")][0]
    assert re.fullmatch(r"Số: +/KH-UBND", draft_so)
    draft_date = [p.text for p in draft_header.cell(1, 1).paragraphs if p.text.strip()][0]
    assert re.fullmatch(r"Khánh Hòa, ngày +tháng +năm 2026", draft_date)
    with zipfile.ZipFile(path) as z:
        body_xml = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    last = body_xml.find(f"{W}body/{W}sectPr")
    assert last.find(f"{W}pgNumType").get(f"{W}start") == "1" and last.find(f"{W}titlePg") is not None
    refs = [r.get(f"{W}id") for r in body_xml.iter(f"{W}footnoteReference")]
    ids = [n.get(f"{W}id") for n in notes.iter(f"{W}footnote") if int(n.get(f"{W}id")) > 0]
    assert refs and sorted(refs) == sorted(ids) and len(set(ids)) == len(ids)


def test_separate_writes_letter_and_draft(run_cli, tmp_path):
    code, out, err = run_cli("letter", PROVINCE, "-o", tmp_path, "--separate")
    assert code == 0, err
    files = sorted(tmp_path.glob("*.docx"))
    assert len(files) == 2
    letter = next(f for f in files if f.name.startswith("SNV-XDCQ"))
    draft = next(f for f in files if f.name.startswith("KH-UBND-2026-du-thao"))
    assert_nd30(letter, "letter")
    assert_nd30(draft, "plan")
    assert not check_docx(letter).errors and not check_docx(draft).errors
    assert "DỰ THẢO" not in _texts(letter) and len(docx.Document(str(letter)).sections) == 1
    texts = _texts(draft)
    assert texts.index("DỰ THẢO") < texts.index("KẾ HOẠCH")
    so = [p.text for p in docx.Document(str(draft)).tables[0].cell(1, 0).paragraphs if p.text.startswith("Số")][0]
    assert re.fullmatch(r"Số: +/KH-UBND", so)
    # again without --force: the same content is left as it is; an edited file is never overwritten
    before = {f: f.stat().st_mtime_ns for f in files}
    code, out, err = run_cli("letter", PROVINCE, "-o", tmp_path, "--separate")
    assert code == 0 and out.count("Không đổi") == 2 and "Đã ghi" not in out
    assert {f: f.stat().st_mtime_ns for f in files} == before
    draft.write_bytes(draft.read_bytes() + b"\0")
    before = {f: f.stat().st_mtime_ns for f in files}
    code, out, err = run_cli("letter", PROVINCE, "-o", tmp_path, "--separate")
    assert code == 1 and "Không ghi đè" in err and draft.name in err
    assert {f: f.stat().st_mtime_ns for f in files} == before


def _with_letter(**changes) -> str:
    text = PROVINCE.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_deadline_before_letter_date_is_located_error():
    text = _with_letter(**{"deadline: 05/12/2025": "deadline: 20/11/2025"})
    with pytest.raises(InputError) as exc:
        parse_plan_text(text, "kh.yaml")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "deadline: 20/11/2025" in ln)
    assert f"kh.yaml, dòng {line}" in exc.value.message and "trước ngày công văn 24/11/2025" in exc.value.message


def test_deadline_on_non_working_day_warns(run_cli, tmp_path):
    text = _with_letter(**{"deadline: 05/12/2025": "deadline: 06/12/2025"})  # a Saturday
    plan = tmp_path / "kh.yaml"
    plan.write_text(text, encoding="utf-8")
    code, out, err = run_cli("letter", plan, "-o", tmp_path / "out")
    assert code == 0
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if "deadline: 06/12/2025" in ln)
    assert f"Cảnh báo: kh.yaml, dòng {line}" in err and "ngày nghỉ (thứ Bảy)" in err


def test_one_recipient_inline_and_no_letter_section(run_cli, tmp_path):
    text = PROVINCE.read_text(encoding="utf-8")
    start = text.index("  recipients:\n    - Các sở")
    end = text.index("  paragraphs:", start)
    text = text[:start] + "  recipients: [Sở Tài chính]\n" + text[end:]
    plan = tmp_path / "kh.yaml"
    plan.write_text(text, encoding="utf-8")
    code, out, err = run_cli("letter", plan, "-o", tmp_path / "a")
    assert code == 0, err
    path = next((tmp_path / "a").glob("*.docx"))
    assert "Kính gửi: Sở Tài chính." in _texts(path)
    assert_nd30(path, "letter")
    assert not check_docx(path).errors
    commune = ROOT / "examples" / "ke-hoach-xa-2026.yaml"
    if "letter:" not in commune.read_text(encoding="utf-8"):
        code, out, err = run_cli("letter", commune, "-o", tmp_path / "b")
        assert code == 2 and "letter:" in err and not (tmp_path / "b").exists()
