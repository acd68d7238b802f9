"""Build ``templates/plan.docx``: the Kế hoạch."""

from __future__ import annotations

from pathlib import Path

from dvtemplate.vn.nd30 import kind_title

from .parts import body_blocks, closing_block, draft_mark, header_block, new_document, save, title_block

__all__ = ["build_plan"]


def build_plan(path: Path) -> None:
    """Kế hoạch: header, KẾ HOẠCH + trích yếu, body blocks, closing block."""
    doc = new_document()
    draft_mark(doc)
    header_block(doc)
    title_block(doc, kind_title("plan"))
    body_blocks(doc)
    closing_block(doc)
    save(doc, path)
