"""Build ``templates/report.docx``: the periodic Báo cáo form one reporting unit fills in.

Registered in :data:`templatebuild.BUILDERS` (``python tools/build_templates.py``).
Context: see :mod:`dvtemplate.contexts.report`. Each answer area is a content control
alone on its line (no dotted leader left after what the unit types; the line keeps the
writing-line style so a line added below it is seen); the targets table's result cells
are controls. The deadline and the "Mẫu dành cho" line are in the footer of page 1,
outside what the unit signs.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm

from dvtemplate.vn.nd30 import KINH_GUI, kind_title

from .controls import add_custom_properties, add_hint_style, inline_control
from .order import insert_ordered
from .parts import (
    LAYOUT,
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

__all__ = [
    "build_report",
    "add_report_styles",
    "kinh_gui_inline",
    "report_body",
    "TABLE_COLUMNS",
    "INDICATOR_COLUMNS",
    "targets_table",
    "indicators_table",
    "instruction_footer",
]

TABLE_COLUMNS = (("STT", 13), ("Chỉ tiêu", 62), ("Kế hoạch", 24), ("Kết quả", 22), ("Tỷ lệ %", 19), ("Ghi chú", 25))
"""Targets table: header text and width (mm); widths add up to the text width (165 mm)."""
INDICATOR_COLUMNS = (("STT", 13), ("Chỉ số", 88), ("Đơn vị tính", 28), ("Kết quả", 36))
"""Indicators table (``reporting.indicators``): one row per indicator, the result a content control."""


def add_report_styles(doc) -> None:
    """'DV Dòng chấm' (a dotted writing line) and 'DV Bảng' (table text, 13 pt)."""
    dots = add_style(doc, "DV Dòng chấm", "DVDots", bold=None, italic=None, align=None, indent=False)
    dots.paragraph_format.tab_stops.add_tab_stop(Mm(LAYOUT.text_width), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    add_style(
        doc,
        "DV Bảng",
        "DVTable",
        size=13,
        bold=None,
        italic=None,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        indent=False,
        before=3,
        after=3,
        line=1.0,
    )
    add_hint_style(doc)


def kinh_gui_inline(doc, variable: str = "kinh_gui") -> None:
    """'Kính gửi: <one recipient>.' centred on its own line (ND30: one recipient on the same line)."""
    p = para(doc, f"{KINH_GUI}: ", "DV Đầu trang", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    run(p, f"{{{{ {variable} }}}}.", size=14)


def report_body(doc, loop: str, keep_last: str | None = None, *, fields: bool = True) -> None:
    """Blocks ``section`` / ``item`` / ``dots`` / ``body`` of the form, one paragraph each.

    Keys are read as ``b["kind"]``, not ``b.kind``: in the sandbox an attribute
    lookup on a dict first fails with an exception, which costs about a fifth of
    a form's render time in a batch of thousands. Headings keep with the next
    paragraph through their style; with *keep_last* (a context name) the last that
    many blocks keep with what follows too (dotted lines and text: a second
    paragraph with ``keepNext``, chosen by ``loop.revindex``).
    """
    tag_para(doc, f"{{%p for b in {loop} %}}")
    tag_para(doc, '{%p if b["kind"] == "section" %}')
    para(doc, '{{ b["lead"] }}{{ b["text"] }}', "DV Phần")
    tag_para(doc, '{%p elif b["kind"] == "item" %}')
    p = para(doc, "", "DV Mục")
    run(p, '{{ b["lead"] }}', bold=True)
    run(p, '{{ b["text"] }}')
    tails = [f" and loop.revindex <= {keep_last}", ""] if keep_last else [""]
    for tail in tails if fields else ():  # an answer area: the content control alone (no dotted line to delete)
        tag_para(doc, f'{{%p elif b["kind"] == "field"{tail} %}}')
        # the writing-line style without its tab: no dotted leader shows, and a line the unit adds below
        # the control (Enter) keeps the style, so the quick reader still sees text typed outside it
        p = doc.add_paragraph(style="DV Dòng chấm")
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # what the unit types is body text
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.paragraph_format.keep_with_next = True if tail else None
        inline_control(p, "b")
    for tail in tails:
        tag_para(doc, f'{{%p elif b["kind"] == "dots"{tail} %}}')
        p = doc.add_paragraph(style="DV Dòng chấm")
        p.add_run().add_tab()
        p.paragraph_format.keep_with_next = True if tail else None
    if keep_last:
        tag_para(doc, f"{{%p elif loop.revindex <= {keep_last} %}}")
        para(doc, '{{ b["lead"] }}{{ b["text"] }}', "DV Đoạn văn").paragraph_format.keep_with_next = True
    tag_para(doc, "{%p else %}")
    para(doc, '{{ b["lead"] }}{{ b["text"] }}', "DV Đoạn văn")
    tag_para(doc, "{%p endif %}")
    tag_para(doc, "{%p endfor %}")


def _grid(table, columns=TABLE_COLUMNS) -> None:
    insert_ordered(
        table._tbl.tblPr,
        parse_xml(
            f"<w:tblBorders {nsdecls('w')}>"
            + "".join(
                f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        ),
    )
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # python-docx: w:tblLayout w:type="fixed", in schema order
    for row in table.rows:
        for cell, (_, width) in zip(row.cells, columns, strict=False):
            cell.width = Mm(width)
    for column, (_, width) in zip(table.columns, columns, strict=False):
        column.width = Mm(width)


def _cell_text(cell, text: str, *, bold=None, align=WD_ALIGN_PARAGRAPH.CENTER) -> None:
    p = cell.paragraphs[0]
    p.style = "DV Bảng"
    p.paragraph_format.alignment = align
    if text:
        run(p, text, bold=bold)


def targets_table(doc) -> None:
    """Header row (bold) + one ``{%tr for t in targets %}`` row per target."""
    table = doc.add_table(rows=4, cols=len(TABLE_COLUMNS))
    _grid(table)
    for cell, (title, _) in zip(table.rows[0].cells, TABLE_COLUMNS, strict=False):
        _cell_text(cell, title, bold=True)
    header_pr = table.rows[0]._tr.get_or_add_trPr()
    header_pr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))  # repeated on every page
    _cell_text(table.cell(1, 0), "{%tr for t in targets %}")
    fields = ("stt", "text", "plan", "result", "rate", "note")
    for cell, name in zip(table.rows[2].cells, fields, strict=False):
        _cell_text(
            cell,
            "" if name == "result" else f'{{{{ t["{name}"] }}}}',
            align=WD_ALIGN_PARAGRAPH.LEFT if name == "text" else WD_ALIGN_PARAGRAPH.CENTER,
        )
        if name == "result":
            inline_control(cell.paragraphs[0], "t")
    _cell_text(table.cell(3, 0), "{%tr endfor %}")


def indicators_table(doc) -> None:
    """Header row + one ``{%tr for i in indicators %}`` row per indicator; the result is a content control."""
    table = doc.add_table(rows=4, cols=len(INDICATOR_COLUMNS))
    _grid(table, INDICATOR_COLUMNS)
    for cell, (title, _) in zip(table.rows[0].cells, INDICATOR_COLUMNS, strict=False):
        _cell_text(cell, title, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    _cell_text(table.cell(1, 0), "{%tr for i in indicators %}")
    for cell, name in zip(table.rows[2].cells, ("stt", "text", "unit", "result"), strict=False):
        _cell_text(
            cell,
            "" if name == "result" else f'{{{{ i["{name}"] }}}}',
            align=WD_ALIGN_PARAGRAPH.LEFT if name == "text" else WD_ALIGN_PARAGRAPH.CENTER,
        )
        if name == "result":
            inline_control(cell.paragraphs[0], "i")
    _cell_text(table.cell(3, 0), "{%tr endfor %}")


def instruction_footer(doc) -> None:
    """The deadline and the "Mẫu dành cho: …" line in the footer of page 1, outside what the unit signs."""
    footer = doc.sections[0].first_page_footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0]
    p.style = "DV Nơi nhận"
    run(p, "{{ instruction }}", italic=True, size=10)


def build_report(path: Path) -> None:
    """Báo cáo: header, BÁO CÁO + trích yếu, Kính gửi, lead-in, headings with room, targets, closing."""
    doc = new_document()
    add_report_styles(doc)
    draft_mark(doc)
    header_block(doc)
    title_block(doc, kind_title("report"))
    kinh_gui_inline(doc)
    para(doc, "{{ lead }}", "DV Đoạn văn")
    report_body(doc, "blocks")
    tag_para(doc, "{%p if has_targets %}")
    heading = para(doc, "{{ targets_heading.lead }}{{ targets_heading.text }}", "DV Phần")
    heading.paragraph_format.keep_with_next = True
    targets_table(doc)
    tag_para(doc, "{%p endif %}")
    tag_para(doc, "{%p if has_indicators %}")
    heading = para(doc, "{{ indicators_heading.lead }}{{ indicators_heading.text }}", "DV Phần")
    heading.paragraph_format.keep_with_next = True
    indicators_table(doc)
    tag_para(doc, "{%p endif %}")
    report_body(doc, "closing_blocks", keep_last="closing_keep")
    para(doc, "{{ ending }}", "DV Đoạn văn").paragraph_format.keep_with_next = True
    closing_block(doc)  # one row that cannot split: the last heading, its room, the ending and the signer
    instruction_footer(doc)
    save(doc, path)
    add_custom_properties(path)
