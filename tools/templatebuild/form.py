"""Build ``templates/form.docx``: the phiếu góp ý with inline content controls per part of the draft.

Registered in :data:`templatebuild.BUILDERS`. Context: see :mod:`dvtemplate.contexts.form`;
the controls are read back by :mod:`dvtemplate.comments.form`. Every control is inline
(inside a paragraph of a table cell) because LibreOffice drops block-level controls, and
carries both a tag (``dvt:gy:<part>:agree|text``) and an alias, because it drops tags.
The tag and alias values are Jinja expressions rendered into the attributes.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from dvtemplate.comments.form import AGREE, DISAGREE
from dvtemplate.vn import nd30, text_width_mm

from .comments_table import grid_table, schema_order_tables
from .parts import (
    LAYOUT,
    TIEU_NGU,
    _borderless,
    _clear,
    closing_block,
    new_document,
    para,
    rule_para,
    save,
    title_block,
)
from .report import _cell_text, add_report_styles, kinh_gui_inline

__all__ = ["build_form", "FORM_COLUMNS"]

FORM_COLUMNS = (
    ("Phần của dự thảo", 55, "label"),
    ("Đồng ý / Có ý kiến khác", 35, "agree"),
    ("Nội dung góp ý", 75, "text"),
)
"""Widths add up to the portrait text width, 165 mm."""

_RPR = f'<w:rPr><w:rFonts w:ascii="{nd30.FONT}" w:hAnsi="{nd30.FONT}" w:cs="{nd30.FONT}"/><w:sz w:val="26"/></w:rPr>'


def _control(
    paragraph, tag: str, alias: str, placeholder: str, *, choices: tuple[str, ...] = (), bold=False, size=13
) -> None:
    """An inline content control in *paragraph*: a drop-down list, or multi-line plain text."""
    rpr = _RPR.replace('<w:sz w:val="26"/>', ("<w:b/>" if bold else "") + f'<w:sz w:val="{size * 2}"/>')
    kind = (
        "<w:dropDownList>"
        + "".join(f'<w:listItem w:displayText="{c}" w:value="{c}"/>' for c in choices)
        + "</w:dropDownList>"
        if choices
        else '<w:text w:multiLine="1"/>'
    )
    xml = (
        f"<w:sdt {nsdecls('w')}><w:sdtPr>{_RPR}<w:alias w:val={quoteattr(alias)}/><w:tag w:val={quoteattr(tag)}/>"
        f'<w:showingPlcHdr/>{kind}</w:sdtPr><w:sdtContent><w:r>{rpr}<w:t xml:space="preserve">{placeholder}</w:t></w:r>'
        "</w:sdtContent></w:sdt>"
    )
    paragraph._p.append(parse_xml(xml))


def _header(doc) -> None:
    """The replying unit's header: its name is a control (bold, upper case); Số and day left to fill."""
    table = doc.add_table(rows=2, cols=2)
    _borderless(table, [LAYOUT.left_col, LAYOUT.right_col])
    left, right = _clear(table.cell(0, 0)), _clear(table.cell(0, 1))
    p = para(left, "", "DV Đầu trang")
    _control(p, "{{ unit_tag }}", "{{ unit_alias }}", "TÊN CƠ QUAN, ĐƠN VỊ", bold=True, size=12)
    rule_para(left, 20, LAYOUT.left_col)
    para(right, nd30.QUOC_HIEU, "DV Đầu trang", bold=True, size=12)
    para(right, TIEU_NGU, "DV Đầu trang", bold=True, size=13)
    rule_para(right, round(text_width_mm(TIEU_NGU, 13)), LAYOUT.right_col)
    para(_clear(table.cell(1, 0)), "{{ so }}", "DV Đầu trang", size=13, before=6)
    para(_clear(table.cell(1, 1)), "{{ date_line }}", "DV Đầu trang", italic=True, size=14, before=6)


def build_form(path: Path) -> None:
    doc = new_document()
    add_report_styles(doc)
    _header(doc)
    title_block(doc, nd30.FORM_TITLE)
    kinh_gui_inline(doc)
    para(doc, "{{ lead }}", "DV Đoạn văn")
    table = grid_table(doc, FORM_COLUMNS)
    _cell_text(table.cell(1, 0), "{%tr for r in rows %}")
    cells = table.rows[2].cells
    _cell_text(cells[0], '{{ r["label"] }}', align=WD_ALIGN_PARAGRAPH.LEFT)
    _cell_text(cells[1], "", align=WD_ALIGN_PARAGRAPH.CENTER)
    _control(cells[1].paragraphs[0], "{{ r.agree_tag }}", "{{ r.agree_alias }}", "Chọn", choices=(AGREE, DISAGREE))
    _cell_text(cells[2], "", align=WD_ALIGN_PARAGRAPH.LEFT)
    _control(cells[2].paragraphs[0], "{{ r.text_tag }}", "{{ r.text_alias }}", "Ghi ý kiến (nếu có)")
    # a part's row is not cut across pages: its label stays beside its answer boxes
    table.rows[2]._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
    _cell_text(table.cell(3, 0), "{%tr endfor %}")
    para(doc, "{{ send }}", "DV Đoạn văn", before=12)
    closing_block(doc)
    schema_order_tables(doc)
    save(doc, path)
