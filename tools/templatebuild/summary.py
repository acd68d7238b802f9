"""Build ``templates/summary.docx``: the báo cáo tổng hợp ``collect`` writes (a draft, ND30).

Registered in :data:`templatebuild.BUILDERS`. Context: :mod:`dvtemplate.contexts.summary`.
Header, BÁO CÁO + trích yếu, Kính gửi, lead-in, the sections as blocks (shared with the
report form), one table of every chỉ tiêu and indicator against its target, the lines naming
units that left figures blank, the closing sections, Nơi nhận and signer; then a next-page
section break to landscape A4 for the Phụ lục (every unit's own text: one row per unit, one
paragraph per area it filled).
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from dvtemplate.vn.nd30 import kind_title

from .comments_table import grid_table, landscape_break, schema_order_tables
from .parts import (
    add_style,
    closing_block,
    draft_mark,
    header_block,
    new_document,
    para,
    run,
    save,
    tag_para,
    title_block,
)
from .report import _cell_text, _grid, add_report_styles, kinh_gui_inline, report_body

__all__ = ["build_summary", "OVERVIEW_COLUMNS", "APPENDIX_COLUMNS", "data_table"]

OVERVIEW_COLUMNS = (
    ("STT", 13),
    ("Chỉ tiêu, chỉ số", 54),
    ("Đơn vị tính", 17),
    ("Kế hoạch", 19),
    ("Kết quả", 22),
    ("Số đơn vị báo cáo", 20),
    ("Đánh giá", 20),
)
"""Every chỉ tiêu and indicator: target, result, units reporting / asked, đạt or chưa đạt (165 mm)."""
APPENDIX_COLUMNS = (("STT", 14, "stt"), ("Đơn vị", 58, "unit"), ("Kết quả thực hiện, ý kiến của đơn vị", 185, "areas"))
"""The Phụ lục table on landscape A4 (257 mm): one row per unit, each area it filled a paragraph."""


def data_table(doc, columns, loop: str, var: str, fields: tuple[str, ...], total: tuple[str, str] | None = None):
    """A grid table: bold header (repeated on each page), one ``{%tr for %}`` row, an optional total row."""
    rows = 4 + (1 if total else 0)
    table = doc.add_table(rows=rows, cols=len(columns))
    _grid(table, columns)
    for cell, (title, _) in zip(table.rows[0].cells, columns, strict=False):
        _cell_text(cell, title, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    _cell_text(table.cell(1, 0), f"{{%tr for {var} in {loop} %}}")
    for cell, name in zip(table.rows[2].cells, fields, strict=False):
        # the repeated row is as small as it can be (thousands of units): no cell width (the grid has it),
        # alignment from the paragraph style
        paragraph = cell.paragraphs[0]
        paragraph.style = "DV Bảng" if name in ("label", "unit") else "DV Bảng giữa"
        paragraph.add_run(f'{{{{ {var}["{name}"] }}}}')
        tcpr = cell._tc.tcPr
        if tcpr is not None:
            cell._tc.remove(tcpr)
    _cell_text(table.cell(3, 0), "{%tr endfor %}")
    if total:
        label, value = total
        merged = table.cell(4, 0).merge(table.cell(4, 1))
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        _cell_text(merged, f"{{{{ {label} }}}}", bold=True)
        _cell_text(table.cell(4, 2), f"{{{{ {value} }}}}", bold=True)
    return table


def build_summary(path: Path) -> None:
    """Báo cáo tổng hợp: a draft from the plan's issuer; the synthesis, one indicator table, the closing
    sections, Nơi nhận and signer; then the Phụ lục (landscape) with every unit's own text."""
    doc = new_document()
    add_report_styles(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    add_style(doc, "DV Bảng giữa", "DVTableC", size=13, bold=None, italic=None, align=center, indent=False)
    doc.styles["DV Bảng giữa"].paragraph_format.space_before = doc.styles["DV Bảng"].paragraph_format.space_before
    doc.styles["DV Bảng giữa"].paragraph_format.space_after = doc.styles["DV Bảng"].paragraph_format.space_after
    doc.styles["DV Bảng giữa"].paragraph_format.line_spacing = 1.0
    draft_mark(doc)
    header_block(doc)
    title_block(doc, kind_title("report"))
    kinh_gui_inline(doc)
    para(doc, "{{ lead }}", "DV Đoạn văn")
    report_body(doc, "blocks", fields=False)
    tag_para(doc, "{%p if has_tables %}")
    heading = para(doc, "", "DV Mục")
    run(heading, "{{ tables_heading.lead }}{{ tables_heading.text }}", bold=True)
    heading.paragraph_format.keep_with_next = True
    data_table(
        doc, OVERVIEW_COLUMNS, "overview", "o", ("stt", "label", "unit", "plan", "result", "reported", "verdict")
    )
    tag_para(doc, "{%p endif %}")
    report_body(doc, "after_table", fields=False)
    report_body(doc, "closing_blocks", fields=False)
    para(doc, "{{ ending }}", "DV Đoạn văn").paragraph_format.keep_with_next = True
    closing_block(doc)
    landscape_break(doc)
    para(doc, "Phụ lục", "DV Đầu trang", bold=True, size=14, align=center)
    para(doc, "KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN, ĐƠN VỊ, ĐỊA PHƯƠNG", "DV Đầu trang", bold=True, size=14, align=center)
    para(doc, "{{ appendix_note }}", "DV Đầu trang", italic=True, size=14, align=center, after=12)
    table = grid_table(doc, APPENDIX_COLUMNS)
    _cell_text(table.cell(1, 0), "{%tr for r in appendix %}")
    cells = table.rows[2].cells
    for cell, key in ((cells[0], "stt"), (cells[1], "unit")):
        paragraph = cell.paragraphs[0]
        paragraph.style = "DV Bảng giữa" if key == "stt" else "DV Bảng"
        paragraph.add_run(f'{{{{ r["{key}"] }}}}')
    areas = cells[2]
    areas.paragraphs[0]._p.getparent().remove(areas.paragraphs[0]._p)
    tag_para(areas, '{%p for a in r["areas"] %}')
    line = para(areas, "", "DV Bảng")
    run(line, '{{ a["label"] }}', bold=True)
    run(line, '{{ a["text"] }}')
    tag_para(areas, "{%p endfor %}")
    for cell in cells:  # the repeated row is as small as it can be (thousands of units): widths are in the grid
        if cell._tc.tcPr is not None:
            cell._tc.remove(cell._tc.tcPr)
    _cell_text(table.cell(3, 0), "{%tr endfor %}")
    schema_order_tables(doc)
    save(doc, path)
