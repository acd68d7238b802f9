"""Plan → the dict the phiếu góp ý template reads: one row per section and item of the draft.

Each row names the part as the draft numbers it and carries the tag code and
alias texts of its two content controls (the contract in :mod:`dvtemplate.model.consultation`;
:mod:`dvtemplate.comments.form` reads them back). The last row is for general remarks.
"""

from __future__ import annotations

from typing import Any

from ..model import Plan, Recipients
from ..model.consultation import GENERAL_CODE, GENERAL_LABEL, UNIT_CODE, form_alias, form_tag
from ..model.symbols import letter_issuer
from ..vn import date_line, lower_first, nd30, short_date, so_line
from .common import noi_nhan_lines
from .draft import draft_part_list

__all__ = ["form_context", "FORM_TITLE", "example_context"]

FORM_TITLE = nd30.FORM_TITLE


def form_context(plan: Plan) -> dict[str, Any]:
    """Rows for every section and item (points are commented on within their item), then general remarks."""
    rows = []
    for part in draft_part_list(plan):
        if part.key[2]:
            continue
        rows.append(
            {
                "label": part.display,
                "agree_tag": form_tag(part.code, "agree"),
                "agree_alias": form_alias(part.label, "agree"),
                "text_tag": form_tag(part.code, "text"),
                "text_alias": form_alias(part.label, "text"),
            }
        )
    rows.append(
        {
            "label": GENERAL_LABEL,
            "agree_tag": form_tag(GENERAL_CODE, "agree"),
            "agree_alias": form_alias(GENERAL_LABEL, "agree"),
            "text_tag": form_tag(GENERAL_CODE, "text"),
            "text_alias": form_alias(GENERAL_LABEL, "text"),
        }
    )
    issuer = letter_issuer(plan)
    letter = plan.letter
    year = letter.deadline.year
    return {
        "kind": "form",
        "so": so_line(None, "…"),
        "date_line": date_line("……", None, None, year),
        "kinh_gui": issuer.name,
        "noi_nhan": noi_nhan_lines(Recipients(archive="VT"), as_above=True),
        "signer": {"lines": ["THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"], "name": "(Ký, ghi rõ họ tên, đóng dấu)"},
        "subject": f"Góp ý dự thảo Kế hoạch {lower_first(plan.title)}",
        "unit_tag": form_tag(UNIT_CODE, "text"),
        "unit_alias": form_alias(UNIT_CODE, "text"),
        "lead": (
            "Với từng phần của dự thảo, chọn “Đồng ý” hoặc “Có ý kiến khác” và ghi nội dung góp ý vào ô bên cạnh; "
            "phần nào không ghi được hiểu là thống nhất với dự thảo."
        ),
        "send": f"Phiếu này gửi về {issuer.name} trước ngày {short_date(letter.deadline)}.",
        "rows": rows,
        "footnotes": {},
        "year": plan.year,
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A real context for ``templates lint``."""
    from .comments_table import with_letter

    return form_context(with_letter(plan))
