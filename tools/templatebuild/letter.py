"""Build ``templates/letter.docx``: the công văn lấy ý kiến góp ý, with the draft plan after it.

Registered in :data:`templatebuild.BUILDERS`. Context: see
:mod:`dvtemplate.contexts.letter`. The draft is not a docxtpl sub-document
(they lose styles and break numbering, docxtpl issues 347/500/580): the plan's
own blocks are repeated here under ``{%p if attach_draft %}``, inside a
``{%p with %}`` that maps the nested ``attached.*`` context onto the names the
shared blocks read (``header``, ``subject``, ``blocks``, ``noi_nhan``,
``signer``). The draft starts a new section (a next-page section break), whose
page numbers restart at 1 and whose first page shows none, like a separate document.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from dvtemplate.vn.nd30 import KINH_GUI, TRAN_TRONG, kind_title

from .order import insert_ordered
from .parts import (
    body_blocks,
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

__all__ = ["build_letter", "kinh_gui_block", "letter_body", "section_break", "DRAFT_NAMES"]

DRAFT_NAMES = ("header", "subject", "blocks", "noi_nhan", "signer")
"""Context names the shared plan blocks read, taken from ``attached`` for the draft."""


def kinh_gui_block(doc) -> None:
    """'Kính gửi: X.' on one line for one recipient; 'Kính gửi:' then '- …;' lines for several."""
    tag_para(doc, "{%p if kinh_gui_list %}")
    p = para(doc, f"{KINH_GUI}:", "DV Đầu trang", size=14, align=WD_ALIGN_PARAGRAPH.LEFT, before=12)
    p.paragraph_format.left_indent = Cm(3)
    tag_para(doc, "{%p for line in kinh_gui_list %}")
    p = para(doc, "{{ line }}", "DV Đầu trang", size=14, align=WD_ALIGN_PARAGRAPH.LEFT)
    p.paragraph_format.left_indent = Cm(4.5)
    tag_para(doc, "{%p endfor %}")
    tag_para(doc, "{%p else %}")
    p = para(doc, f"{KINH_GUI}: ", "DV Đầu trang", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, before=12)
    run(p, "{{ kinh_gui_one }}.", size=14)
    tag_para(doc, "{%p endif %}")
    para(doc, "", "DV Đầu trang", size=6)


def letter_body(doc) -> None:
    """Reasons and request, the deadline sentence (deadline bold, in its own run), contact, Trân trọng./."""
    tag_para(doc, "{%p for text in paragraphs %}")
    para(doc, "{{ text }}", "DV Đoạn văn")
    tag_para(doc, "{%p endfor %}")
    p = para(doc, "", "DV Đoạn văn")
    run(p, "{{ deadline_lead }}")
    run(p, "{{ deadline_text }}", bold=True)
    run(p, "{{ deadline_tail }}")
    tag_para(doc, "{%p for text in after %}")
    para(doc, "{{ text }}", "DV Đoạn văn")
    tag_para(doc, "{%p endfor %}")
    para(doc, TRAN_TRONG, "DV Đoạn văn").paragraph_format.keep_with_next = True


def section_break(doc) -> None:
    """An empty paragraph ending the letter's section (next page); the draft's numbering restarts."""
    body_sect = doc.element.body.find(qn("w:sectPr"))
    p = doc.add_paragraph(style="DV Đầu trang")
    # 1 pt high: a letter that fills its last page must not push this paragraph onto a blank page
    fmt = p.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    insert_ordered(p._p.get_or_add_pPr(), parse_xml(f'<w:rPr {nsdecls("w")}><w:sz w:val="2"/></w:rPr>'))
    insert_ordered(p._p.get_or_add_pPr(), copy.deepcopy(body_sect))
    # the last section (the draft, or the letter alone) numbers its pages from 1
    insert_ordered(body_sect, parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))


def build_letter(path: Path) -> None:
    """Công văn: header with V/v under Số, Kính gửi, body, Trân trọng./., closing; then the draft plan."""
    doc = new_document()
    header_block(doc, left_below_number=[("{{ vv }}", {"size": 12, "before": 6})])
    kinh_gui_block(doc)
    letter_body(doc)
    closing_block(doc)
    tag_para(doc, "{%p if attach_draft %}")
    section_break(doc)
    names = ", ".join(f"{name}=attached.{name}" for name in DRAFT_NAMES)
    tag_para(doc, f"{{%p with draft=true, {names} %}}")
    draft_mark(doc)
    header_block(doc)
    title_block(doc, kind_title("plan"))
    body_blocks(doc)
    closing_block(doc)
    tag_para(doc, "{%p endwith %}")
    tag_para(doc, "{%p endif %}")
    save(doc, path)
