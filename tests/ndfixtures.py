"""Build ND30-shaped .docx fixtures in code, with one knob per rule to break.

``Spec()`` describes a clean Kế hoạch (or, with ``letter=True``, a công văn):
header as a borderless two-column table with rules drawn as paragraph
borders, fonts carried by docDefaults and the Normal style, a real footnote,
a closing table and a centred PAGE field in the header but not on page 1.
Tests change one field of the Spec and expect exactly that rule to fire.
All text here is made up for the tests.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

__all__ = ["Spec", "build", "TNR"]

TNR = "Times New Roman"
C = WD_ALIGN_PARAGRAPH.CENTER
J = WD_ALIGN_PARAGRAPH.JUSTIFY
L = WD_ALIGN_PARAGRAPH.LEFT


@dataclass
class Spec:
    letter: bool = False
    font: str = TNR  # face of the Normal style and docDefaults
    body_font: str | None = None  # direct font on body runs (None: from the style)
    body_size: float = 14
    body_align: object = J
    first_line_cm: float = 1.27
    margins_mm: dict = field(default_factory=lambda: {"top": 20, "bottom": 20, "left": 30, "right": 15})
    landscape: bool = False
    parent: str = "UBND TỈNH NINH THUẬN"
    issuer: str = "SỞ NỘI VỤ"
    issuer_rule: bool = True
    so: str = "Số: 05/KH-SNV"
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    tieu_ngu: str = "Độc lập - Tự do - Hạnh phúc"
    tieu_ngu_rule: bool = True
    date: str = "Ninh Thuận, ngày 05 tháng 01 năm 2024"
    date_italic: bool = True
    title: str = "KẾ HOẠCH"
    trich_yeu: str = "Tổ chức hội thi tìm hiểu pháp luật về cải cách hành chính năm 2024"
    sections: list = field(
        default_factory=lambda: [
            (
                "I. MỤC ĐÍCH, YÊU CẦU",
                [
                    (
                        "1. Nâng cao hiểu biết của công chức về thủ tục hành chính.",
                        ["a) Ôn tập theo chuyên đề;", "b) Thi trắc nghiệm trên máy tính."],
                    ),
                    ("2. Bảo đảm tiết kiệm, đúng tiến độ.", []),
                ],
            ),
            (
                "II. NỘI DUNG",
                [
                    (
                        "1. Đối tượng dự thi là công chức các phòng chuyên môn.",
                        [
                            "a) Phòng Tổ chức;",
                            "b) Phòng Cải cách;",
                            "c) Phòng Văn thư;",
                            "d) Phòng Thanh tra;",
                            "đ) Phòng Công chức;",
                            "e) Văn phòng Sở.",
                        ],
                    )
                ],
            ),
        ]
    )
    footnote: bool = True  # a real footnote on the first item
    typed_footnote: bool = False  # superscript digit typed as text
    kinh_gui: list = field(default_factory=lambda: ["- Các phòng chuyên môn thuộc Sở;", "- Văn phòng Sở."])
    closing_line: str = "Trân trọng./."
    noi_nhan: str = "Nơi nhận:"
    recipients: list = field(default_factory=lambda: ["- Như trên;", "- Giám đốc Sở (b/c);", "- Lưu: VT, CCHC."])
    signer: list = field(default_factory=lambda: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
    signer_name: str = "Lê Thị Bình"
    page_number: bool = True
    page_on_first: bool = False  # titlePg off: the PAGE field shows on page 1
    page_align: object = C


_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:bidi", "w:spacing", "w:ind", "w:jc", "w:rPr")


def _border(paragraph, side: str = "top") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(  # schema order: pBdr before shd … spacing, ind, jc
        parse_xml(f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'),
        *_AFTER_PBDR,
    )


def _para(container, text: str, *, size=None, bold=False, italic=False, align=None, font=None):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    if text:
        r = p.add_run(text)
        r.bold, r.italic = bold or None, italic or None
        if size is not None:
            r.font.size = Pt(size)
        if font:
            r.font.name = font
            r.element.rPr.rFonts.set(qn("w:hAnsi"), font)
    return p


def _rule(cell, left_cm: float, right_cm: float):
    p = cell.add_paragraph()
    p.paragraph_format.left_indent = Cm(left_cm)
    p.paragraph_format.right_indent = Cm(right_cm)
    p.paragraph_format.space_after = Pt(0)
    _border(p, "top")
    return p


def _fonts(doc, face: str) -> None:
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for k in list(rfonts.attrib):
        del rfonts.attrib[k]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), face)
    normal = doc.styles["Normal"]
    normal.font.name = face
    normal.element.rPr.rFonts.set(qn("w:hAnsi"), face)
    normal.font.size = Pt(14)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.0


def _add_footnote(doc, paragraph, text: str) -> None:
    """A real footnote: footnotes part + footnoteReference run (python-docx has no API)."""
    w = nsdecls("w")
    xml = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        f'</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        f'<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r>'
        f'<w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r><w:r><w:rPr>'
        f'<w:sz w:val="24"/></w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p>'
        f"</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph._p.append(
        parse_xml(f'<w:r {w}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>')
    )


def _page_field(section, spec: Spec) -> None:
    section.different_first_page_header_footer = not spec.page_on_first
    if not spec.page_number:
        return
    p = section.header.paragraphs[0]
    p.alignment = spec.page_align
    p._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr>'
            '<w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )


def _header(doc, s: Spec) -> None:
    t = doc.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    left.paragraphs[0].alignment = C
    first = left.paragraphs[0]
    first.add_run(s.parent).font.size = Pt(13)
    _para(left, s.issuer, size=13, bold=True, align=C)
    if s.issuer_rule:
        _rule(left, 1.8, 1.8)
    _para(left, s.so, size=13, align=C)
    if s.letter:
        _para(left, "V/v tổ chức hội thi tìm hiểu pháp luật", size=12, align=C)
    right.paragraphs[0].alignment = C
    r = right.paragraphs[0].add_run(s.quoc_hieu)
    r.bold, r.font.size = True, Pt(13)
    _para(right, s.tieu_ngu, size=14, bold=True, align=C)
    if s.tieu_ngu_rule:
        _rule(right, 2.0, 2.0)
    _para(right, s.date, size=14, italic=s.date_italic, align=C)


def _body(doc, s: Spec) -> None:
    def body_para(text, bold=False):
        p = _para(doc, text, bold=bold, align=s.body_align, size=s.body_size, font=s.body_font)
        p.paragraph_format.first_line_indent = Cm(s.first_line_cm)
        return p

    if s.letter:
        _para(doc, "Kính gửi:", align=C)
        for line in s.kinh_gui:
            _para(doc, line, align=C)
    else:
        _para(doc, s.title, size=14, bold=True, align=C)
        _para(doc, s.trich_yeu, size=14, bold=True, align=C)
        rp = _para(doc, "", align=C)
        rp.paragraph_format.left_indent = Cm(6)
        rp.paragraph_format.right_indent = Cm(6)
        _border(rp, "top")
    body_para("Căn cứ tình hình thực tế, Sở ban hành văn bản này với các nội dung sau:")
    first_item = True
    for heading, items in s.sections:
        body_para(heading, bold=True)
        for item, points in items:
            p = body_para(item)
            if first_item and s.footnote:
                _add_footnote(doc, p, "Chú thích thử nghiệm.")
            if first_item and s.typed_footnote:
                sup = p.add_run("1")
                sup.font.superscript = True
            first_item = False
            for pt in points:
                body_para(pt)
    if s.letter:
        body_para(s.closing_line)


def _closing(doc, s: Spec) -> None:
    t = doc.add_table(rows=1, cols=2)
    left, right = t.rows[0].cells
    left.paragraphs[0].alignment = L
    r = left.paragraphs[0].add_run(s.noi_nhan)
    r.bold, r.italic, r.font.size = True, True, Pt(12)
    for line in s.recipients:
        _para(left, line, size=11, align=L)
    right.paragraphs[0].alignment = C
    r = right.paragraphs[0].add_run(s.signer[0])
    r.bold, r.font.size = True, Pt(14)
    for line in s.signer[1:]:
        _para(right, line, size=14, bold=True, align=C)
    for _ in range(4):
        _para(right, "", align=C)
    _para(right, s.signer_name, size=14, bold=True, align=C)


def build(path: Path, spec: Spec | None = None) -> Path:
    """Write the fixture described by ``spec`` to ``path`` and return it."""
    s = copy.deepcopy(spec) if spec is not None else Spec()
    if s.letter and s.so == "Số: 05/KH-SNV":
        s.so = "Số: 112/SNV-CCHC"
    doc = Document()
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):  # a Word 2010 copy of styles.xml, out of date once edited
            doc.part.drop_rel(rid)
    _fonts(doc, s.font)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    if s.landscape:
        sec.page_width, sec.page_height = Mm(297), Mm(210)
    m = s.margins_mm
    sec.top_margin, sec.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    sec.left_margin, sec.right_margin = Mm(m["left"]), Mm(m["right"])
    body = doc.element.body
    body.remove(body[0]) if len(body) and body[0].tag == qn("w:p") else None
    _header(doc, s)
    _body(doc, s)
    _closing(doc, s)
    _page_field(sec, s)
    doc.save(str(path))
    return Path(path)
