"""Build ``templates/comments_table.docx``: the bản tổng hợp, giải trình, tiếp thu ý kiến góp ý.

Registered in :data:`templatebuild.BUILDERS`. Context: see
:mod:`dvtemplate.contexts.comments_table`. Page 1 (portrait) holds the header,
the title and the preamble; a next-page section break turns the rest landscape
(ND30: a wide table may sit on a landscape A4 page) for the five-column table and
the signature of the head of the drafting office. Under the title: "(Kèm theo Tờ trình số …)". Page numbers continue across
the break. The header row repeats on every page, and every row names its part of the draft,
so a group running onto the next page still shows which part it is about.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from .order import sort_children
from .parts import LAYOUT, body_blocks, header_block, new_document, para, rule_para, save, tag_para
from .report import _cell_text, add_report_styles

__all__ = [
    "build_comments_table",
    "COLUMNS",
    "LANDSCAPE",
    "landscape_break",
    "signer_only",
    "grid_table",
    "schema_order_tables",
]

LANDSCAPE = {"top": 30, "bottom": 15, "left": 20, "right": 20}
"""Margins (mm) of the landscape section: the binding edge (portrait left, 30 mm) is on top."""
COLUMNS = (
    ("STT", 14, "stt"),
    ("Phần của dự thảo", 48, "part"),
    ("Đơn vị góp ý", 45, "unit"),
    ("Nội dung góp ý", 85, "text"),
    ("Ý kiến tiếp thu, giải trình", 65, "answer"),
)
"""Header, width (mm) and context key; widths add up to 297 − 20 − 20 = 257 mm."""


def landscape_break(doc) -> None:
    """End the portrait section here (next page); the document's last section becomes landscape A4."""
    body_sect = doc.element.body.find(qn("w:sectPr"))
    p = doc.add_paragraph(style="DV Đầu trang")
    p._p.get_or_add_pPr().append(copy.deepcopy(body_sect))
    pgsz = body_sect.find(qn("w:pgSz"))
    pgsz.set(qn("w:w"), str(round(297 * 56.6929)))
    pgsz.set(qn("w:h"), str(round(210 * 56.6929)))
    pgsz.set(qn("w:orient"), "landscape")
    mar = body_sect.find(qn("w:pgMar"))
    for side, value in LANDSCAPE.items():
        mar.set(qn(f"w:{side}"), str(round(value * 56.6929)))
    title_pg = body_sect.find(qn("w:titlePg"))
    if title_pg is not None:  # the landscape pages are pages 2…: they show their number
        body_sect.remove(title_pg)
    sort_children(body_sect)


def grid_table(doc, columns):
    """A table with single borders, fixed widths, a bold header row repeated on every page."""
    table = doc.add_table(rows=4, cols=len(columns))
    tblpr = table._tbl.tblPr
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    table.autofit = False
    for row in table.rows:
        for cell, (_, width, _) in zip(row.cells, columns, strict=False):
            cell.width = Mm(width)
    for column, (_, width, _) in zip(table.columns, columns, strict=False):
        column.width = Mm(width)
    for cell, (title, _, _) in zip(table.rows[0].cells, columns, strict=False):
        _cell_text(cell, title, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    return table


def signer_only(doc) -> None:
    """The signature on the right half (a bản tổng hợp has no Nơi nhận). Context: ``signer``."""
    table = doc.add_table(rows=1, cols=2)
    tblpr = table._tbl.tblPr
    tblpr.append(
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
            + "</w:tblBorders>"
        )
    )
    tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    table.autofit = False
    widths = (140, 117)
    for cell, width in zip(table.rows[0].cells, widths, strict=False):
        cell.width = Mm(width)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Mm(width)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    right = table.cell(0, 1)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    tag_para(right, "{%p for line in signer.lines %}")
    para(right, "{{ line }}", "DV Chữ ký", size=14)
    tag_para(right, "{%p endfor %}")
    for _ in range(4):
        para(right, "", "DV Chữ ký")
    para(right, "{{ signer.name }}", "DV Chữ ký", size=14)
    right.paragraphs[0].paragraph_format.space_before = Pt(12)


_TBLPR = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
)


def schema_order_tables(doc) -> None:
    """Every table's properties in CT_TblPr order (python-docx appends; Word is strict about order)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_TBLPR)}
    for tblpr in doc.element.body.iter(qn("w:tblPr")):
        children = sorted(tblpr, key=lambda el: rank.get(el.tag, len(_TBLPR)))
        for el in children:
            tblpr.remove(el)
            tblpr.append(el)


def _keep_last_row_with_next(row) -> None:
    """The last comment row keeps with the signature (``keepNext`` in every cell, for that row only):
    the signature never stands alone on a page after the table."""
    for cell in row.cells:
        ppr = cell.paragraphs[0]._p.get_or_add_pPr()
        keep = parse_xml(f"<w:keepNext {nsdecls('w')}/>")
        style = ppr.find(qn("w:pStyle"))
        if style is None:
            ppr.insert(0, keep)
            ppr.text = "{% if loop.last %}"
        else:
            style.addnext(keep)
            style.tail = "{% if loop.last %}"
        keep.tail = "{% endif %}"


def build_comments_table(path: Path) -> None:
    """Header, title, preamble with counts and lists; landscape table grouped by part; signature."""
    doc = new_document()
    add_report_styles(doc)
    header_block(doc)
    para(doc, "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN GÓP Ý", "DV Tên loại", before=18)
    para(doc, "{{ subject }}", "DV Trích yếu")
    rule_para(doc, LAYOUT.text_width / 3, LAYOUT.text_width)
    para(doc, "{{ attached }}", "DV Đầu trang", italic=True, size=14, before=6)  # which Tờ trình it goes with
    para(doc, "", "DV Đầu trang", size=6)
    body_blocks(doc, "blocks")
    landscape_break(doc)
    p = para(doc, "{{ table_heading }}", "DV Mục", bold=True)
    p.paragraph_format.keep_with_next = True
    tag_para(doc, "{%p if has_rows %}")
    table = grid_table(doc, COLUMNS)
    _cell_text(table.cell(1, 0), "{%tr for r in rows %}")
    for cell, (_, _, key) in zip(table.rows[2].cells, COLUMNS, strict=False):
        align = WD_ALIGN_PARAGRAPH.CENTER if key == "stt" else WD_ALIGN_PARAGRAPH.LEFT
        _cell_text(cell, f'{{{{ r["{key}"] }}}}', align=align)
    # a comment row is not cut across pages (a row taller than a page still breaks)
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    _keep_last_row_with_next(table.rows[2])
    _cell_text(table.cell(3, 0), "{%tr endfor %}")
    tag_para(doc, "{%p else %}")
    para(doc, "{{ no_rows }}", "DV Đoạn văn")
    tag_para(doc, "{%p endif %}")
    para(doc, "", "DV Đầu trang", size=6).paragraph_format.keep_with_next = True
    signer_only(doc)
    schema_order_tables(doc)
    save(doc, path)
