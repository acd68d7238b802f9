"""Building blocks of every built-in template, written with python-docx.

Templates are generated, not hand-edited, so tags always sit in one run
(docxtpl cannot read a tag Word split across runs) and every Nghị định 30
number lives in exactly one place: here and in ``document``. Users restyle the
generated .docx in Word through its named styles ("DV …").
"""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from dvtemplate.vn import RULE_WIDTHS_MM, text_width_mm
from dvtemplate.vn.nd30 import NOI_NHAN, QUOC_HIEU

from .document import BODY_PT, FONT, LAYOUT, TIEU_NGU, TYPESET, Layout, add_style, new_document, save
from .order import insert_ordered

__all__ = [
    "FONT",
    "BODY_PT",
    "Layout",
    "LAYOUT",
    "new_document",
    "save",
    "add_style",
    "para",
    "run",
    "tag_para",
    "rule_para",
    "header_block",
    "closing_block",
    "title_block",
    "draft_mark",
    "body_blocks",
    "data_table",
]


# ----------------------------------------------------------------------------- paragraphs
def para(
    container,
    text: str = "",
    style: str | None = None,
    *,
    bold=None,
    italic=None,
    size=None,
    align=None,
    before=None,
    after=None,
):
    """Append a paragraph with one run (so a tag in *text* is never split)."""
    p = container.add_paragraph(style=style)
    if text:
        run(p, text, bold=bold, italic=italic, size=size)
    pf = p.paragraph_format
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    return p


def run(p, text: str, *, bold=None, italic=None, size=None, underline=None):
    r = p.add_run(text)
    if bold is not None:
        r.bold = bold
    if italic is not None:
        r.italic = italic
    if size is not None:
        r.font.size = Pt(size)
    if underline is not None:
        r.underline = underline
    return r


def tag_para(container, tag: str):
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed at render)."""
    return para(container, tag, "DV Đầu trang")


def rule_para(container, width_mm: float, box_mm: float):
    """A solid rule *width_mm* long, centred in a box *box_mm* wide: an empty 2 pt paragraph
    with a top border, indented from both sides (ND30: rules under the issuer, Tiêu ngữ, trích yếu)."""
    p = container.add_paragraph(style="DV Đầu trang")
    side = max((box_mm - width_mm) / 2, 0)
    pf = p.paragraph_format
    pf.left_indent, pf.right_indent = Mm(side), Mm(side)
    pf.space_before, pf.space_after = Pt(3), Pt(0)  # a little air between the text and its rule
    pf.line_spacing = Pt(2)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    ppr = p._p.get_or_add_pPr()
    insert_ordered(
        ppr, parse_xml(f'<w:pBdr {nsdecls("w")}><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    )
    insert_ordered(ppr, parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr>'))
    return p


def _borderless(table, widths_mm: list[float]) -> None:
    tbl = table._tbl
    tblpr = tbl.tblPr
    insert_ordered(
        tblpr,
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        ),
    )
    insert_ordered(
        tblpr,
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        ),
    )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx: w:tblLayout w:type="fixed", in schema order
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for col, width in zip(table.columns, widths_mm, strict=False):
        col.width = Mm(width)


def _clear(cell):
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    return cell


# ----------------------------------------------------------------------------- blocks
def draft_mark(doc) -> None:
    """'DỰ THẢO' in a box at the top right, only when the context says ``draft``."""
    tag_para(doc, "{%p if draft %}")
    p = para(doc, "DỰ THẢO", "DV Đầu trang", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    p.paragraph_format.left_indent = Mm(LAYOUT.text_width - 32)
    ppr = p._p.get_or_add_pPr()
    box = "".join(
        f'<w:{s} w:val="single" w:sz="8" w:space="2" w:color="000000"/>' for s in ("top", "left", "bottom", "right")
    )
    insert_ordered(ppr, parse_xml(f"<w:pBdr {nsdecls('w')}>{box}</w:pBdr>"))
    tag_para(doc, "{%p endif %}")


def header_block(doc, *, left_below_number: list[tuple[str, dict]] | None = None):
    """The two-column header: issuer | Quốc hiệu, Tiêu ngữ; Số | date line.

    Context: ``header.parent_lines``, ``header.issuer_lines``, ``header.so``,
    ``header.date_line``. *left_below_number* adds paragraphs under Số (the V/v of a công văn).
    """
    table = doc.add_table(rows=2, cols=2)
    _borderless(table, [LAYOUT.left_col, LAYOUT.right_col])
    left, right = _clear(table.cell(0, 0)), _clear(table.cell(0, 1))
    tag_para(left, "{%p for line in header.parent_lines %}")
    para(left, "{{ line }}", "DV Đầu trang", size=TYPESET["parent"].size)
    tag_para(left, "{%p endfor %}")
    tag_para(left, "{%p for line in header.issuer_lines %}")
    para(left, "{{ line }}", "DV Đầu trang", bold=True, size=TYPESET["issuer"].size)
    tag_para(left, "{%p endfor %}")
    # ND30: the rule is 1/3–1/2 of the issuer line; the context picks the length (header.issuer_rule)
    for i, width in enumerate(RULE_WIDTHS_MM):
        tag_para(left, f"{{%p {'if' if i == 0 else 'elif'} header.issuer_rule == {width} %}}")
        rule_para(left, width, LAYOUT.left_col)
    tag_para(left, "{%p endif %}")
    para(right, QUOC_HIEU, "DV Đầu trang", bold=True, size=TYPESET["quoc_hieu"].size)
    para(right, TIEU_NGU, "DV Đầu trang", bold=True, size=TYPESET["tieu_ngu"].size)
    rule_para(right, round(text_width_mm(TIEU_NGU, TYPESET["tieu_ngu"].size)), LAYOUT.right_col)  # as long as the text
    left2, right2 = _clear(table.cell(1, 0)), _clear(table.cell(1, 1))
    para(left2, "{{ header.so }}", "DV Đầu trang", size=TYPESET["so"].size, before=6)
    for text, fmt in left_below_number or []:
        para(left2, text, "DV Đầu trang", **fmt)
    para(right2, "{{ header.date_line }}", "DV Đầu trang", italic=True, size=TYPESET["date"].size, before=6)
    return table


def title_block(doc, type_name: str) -> None:
    """Tên loại (bold, upper) and the trích yếu (bold) with a short rule under it."""
    para(doc, type_name, "DV Tên loại", before=18)
    para(doc, "{{ subject }}", "DV Trích yếu")
    rule_para(doc, LAYOUT.text_width / 3, LAYOUT.text_width)
    para(doc, "", "DV Đầu trang", size=6)


def closing_block(doc) -> None:
    """Nơi nhận (left) and the signer (right). Context: ``noi_nhan``, ``signer.lines``, ``signer.name``."""
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, [LAYOUT.left_col + 10, LAYOUT.right_col - 10])
    # the signer block never splits across pages (a name alone on the last page)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    left, right = _clear(table.cell(0, 0)), _clear(table.cell(0, 1))
    para(left, NOI_NHAN, "DV Nơi nhận", bold=True, italic=True, size=TYPESET["noi_nhan"].size, before=12)
    tag_para(left, "{%p for line in noi_nhan %}")
    para(left, "{{ line }}", "DV Nơi nhận", size=TYPESET["recipients"].size)
    tag_para(left, "{%p endfor %}")
    tag_para(right, "{%p for line in signer.lines %}")
    para(right, "{{ line }}", "DV Chữ ký", size=TYPESET["signer"].size, before=0)
    tag_para(right, "{%p endfor %}")
    for _ in range(4):
        para(right, "", "DV Chữ ký")
    para(right, "{{ signer.name }}", "DV Chữ ký", size=TYPESET["signer_name"].size)
    right.paragraphs[0].paragraph_format.space_before = Pt(12)


def body_blocks(doc, loop: str = "blocks") -> None:
    """The body: one paragraph per block, its style by kind (section, item, point, table, bullet, body).

    Headings keep with the next paragraph through their styles; a last plain paragraph (the
    closing sentence) keeps with the closing table, so the signature never has a page alone.
    """
    tag_para(doc, f"{{%p for b in {loop} %}}")
    tag_para(doc, '{%p if b.kind == "section" %}')
    p = para(doc, "", "DV Phần")
    run(p, "{{ b.lead }}{{ b.text }}")
    tag_para(doc, '{%p elif b.kind == "item" %}')
    p = para(doc, "", "DV Mục")
    run(p, "{{ b.lead }}", bold=True)
    run(p, "{{ b.text }}")
    tag_para(doc, '{%p elif b.kind == "point" %}')
    p = para(doc, "", "DV Điểm")
    run(p, "{{ b.lead }}")
    run(p, "{{ b.text }}")
    tag_para(doc, '{%p elif b.kind == "table" %}')
    data_table(doc)
    tag_para(doc, '{%p elif b.kind == "bullet" %}')
    para(doc, "{{ b.lead }}{{ b.text }}", "DV Gạch đầu dòng")
    tag_para(doc, "{%p elif loop.last %}")  # the closing sentence: never alone before the signature page
    para(doc, "{{ b.lead }}{{ b.text }}", "DV Đoạn văn").paragraph_format.keep_with_next = True
    tag_para(doc, "{%p else %}")
    para(doc, "{{ b.lead }}{{ b.text }}", "DV Đoạn văn")
    tag_para(doc, "{%p endif %}")
    tag_para(doc, "{%p endfor %}")


def data_table(doc) -> None:
    """A table block (context ``b.rows``: rows of cells ``{text, bold}``) in the "DV Bảng nội dung" style.

    One template row and cell repeated by ``{%tr %}``/``{%tc %}`` loops; the engine fits the grid
    to the widest row after rendering (``engine.ooxml.fit_table_grids``).
    """
    table = doc.add_table(rows=3, cols=3)
    table.style = doc.styles["DV Bảng nội dung"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = Mm(LAYOUT.text_width)
    for row in table.rows:
        for cell in row.cells:
            cell.width = width
    for col in table.columns:
        col.width = width
    first, last = _clear(table.cell(0, 0)), _clear(table.cell(2, 0))
    tag_para(first, "{%tr for row in b.rows %}")
    tag_para(last, "{%tr endfor %}")
    for r in (0, 2):
        for c in (1, 2):
            tag_para(_clear(table.cell(r, c)), "")
    opening, cell, closing = (_clear(table.cell(1, c)) for c in range(3))
    tag_para(opening, "{%tc for cell in row %}")
    tag_para(closing, "{%tc endfor %}")
    tag_para(cell, "{%p if cell.bold %}")
    para(cell, "{{ cell.text }}", "DV Ô bảng", bold=True)
    tag_para(cell, "{%p else %}")
    para(cell, "{{ cell.text }}", "DV Ô bảng")
    tag_para(cell, "{%p endif %}")
