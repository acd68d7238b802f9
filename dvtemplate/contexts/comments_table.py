"""Collected comments → the dict the bản tổng hợp, giải trình, tiếp thu template reads.

The preamble gives the counts (asked, answered, agreed without comment, comments
received, and how many were taken in or explained) and the lists of units that
agreed (with their công văn) and that did not answer (counted as agreeing, as the
letter said). The table has one row per comment, grouped by the part of the
draft in the draft's order, general comments last; the first two cells of a
group carry merge markers so the engine merges them down the group.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import PartialDate, Plan
from ..model.consultation import GENERAL_LABEL
from ..model.symbols import letter_issuer, letter_symbol
from ..model.wording import AGREED_PHRASE
from ..vn import BLANK, ky_hieu, lower_first, nd30, quantity, short_date
from .common import header_context, signer_context

__all__ = [
    "comments_table_context",
    "TITLE",
    "GENERAL_LABEL",
    "consultation_sentence",
    "office_header",
    "with_letter",
    "example_context",
    "letter_reference",
    "to_trinh_symbol",
    "attached_line",
    "reply_clauses",
    "tally_phrase",
]

TITLE = "BẢN TỔNG HỢP, GIẢI TRÌNH, TIẾP THU Ý KIẾN GÓP Ý"


def to_trinh_symbol(plan: Plan) -> str:
    """TTr-<drafting office abbreviation> (ND30 Phụ lục III: Tờ trình = TTr)."""
    return ky_hieu(nd30.kind_abbreviation("to_trinh"), letter_issuer(plan).abbreviation)


def letter_reference(plan: Plan) -> str:
    """'Công văn số 215/SNV-XDCQ ngày 24/11/2025 của Sở Nội vụ'; what the plan does not know is left
    blank for the văn thư to fill in ('Công văn số      /SNV-XDCQ ngày      /     /2025')."""
    letter = plan.letter
    number = f"{letter.number:02d}" if letter.number else BLANK
    issued = letter.issued
    if issued and issued.day and issued.month:
        when = f"{issued.day:02d}/{issued.month:02d}/{issued.year}"
    else:
        month = f"{issued.month:02d}" if issued and issued.month else BLANK
        when = f"{BLANK}/{month}/{issued.year if issued else plan.year - 1}"
    return f"Công văn số {number}/{letter_symbol(plan)} ngày {when} của {letter_issuer(plan).name}"


def attached_line(plan: Plan, year: int) -> str:
    """'(Kèm theo Tờ trình số      /TTr-SNV ngày      tháng      năm 2025 của Sở Nội vụ)'."""
    return (
        f"(Kèm theo Tờ trình số{BLANK}/{to_trinh_symbol(plan)} ngày{BLANK}tháng{BLANK}năm {year} "
        f"của {letter_issuer(plan).name})"
    )


def reply_clauses(facts: dict[str, int]) -> list[str]:
    """What the replies were, each clause only when its count is not nil (never "0 cơ quan, đơn vị …")."""
    out = [f"{quantity(facts['agreed'])} cơ quan, đơn vị {AGREED_PHRASE}"] if facts["agreed"] else []
    if facts["commenting"]:
        out.append(f"{quantity(facts['commenting'])} cơ quan, đơn vị có {quantity(facts['comments'])} ý kiến góp ý")
    return out


def tally_phrase(tally: dict[str, int]) -> str:
    """'tiếp thu 04 ý kiến, tiếp thu một phần 01 ý kiến, giải trình 01 ý kiến', nil answers left out."""
    parts = [
        f"{words} {quantity(tally[key])} ý kiến"
        for key, words in (("tiep_thu", "tiếp thu"), ("mot_phan", "tiếp thu một phần"), ("giai_trinh", "giải trình"))
        if tally[key]
    ]
    return ", ".join(parts)


def consultation_sentence(plan: Plan, facts: dict[str, int]) -> str:
    """'Thực hiện Công văn số …, … đã lấy ý kiến N cơ quan, đơn vị; đã nhận M văn bản …'."""
    name = letter_issuer(plan).name
    clauses = reply_clauses(facts)
    out = (
        f"Thực hiện {letter_reference(plan)} về việc {plan.letter.subject}, {name} đã gửi lấy ý kiến "
        f"{quantity(facts['asked'])} cơ quan, đơn vị; đến nay đã nhận được {quantity(facts['answered'])} văn bản góp ý"
        + (", trong đó " + " và ".join(clauses) if clauses else "")
    )
    if facts["silent"]:
        out += (
            f"; {quantity(facts['silent'])} cơ quan, đơn vị không có văn bản trả lời, được hiểu là thống nhất "
            "với nội dung dự thảo (theo công văn lấy ý kiến)"
        )
    return out + "."


def _studied(name: str, tally: dict[str, int]) -> str:
    """'Sở Nội vụ đã nghiên cứu, tiếp thu 4 ý kiến, …; còn 2 ý kiến chưa có ý kiến tiếp thu, giải trình.'"""
    done = tally_phrase(tally)
    left = f"{quantity(tally['chua'])} ý kiến chưa có ý kiến tiếp thu, giải trình" if tally["chua"] else ""
    if not done:
        return f"{name} đang nghiên cứu, {left}." if left else f"{name} đã nghiên cứu các ý kiến góp ý."
    return f"{name} đã nghiên cứu, {done}" + (f"; còn {left}." if left else ".")


def _rows(groups: list[tuple[str, list[dict[str, str]]]]) -> list[dict[str, str]]:
    """One row per comment, numbered; every row names its part (the first with its heading), so a
    group that runs onto the next page still shows which part it is about."""
    rows = []
    for label, comments in groups:
        for i, c in enumerate(comments):
            part = label if i == 0 else label.split("\n", 1)[0]
            rows.append(
                {"stt": str(len(rows) + 1), "part": part, "unit": c["unit"], "text": c["text"], "answer": c["answer"]}
            )
    return rows


def office_header(plan: Plan, symbol: str, issued: PartialDate) -> dict[str, Any]:
    """The header of a paper the drafting office (the letter's issuer) writes after the consultation."""
    return header_context(
        letter_issuer(plan), number=None, symbol=symbol, issued=issued, draft=False, default_year=issued.year
    )


def comments_table_context(
    plan: Plan,
    *,
    facts: dict[str, int],
    agreed: list[str],
    silent: list[str],
    commenting: list[str],
    groups: list[tuple[str, list[dict[str, str]]]],
    tally: dict[str, int] | None,
    made: date | None = None,
) -> dict[str, Any]:
    """The bản tổng hợp of *plan*'s consultation; *groups* are (part label, comments) in the draft's order."""
    issuer = letter_issuer(plan)
    made = made or date.today()
    # dated when the Tờ trình it goes with is signed: the văn thư fills in the day and month
    header = office_header(plan, letter_symbol(plan), PartialDate(year=made.year))
    header["so"] = ""  # a bản tổng hợp goes with the Tờ trình and has no number of its own
    blocks: list[dict[str, str]] = [{"kind": "body", "lead": "", "text": consultation_sentence(plan, facts)}]
    if tally is not None:
        blocks.append(
            {
                "kind": "body",
                "lead": "",
                "text": _studied(issuer.name, tally),
            }
        )
    number = 0

    def listing(title: str, names: list[str]) -> None:
        nonlocal number
        if not names:
            return
        number += 1
        blocks.append({"kind": "item", "lead": f"{number}. {title}", "text": ""})
        for i, name in enumerate(names):
            blocks.append({"kind": "bullet", "lead": "- ", "text": name + (";" if i < len(names) - 1 else ".")})

    listing(f"Các cơ quan, đơn vị {AGREED_PHRASE}:", agreed)
    listing("Các cơ quan, đơn vị không có văn bản trả lời (được hiểu là thống nhất với dự thảo):", silent)
    listing("Các cơ quan, đơn vị có ý kiến góp ý:", commenting)
    number += 1
    table_heading = f"{number}. Tổng hợp ý kiến góp ý và ý kiến tiếp thu, giải trình của {issuer.name}"
    signer = plan.letter.signer or plan.signer
    return {
        "kind": "comments_table",
        "draft": False,
        "header": header,
        "subject": f"đối với dự thảo Kế hoạch {lower_first(plan.title)}",
        "attached": attached_line(plan, made.year),
        "blocks": [{**block, "rows": block.get("rows", [])} for block in blocks],  # every block has rows
        "table_heading": table_heading,
        "rows": _rows(groups),
        "has_rows": bool(groups),
        "no_rows": "Không có ý kiến góp ý nào." if not groups else "",
        "signer": signer_context(signer),
        "deadline": short_date(plan.letter.deadline),
        "footnotes": {},
        "year": made.year,
    }


def with_letter(plan: Plan) -> Plan:
    """*plan* with a minimal consultation letter when it has none (for ``templates lint`` examples)."""
    if plan.letter is not None:
        return plan
    from ..model import Letter

    letter = Letter(
        subject=f"lấy ý kiến góp ý dự thảo Kế hoạch {lower_first(plan.title)}",
        recipients=["Các cơ quan, đơn vị"],
        deadline=f"15/12/{plan.year - 1}",
    )
    return plan.model_copy(update={"letter": letter})


def example_context(plan: Plan) -> dict[str, Any]:
    """A real context for ``templates lint``: two comments on one part (merged cells), one general."""
    plan = with_letter(plan)
    groups = [
        (
            "Mục I\nMục đích, yêu cầu",
            [
                {"unit": "Sở Tư pháp", "text": "Đề nghị bổ sung.", "answer": "Tiếp thu."},
                {"unit": "Sở Tài chính", "text": "Đề nghị làm rõ.", "answer": ""},
            ],
        ),
        (GENERAL_LABEL, [{"unit": "Sở Tư pháp", "text": "Rà soát chính tả.", "answer": ""}]),
    ]
    facts = {"asked": 3, "answered": 2, "agreed": 0, "commenting": 2, "comments": 3, "silent": 1}
    return comments_table_context(
        plan,
        facts=facts,
        agreed=[],
        silent=["Sở Xây dựng"],
        commenting=["Sở Tư pháp", "Sở Tài chính"],
        groups=groups,
        tally={"tiep_thu": 1, "mot_phan": 0, "giai_trinh": 0, "chua": 2},
    )
