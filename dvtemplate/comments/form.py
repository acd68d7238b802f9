"""The phiếu góp ý: one row per section and item of the draft, with inline content controls.

``dvtemplate letter --form`` writes it (template kind ``form``); ``comments`` reads it
back exactly. Each row holds two inline controls (LibreOffice keeps inline controls and
their aliases but drops tags, so both are written and both are read):

- ``dvt:gy:<part>:agree`` (alias "Đồng ý – Mục II, khoản 1"): a drop-down, "Đồng ý" / "Có ý kiến khác";
- ``dvt:gy:<part>:text`` (alias "Ý kiến – Mục II, khoản 1"): the comment, free text;

where ``<part>`` is the part's code (``II``, ``II.1``) or ``chung`` for general remarks;
``dvt:gy:don-vi:text`` holds the replying unit's name.
"""

from __future__ import annotations

from ..docx import Document, parse_header
from ..importer import restore_name_line
from ..model.consultation import (
    AGREE,
    DISAGREE,
    FORM_PREFIX,
    GENERAL_CODE,
    GENERAL_LABEL,
    UNIT_CODE,
    form_alias,
    form_tag,
)
from ..model.consultation import FORM_ALIAS as _ALIAS_RE
from ..model.consultation import FORM_TAG as _TAG
from ..model.consultation import UNIT_ALIAS as _UNIT_ALIAS
from .draft import Draft
from .reply import Comment, Reply, comment_id

__all__ = [
    "FORM_PREFIX",
    "AGREE",
    "DISAGREE",
    "UNIT_CODE",
    "GENERAL_CODE",
    "form_tag",
    "form_alias",
    "is_form",
    "read_phieu",
]


def is_form(document: Document) -> bool:
    """A phiếu góp ý: a control tagged ``dvt:gy:…``, or (tags lost in LibreOffice) carrying our aliases."""
    return any(
        c.tag.startswith(FORM_PREFIX) or c.alias == _UNIT_ALIAS or _ALIAS_RE.match(c.alias) for c in document.controls
    )


def read_phieu(document: Document, source: str, draft: Draft) -> Reply:
    """A filled phiếu góp ý: the unit, and one comment per part whose text control is filled."""
    labels = {p.label: p.code for p in draft.parts}
    labels[GENERAL_LABEL] = GENERAL_CODE
    reply = Reply(source=source, unit="", form=True)
    values: dict[tuple[str, str], str] = {}
    for control in document.controls:
        m = _TAG.match(control.tag)
        if m:
            values[(m.group("code"), m.group("field"))] = control.value
        elif control.alias == _UNIT_ALIAS:
            values[(UNIT_CODE, "text")] = control.value
        elif (a := _ALIAS_RE.match(control.alias)) and a.group("label") in labels:
            field = "agree" if a.group("field") == "Đồng ý" else "text"
            values[(labels[a.group("label")], field)] = control.value
    unit = values.get((UNIT_CODE, "text"), "").strip()
    if not unit:
        h = parse_header(document.paras[:12])
        unit = " ".join(restore_name_line(x) for x in h.lines)
    reply.unit = unit
    disagreed = False
    for (code, field), value in values.items():
        if code == UNIT_CODE:
            continue
        if field == "agree" and value.strip() == DISAGREE:
            disagreed = True
        if field != "text" or not value.strip():
            continue
        part = None if code == GENERAL_CODE else draft.by_code.get(code)
        if part is None and code != GENERAL_CODE:
            reply.notes.append(f"phiếu có ô góp ý cho phần '{code}' không có trong dự thảo; xếp vào ý kiến chung")
        text = value.strip()
        reply.comments.append(Comment(comment_id(unit, text), unit, part, text, part.label if part else None, source))
    if disagreed and not reply.comments:
        reply.notes.append("phiếu chọn 'Có ý kiến khác' nhưng không ghi nội dung")
    reply.kind = "comments" if reply.comments else "agree"
    return reply
