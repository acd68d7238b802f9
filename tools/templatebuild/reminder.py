"""Build ``templates/reminder.docx``: the công văn đôn đốc ``collect --remind`` writes.

Registered in :data:`templatebuild.BUILDERS`. Context: :mod:`dvtemplate.contexts.reminder`.
A công văn like the letter (V/v under Số, Kính gửi one or several), its body as blocks.
"""

from __future__ import annotations

from pathlib import Path

from dvtemplate.vn.nd30 import TRAN_TRONG

from .letter import kinh_gui_block
from .parts import closing_block, header_block, new_document, para, save
from .report import add_report_styles, report_body

__all__ = ["build_reminder"]


def build_reminder(path: Path) -> None:
    """Công văn đôn đốc: header with V/v, Kính gửi, the body blocks, Trân trọng./., closing."""
    doc = new_document()
    add_report_styles(doc)
    header_block(doc, left_below_number=[("{{ vv }}", {"size": 12, "before": 6})])
    kinh_gui_block(doc)
    report_body(doc, "blocks", fields=False)
    para(doc, TRAN_TRONG, "DV Đoạn văn").paragraph_format.keep_with_next = True
    closing_block(doc)
    save(doc, path)
