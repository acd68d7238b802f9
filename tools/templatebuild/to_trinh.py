"""Build ``templates/to_trinh.docx``: the Tờ trình submitting the revised draft for issue.

Registered in :data:`templatebuild.BUILDERS`. Context: see :mod:`dvtemplate.contexts.to_trinh`.
Header, TỜ TRÌNH + trích yếu, "Kính gửi: <the issuing authority>." on one line, the body
blocks (sections, paragraphs, dashes), the closing sentence, Nơi nhận ("- Như trên;") and signer.
"""

from __future__ import annotations

from pathlib import Path

from dvtemplate.vn import nd30

from .comments_table import schema_order_tables
from .parts import body_blocks, closing_block, header_block, new_document, para, save, title_block
from .report import add_report_styles, kinh_gui_inline

__all__ = ["build_to_trinh"]


def build_to_trinh(path: Path) -> None:
    doc = new_document()
    add_report_styles(doc)
    header_block(doc)
    title_block(doc, nd30.kind_title("to_trinh"))
    kinh_gui_inline(doc)
    body_blocks(doc, "blocks")
    para(doc, "{{ ending }}", "DV Đoạn văn").paragraph_format.keep_with_next = True
    closing_block(doc)
    schema_order_tables(doc)
    save(doc, path)
