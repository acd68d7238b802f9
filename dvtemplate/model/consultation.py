"""The contract of a consultation: what the letter's draft and phiếu góp ý write, and ``comments`` reads back.

- the draft's parts and their numbering (:class:`DraftPart`: "Mục II, khoản 1" for a person,
  ``II.1`` in a content-control tag); the parts themselves are built from the very blocks the
  draft was rendered from (:func:`dvtemplate.contexts.draft.draft_part_list`);
- the phiếu góp ý's content controls: tags ``dvt:gy:<part>:agree|text``, their aliases
  ("Đồng ý – Mục II", "Ý kiến – Mục II"), the unit's control, the drop-down's two answers;
- the row and group for remarks on no part: "Ý kiến chung" (:data:`GENERAL_LABEL`).

The writer (contexts/) and the reader (comments/) both import these; neither types them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vn import cut_heading, roman

__all__ = [
    "DraftPart",
    "FORM_PREFIX",
    "AGREE",
    "DISAGREE",
    "UNIT_CODE",
    "GENERAL_CODE",
    "GENERAL_LABEL",
    "UNIT_ALIAS",
    "FIELD_ALIAS",
    "FORM_TAG",
    "FORM_ALIAS",
    "form_tag",
    "form_alias",
]

GENERAL_LABEL = "Ý kiến chung"
"""The phiếu's last row and the bản tổng hợp's group for remarks on no part of the draft."""
FORM_PREFIX = "dvt:gy:"
AGREE = "Đồng ý"
DISAGREE = "Có ý kiến khác"
UNIT_CODE = "don-vi"
GENERAL_CODE = "chung"
FIELD_ALIAS = {"agree": "Đồng ý", "text": "Ý kiến"}
UNIT_ALIAS = "Tên cơ quan, đơn vị góp ý"
FORM_TAG = re.compile(rf"^{FORM_PREFIX}(?P<code>[^:]+):(?P<field>agree|text)$")
FORM_ALIAS = re.compile(r"^(?P<field>Đồng ý|Ý kiến) – (?P<label>.+)$")


def form_tag(code: str, field: str) -> str:
    """``dvt:gy:II.1:text``: the tag of a part's (*code*) agree or text control."""
    return f"{FORM_PREFIX}{code}:{field}"


def form_alias(label: str, field: str) -> str:
    """ "Ý kiến – Mục II, khoản 1": the alias LibreOffice keeps when it drops the tag."""
    return UNIT_ALIAS if label == UNIT_CODE else f"{FIELD_ALIAS[field]} – {label}"


@dataclass
class DraftPart:
    """One numbered part. ``key`` is (section, item, point); item 0 / point "" when not that deep."""

    key: tuple[int, int, str]
    title: str
    order: int
    text: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """'Mục II', 'Mục II, khoản 1', 'Mục II, khoản 1, điểm a' (the draft's own numbering)."""
        section, item, point = self.key
        out = f"Mục {roman(section)}"
        if item:
            out += f", khoản {item}"
        if point:
            out += f", điểm {point}"
        return out

    @property
    def code(self) -> str:
        """'II', 'II.1', 'II.1.a': the part's name in a form's content-control tags."""
        section, item, point = self.key
        return ".".join(x for x in (roman(section), str(item) if item else "", point) if x)

    @property
    def reference(self) -> str:
        """'Mục II', 'Khoản 1 Mục II', 'Điểm a khoản 1 Mục II': the part as a văn bản cites it."""
        section, item, point = self.key
        words = [f"điểm {point}"] if point else []
        words += [f"khoản {item}"] if item else []
        text = " ".join([*words, f"Mục {roman(section)}"])
        return text[:1].upper() + text[1:]

    @property
    def heading(self) -> str:
        """The part's title (or the start of its text), cut at a clause, never inside a word."""
        return cut_heading(self.title or (self.text[0] if self.text else ""))

    @property
    def display(self) -> str:
        """The reference, then the part's heading on the next line."""
        return f"{self.reference}\n{self.heading}" if self.heading else self.reference

    @property
    def depth(self) -> int:
        return 1 + bool(self.key[1]) + bool(self.key[2])
