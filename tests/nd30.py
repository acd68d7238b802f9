"""Shared Nghị định 30 property assertions for every document dvtemplate writes.

Each check reads the .docx XML (python-docx + lxml) and asserts one rule of
../shared/ND30.md with its number; tests for the plan, the letter and the report
forms all call :func:`assert_nd30`, so a rule is written once.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.shared import Pt
from lxml import etree

__all__ = ["assert_nd30", "effective", "paragraph_size", "W"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TNR = "Times New Roman"
EMU_PER_MM = 36000


def _style_chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _first_set(values):
    """The first value that is not None (direct formatting, then each style up the chain)."""
    return next((v for v in values if v is not None), None)


def effective(run, paragraph, attr: str):
    """The effective font attribute (bold, italic, size, name) of *run* through the style chain."""
    own_style = run.style if run.style is not None and run.style.name != "Default Paragraph Font" else None
    fonts = [run.font, *(st.font for st in _style_chain(own_style)), *(st.font for st in _style_chain(paragraph.style))]
    value = _first_set(getattr(font, attr) for font in fonts)
    return value if value is not None else {"size": Pt(14), "name": TNR}.get(attr, False)


def _para_attr(paragraph, attr: str):
    formats = [paragraph.paragraph_format, *(st.paragraph_format for st in _style_chain(paragraph.style))]
    return _first_set(getattr(pf, attr) for pf in formats)


def paragraph_size(paragraph) -> set[float]:
    """Font sizes (pt) of the non-empty runs of *paragraph*."""
    return {effective(r, paragraph, "size").pt for r in paragraph.runs if r.text.strip()}


def _all(paragraph, attr: str) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(effective(r, paragraph, attr) for r in runs)


def _has_rule(paragraphs, index: int) -> bool:
    """A solid rule right under paragraph *index*: a border on it or on the next paragraph."""
    for p in paragraphs[index : index + 2]:
        ppr = p._p.pPr
        if ppr is not None and ppr.find(f"{W}pBdr") is not None:
            return True
    return False


def _check_page(document) -> None:
    for section in document.sections:
        if section.page_width > section.page_height:  # a landscape page for a wide table: binding edge on top
            assert abs(section.page_width / EMU_PER_MM - 297) < 1 and abs(section.page_height / EMU_PER_MM - 210) < 1
            assert 30 <= round(section.top_margin / EMU_PER_MM) <= 35, "lề trên (gáy) 30–35 mm"
            assert 15 <= round(section.bottom_margin / EMU_PER_MM) <= 20, "lề dưới 15–20 mm"
            assert 20 <= round(section.left_margin / EMU_PER_MM) <= 25, "lề trái 20–25 mm"
            assert 20 <= round(section.right_margin / EMU_PER_MM) <= 25, "lề phải 20–25 mm"
            continue
        assert abs(section.page_width / EMU_PER_MM - 210) < 1 and abs(section.page_height / EMU_PER_MM - 297) < 1, "A4"
        assert 20 <= round(section.top_margin / EMU_PER_MM) <= 25, "lề trên 20–25 mm"
        assert 20 <= round(section.bottom_margin / EMU_PER_MM) <= 25, "lề dưới 20–25 mm"
        assert 30 <= round(section.left_margin / EMU_PER_MM) <= 35, "lề trái 30–35 mm"
        assert 15 <= round(section.right_margin / EMU_PER_MM) <= 20, "lề phải 15–20 mm"


def _check_fonts(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if (
                not (name.startswith("word/") and name.endswith(".xml"))
                or "theme" in name
                or name.endswith("fontTable.xml")
            ):
                continue
            root = etree.fromstring(z.read(name))
            for rf in root.iter(f"{W}rFonts"):
                for key, value in rf.attrib.items():
                    assert not key.lower().endswith("theme"), f"{name}: phông theo theme ({key})"
                    assert value == TNR, f"{name}: phông {value!r}"


def _check_header(document, kind: str) -> None:
    table = document.tables[0]
    left, right = table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs
    texts = [p.text for p in right]
    qh = texts.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert _all(right[qh], "bold") and paragraph_size(right[qh]) <= {12.0, 13.0}
    tn = texts.index("Độc lập - Tự do - Hạnh phúc")
    assert _all(right[tn], "bold") and paragraph_size(right[tn]) <= {13.0, 14.0}
    assert _has_rule(right, tn + 1) or _has_rule(right, tn), "đường kẻ dưới Tiêu ngữ"
    named = [p for p in left if p.text.strip()]
    issuer = [p for p in named if _all(p, "bold")]
    assert issuer, "tên cơ quan ban hành in đậm"
    for p in issuer:
        assert p.text == p.text.upper() and paragraph_size(p) <= {12.0, 13.0}
    for p in named[: named.index(issuer[0])]:
        assert not _all(p, "bold") and p.text == p.text.upper(), "cơ quan chủ quản không đậm"
    last = left.index(issuer[-1])
    assert _has_rule(left, last + 1), "đường kẻ dưới tên cơ quan ban hành"
    rule = left[last + 1]
    cell_mm = table.cell(0, 0).width / EMU_PER_MM
    pf = rule.paragraph_format
    rule_mm = cell_mm - ((pf.left_indent or 0) + (pf.right_indent or 0)) / EMU_PER_MM
    from dvtemplate.vn import text_width_mm

    line_mm = max(text_width_mm(p.text, 12) for p in issuer)
    assert line_mm / 3 - 1 <= rule_mm <= line_mm / 2 + 1, f"đường kẻ {rule_mm:.0f} mm, dòng chữ {line_mm:.0f} mm"
    if kind == "comments_table":
        assert not table.cell(1, 0).text.strip(), "bản tổng hợp không có số riêng"
        return
    number = [p for p in table.cell(1, 0).paragraphs if p.text.startswith("Số")][0]
    # upper case, except the mixed-case type abbreviations of Phụ lục III (TTr, CTr, QyĐ)
    assert re.fullmatch(r"Số: ?(\d{2,}|\s+)/(?:TTr-|CTr-|QyĐ-)?[A-ZĐ0-9&.-]+", number.text), number.text
    date = [p for p in table.cell(1, 1).paragraphs if "năm" in p.text][0]
    assert _all(date, "italic") and paragraph_size(date) <= {13.0, 14.0}
    m = re.fullmatch(r"[A-ZĐÀ-Ỹ][^,]+, ngày (\d{2}|\s+) tháng (\S+|\s+) năm \d{4}", date.text)
    assert m, date.text
    month = m.group(2).strip()
    if month:
        assert month in ("01", "02") or (month.isdigit() and 3 <= int(month) <= 12 and not month.startswith("0"))
    if kind == "letter":
        vv = [p for p in table.cell(1, 0).paragraphs if p.text.startswith("V/v")]
        assert vv and paragraph_size(vv[0]) <= {12.0, 13.0}, "V/v dưới số, ký hiệu"


def _check_title_and_body(document, kind: str) -> None:
    paragraphs = document.paragraphs
    if kind != "letter":
        type_name = {
            "plan": "KẾ HOẠCH",
            "report": "BÁO CÁO",
            "to_trinh": "TỜ TRÌNH",
            "comments_table": "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN GÓP Ý",
        }[kind]
        title = [p for p in paragraphs if p.text == type_name][0]
        assert _all(title, "bold") and paragraph_size(title) <= {13.0, 14.0}
        assert _para_attr(title, "alignment") == 1, "tên loại căn giữa"
        subject = paragraphs[paragraphs.index(title) + 1]
        assert _all(subject, "bold") and _para_attr(subject, "alignment") == 1
        assert _has_rule(paragraphs, paragraphs.index(title) + 2)
    body = [
        p
        for p in paragraphs
        if p.style.name.startswith("DV ")
        and p.style.name in ("DV Đoạn văn", "DV Phần", "DV Mục", "DV Điểm", "DV Gạch đầu dòng")
        and p.text.strip()
    ]
    assert body, "có nội dung"
    sizes = set()
    for p in body:
        assert _para_attr(p, "alignment") == 3, f"căn đều hai lề: {p.text[:40]}"
        indent = _para_attr(p, "first_line_indent")
        assert indent is not None and 1.0 <= indent.cm <= 1.27 + 1e-6, f"thụt đầu dòng 1–1,27 cm: {p.text[:40]}"
        before, after = _para_attr(p, "space_before"), _para_attr(p, "space_after")
        assert ((before or 0) + (after or 0)) >= Pt(6), "cách đoạn ≥ 6 pt"
        line = _para_attr(p, "line_spacing")
        assert line is None or (isinstance(line, float) and 1.0 <= line <= 1.5)
        sizes |= paragraph_size(p)
    assert sizes in ({13.0}, {14.0}), f"cỡ chữ phần nội dung 13–14 và thống nhất: {sizes}"
    for section in ("DV Phần",):
        for p in body:
            if p.style.name == section:
                assert _all(p, "bold") and re.match(r"^[IVXLC]+\. ", p.text) and p.text == p.text.upper()


def _check_page_numbers(path: Path, document, kind: str = "plan") -> None:
    sect = document.sections[-1]
    if kind == "comments_table" or (kind == "report" and len(document.sections) > 1):  # then landscape pages
        first = document.sections[0]
        assert first.different_first_page_header_footer and not sect.different_first_page_header_footer
        assert "PAGE" not in etree.tostring(first.first_page_header._element, encoding="unicode")
        assert "PAGE" in etree.tostring(sect.header._element, encoding="unicode")
        return
    assert sect.different_first_page_header_footer, "không đánh số trang 1 (titlePg)"
    header_xml = etree.tostring(sect.header._element, encoding="unicode")
    assert "PAGE" in header_xml, "số trang ở phần đầu trang"
    assert sect.header.paragraphs[0].alignment == 1, "số trang căn giữa"
    sizes = {effective(r, sect.header.paragraphs[0], "size").pt for r in sect.header.paragraphs[0].runs}
    assert sizes <= {13.0, 14.0}
    assert "PAGE" not in etree.tostring(sect.first_page_header._element, encoding="unicode"), (
        "trang 1 không có số trang"
    )


def _check_footnotes(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        refs = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
        for run in body.iter(f"{W}r"):
            va = run.find(f"{W}rPr/{W}vertAlign")
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            if va is not None and va.get(f"{W}val") == "superscript":
                assert not text.strip().isdigit(), "chú thích gõ tay bằng chữ số nhỏ"
        if refs:
            notes = etree.fromstring(z.read("word/footnotes.xml"))
            ids = {n.get(f"{W}id") for n in notes.iter(f"{W}footnote")}
            assert set(refs) <= ids, "mỗi tham chiếu có chú thích"


def _check_closing(document, kind: str) -> None:
    table = document.tables[-1]
    if kind in ("letter", "report"):  # a draft plan may follow a letter, a Phụ lục a report: the closing first
        table = next(t for t in document.tables if t.cell(0, 0).text.strip().startswith("Nơi nhận"))
    left, right = table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs
    if kind == "comments_table":  # signed by the head of the drafting office; not sent, so no Nơi nhận
        assert not table.cell(0, 0).text.strip()
        _check_signer(right, kind)
        return
    head = [p for p in left if p.text.strip()][0]
    assert head.text == "Nơi nhận:" and _all(head, "bold") and _all(head, "italic") and paragraph_size(head) == {12.0}
    lines = [p for p in left if p.text.strip()][1:]
    assert lines, "có nơi nhận"
    for p in lines:
        assert paragraph_size(p) == {11.0} and p.text.startswith("- ")
    for p in lines[:-1]:
        assert p.text.endswith(";"), p.text
    assert lines[-1].text.startswith("- Lưu: ") and lines[-1].text.endswith("."), lines[-1].text
    if kind in ("letter", "to_trinh"):
        assert lines[0].text == "- Như trên;"
    _check_signer(right, kind)


def _check_signer(right, kind: str) -> None:
    signer = [p for p in right if p.text.strip()]
    empty_run = 0
    for p in right:
        empty_run = empty_run + 1 if not p.text.strip() else empty_run
    assert empty_run >= 3, "chỗ ký và đóng dấu"
    for p in signer:
        assert _all(p, "bold") and paragraph_size(p) <= {13.0, 14.0} and _para_attr(p, "alignment") == 1
    for p in signer[:-1]:
        assert p.text == p.text.upper(), "chức vụ in hoa"
    name = signer[-1].text
    if kind == "report" and set(name.strip()) <= set("….·"):
        return  # a report form: the name is a dotted line, written in by the unit
    assert name != name.upper() and not re.match(r"^(TS|ThS|PGS|GS)\.", name), "họ tên người ký"


def assert_nd30(path: str | Path, kind: str = "plan") -> None:
    """Assert every ND30 rule dvtemplate guarantees on the .docx at *path* (plan, letter, report, to_trinh,
    comments_table; the báo cáo tổng hợp is checked as a report, the công văn đôn đốc as a letter)."""
    kind = {"summary": "report", "reminder": "letter"}.get(kind, kind)
    path = Path(path)
    document = docx.Document(str(path))
    _check_page(document)
    _check_fonts(path)
    _check_header(document, kind)
    _check_title_and_body(document, kind)
    _check_page_numbers(path, document, kind)
    _check_footnotes(path)
    _check_closing(document, kind)
