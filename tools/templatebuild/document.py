"""The blank template every kind starts from: page, fonts, styles, page numbers, footnotes part.

The Nghị định 30 page-level numbers (A4, margins, font, 14 pt body, column widths) come from
``dvtemplate.vn.nd30``; this module applies them (page number in the header from page 2) and
``parts`` builds the blocks on top.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from dvtemplate.engine.zipfast import deflate_entry, write_zip
from dvtemplate.vn.nd30 import (
    A4_MM,
    BODY_PT,
    FONT,
    HEADER_LEFT_COL_MM,
    HEADER_RIGHT_COL_MM,
    TEMPLATE_MARGINS_MM,
    TIEU_NGU,
    TYPESET,
)

__all__ = ["FONT", "TIEU_NGU", "TYPESET", "BODY_PT", "Layout", "LAYOUT", "new_document", "add_style", "save"]


@dataclass(frozen=True)
class Layout:
    """Page and header geometry, mm (ND30 Phụ lục I: A4, the lowest margins allowed)."""

    top: float = TEMPLATE_MARGINS_MM["top"]
    bottom: float = TEMPLATE_MARGINS_MM["bottom"]
    left: float = TEMPLATE_MARGINS_MM["left"]
    right: float = TEMPLATE_MARGINS_MM["right"]
    left_col: float = HEADER_LEFT_COL_MM  # header/closing left column (≈ 40 %)
    right_col: float = HEADER_RIGHT_COL_MM  # right column (≈ 60 %)

    @property
    def text_width(self) -> float:
        return A4_MM[0] - self.left - self.right


LAYOUT = Layout()


def new_document():
    """A blank A4 document whose every style, default and part follows ND30."""
    doc = Document()
    _page_setup(doc)
    _fonts_everywhere(doc)
    _styles(doc)
    _page_numbers(doc)
    _footnotes_part(doc)
    for rid, rel in list(doc.part.rels.items()):
        # Word 2010 leftover with theme fonts; list numbering with Symbol bullets (ND30 numbers
        # are typed text, never Word lists, so a restyled template cannot renumber them)
        if rel.reltype.endswith(("/stylesWithEffects", "/numbering")):
            doc.part.drop_rel(rid)
    for numpr in list(doc.styles.element.iter(qn("w:numPr"))):
        numpr.getparent().remove(numpr)
    for rid, rel in list(doc.part.package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del doc.part.package.rels[rid]
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    core = doc.core_properties
    core.author = "dvtemplate"
    core.title = ""
    core.comments = ""
    return doc


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.top_margin, section.bottom_margin = Mm(LAYOUT.top), Mm(LAYOUT.bottom)
    section.left_margin, section.right_margin = Mm(LAYOUT.left), Mm(LAYOUT.right)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _fonts_everywhere(doc) -> None:
    """Times New Roman in docDefaults and in every style, theme fonts removed (ND30: one face)."""
    styles = doc.styles.element
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            if attr.lower().endswith("theme"):
                del rfonts.attrib[attr]
        for kind in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(kind), FONT)
    for color in list(styles.iter(qn("w:color"))):
        color.getparent().remove(color)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        if child.tag in (qn("w:sz"), qn("w:szCs"), qn("w:lang")):
            rpr.remove(child)
    rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{BODY_PT * 2}"/>'))
    rpr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="{BODY_PT * 2}"/>'))
    rpr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>'))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None:
        defaults.remove(ppr_default)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.widow_control = True  # no single line of a paragraph alone at a page top or foot


def add_style(
    doc,
    name: str,
    style_id: str,
    *,
    size=BODY_PT,
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent=True,
    before=6,
    after=0,
    line=1.15,
    kind=WD_STYLE_TYPE.PARAGRAPH,
):
    """A named "DV …" style based on Normal, in Times New Roman; ``None`` leaves a property inherited."""
    style = doc.styles.add_style(name, kind)
    style.style_id = style_id
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.name, font.size = FONT, Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.first_line_indent = Cm(1.27) if indent else Cm(0)
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    pf.line_spacing = line
    return style


def _styles(doc) -> None:
    """The named styles the templates use; restyle them in Word to restyle every document."""
    add_style(doc, "DV Đoạn văn", "DVBody")
    # headings never end a page (ND30 practice; issue 10): kept with the paragraph after them
    add_style(doc, "DV Phần", "DVSection", bold=True).paragraph_format.keep_with_next = True
    add_style(doc, "DV Mục", "DVItem").paragraph_format.keep_with_next = True
    add_style(doc, "DV Điểm", "DVPoint")
    add_style(doc, "DV Gạch đầu dòng", "DVBullet")
    add_style(
        doc, "DV Ô bảng", "DVCell", size=13, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=2, after=2, line=1.0
    )
    table = doc.styles.add_style("DV Bảng nội dung", WD_STYLE_TYPE.TABLE)
    table.style_id = "DVDataTable"
    table.base_style = doc.styles["Table Grid"]
    add_style(
        doc, "DV Tên loại", "DVTitle", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=12, line=1.0
    )
    add_style(
        doc, "DV Trích yếu", "DVSubject", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, line=1.0
    )
    add_style(doc, "DV Đầu trang", "DVHead", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, line=1.0)
    add_style(
        doc, "DV Nơi nhận", "DVRecipient", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False, before=0, line=1.0
    )
    add_style(
        doc, "DV Chữ ký", "DVSigner", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, before=0, line=1.0
    )
    note = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    note.style_id = "FootnoteText"
    note.base_style = doc.styles["Normal"]
    note.font.name, note.font.size = FONT, Pt(12)
    note.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    ref = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.style_id = "FootnoteReference"
    ref.font.superscript = True


def _page_numbers(doc) -> None:
    """PAGE field centred in the header, 14 pt; none on page 1 (titlePg + empty first header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(header_p, "PAGE", "2")
    first = section.first_page_header.paragraphs[0]
    first.text = ""


def _field(paragraph, code: str, shown: str) -> None:
    def fld(kind):
        r = paragraph.add_run()
        r.font.size = Pt(BODY_PT)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        r._r.append(el)

    fld("begin")
    r = paragraph.add_run()
    r.font.size = Pt(BODY_PT)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    r._r.append(instr)
    fld("separate")
    shown_run = paragraph.add_run(shown)
    shown_run.font.size = Pt(BODY_PT)
    fld("end")


_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def _footnotes_part(doc) -> None:
    """An empty footnotes part (separators only); the engine appends the plan's footnotes."""
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        _FOOTNOTES.encode("utf-8"),
        doc.part.package,
    )
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    pr = parse_xml(f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    anchor = settings.find(qn("w:compat"))
    if anchor is not None:
        anchor.addprevious(pr)
    else:
        settings.append(pr)


def save(doc, path) -> None:
    """Write a built template, creating its folder, with fixed zip timestamps so an unchanged
    template rebuilds byte for byte (no churn in the committed .docx)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    archive = zipfile.ZipFile(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        write_zip(handle, [deflate_entry(i.filename, archive.read(i)) for i in archive.infolist()])
