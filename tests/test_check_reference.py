"""The checker on the real reference documents: their known defects, and nothing false.

Every finding below was examined by hand against the document (see the
module docstring of each assertion); the exact sets guard against new
false positives as the rules change.
"""

from __future__ import annotations

import pytest

from conftest import reference_file
from dvtemplate.check import check_docx, format_text

EXPECTED = {
    # công văn, draft: blank number and day are allowed.
    "cong-van-gop-y.docx": (
        "letter",
        {
            ("ND30-ISSUER", "error"),  # parent body "UBND TỈNH NINH THUẬN" is bold
            ("ND30-ISSUER-RULE", "error"),  # no rule under "SỞ NỘI VỤ"
            ("ND30-TIEU-NGU-HYPHEN", "error"),  # "Độc lập – Tự do – Hạnh phúc" uses en dashes
            ("ND30-TIEU-NGU-RULE", "error"),  # no rule under the Tiêu ngữ
            ("ND30-PAGE-NUMBER", "warning"),  # no header part, no PAGE field
            ("ND30-FONT-DEFAULT", "warning"),  # docDefaults use the theme font (Cambria)
        },
    ),
    "du-thao-ke-hoach-2022-2026.docx": (
        "plan",
        {
            ("ND30-NUMBERING-POINTS", "error"),  # points start at "b)": "a)" glued to the item above
            ("ND30-ISSUER-RULE", "error"),
            ("ND30-TIEU-NGU-HYPHEN", "error"),
            ("ND30-TIEU-NGU-RULE", "error"),
            ("ND30-TRICH-YEU-RULE", "warning"),
            ("ND30-PAGE-NUMBER", "warning"),
            ("ND30-FONT-DEFAULT", "warning"),
        },
    ),
    # The header block is missing altogether (the document starts at "KẾ HOẠCH").
    "ke-hoach-tinh-2023.docx": (
        "plan",
        {
            ("ND30-QUOC-HIEU", "error"),
            ("ND30-ISSUER", "error"),
            ("ND30-SO-KY-HIEU", "error"),
            ("ND30-DATE", "error"),
            ("ND30-TRICH-YEU-RULE", "warning"),
            ("ND30-PAGE-NUMBER", "warning"),
            ("ND30-FONT-DEFAULT", "warning"),
        },
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_findings(name):
    path = reference_file(name)
    rep = check_docx(path)
    kind, expected = EXPECTED[name]
    assert rep.kind == kind
    assert {(f.rule, f.severity) for f in rep.findings} == expected, format_text([rep])


def test_reference_draft_points_named():
    path = reference_file("du-thao-ke-hoach-2022-2026.docx")
    pts = [f for f in check_docx(path).findings if f.rule == "ND30-NUMBERING-POINTS"]
    assert len(pts) == 8 and all(f.text.startswith("b)") for f in pts)
    assert sum("dính vào đoạn phía trên" in f.message for f in pts) == 5


def test_reference_real_footnotes_not_flagged():
    path = reference_file("ke-hoach-tinh-2023.docx")
    rules = {f.rule for f in check_docx(path).findings}
    assert "ND30-FOOTNOTE-TYPED" not in rules and "ND30-FONT" not in rules
