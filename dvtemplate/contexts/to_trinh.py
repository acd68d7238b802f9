"""Plan + the consultation's outcome → the Tờ trình submitting the revised draft for issue.

The drafting office (the letter's issuer) submits to the plan's issuer: the grounds
(the plan's legal bases, as the plan words them), the process (the consultation
letter, how many were asked and answered, that comments were taken in or
explained), the draft's main contents in brief (its sections and items), the
request, and the documents attached (the draft, the bản tổng hợp).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import PartialDate, Plan, Recipients
from ..vn import ky_hieu, nd30, upper_vn
from .comments_table import consultation_sentence, office_header
from .common import Footnotes, noi_nhan_lines, signer_context
from .letter import letter_issuer
from .plan import basis_sentence, plan_blocks

__all__ = ["to_trinh_context", "to_trinh_symbol", "example_context"]


def to_trinh_symbol(plan: Plan) -> str:
    """TTr-<drafting office abbreviation> (ND30 Phụ lục III: Tờ trình = TTr)."""
    return ky_hieu(nd30.kind_abbreviation("to_trinh"), letter_issuer(plan).abbreviation)


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and not text[1].isupper() else text


def _contents(plan: Plan) -> list[dict[str, str]]:
    """'- Mục I. Mục đích, yêu cầu: …' — each section of the draft with its items' titles."""
    out: list[dict[str, str]] = []
    current: dict[str, Any] | None = None
    for b in plan_blocks(plan, Footnotes({})):
        if b["kind"] == "section":
            title = b["text"].lower()
            current = {
                "kind": "bullet",
                "lead": "- ",
                "text": f"Mục {b['lead'].strip()} {title[:1].upper()}{title[1:]}",
            }
            current["items"] = []
            out.append(current)
        elif current is not None and b["kind"] == "item" and b["lead"]:
            current["items"].append(b["lead"].split(". ", 1)[-1].strip())
    blocks = []
    for entry in out:
        items = entry.pop("items")
        text = entry["text"] + (": " + "; ".join(items) if items else "")
        blocks.append({**entry, "text": text + ";"})
    if blocks:
        blocks[-1]["text"] = blocks[-1]["text"][:-1] + "."
    return blocks


def to_trinh_context(
    plan: Plan, *, facts: dict[str, int], tally: dict[str, int] | None, table_name: str, made: date | None = None
) -> dict[str, Any]:
    """The complete context of the Tờ trình (number and day left open: the office numbers it when signed)."""
    issuer = letter_issuer(plan)
    made = made or date.today()
    header = office_header(plan, to_trinh_symbol(plan), PartialDate(year=made.year))
    name = issuer.name
    title = _lower_first(plan.title)
    blocks: list[dict[str, str]] = []

    def section(n: str, text: str) -> None:
        blocks.append({"kind": "section", "lead": f"{n}. ", "text": upper_vn(text)})

    def body(text: str) -> None:
        blocks.append({"kind": "body", "lead": "", "text": text})

    blocks.append(
        {
            "kind": "body",
            "lead": "",
            "text": f"{name} kính trình {plan.issuer.name} dự thảo Kế hoạch {title}, như sau:",
        }
    )
    section("I", "Căn cứ xây dựng Kế hoạch")
    for basis in plan.legal_bases:
        body(basis_sentence(basis))
    section("II", "Quá trình xây dựng dự thảo")
    body(consultation_sentence(plan, facts))
    if tally is not None:
        body(
            f"Trên cơ sở ý kiến góp ý, {name} đã tiếp thu {tally['tiep_thu'] + tally['mot_phan']} ý kiến "
            f"(trong đó {tally['mot_phan']} ý kiến tiếp thu một phần), giải trình {tally['giai_trinh']} ý kiến "
            f"và hoàn thiện dự thảo (chi tiết tại {table_name.capitalize() if table_name.isupper() else table_name} gửi kèm)."
        )
    else:
        body(f"{name} đã nghiên cứu, tiếp thu, giải trình các ý kiến góp ý và hoàn thiện dự thảo.")
    section("III", "Nội dung chính của dự thảo")
    body(f"Dự thảo Kế hoạch gồm {sum(1 for b in _contents(plan))} phần:")
    blocks.extend(_contents(plan))
    section("IV", "Đề xuất, kiến nghị")
    body(f"{name} kính trình {plan.issuer.name} xem xét, ban hành Kế hoạch {title}.")
    body("Hồ sơ gửi kèm:")
    blocks.append({"kind": "bullet", "lead": "- ", "text": f"Dự thảo Kế hoạch {title};"})
    blocks.append({"kind": "bullet", "lead": "- ", "text": "Bản tổng hợp, giải trình, tiếp thu ý kiến góp ý."})
    archive = ", ".join(x for x in ("VT", issuer.drafting_unit) if x)
    return {
        "kind": "to_trinh",
        "draft": False,
        "header": header,
        "subject": f"Về việc ban hành Kế hoạch {title}",
        "kinh_gui": plan.issuer.name,
        "blocks": [{**block, "rows": block.get("rows", [])} for block in blocks],  # every block has rows
        "ending": f"Kính trình {plan.issuer.name} xem xét, quyết định./.",
        "noi_nhan": noi_nhan_lines(Recipients(archive=archive), as_above=True),
        "signer": signer_context(plan.letter.signer or plan.signer),
        "footnotes": {},
        "year": made.year,
    }


def example_context(plan: Plan) -> dict[str, Any]:
    """A real context for ``templates lint``."""
    from .comments_table import TITLE, with_letter

    facts = {"asked": 3, "answered": 2, "agreed": 1, "commenting": 1, "comments": 2, "silent": 1}
    return to_trinh_context(with_letter(plan), facts=facts, tally=None, table_name=TITLE)
