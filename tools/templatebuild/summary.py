"""Build ``templates/summary.docx``: the báo cáo tổng hợp ``collect`` writes (a draft, ND30).

Registered in :data:`templatebuild.BUILDERS`. Context: :mod:`dvtemplate.contexts.summary`.
Header, BÁO CÁO + trích yếu, Kính gửi, lead-in, the sections as blocks (shared with the
report form), an overview table of every target and indicator, then one table per
target/indicator by unit with its total row, the closing sections, Nơi nhận and signer.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from dvtemplate.vn.nd30 import kind_title

from .parts import add_style, closing_block, draft_mark, header_block, new_document, para, save, tag_para, title_block
from .report import _cell_text, _grid, add_report_styles, kinh_gui_inline, report_body

__all__ = ["build_summary", "OVERVIEW_COLUMNS", "UNIT_COLUMNS", "data_table"]

OVERVIEW_COLUMNS = (
    ("STT", 13),
    ("Chỉ tiêu, chỉ số", 77),
    ("Đơn vị tính", 25),
    ("Số đơn vị báo cáo", 25),
    ("Tổng hợp", 25),
)
UNIT_COLUMNS = (("STT", 13), ("Đơn vị", 82), ("Kết quả", 35), ("Ghi chú", 35))


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
    """Báo cáo tổng hợp: a draft from the plan's issuer; counts, per item, tables by unit, grouped points."""
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
    heading = para(doc, "{{ tables_heading.lead }}{{ tables_heading.text }}", "DV Phần")
    heading.paragraph_format.keep_with_next = True
    data_table(doc, OVERVIEW_COLUMNS, "overview", "o", ("stt", "label", "unit", "reported", "total"))
    tag_para(doc, "{%p for tb in tables %}")
    title = para(doc, '{{ tb["title"] }}', "DV Mục")
    title.paragraph_format.keep_with_next = True
    data_table(
        doc, UNIT_COLUMNS, 'tb["rows"]', "r", ("stt", "unit", "value", "note"), ('tb["total_label"]', 'tb["total"]')
    )
    tag_para(doc, "{%p endfor %}")
    tag_para(doc, "{%p endif %}")
    report_body(doc, "closing_blocks", fields=False)
    para(doc, "{{ ending }}", "DV Đoạn văn").paragraph_format.keep_with_next = True
    closing_block(doc)
    save(doc, path)
